// PDF cases: small files whose streams unpack to gigabytes through filter chains (Flate twice,
// ASCIIHex then Flate, LZW, run-length), in page content, a font program or an object stream; an
// image that lies about its size and is drawn as page content; text-only documents with little
// text (not scans).

import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { writePdf } from '../../support/pdf-writer.ts';

type Obj = string | Buffer;

/** A PDF file from its objects (numbered from 1; object 1 is the catalog). */
export function pdfFile(objects: Obj[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(at);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    at += b.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) xref += `${String(off).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** A stream object with dictionary entries `dict` (without /Length) and data `data`. */
export function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

/**
 * A zlib stream that inflates to `mb` megabytes of zeros, built without making them: one
 * megabyte deflated as a non-final block, repeated, then an empty final block. (The checksum at
 * the end is left zero: the data is refused long before a reader gets there.)
 */
export function zerosFlate(mb: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: mb }, () => block), end, Buffer.alloc(4)]);
}

/** One page whose content stream is `content` (a stream object's bytes), with a Helvetica font. */
function onePage(content: Buffer, extra: Obj[] = [], resources = '/Font << /F1 3 0 R >>'): Uint8Array {
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << ${resources} >> /Contents 5 0 R >>`,
    content,
    ...extra,
  ]);
}

/** A content stream compressed twice ([/FlateDecode /FlateDecode]) that unpacks to `mb` MB. */
export function doubleFlate(mb: number): Uint8Array {
  return onePage(stream('/Filter [/FlateDecode /FlateDecode]', deflateSync(zerosFlate(mb), { level: 9 })));
}

/** A content stream in hexadecimal, then Flate ([/ASCIIHexDecode /FlateDecode]), unpacking to `mb` MB. */
export function hexFlate(mb: number): Uint8Array {
  return onePage(stream('/Filter [/AHx /Fl]', Buffer.from(zerosFlate(mb).toString('hex') + '>', 'latin1')));
}

/** A TrueType font program (/FontFile2) that unpacks to `mb` MB, used by the page's text. */
export function fontBomb(mb: number): Uint8Array {
  return onePage(
    stream('', Buffer.from('BT /F9 12 Tf 72 720 Td (2023) Tj ET', 'latin1')),
    [
      '<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /FontDescriptor 7 0 R >>',
      '<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>',
      stream(`/Length1 ${mb * 1024 * 1024} /Filter /FlateDecode`, zerosFlate(mb)),
    ],
    '/Font << /F1 3 0 R /F9 6 0 R >>',
  );
}

/** An object stream (/Type /ObjStm) that unpacks to `mb` MB. */
export function objectStreamBomb(mb: number): Uint8Array {
  return onePage(stream('', Buffer.from('BT /F1 12 Tf 72 720 Td (2023) Tj ET', 'latin1')), [stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', zerosFlate(mb))]);
}

/** An LZW stream of `codes` repetitions growing the dictionary (each code one byte longer than the last). */
export function lzwBomb(): Uint8Array {
  // Codes 9 bits: 0 (a zero byte), then 258, 259, 260 … each meaning the previous string + one zero,
  // so the output grows quadratically with the input; the table resets at 4096 (12 bits) and is
  // started again with a clear code.
  const bits: number[] = [];
  const put = (code: number, width: number) => {
    for (let i = width - 1; i >= 0; i--) bits.push((code >> i) & 1);
  };
  for (let round = 0; round < 100; round++) {
    put(256, round === 0 ? 9 : 12); // clear
    put(0, 9);
    let next = 258;
    let width = 9;
    while (next < 4094) {
      put(next, width);
      next++;
      if (next + 1 >= 1 << width) width++;
    }
  }
  put(257, 12);
  const bytes = Buffer.alloc(Math.ceil(bits.length / 8));
  bits.forEach((b, i) => {
    if (b) bytes[i >> 3] |= 0x80 >> (i & 7);
  });
  return onePage(stream('/Filter /LZWDecode /DecodeParms << /EarlyChange 1 >>', bytes));
}

/** A stream declared an image of one pixel, holding `mb` MB, drawn as the page's content. */
export function lyingImage(mb: number): Uint8Array {
  return onePage(stream('/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter [/FlateDecode /FlateDecode]', deflateSync(zerosFlate(mb))));
}

/** Text-only pages with a few words each (`pages` pages): a document with little text, not a scan. */
export function sparseText(pages: number): Uint8Array {
  return writePdf(Array.from({ length: pages }, (_, i) => [{ kind: 'text' as const, x: 72, y: 72, size: 12, text: `Page ${i + 1}` }]));
}

/** A document that is a real report except that its text is drawn with few characters per page. */
export function titleOnly(): Uint8Array {
  return writePdf([[{ kind: 'text', x: 72, y: 72, size: 16, text: '某某局年度报告', cjk: true }]]);
}
