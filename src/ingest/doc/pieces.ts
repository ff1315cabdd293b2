// The text of a Word 97–2003 document: the piece table in the CLX ([MS-DOC] 2.9.38) says where
// each run of characters (CP) is stored in the WordDocument stream (FC), as UTF-16 or as 8-bit
// characters.

const cp1252 = new TextDecoder('windows-1252');
const utf16 = new TextDecoder('utf-16le');

interface Piece {
  cpStart: number;
  cpEnd: number;
  /** Byte offset in the WordDocument stream. */
  byte: number;
  /** Bytes per character: 1 (compressed) or 2. */
  bpc: 1 | 2;
}

export interface DocText {
  /** Characters [0, ccpText) of the document: the main body. */
  text: string;
  /** Byte offset in the WordDocument stream of character `cp`; -1 when it has none. */
  fcAt(cp: number): number;
  /** Character ranges [cpStart, cpEnd) stored in bytes [fcStart, fcEnd). */
  cpRanges(fcStart: number, fcEnd: number): [number, number][];
}

/**
 * Most characters read from a document's body: a long report has a few hundred thousand; past
 * 8 million it is no report, and the text and the work on it would run into gigabytes.
 */
export const MAX_DOC_CHARS = 8 * 1024 * 1024;

export function readText(wd: Uint8Array, table: DataView, fcClx: number, lcbClx: number, ccpText: number): DocText {
  let p = fcClx;
  const end = fcClx + lcbClx;
  while (p < end && table.getUint8(p) === 0x01) p += 3 + table.getUint16(p + 1, true); // Prc: skip
  if (p >= end || table.getUint8(p) !== 0x02) throw new Error('找不到文字块表（Pcdt）');
  const lcb = table.getUint32(p + 1, true);
  const plc = p + 5;
  if (plc + lcb > table.byteLength) throw new Error('文字块表超出表流');
  const n = Math.floor((lcb - 4) / 12);
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const cpStart = table.getUint32(plc + i * 4, true);
    const cpEnd = table.getUint32(plc + (i + 1) * 4, true);
    const fcRaw = table.getUint32(plc + (n + 1) * 4 + i * 8 + 2, true);
    const compressed = (fcRaw & 0x40000000) !== 0;
    const fc = fcRaw & 0x3fffffff;
    if (cpEnd < cpStart) throw new Error('文字块的位置颠倒');
    pieces.push({ cpStart, cpEnd, byte: compressed ? fc / 2 : fc, bpc: compressed ? 1 : 2 });
  }
  // Each piece has bytes of its own: pieces that share bytes would repeat the same text any number
  // of times (Word never writes them). Checked in byte order, which cpRanges also searches in.
  const byByte = pieces.filter((x) => x.cpEnd > x.cpStart).sort((a, b) => a.byte - b.byte);
  for (let i = 1; i < byByte.length; i++) {
    const prev = byByte[i - 1];
    if (prev.byte + (prev.cpEnd - prev.cpStart) * prev.bpc > byByte[i].byte) throw new Error('文字块表有误：几个文字块指向同一段文字');
  }
  const parts: string[] = [];
  let cp = 0;
  for (const piece of pieces) {
    if (piece.cpStart >= ccpText) break;
    const to = Math.min(piece.cpEnd, ccpText);
    if (piece.cpStart !== cp) throw new Error('文字块不连续');
    if (to > MAX_DOC_CHARS) throw new DocTooLong();
    const from = piece.byte;
    const bytes = wd.subarray(from, from + (to - piece.cpStart) * piece.bpc);
    if (bytes.length !== (to - piece.cpStart) * piece.bpc) throw new Error('文字块超出文档流');
    parts.push(piece.bpc === 1 ? cp1252.decode(bytes) : utf16.decode(bytes));
    cp = to;
  }
  const text = parts.join('');

  return {
    text,
    fcAt(at) {
      let lo = 0;
      let hi = pieces.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const piece = pieces[mid];
        if (at < piece.cpStart) hi = mid - 1;
        else if (at >= piece.cpEnd) lo = mid + 1;
        else return piece.byte + (at - piece.cpStart) * piece.bpc;
      }
      return -1;
    },
    cpRanges(fcStart, fcEnd) {
      const out: [number, number][] = [];
      // The first piece that ends after fcStart (pieces do not overlap, so their ends are sorted too).
      let lo = 0;
      let hi = byByte.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const x = byByte[mid];
        if (x.byte + (x.cpEnd - x.cpStart) * x.bpc <= fcStart) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < byByte.length && byByte[i].byte < fcEnd; i++) {
        const piece = byByte[i];
        const bEnd = piece.byte + (piece.cpEnd - piece.cpStart) * piece.bpc;
        const a = Math.max(fcStart, piece.byte);
        const b = Math.min(fcEnd, bEnd);
        if (a < b) out.push([piece.cpStart + Math.floor((a - piece.byte) / piece.bpc), piece.cpStart + Math.ceil((b - piece.byte) / piece.bpc)]);
      }
      return out;
    },
  };
}

/** The body holds more than MAX_DOC_CHARS characters. */
export class DocTooLong extends Error {}
