// A tiny PDF writer for tests: pages with text placed exactly (glyph by glyph if wanted), stroked
// lines and filled rectangles. Latin text uses the standard Helvetica font; Chinese text uses the
// non-embedded Adobe font STSong-Light through the predefined CMap UniGB-UCS2-H, which a reader
// can only decode with the packaged CJK character maps. Coordinates are in points from the top
// left of an A4 page (the writer flips them into PDF's bottom-up space).

import { deflateSync } from 'node:zlib';

export const PAGE_WIDTH = 595;
export const PAGE_HEIGHT = 842;

export type PdfOp =
  | { kind: 'text'; x: number; y: number; size: number; text: string; cjk?: boolean; /** Raw text matrix (PDF space), instead of x/y. */ matrix?: number[] }
  | { kind: 'line'; x0: number; y0: number; x1: number; y1: number; width?: number }
  | { kind: 'fill'; x: number; y: number; w: number; h: number }
  /** Content stream operators written as they are. */
  | { kind: 'raw'; content: string };

/** Width of a Helvetica digit (and of most glyphs used in tests) in em. */
export const DIGIT_EM = 0.556;

function ascii(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`);
}

function ucs2Hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

function content(ops: PdfOp[]): string {
  const out: string[] = [];
  for (const op of ops) {
    if (op.kind === 'text') {
      const y = PAGE_HEIGHT - op.y;
      const font = op.cjk ? '/F2' : '/F1';
      const str = op.cjk ? `<${ucs2Hex(op.text)}>` : `(${ascii(op.text)})`;
      const tm = op.matrix ? op.matrix.join(' ') : `1 0 0 1 ${op.x.toFixed(2)} ${y.toFixed(2)}`;
      out.push(`BT ${font} ${op.size} Tf ${tm} Tm ${str} Tj ET`);
    } else if (op.kind === 'line') {
      out.push(`${op.width ?? 0.5} w ${op.x0} ${PAGE_HEIGHT - op.y0} m ${op.x1} ${PAGE_HEIGHT - op.y1} l S`);
    } else if (op.kind === 'fill') {
      out.push(`${op.x} ${PAGE_HEIGHT - op.y - op.h} ${op.w} ${op.h} re f`);
    } else {
      out.push(op.content);
    }
  }
  return out.join('\n');
}

/**
 * A complete PDF file with one page per entry of `pages` (`rotate`: the pages' /Rotate;
 * `compress`: content streams deflated, as most producers write them).
 */
export function writePdf(pages: PdfOp[][], options: { rotate?: number; compress?: boolean } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const helvetica = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const descriptor = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const cidFont = add(
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] /FontDescriptor ${descriptor} 0 R >>`,
  );
  const song = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
  const kids: number[] = [];
  for (const ops of pages) {
    const text = content(ops);
    const stream = options.compress ? deflateSync(Buffer.from(text, 'latin1')).toString('latin1') : text;
    const filter = options.compress ? ' /Filter /FlateDecode' : '';
    const contents = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')}${filter} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}]${options.rotate ? ` /Rotate ${options.rotate}` : ''} /Resources << /Font << /F1 ${helvetica} 0 R /F2 ${song} 0 R >> >> /Contents ${contents} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

/** Text ops drawing `text` one glyph at a time, each glyph `gapEm` after the previous one ends. */
export function glyphByGlyph(text: string, x: number, y: number, size: number, gapEm: number): PdfOp[] {
  const ops: PdfOp[] = [];
  let at = x;
  for (const ch of text) {
    ops.push({ kind: 'text', x: at, y, size, text: ch });
    at += (DIGIT_EM + gapEm) * size;
  }
  return ops;
}
