// What kind of document a file is, from its bytes (magic numbers and markup), never its name.

import type { SourceKind } from '../interchange/types.ts';

export type DetectedKind = SourceKind | 'zip' | 'ole' | 'rtf' | 'image' | 'binary';

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

/** Index of `needle` (ASCII) in the first `limit` bytes, or -1. */
export function findAscii(bytes: Uint8Array, needle: string, limit = bytes.length): number {
  const n = Math.min(limit, bytes.length) - needle.length;
  const first = needle.charCodeAt(0);
  outer: for (let i = 0; i <= n; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** Does the ZIP archive name an entry `name` at its root (central directory or first local header)? */
function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  if (bytes.length >= 30 && bytes[26] === name.length && bytes[27] === 0 && findAscii(bytes.subarray(30, 30 + name.length), name) === 0) return true;
  // Central directory entries: signature PK\1\2, name at offset 46, its length at 28.
  const from = Math.max(0, bytes.length - 256 * 1024);
  for (let i = bytes.length - 46; i >= from; i--) {
    if (bytes[i] !== 0x50 || bytes[i + 1] !== 0x4b || bytes[i + 2] !== 0x01 || bytes[i + 3] !== 0x02) continue;
    const len = bytes[i + 28] | (bytes[i + 29] << 8);
    if (len === name.length && findAscii(bytes.subarray(i + 46, i + 46 + len), name) === 0) return true;
  }
  return false;
}

export function detectKind(bytes: Uint8Array): DetectedKind {
  // PDF: the header may follow a little garbage (allowed by readers within the first 1 KB).
  const pdfAt = findAscii(bytes, '%PDF-', 1024);
  if (pdfAt >= 0) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // OpenDocument: the first entry is "mimetype", stored, naming the kind (ODF 1.2 part 3, §3.3).
    if (findAscii(bytes, 'mimetypeapplication/vnd.oasis.opendocument.', 128) >= 0) return 'odt';
    if (zipHasEntry(bytes, 'mimetype') && zipHasEntry(bytes, 'content.xml')) return 'odt';
    // OFD (GB/T 33190): the package's entry file OFD.xml at its root, named in the central
    // directory at the end (and usually in the first local header).
    if (zipHasEntry(bytes, 'OFD.xml')) return 'ofd';
    return findAscii(bytes, 'word/', Math.min(bytes.length, 64 * 1024)) >= 0 || findAscii(bytes, '[Content_Types].xml', 4096) >= 0
      ? 'docx'
      : 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) {
    return 'image';
  }
  // Markup and JSON are recognised on the first kilobytes, ignoring BOM and whitespace. Both
  // start with '{' or '<': anything else is text, known from the first bytes that are neither
  // (the whitespace trimStart removes from the Latin-1 reading below).
  if (!startsMarkup(bytes)) return 'text';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('{') && /"schema"\s*:\s*"gongkai\.report\//.test(head)) return 'json';
  const lower = head.slice(0, 2048).toLowerCase();
  if (/^<!doctype html|^<html[\s>]|^<\?xml[^>]*>\s*<html/.test(lower) || /<(html|body|head|table|div|p)[\s>]/.test(lower.slice(0, 1024)) && lower.startsWith('<')) {
    return 'html';
  }
  return 'text';
}

/** Is the first byte after a UTF-8 BOM and whitespace (in the first 4 KB) '{' or '<'? */
function startsMarkup(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 4096);
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < end && (bytes[i] === 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0d) || bytes[i] === 0xa0)) i++;
  return i < end && (bytes[i] === 0x7b || bytes[i] === 0x3c);
}

export const KIND_NAMES: Record<DetectedKind, string> = {
  text: '纯文本',
  html: '网页（HTML）',
  docx: 'Word 文档（.docx）',
  doc: 'Word 97–2003 文档（.doc）',
  wps: 'WPS 文字文档（.wps）',
  odt: 'OpenDocument 文字文档（.odt）',
  pdf: 'PDF 文档',
  ofd: 'OFD 版式文档（.ofd）',
  json: 'Gongkai 交换格式（JSON）',
  zip: 'ZIP 压缩包',
  ole: 'Office 复合文档',
  rtf: 'RTF 文档',
  image: '图片',
  binary: '二进制文件',
};
