// The report as a web page for a portal's 年报 column: one self-contained HTML file (inline CSS,
// no scripts, no fonts or images fetched), semantic tables with the national layout's merged
// cells, and print styles for A4 in the layout of official documents. The PDF is this page
// printed by a headless browser.

import type { Report } from '../interchange/types.ts';
import { getFormat } from '../model/load.ts';
import { columnWeights } from './column-widths.ts';
import { documentParts, type DocPart } from './document.ts';
import { escapeHtml } from './escape.ts';
import type { LayoutCell, TableLayoutGrid } from './table-layout.ts';

export interface HtmlOptions {
  /** A draft: watermarked 草稿 on screen and on every printed page. */
  draft?: boolean | undefined;
  /**
   * Page numbers — 1 — printed by the page's own CSS (default true). The PDF renderer turns this
   * off and prints them in the browser's footer instead.
   */
  cssPageNumbers?: boolean;
}

// Font stacks: the fonts of official documents first (as installed on Windows offices), then
// free equivalents from Debian packages, then the generic family. Nothing is fetched. TrueType
// fonts (AR PL, WenQuanYi) come before Noto CJK: Chromium embeds TrueType outlines in a PDF as
// real fonts, but CFF-based fonts such as Noto CJK only as Type 3 glyph drawings.
export const FONTS = {
  title: `"GK Latin", "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun", "AR PL UMing CN", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  body: `"GK Latin", "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "AR PL UMing CN", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  hei: `"黑体", "SimHei", "STHeiti", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`,
  kai: `"GK Latin", "楷体_GB2312", "楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "LXGW WenKai", "AR PL UMing CN", "Noto Serif CJK SC", serif`,
  table: `"GK Latin", "宋体", "SimSun", "AR PL UMing CN", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
};

/** A4 with the margins of GB/T 9704 (版心 156 mm × 225 mm). */
export const PAGE_MARGINS = { top: '37mm', right: '26mm', bottom: '35mm', left: '28mm' };

// Latin letters and digits in Times New Roman (or its metric twin), as official documents print
// them; CJK punctuation such as “ ” stays with the CJK font. local() only: nothing is fetched.
const LATIN_FACE = `@font-face { font-family: "GK Latin"; src: local("Times New Roman"), local("TimesNewRomanPSMT"), local("Liberation Serif"), local("LiberationSerif"); unicode-range: U+0020-007E, U+00A0-00FF; }`;

// Print rules worth knowing: the watermark's slight blur makes browsers draw it as an image, so
// it stays out of the PDF's text layer (copying text or reading the PDF back never picks up the
// watermark inside a table). A table never starts at the foot of a page with only its top border
// and never leaves its header alone; rows are never split, but labels spanning many rows
// (三、本年度办理结果) continue on the next page instead of pushing the whole block over.
function stylesheet(opts: HtmlOptions): string {
  const pageNumbers = opts.cssPageNumbers !== false ? `\n  @bottom-center { content: "— " counter(page) " —"; font-family: ${FONTS.table}; font-size: 14pt; }` : '';
  return `
${LATIN_FACE}
:root { color: #000; background: #fff; }
body { margin: 0; font-family: ${FONTS.body}; font-size: 16pt; line-height: 1.75; }
.report { max-width: 156mm; margin: 0 auto; padding: 2em 1em 3em; }
h1 { font-family: ${FONTS.title}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; text-wrap: balance; }
h2 { font-family: ${FONTS.hei}; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0.2em; text-indent: 2em; }
h3 { font-family: ${FONTS.kai}; font-size: 16pt; font-weight: normal; margin: 0.4em 0 0.2em; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.6em 0 1em; font-family: ${FONTS.table}; font-size: 10.5pt; line-height: 1.35; }
table.wide { font-size: 9pt; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border: 1px solid #000; padding: 0.25em 0.3em; vertical-align: middle; text-align: center; font-weight: normal; overflow-wrap: anywhere; }
th[scope="row"] { text-align: left; }
td.value { white-space: nowrap; overflow-wrap: normal; }
.table-scroll { overflow-x: auto; }
@media screen { table { min-width: 34em; } table.wide { min-width: 44em; } }
td.note { font-size: 0.9em; text-align: left; }
thead { display: table-header-group; }
tr, th, td { break-inside: avoid; }
tr:has(> th[scope="rowgroup"]), th[scope="rowgroup"] { break-inside: auto; }
tr:first-child { break-before: avoid; }
thead tr, tr.head { break-after: avoid; }
.signature { margin-top: 2em; text-align: right; padding-right: 2em; }
.signature p { text-indent: 0; text-align: right; }
.draft-notice { font-family: ${FONTS.hei}; color: #b00; text-indent: 0; text-align: center; margin-bottom: 1em; }
.watermark { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; pointer-events: none; z-index: -1; }
.watermark span { font-family: ${FONTS.hei}; font-size: 120pt; color: rgba(200, 0, 0, 0.22); filter: blur(0.4px); transform: rotate(-35deg); white-space: nowrap; user-select: none; }
@page { size: A4; margin: ${PAGE_MARGINS.top} ${PAGE_MARGINS.right} ${PAGE_MARGINS.bottom} ${PAGE_MARGINS.left};${pageNumbers}
}
@media print {
  .report { max-width: none; margin: 0; padding: 0; }
  body { line-height: 28pt; }
  h2, h3 { break-after: avoid; }
  .signature { break-inside: avoid; }
}
`;
}

function cellHtml(cell: LayoutCell): string {
  const spans = (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '') + (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '');
  const text = escapeHtml(cell.text);
  switch (cell.kind) {
    case 'value':
      return `<td class="value"${spans}>${text}</td>`;
    case 'note':
      return `<td class="note"${spans}>${text}</td>`;
    default:
      return `<th scope="${cell.scope ?? 'col'}"${spans}>${text}</th>`;
  }
}

function tableHtml(layout: TableLayoutGrid, caption: string): string {
  // The text block is 156 mm: about 42 em of 10.5 pt, 49 em of 9 pt (wide tables), less padding.
  const weights = columnWeights(layout, layout.columns > 12 ? 47 : 40);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cols = weights.map((w) => `<col style="width:${((100 * w) / sum).toFixed(2)}%">`).join('');
  // Rows of headers only (表二's group label and column headers) stay with the row after them.
  const rows = layout.rows.map((line) => `<tr${line.some((c) => c.kind === 'value') ? '' : ' class="head"'}>${line.map(cellHtml).join('')}</tr>`);
  const head = layout.headerRows > 0 ? `<thead>\n${rows.slice(0, layout.headerRows).join('\n')}\n</thead>\n` : '';
  const body = `<tbody>\n${rows.slice(layout.headerRows).join('\n')}\n</tbody>`;
  const cls = layout.columns > 12 ? ' class="wide"' : '';
  return `<div class="table-scroll">\n<table${cls} data-table="${escapeHtml(layout.table.id)}">\n<caption>${escapeHtml(caption)}</caption>\n<colgroup>${cols}</colgroup>\n${head}${body}\n</table>\n</div>`;
}

function partHtml(part: DocPart, report: Report): string {
  switch (part.kind) {
    case 'title':
      return `<h1>${escapeHtml(part.text)}</h1>`;
    case 'heading':
      return part.level === 1 ? `<h2>${escapeHtml(part.text)}</h2>` : `<h3>${escapeHtml(part.text)}</h3>`;
    case 'paragraph':
      return `<p>${escapeHtml(part.text)}</p>`;
    case 'table': {
      const format = getFormat(report.format);
      // Not the bare part title: a reader taking the caption for a line of text must not see a
      // second heading of the part in it.
      return tableHtml(part.layout, `${part.layout.table.name}　${format.section(part.layout.table.section).label}统计表`);
    }
    case 'signature': {
      const lines = [part.agency, part.date].filter((x): x is string => !!x);
      return lines.length ? `<div class="signature">\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n</div>` : '';
    }
  }
}

/** The report as one self-contained HTML page (UTF-8). */
export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const parts = documentParts(report);
  const title = parts[0].kind === 'title' ? parts[0].text : '政府信息公开工作年度报告';
  const body = parts.map((p) => partHtml(p, report)).filter(Boolean);
  const draft = opts.draft
    ? `<div class="watermark" aria-hidden="true"><span>草稿</span></div>\n<p class="draft-notice" role="note">草稿　未经发布核查，不得作为正式文本发布</p>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Gongkai">
<title>${escapeHtml(opts.draft ? `【草稿】${title}` : title)}</title>
<style>${stylesheet(opts)}</style>
</head>
<body${opts.draft ? ' class="draft"' : ''}>
${draft}<main class="report">
${body.join('\n')}
</main>
</body>
</html>
`;
}
