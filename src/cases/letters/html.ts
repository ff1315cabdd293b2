// A filled letter as a self-contained web page (inline CSS, nothing fetched, every text escaped):
// the page the PDF is printed from, and a preview for the staff screens.

import { escapeHtml } from '../../render/escape.ts';
import { FONTS, PAGE_MARGINS } from '../../render/html.ts';
import type { LetterDocument } from './fill.ts';

export function renderLetterHtml(letter: LetterDocument): string {
  const paragraphs = letter.paragraphs.map((p) => `<p class="${p.role}">${escapeHtml(p.text)}</p>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(letter.title)}</title>
<style>
:root { color: #000; background: #fff; }
body { margin: 0; font-family: ${FONTS.body}; font-size: 16pt; line-height: 28.95pt; }
.letter { max-width: 156mm; margin: 0 auto; padding: 2em 1em; }
h1 { font-family: ${FONTS.title}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0; }
.number { text-align: center; margin: 0; }
.body-start { margin-top: 28.95pt; }
p { margin: 0; text-align: justify; overflow-wrap: anywhere; }
p.body, p.item { text-indent: 2em; }
.signature { margin-top: 57.9pt; text-align: right; padding-right: 4em; }
.signature p { text-align: right; }
@page { size: A4; margin: ${PAGE_MARGINS.top} ${PAGE_MARGINS.right} ${PAGE_MARGINS.bottom} ${PAGE_MARGINS.left}; }
@media print { .letter { max-width: none; margin: 0; padding: 0; } }
</style>
</head>
<body>
<main class="letter">
<h1>${escapeHtml(letter.title)}</h1>
${letter.number ? `<p class="number">${escapeHtml(letter.number)}</p>` : ''}
<div class="body-start">
${paragraphs}
</div>
<div class="signature"><p>${escapeHtml(letter.agency)}</p><p>${escapeHtml(letter.date)}</p></div>
</main>
</body>
</html>
`;
}
