// Text, web page and interchange JSON cases: memory (millions of short lines), encodings mixed by
// copy and paste or declared wrongly, numbers no count can be, markup in names, schema abuse.

import { readFileSync } from 'node:fs';
import { encodeGb18030 } from '../../support/encode.ts';
import { FIXTURE_HTML, FIXTURE_TEXT } from './sources.ts';

const fixtureText = () => readFileSync(FIXTURE_TEXT, 'utf8');

/** `lines` lines of one digit: 8 MB of them are just under the text limit. */
export function shortLines(lines: number): Uint8Array {
  return Buffer.from('1\n'.repeat(lines));
}

/** The fixture report in UTF-8 with three bytes replaced by bytes UTF-8 never has. */
export function utf8WithBadBytes(): Uint8Array {
  const b = Buffer.from(readFileSync(FIXTURE_TEXT));
  // inside three words of the narrative (not a heading, a name or a number)
  for (const word of ['食品药品安全', '特种设备', '保密审查']) {
    const at = b.indexOf(word);
    if (at < 0) throw new Error(`fixture changed: no ${word}`);
    b[at + 1] = 0xff;
  }
  return b;
}

/** The fixture report in UTF-8 with one sentence pasted in GBK before its first table. */
export function utf8WithGbkSentence(): Uint8Array {
  const lines = fixtureText().split('\n');
  const at = Math.min(4, lines.length);
  return Buffer.concat([
    Buffer.from(lines.slice(0, at).join('\n') + '\n'),
    Buffer.from(encodeGb18030('本机关认真贯彻落实《中华人民共和国政府信息公开条例》的各项要求。')),
    Buffer.from('\n' + lines.slice(at).join('\n')),
  ]);
}

/** The fixture report with a cell of the applications table replaced by `value`. */
export function reportWithCell(value: string): Uint8Array {
  const text = fixtureText();
  const out = text.replace(/(本年新收政府信息公开申请数量\s+)(\d+)/, (_, label: string) => label + value);
  if (out === text) throw new Error('fixture changed: no 本年新收 row');
  return Buffer.from(out);
}

/** The fixture report with a row printing two numbers and a run of `digits` digits (fewer values than cells). */
export function rowWithLongRun(digits: number): Uint8Array {
  const text = fixtureText();
  const out = text.replace(/(本年新收政府信息公开申请数量)[^\n]*/, (_, label: string) => `${label} 11 2 ${'1'.repeat(digits)}`);
  if (out === text) throw new Error('fixture changed: no 本年新收 row');
  return Buffer.from(out);
}

/** The fixture web page in GBK, declaring big5. */
export function gbkPageDeclaringBig5(): Uint8Array {
  const html = readFileSync(FIXTURE_HTML, 'utf8').replace(/<meta charset="utf-8">/i, '<meta charset="big5">');
  if (!html.includes('charset="big5"')) throw new Error('fixture changed: no <meta charset="utf-8">');
  return encodeGb18030(html);
}

/** A web page whose table has `rows` empty rows. */
export function emptyRows(rows: number): Uint8Array {
  return Buffer.from(`<html><body><p>某某局2023年政府信息公开工作年度报告</p><table>${'<tr></tr>'.repeat(rows)}</table></body></html>`);
}

/** The fixture report with markup in its agency's name and its narrative (for rendering). */
export function reportWithMarkup(): Uint8Array {
  const text = fixtureText().replace('鹤汀县市场监督管理局', '鹤汀县<script>alert(1)</script>市场监督管理局');
  return Buffer.from(text + '\n<iframe src="https://example.invalid"></iframe> <img src=x onerror=alert(1)> [点此](javascript:alert(1))\n');
}

/** An interchange report with `key` inside a table row (the JSON of a real parse, edited as text). */
export function interchangeWith(report: string, edit: (json: string) => string): Uint8Array {
  return Buffer.from(edit(report));
}
