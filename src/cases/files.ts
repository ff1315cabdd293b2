// Which files may go with a case, told from their bytes: the scans and documents an agency
// receives or sends on paper (the application form, the envelope whose post mark fixes the
// receipt date, an identity document, a signed delivery receipt, a third party's opinion).
// Anything that could run in a browser (web pages, SVG, scripts) or that hides other files
// (archives) is refused: these files are shown to staff as they are.

import { detectKind } from '../ingest/detect.ts';

export type CaseFileKind = 'pdf' | 'ofd' | 'docx' | 'doc' | 'jpeg' | 'png' | 'tiff';

/** Content type and name of each kind (downloads are served with the sniffed type only). */
export const CASE_FILE_KINDS: Record<CaseFileKind, { mime: string; name: string }> = {
  pdf: { mime: 'application/pdf', name: 'PDF 文档' },
  ofd: { mime: 'application/ofd', name: 'OFD 版式文档' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'Word 文档（.docx）' },
  doc: { mime: 'application/msword', name: 'Word 97–2003 文档（.doc）' },
  jpeg: { mime: 'image/jpeg', name: 'JPEG 图片' },
  png: { mime: 'image/png', name: 'PNG 图片' },
  tiff: { mime: 'image/tiff', name: 'TIFF 图片（扫描件）' },
};

/** Largest file a case may receive: a multi-page colour scan, not an archive of them. */
export const MAX_CASE_FILE_BYTES = 20 * 1024 * 1024;

export class CaseFileRefused extends Error {}

function starts(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** The kind of a file a case may keep, or CaseFileRefused naming the file and why (Chinese). */
export function caseFileKind(name: string, bytes: Uint8Array): CaseFileKind {
  if (bytes.length === 0) throw new CaseFileRefused(`文件“${name}”是空的`);
  if (bytes.length > MAX_CASE_FILE_BYTES) throw new CaseFileRefused(`文件“${name}”超过 ${MAX_CASE_FILE_BYTES / 1024 / 1024} MB`);
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(bytes, [0x49, 0x49, 0x2a, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  const kind = detectKind(bytes);
  if (kind === 'pdf' || kind === 'ofd' || kind === 'docx' || kind === 'doc') return kind;
  throw new CaseFileRefused(`文件“${name}”不是可以归入案件的文件：只接受 PDF、OFD、Word（.docx/.doc）和 JPEG、PNG、TIFF 图片（扫描件）`);
}
