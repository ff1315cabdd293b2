// Size limits before unpacking: the page content streams of a PDF are inflated here, with a cap on
// their output, before pdf.js sees the file. pdf.js parses a content stream whole and holds every
// operator in memory; a few hundred kilobytes of compressed drawing commands can expand to
// millions of operators (minutes of work, gigabytes of memory) with no chance to stop it in
// between. A real report page draws with tens of kilobytes. Images and fonts are not content
// streams and are not checked (images are never decoded; fonts are bounded by pdf.js).

import { inflateSync } from 'node:zlib';
import { IngestError } from '../errors.ts';
import { formatBytes } from '../limits.ts';
import { PDF_LIMITS } from './limits.ts';

const latin1 = new TextDecoder('latin1');

/** Dictionaries of streams that are not page content: images, fonts, embedded files, metadata, object streams. */
const NOT_CONTENT = /\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType|XML)|\/Length[123]\b|\/Type\s*\/(ObjStm|XRef|EmbeddedFile|Metadata)/;

/** Refuse a PDF whose content streams would unpack beyond the limits. */
export function checkContentStreams(data: Uint8Array, name: string): void {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const indexOf = (_: Uint8Array, needle: string, from: number) => bytes.indexOf(needle, from, 'latin1');
  let total = 0;
  let pos = 0;
  for (;;) {
    const kw = indexOf(bytes, 'stream', pos);
    if (kw < 0) break;
    pos = kw + 6;
    // "stream" must follow the dictionary (">>" and whitespace) and be followed by an end of line.
    let before = kw - 1;
    while (before >= 0 && (bytes[before] === 32 || bytes[before] === 10 || bytes[before] === 13 || bytes[before] === 9)) before--;
    if (before < 1 || bytes[before] !== 0x3e || bytes[before - 1] !== 0x3e) continue;
    let start = pos;
    if (bytes[start] === 13) start++;
    if (bytes[start] === 10) start++;
    else if (start === pos) continue;
    const end = indexOf(bytes, 'endstream', start);
    if (end < 0) break;
    pos = end + 9;
    const dictStart = Math.max(0, before - 4096);
    const dict = latin1.decode(bytes.subarray(dictStart, before + 1));
    const own = dict.slice(dict.lastIndexOf('obj') + 1);
    if (NOT_CONTENT.test(own)) continue;
    let size = end - start;
    if (/\/(FlateDecode|Fl)\b/.test(own)) {
      try {
        size = inflateSync(bytes.subarray(start, end), { maxOutputLength: PDF_LIMITS.maxContentStreamBytes + 1 }).length;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') size = PDF_LIMITS.maxContentStreamBytes + 1;
        else continue; // damaged or encrypted: pdf.js decides
      }
    }
    total += size;
    if (size > PDF_LIMITS.maxContentStreamBytes || total > PDF_LIMITS.maxContentBytes) {
      const limit = size > PDF_LIMITS.maxContentStreamBytes ? `单个内容流超过 ${formatBytes(PDF_LIMITS.maxContentStreamBytes)}` : `内容流合计超过 ${formatBytes(PDF_LIMITS.maxContentBytes)}`;
      throw new IngestError('too_large', name, `PDF 的页面内容解压后过大（${limit}），不像是一份年度报告（可能是恶意构造的文件）`);
    }
  }
}
