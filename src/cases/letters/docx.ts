// A filled letter as a Word document in the layout of official documents (GB/T 9704), with the
// typography of the report renderer: title in 小标宋 二号, 文号 and text in 仿宋 三号 on the
// fixed line, salutation flush left, agency and date at the right.

import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { FONT, LINE, MARGIN, PAGE, SIZE, fonts, mm, pt, type FontSpec } from '../../render/docx-style.ts';
import { printable } from '../../render/escape.ts';
import type { LetterDocument } from './fill.ts';

const EM = SIZE.body * 20;
const SPACING = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function text(t: string, font: FontSpec = FONT.body, size: number = SIZE.body): TextRun {
  return new TextRun({ text: printable(t), font: fonts(font), size: pt(size) });
}

export async function renderLetterDocx(letter: LetterDocument): Promise<Uint8Array> {
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: mm(12.5), lineRule: LineRuleType.EXACT, before: 0, after: letter.number ? 0 : LINE }, children: [text(letter.title, FONT.title, SIZE.title)] }),
  ];
  if (letter.number) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...SPACING, after: LINE }, children: [text(letter.number)] }));
  for (const p of letter.paragraphs) {
    children.push(
      new Paragraph({
        alignment: p.role === 'salutation' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
        indent: p.role === 'salutation' ? {} : { firstLine: 2 * EM, firstLineChars: 200 },
        spacing: SPACING,
        children: [text(p.text)],
      }),
    );
  }
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * EM }, spacing: { ...SPACING, before: LINE * 2 }, keepNext: true, children: [text(letter.agency)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * EM }, spacing: SPACING, children: [text(letter.date)] }),
  );
  const doc = new Document({
    title: letter.title,
    creator: 'Gongkai',
    styles: { default: { document: { run: { font: fonts(FONT.body), size: pt(SIZE.body), language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
