// Structured hostile inputs for the fuzzer: genuine documents (the fixtures, generated reports)
// changed the ways attackers and broken tools change them — bytes flipped, ranges cut, repeated
// and moved, numbers pushed to extremes, markup nested and left open, encodings mixed — each kind
// of reader by its own structure (XML parts inside the Word package, streams inside the .doc
// compound file, tokens of PDF content).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import CFB from 'cfb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { encodeGb18030 } from '../support/encode.ts';
import { generateReport } from '../support/generate.ts';
import { LAYOUTS, renderReport } from '../support/layouts.ts';
import { writePdf } from '../support/pdf-writer.ts';
import type { Source } from '../support/random.ts';
import { ROOT } from '../support/seeds.ts';

const fixture = (kind: string, file: string) => readFileSync(resolve(ROOT, 'test/fixtures', kind, file));
const SEEDS = {
  html: ['heting-scjg-2021.html', 'shidi-town-2023.html', 'yunxiu-zrzy-2022.html'].map((f) => fixture('html', f)),
  docx: ['word-merged.docx', 'word-split.docx', 'word-revisions.docx', 'heting-scjg-2021.docx'].map((f) => fixture('docx', f)),
  doc: ['word-merged.doc', 'word-split.doc', 'word-revisions.doc', 'heting-scjg-2021.doc'].map((f) => fixture('doc', f)),
  pdf: ['heting-scjg-2021.pdf', 'qinghe-scjg-2023.pdf'].map((f) => fixture('pdf', f)),
};

/** Values that break arithmetic and bounds (little-endian 32-bit). */
const INTERESTING32 = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x3fffff, 512, 4096];

/** Byte-level changes to `b`: 1–8 of flips, interesting values, cuts, repeats, moves, truncation. */
export function mutateBytes(b: Uint8Array, src: Source): Uint8Array {
  let cur = Buffer.from(b);
  const n = src.int(1, 8);
  for (let k = 0; k < n && cur.length > 0; k++) {
    const at = src.int(0, cur.length - 1);
    switch (src.int(0, 6)) {
      case 0:
        cur[at] ^= 1 << src.int(0, 7);
        break;
      case 1:
        if (at + 4 <= cur.length) cur.writeUInt32LE(src.pick(INTERESTING32) >>> 0, at);
        break;
      case 2: {
        const len = src.int(1, Math.min(4096, cur.length - at));
        cur = Buffer.concat([cur.subarray(0, at), cur.subarray(at + len)]);
        break;
      }
      case 3: {
        const len = src.int(1, Math.min(256, cur.length - at));
        const times = src.pick([2, 10, 1000, 20_000]);
        const piece = cur.subarray(at, at + len);
        cur = Buffer.concat([cur.subarray(0, at), ...Array.from({ length: times }, () => piece), cur.subarray(at)]);
        break;
      }
      case 4: {
        const from = src.int(0, cur.length - 1);
        const len = src.int(1, Math.min(512, cur.length - from));
        cur = Buffer.concat([cur.subarray(0, at), cur.subarray(from, from + len), cur.subarray(at)]);
        break;
      }
      case 5:
        cur = cur.subarray(0, at);
        break;
      default:
        cur[at] = src.pick([0, 0xff, 0x3c, 0x3e, 0x22, 0x0a, 0x80]);
    }
  }
  return cur;
}

/** Markup fragments that strain XML and HTML readers. */
const XML_FRAGMENTS = [
  '<w:tbl><w:tr><w:tc><w:p>', '</w:p></w:tc></w:tr></w:tbl>', '<w:r><w:fldChar w:fldCharType="begin"/></w:r>', '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
  '<w:r><w:instrText> TOC \\o </w:instrText></w:r>', '<w:gridSpan w:val="999999"/>', '<w:vMerge/>', '<w:p w:x="', '"', "'", '>', '<', '&#0;', '&#x110000;', '&lol;',
  '<w:txbxContent><w:p>', '<w:tblPr><w:tblW w:w="0"/>', '<![CDATA[', '<!--', '<?pi ', '<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>',
  '<w:r><w:t>9007199254740993</w:t></w:r>', '<w:r><w:t>-0</w:t></w:r>', '<w:br/>'.repeat(50),
];
const HTML_FRAGMENTS = [
  '<table>', '</table>', '<tr>', '<td colspan="1000">', '<td rowspan="65534">', '<div>'.repeat(200), '<p>', '<br>', '<!--', '<script>', '<style>',
  '<meta charset="big5">', '<meta charset="utf-16">', '&#0;', '&#xD800;', '<td>9'.repeat(30) + '9</td>', '<td>-0</td>', '<td>1e400</td>', '\u0000', '<svg><foreignObject>',
];

function insertFragments(text: string, fragments: string[], src: Source): string {
  let cur = text;
  const n = src.int(1, 6);
  for (let k = 0; k < n; k++) {
    const at = src.int(0, cur.length);
    const frag = src.pick(fragments);
    const times = src.pick([1, 1, 3, 100, 5000]);
    cur = cur.slice(0, at) + frag.repeat(times) + cur.slice(at);
  }
  return cur;
}

/** A Word package with its XML parts changed as text and packed again (stored or deflated). */
export function mutateDocx(src: Source): Uint8Array {
  const files = unzipSync(src.pick(SEEDS.docx));
  const names = Object.keys(files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
  const target = src.chance(0.7) ? 'word/document.xml' : src.pick(names);
  if (files[target]) {
    const text = strFromU8(files[target]);
    files[target] = strToU8(src.chance(0.8) ? insertFragments(text, XML_FRAGMENTS, src) : strFromU8(mutateBytes(strToU8(text), src)));
  }
  const zipped = zipSync(files, { level: src.pick([0, 6] as const) });
  return src.chance(0.2) ? mutateBytes(zipped, src) : zipped;
}

/** A .doc with one of its streams changed (the table stream most often: it holds the structures). */
export function mutateDoc(src: Source): Uint8Array {
  const seed = src.pick(SEEDS.doc);
  if (src.chance(0.2)) return mutateBytes(seed, src);
  const cfb = CFB.read(seed, { type: 'buffer' });
  const names = ['1Table', '0Table', 'WordDocument', 'Data'].filter((n) => CFB.find(cfb, n));
  const name = src.chance(0.6) && names.includes('1Table') ? '1Table' : src.pick(names);
  const e = CFB.find(cfb, name)!;
  const content = mutateBytes(e.content as Uint8Array, src);
  e.content = Buffer.from(content);
  e.size = content.length;
  return CFB.write(cfb, { type: 'buffer' }) as Uint8Array;
}

/** PDF content operators that strain the reader. */
const PDF_OPS = [
  'q '.repeat(5000), 'Q '.repeat(5000), '0 0 m 1e30 1e30 l S ', '1 0 0 1 0 0 cm '.repeat(1000), 'BT /F1 1e-30 Tf (x) Tj ET', 'BT /F1 12 Tf 3 Tr (hidden) Tj ET',
  'BT /F1 12 Tf 0 0 0 0 0 0 Tm (9007199254740993) Tj ET', '0 0 595 842 re f '.repeat(2000), 'BT (unbalanced Tj ET', 'BT /F2 12 Tf <d8d8d8d8> Tj ET', '/X Do ',
];

/** A PDF written with its content changed (operators, numbers), or a fixture's bytes changed. */
export function mutatePdf(src: Source): Uint8Array {
  if (src.chance(0.4)) return mutateBytes(src.pick(SEEDS.pdf), src);
  const pages = Array.from({ length: src.int(1, 3) }, () => [
    { kind: 'text' as const, x: 72, y: 72, size: 14, text: '某某县教育局2023年政府信息公开工作年度报告', cjk: true },
    { kind: 'raw' as const, content: Array.from({ length: src.int(1, 4) }, () => src.pick(PDF_OPS)).join('\n') },
    { kind: 'line' as const, x0: 72, y0: 100, x1: 500, y1: 100 },
  ]);
  const bytes = writePdf(pages, { compress: src.chance(0.5) });
  return src.chance(0.3) ? mutateBytes(bytes, src) : bytes;
}

/** An HTML page (fixture) with markup fragments inserted, or its bytes changed. */
export function mutateHtml(src: Source): Uint8Array {
  const seed = src.pick(SEEDS.html);
  if (src.chance(0.3)) return mutateBytes(seed, src);
  return strToU8(insertFragments(seed.toString('utf8'), HTML_FRAGMENTS, src));
}

/** Text lines that break number reading and memory. */
const TEXT_LINES = ['9'.repeat(400), '9007199254740993', '-0', '1e308', '０'.repeat(50), '\u0000\u0001', '一、总体情况', '（七）总计', '\t'.repeat(1000), '一'.repeat(100_000), 'a\n'.repeat(50_000)];

/** A generated report as text, with extreme lines, repeats, control characters and lines in another encoding. */
export function mutateText(src: Source): Uint8Array {
  const rendered = renderReport(generateReport(src.int(0, 1e9)), src.pick(LAYOUTS), src.int(0, 1e9)).text;
  const lines = rendered.split('\n');
  const n = src.int(1, 6);
  for (let k = 0; k < n; k++) {
    const at = src.int(0, lines.length);
    lines.splice(at, 0, ...Array.from({ length: src.pick([1, 1, 10, 200]) }, () => src.pick(TEXT_LINES)));
  }
  if (src.chance(0.3)) {
    // One line in GBK inside UTF-8 (a pasted sentence), or the whole text in GBK.
    const whole = src.chance(0.3);
    const parts = whole ? [lines.join('\n')] : [lines.slice(0, 5).join('\n'), lines.slice(5).join('\n')];
    try {
      const enc = parts.map((p, i) => (whole || i === 0 ? encodeGb18030(p) : strToU8(p)));
      return Buffer.concat(enc.flatMap((e, i) => (i ? [Buffer.from('\n'), Buffer.from(e)] : [Buffer.from(e)])));
    } catch {
      // a character GBK lacks: keep UTF-8
    }
  }
  const bytes = strToU8(lines.join(src.chance(0.2) ? '\r' : '\n'));
  return src.chance(0.3) ? mutateBytes(bytes, src) : bytes;
}

/** An interchange report (from a generated text's parse) with keys and values made hostile. */
export function mutateJson(src: Source, report: unknown): Uint8Array {
  const r = structuredClone(report) as Record<string, unknown>;
  const tables = r.tables as Record<string, Record<string, Record<string, unknown>>>;
  const t = src.pick(Object.keys(tables));
  const row = src.pick(Object.keys(tables[t]));
  const value = src.pick<unknown>([Infinity, -0, 2 ** 53 + 2, '12', null, [], {}, 'x'.repeat(100_000), -1, 0.5]);
  let text = JSON.stringify(r);
  const key = src.pick(['__proto__', 'constructor', 'prototype', 'toString', '']);
  const literal = value === Infinity ? '1' + '0'.repeat(400) : Object.is(value, -0) ? '-0' : (JSON.stringify(value) ?? 'null');
  text = text.replace(`"${row}":{`, `"${row}":{"${key}":${literal},`);
  if (src.chance(0.3)) text = text.slice(0, src.int(0, text.length));
  if (src.chance(0.2)) text = text.replace('"tables":', `"tables":${'['.repeat(src.pick([10, 10_000]))}`);
  return strToU8(text);
}
