// DOCX reader: a Word 2007+ package → paragraphs and tables (see docx/body.ts for what is read).
// The package is checked before anything is inflated (docx/zip.ts), XML parts with a DTD are
// refused (docx/xml.ts), and nothing outside the file is ever fetched.

import { IngestError } from './errors.ts';
import { sha256 } from './text.ts';
import type { SourceDocument } from './types.ts';
import { MAX_NESTING, NestingTooDeep, readBody } from './docx/body.ts';
import { Numbering } from './docx/numbering.ts';
import { readWordPackage } from './docx/package.ts';
import { readProperties } from './docx/properties.ts';
import { readStyles } from './docx/styles.ts';

/** The reader's own (Chinese) explanation of a failure; engine messages are not for users. */
function detail(e: unknown): string {
  const m = (e as Error)?.message ?? '';
  return /[\u4e00-\u9fa5]/.test(m) ? `（${m}）` : '';
}

export function readDocx(bytes: Uint8Array, name: string): SourceDocument {
  let doc: SourceDocument;
  let media = 0;
  try {
    const parts = readWordPackage(bytes, name);
    media = parts.media;
    const styles = readStyles(parts.styles);
    const numbering = new Numbering(parts.numbering, styles);
    const blocks = readBody(parts.document, numbering);
    const metadata = readProperties(parts.core);
    doc = { name, kind: 'docx', sha256: sha256(bytes), size: bytes.length, blocks, ...(metadata ? { metadata } : {}) };
  } catch (e) {
    if (e instanceof IngestError) throw e;
    if (e instanceof NestingTooDeep) {
      throw new IngestError('too_large', name, `Word 文档（.docx）中的表格或文本框嵌套超过 ${MAX_NESTING} 层，不像是一份年度报告（可能是损坏或恶意构造的文件）`);
    }
    throw new IngestError('corrupt', name, `Word 文档（.docx）已损坏，无法读取${detail(e)}`);
  }
  if (!doc.blocks.length) {
    if (media) throw new IngestError('scanned', name, 'Word 文档（.docx）中只有图片、没有文字（可能是扫描件），需要先做文字识别（OCR）才能读取');
    throw new IngestError('empty', name, 'Word 文档（.docx）中没有文字');
  }
  return doc;
}
