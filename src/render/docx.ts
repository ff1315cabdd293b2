// The report as a Word document in the layout of Chinese official documents (GB/T 9704): A4 with
// the standard margins, title in 小标宋 二号, body in 仿宋 三号 on a fixed 28.95 pt line, 一、
// headings in 黑体 and （一） headings in 楷体, page numbers “— 1 —” in 宋体 四号 (odd pages right,
// even pages left), the three tables with the official merged header cells, and the agency and
// date at the end. Drafts carry a 草稿 watermark behind the text of every page.
//
// Formatting lives in named paragraph styles (标题, 标题 1, 标题 2, 公文正文, 表格文字), as an office
// would set up its template, so the file stays easy to edit. Fonts are named, not embedded; the
// font table gives each its common fallback (仿宋_GB2312 → 仿宋) for Word.

import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
  type IBaseParagraphStyleOptions,
  type IParagraphStyleOptions,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { Report } from '../interchange/types.ts';
import { textWidth } from './docx-columns.ts';
import { FONT, LINE, MARGIN, PAGE, SIZE, TEXT_WIDTH, fonts, mm, pt, run } from './docx-style.ts';
import { TABLE_STYLES, docxTable } from './docx-table.ts';
import { documentParts, type DocPart } from './document.ts';

export interface DocxOptions {
  /** A draft: every page carries a 草稿 watermark. */
  draft?: boolean;
}

/** One em of body text, in twips. */
const EM = SIZE.body * 20;

/** Text paragraphs: justified, two characters of first-line indent, on the fixed line. */
const TEXT_PARAGRAPH = {
  alignment: AlignmentType.JUSTIFIED,
  indent: { firstLine: 2 * EM, firstLineChars: 200 },
  spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
};

const HEADING = (font: typeof FONT.heading1 | typeof FONT.heading2): IBaseParagraphStyleOptions => ({
  run: { font: fonts(font), size: pt(SIZE.body) },
  paragraph: { ...TEXT_PARAGRAPH, keepNext: true, keepLines: true },
});

const STYLES = {
  default: {
    // Body text is the document default: 仿宋_GB2312 三号.
    document: { run: { font: fonts(FONT.body), size: pt(SIZE.body), language: { value: 'zh-CN', eastAsia: 'zh-CN' } } },
    title: {
      run: { font: fonts(FONT.title), size: pt(SIZE.title) },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { line: mm(12.5), lineRule: LineRuleType.EXACT, before: 0, after: LINE }, keepNext: true },
    },
    heading1: HEADING(FONT.heading1),
    heading2: HEADING(FONT.heading2),
  },
  paragraphStyles: [{ id: 'BodyText', name: '公文正文', basedOn: 'Normal', quickFormat: true, paragraph: TEXT_PARAGRAPH }, ...TABLE_STYLES] as IParagraphStyleOptions[],
};

const TITLE_TAIL = '政府信息公开工作年度报告';
/** Characters of 二号 that fit on one line of the text block. */
const TITLE_LINE_CHARS = Math.floor(TEXT_WIDTH / (SIZE.title * 20));

function title(text: string): Paragraph {
  // A title too long for one line breaks before 政府信息公开工作年度报告, as agencies print it.
  const split = textWidth(text) > TITLE_LINE_CHARS && text.endsWith(TITLE_TAIL) && text.length > TITLE_TAIL.length;
  const lines = split ? [text.slice(0, -TITLE_TAIL.length), TITLE_TAIL] : [text];
  return new Paragraph({ heading: HeadingLevel.TITLE, children: lines.map((t, i) => new TextRun({ text: t, ...(i > 0 ? { break: 1 } : {}) })) });
}

function heading(level: 1 | 2, text: string, before: number): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    ...(before ? { spacing: { before } } : {}),
    children: [new TextRun(text)],
  });
}

/**
 * A paragraph that opens with a run-in （一） heading — a short clause without figures, ending in 。
 * (（三）聚焦信息管理，实现规范有序。) — prints that heading in 楷体.
 */
const RUN_IN_HEADING = /^([（(][一二三四五六七八九十]+[)）][^。；：\d]{1,24}。)(.+)$/s;

function paragraph(text: string, before: number): Paragraph {
  const m = RUN_IN_HEADING.exec(text);
  return new Paragraph({
    style: 'BodyText',
    ...(before ? { spacing: { before } } : {}),
    children: m ? [new TextRun({ text: m[1], font: fonts(FONT.heading2) }), new TextRun(m[2])] : [new TextRun(text)],
  });
}

/**
 * Agency and date, right-aligned as GB/T 9704 places them on a document without seal: a blank line
 * below the text, the agency two characters in from the right, the date on the next line starting
 * two characters right of the agency's first character; a date longer than that keeps two
 * characters from the right and pushes the agency left instead.
 */
function signature(agency: string | null, date: string | null): Paragraph[] {
  const a = agency ? textWidth(agency) : 0;
  const d = date ? textWidth(date) : 0;
  const dateRight = agency && date && d < a - 2 ? 2 + (a - 2 - d) : 2;
  const agencyRight = agency && date && d >= a - 2 ? 2 + d + 2 - a : 2;
  const lines = [...(agency ? [{ text: agency, right: agencyRight }] : []), ...(date ? [{ text: date, right: dateRight }] : [])];
  return lines.map(
    (line, i) =>
      new Paragraph({
        style: 'BodyText',
        alignment: AlignmentType.RIGHT,
        indent: { firstLine: 0, firstLineChars: 0, right: Math.round(line.right * EM) },
        ...(i === 0 ? { spacing: { before: LINE } } : {}),
        ...(i < lines.length - 1 ? { keepNext: true } : {}),
        children: [new TextRun(line.text)],
      }),
  );
}

function body(parts: DocPart[]): FileChild[] {
  const out: FileChild[] = [];
  // What follows a table stands half a line below it.
  let before = 0;
  for (const part of parts) {
    switch (part.kind) {
      case 'title':
        out.push(title(part.text));
        break;
      case 'heading':
        out.push(heading(part.level, part.text, before));
        break;
      case 'paragraph':
        out.push(paragraph(part.text, before));
        break;
      case 'table':
        out.push(docxTable(part.layout));
        break;
      case 'signature':
        out.push(...signature(part.agency, part.date));
        break;
    }
    before = part.kind === 'table' ? Math.round(LINE / 2) : 0;
  }
  return out;
}

/** “— 1 —”, one character in from the outer edge: right on odd pages, left on even pages. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const indent = SIZE.pageNumber * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: indent } : { left: indent },
        children: [run('', FONT.pageNumber, SIZE.pageNumber, { children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/** 草稿 across the page, light grey, behind the text (Word's own watermark, in the page header). */
function watermarkHeader(): Header {
  return new Header({
    children: [new Paragraph({ children: [new TextWatermark({ text: '草稿', font: FONT.heading1.name, color: 'C0C0C0', opacity: 0.5 })] })],
  });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The font table, naming each font with its fallback (w:altName) and the GB2312 character set, as
 * Word itself writes it for Chinese documents; Word substitutes a missing font by these.
 */
function fontTable(): string {
  const entries = Object.values(FONT)
    .map((f) => `<w:font w:name="${escapeXml(f.name)}"><w:altName w:val="${escapeXml(f.alt)}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries}</w:fonts>`
  );
}

/** The report as a .docx file. */
export async function renderDocx(report: Report, options: DocxOptions = {}): Promise<Uint8Array> {
  const parts = documentParts(report);
  const doc = new Document({
    title: parts.find((p) => p.kind === 'title')?.text ?? '',
    creator: 'Gongkai',
    evenAndOddHeaderAndFooters: true,
    styles: STYLES,
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: mm(15), footer: mm(22) } } },
        ...(options.draft ? { headers: { default: watermarkHeader(), even: watermarkHeader() } } : {}),
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: body(parts),
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTable() }]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
