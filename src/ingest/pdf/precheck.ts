// Unpacking budgets, checked before pdf.js sees the file: every stream of the PDF is unpacked
// here through its whole filter chain (Flate, LZW, run-length, ASCIIHex, ASCII85, in any order
// and any number), each step stopped as soon as its output passes the stream's budget. pdf.js
// unpacks into typed arrays, which live outside the worker's heap cap: a 4 KB stream compressed
// twice unpacks to gigabytes before any heap limit notices. Page content has the tightest budget
// (pdf.js turns it whole into operators: a real page draws with tens of kilobytes); font programs,
// object streams and the rest have their own, and all of them a total. Images are not unpacked:
// pdf.js never decodes them here (maxImageSize), and the sandbox's memory watch catches a stream
// that only calls itself an image.

import { constants, createInflate, inflateSync } from 'node:zlib';
import { IngestError } from '../errors.ts';
import { formatBytes } from '../limits.ts';
import { PDF_LIMITS } from './limits.ts';

const latin1 = new TextDecoder('latin1');

/** What the check learnt about the file. */
export interface StreamFacts {
  /** Image XObjects (a scan has one a page; a document without any cannot be a scan). */
  images: number;
}

type StreamKind = 'content' | 'font' | 'other';

const IMAGE = /\/Subtype\s*\/Image\b/;
const FONT = /\/Subtype\s*\/(Type1C|CIDFontType0C|OpenType)\b|\/Length[123]\b/;
const OTHER = /\/Type\s*\/(ObjStm|XRef|EmbeddedFile|Metadata)\b|\/Subtype\s*\/XML\b/;

const KIND_NAMES: Record<StreamKind, string> = { content: '页面内容', font: '字体程序', other: '数据流' };

/** The stream's filters, in order, as full names. */
function filters(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+)/.exec(dict);
  if (!m) return [];
  const ABBREVIATIONS: Record<string, string> = { Fl: 'FlateDecode', AHx: 'ASCIIHexDecode', A85: 'ASCII85Decode', LZW: 'LZWDecode', RL: 'RunLengthDecode', DCT: 'DCTDecode', CCF: 'CCITTFaxDecode' };
  return [...m[1].matchAll(/\/([^\s/[\]<>()]+)/g)].map((f) => ABBREVIATIONS[f[1]] ?? f[1]);
}

class OverBudget extends Error {}

/** Output collector that refuses to grow past `cap` bytes. */
class Output {
  private buf: Uint8Array;
  length = 0;
  constructor(private readonly cap: number, hint: number) {
    this.buf = new Uint8Array(Math.min(Math.max(hint, 1024), cap + 1));
  }
  push(b: number): void {
    if (this.length === this.buf.length) this.grow(1);
    this.buf[this.length++] = b;
  }
  append(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.length + n > this.buf.length) this.grow(n);
    this.buf.set(src.subarray(from, to), this.length);
    this.length += n;
  }
  private grow(n: number): void {
    if (this.length + n > this.cap) throw new OverBudget();
    const next = new Uint8Array(Math.min(this.cap + 1, Math.max(this.length + n, this.buf.length * 2)));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const isWhite = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;

function asciiHex(data: Uint8Array, cap: number): Uint8Array {
  const out = new Output(cap, data.length >> 1);
  let hi = -1;
  for (const c of data) {
    if (c === 0x3e) break; // '>'
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else {
      out.push((hi << 4) | v);
      hi = -1;
    }
  }
  if (hi >= 0) out.push(hi << 4);
  return out.bytes();
}

function ascii85(data: Uint8Array, cap: number): Uint8Array {
  const out = new Output(cap, data.length);
  const group: number[] = [];
  const flush = (n: number) => {
    let v = 0;
    for (let i = 0; i < 5; i++) v = v * 85 + (i < group.length ? group[i] : 84);
    for (let i = 0; i < n; i++) out.push((v >>> (24 - 8 * i)) & 0xff);
    group.length = 0;
  };
  for (const c of data) {
    if (c === 0x7e) break; // '~>'
    if (c === 0x7a && group.length === 0) {
      for (let i = 0; i < 4; i++) out.push(0);
      continue;
    }
    if (c < 33 || c > 117) continue;
    group.push(c - 33);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return out.bytes();
}

function runLength(data: Uint8Array, cap: number): Uint8Array {
  const out = new Output(cap, data.length);
  for (let i = 0; i < data.length; ) {
    const n = data[i++];
    if (n === 128) break;
    if (n < 128) {
      const end = Math.min(data.length, i + n + 1);
      out.append(data, i, end);
      i = end;
    } else if (i < data.length) {
      const b = data[i++];
      for (let k = 0; k < 257 - n; k++) out.push(b);
    }
  }
  return out.bytes();
}

function lzw(data: Uint8Array, cap: number, earlyChange: number): Uint8Array {
  const out = new Output(cap, data.length * 2);
  // The dictionary as (prefix code, last byte) pairs; a code's string is written by walking back.
  const prefix = new Int32Array(4096);
  const last = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    last[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let width = 9;
  let prev = -1;
  let bitBuf = 0;
  let bitCount = 0;
  const scratch = new Uint8Array(4096);
  const write = (code: number): number => {
    const n = length[code];
    let c = code;
    for (let i = n - 1; i >= 0; i--) {
      scratch[i] = last[c];
      c = prefix[c];
    }
    out.append(scratch, 0, n);
    return scratch[0];
  };
  for (let i = 0; i < data.length; i++) {
    bitBuf = ((bitBuf << 8) | data[i]) >>> 0;
    bitCount += 8;
    while (bitCount >= width) {
      const code = (bitBuf >>> (bitCount - width)) & ((1 << width) - 1);
      bitCount -= width;
      if (code === 256) {
        next = 258;
        width = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return out.bytes();
      let first: number;
      if (code < next && (code < 256 || code >= 258)) first = write(code);
      else if (code === next && prev >= 0) {
        // The string of prev plus its own first byte.
        const p = write(prev);
        out.push(p);
        first = p;
      } else return out.bytes(); // damaged: pdf.js stops here too
      if (prev >= 0 && next < 4096) {
        prefix[next] = prev;
        last[next] = first;
        length[next] = length[prev] + 1;
        next++;
      }
      prev = code;
      if (next + earlyChange >= 1 << width && width < 12) width++;
    }
  }
  return out.bytes();
}

/** Inflate under the cap; a stream damaged part way counts what came out before the damage. */
async function flate(data: Uint8Array, cap: number): Promise<Uint8Array> {
  try {
    return inflateSync(data, { maxOutputLength: cap + 1, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new OverBudget();
  }
  // Damaged data (pdf.js reads what it can of it): count the output up to the damage, as a stream.
  const out = new Output(cap, data.length * 4);
  await new Promise<void>((resolve, reject) => {
    const z = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    z.on('data', (chunk: Buffer) => {
      try {
        out.append(chunk, 0, chunk.length);
      } catch (e) {
        z.destroy();
        reject(e instanceof Error ? e : new OverBudget());
      }
    });
    z.on('error', () => resolve());
    z.on('end', () => resolve());
    z.end(data);
  });
  return out.bytes();
}

/** Unpack `data` through `chain` under `cap` bytes for every step. Unknown and image filters end the chain. */
async function unpack(data: Uint8Array, chain: string[], dict: string, cap: number): Promise<number> {
  let cur = data;
  for (const f of chain) {
    switch (f) {
      case 'FlateDecode':
        cur = await flate(cur, cap);
        break;
      case 'ASCIIHexDecode':
        cur = asciiHex(cur, cap);
        break;
      case 'ASCII85Decode':
        cur = ascii85(cur, cap);
        break;
      case 'RunLengthDecode':
        cur = runLength(cur, cap);
        break;
      case 'LZWDecode':
        cur = lzw(cur, cap, /\/EarlyChange\s+0\b/.test(dict) ? 0 : 1);
        break;
      default:
        return cur.length; // DCT, JPX, JBIG2, CCITT, Crypt: image codecs and encryption, not unpacked here
    }
  }
  return cur.length;
}

/** Check every stream of the PDF against the unpacking budgets; refuse the file when one is passed. */
export async function checkStreams(data: Uint8Array, name: string): Promise<StreamFacts> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const facts: StreamFacts = { images: 0 };
  const spent: Record<StreamKind | 'all', number> = { content: 0, font: 0, other: 0, all: 0 };
  let pos = 0;
  for (;;) {
    const kw = bytes.indexOf('stream', pos, 'latin1');
    if (kw < 0) break;
    pos = kw + 6;
    // "stream" must follow the dictionary (">>" and whitespace) and be followed by an end of line.
    let before = kw - 1;
    while (before >= 0 && isWhite(bytes[before])) before--;
    if (before < 1 || bytes[before] !== 0x3e || bytes[before - 1] !== 0x3e) continue;
    let start = pos;
    if (bytes[start] === 13) start++;
    if (bytes[start] === 10) start++;
    else if (start === pos) continue;
    const end = bytes.indexOf('endstream', start, 'latin1');
    if (end < 0) break;
    pos = end + 9;
    const dictStart = Math.max(0, before - 4096);
    const dict = latin1.decode(bytes.subarray(dictStart, before + 1));
    const own = dict.slice(dict.lastIndexOf('obj') + 1);
    if (IMAGE.test(own)) {
      facts.images++;
      continue;
    }
    const kind: StreamKind = FONT.test(own) ? 'font' : OTHER.test(own) ? 'other' : 'content';
    const cap = Math.min(
      kind === 'content' ? PDF_LIMITS.maxContentStreamBytes : PDF_LIMITS.maxStreamBytes,
      (kind === 'content' ? PDF_LIMITS.maxContentBytes - spent.content : Infinity),
      PDF_LIMITS.maxUnpackedBytes - spent.all,
    );
    let size: number;
    try {
      size = await unpack(bytes.subarray(start, end), filters(own), own, cap);
    } catch (e) {
      if (!(e instanceof OverBudget)) throw e;
      size = cap + 1;
    }
    if (size > cap) throw overBudget(name, kind, spent, size);
    spent[kind] += size;
    spent.all += size;
  }
  return facts;
}

function overBudget(name: string, kind: StreamKind, spent: Record<StreamKind | 'all', number>, size: number): IngestError {
  let limit: string;
  if (kind === 'content' && size > PDF_LIMITS.maxContentStreamBytes) limit = `单个页面内容流超过 ${formatBytes(PDF_LIMITS.maxContentStreamBytes)}`;
  else if (kind === 'content' && spent.content + size > PDF_LIMITS.maxContentBytes) limit = `页面内容合计超过 ${formatBytes(PDF_LIMITS.maxContentBytes)}`;
  else if (size > PDF_LIMITS.maxStreamBytes) limit = `一个${KIND_NAMES[kind]}超过 ${formatBytes(PDF_LIMITS.maxStreamBytes)}`;
  else limit = `各数据流合计超过 ${formatBytes(PDF_LIMITS.maxUnpackedBytes)}`;
  return new IngestError('too_large', name, `PDF 中的数据解压后过大（${limit}），不像是一份年度报告（可能是恶意构造的文件）`);
}
