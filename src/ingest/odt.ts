// ODT reader: an OpenDocument text (.odt, as LibreOffice, WPS and Yozo Office save it) →
// paragraphs and tables (odt/body.ts). The package is checked before anything is inflated
// (docx/zip.ts: entry count, sizes, compression ratios); parts with a DTD are refused; nothing
// outside the file is fetched. Other OpenDocument kinds (spreadsheets, presentations) and
// password-protected documents are refused with their own errors.

import { IngestError } from './errors.ts';
import { sha256 } from './text.ts';
import type { SourceDocument } from './types.ts';
import { openZip, type ZipArchive } from './docx/zip.ts';
import { readProperties } from './docx/properties.ts';
import type { XmlPart } from './docx/xml.ts';
import { readOdtBody } from './odt/body.ts';

const WHAT = 'OpenDocument 文档（.odt）';
const TEXT_TYPES = /^application\/vnd\.oasis\.opendocument\.text(?:-template|-master)?$/;

/** A part as the XML scanner takes it, refused when it declares a DTD or entities. */
function xmlPart(zip: ZipArchive, part: string, file: string): XmlPart | null {
  const bytes = zip.read(part);
  if (!bytes) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const root = text.search(/<[A-Za-z]/);
  const prolog = text.slice(0, root < 0 ? text.length : root);
  if (prolog.includes('<!DOCTYPE') || prolog.includes('<!ENTITY')) {
    throw new IngestError('corrupt', file, `${WHAT}的部件 ${part} 含有 DTD 或实体声明（可被用于“实体膨胀”攻击），已拒绝读取`);
  }
  return { text, bytes: buf };
}

function detail(e: unknown): string {
  const m = (e as Error)?.message ?? '';
  return /[\u4e00-\u9fa5]/.test(m) ? `（${m}）` : '';
}

export function readOdt(bytes: Uint8Array, name: string): SourceDocument {
  const zip = openZip(bytes, name, WHAT);
  const mimetype = new TextDecoder().decode(zip.read('mimetype') ?? new Uint8Array()).trim();
  if (mimetype && !TEXT_TYPES.test(mimetype)) {
    if (/spreadsheet/.test(mimetype)) throw new IngestError('unsupported', name, '这是 OpenDocument 电子表格（.ods），不是文字文档；暂不支持读取表格文件');
    if (/presentation/.test(mimetype)) throw new IngestError('unsupported', name, '这是 OpenDocument 演示文稿（.odp），不是文字文档');
    throw new IngestError('unsupported', name, `这个 OpenDocument 文件不是文字文档（类型：${mimetype.slice(0, 80)}）`);
  }
  // An encrypted package keeps content.xml, but encrypted (manifest:encryption-data).
  const manifest = zip.read('META-INF/manifest.xml');
  if (manifest && Buffer.from(manifest).includes('encryption-data')) {
    throw new IngestError('encrypted', name, `${WHAT}设有打开密码（已加密），无法读取；请去掉密码后重新导入`);
  }
  let doc: SourceDocument;
  try {
    const content = xmlPart(zip, 'content.xml', name);
    if (!content) throw new IngestError('corrupt', name, `${WHAT}已损坏：缺少正文部件 content.xml`);
    const blocks = readOdtBody(content);
    const metadata = readProperties(xmlPart(zip, 'meta.xml', name));
    doc = { name, kind: 'odt', sha256: sha256(bytes), size: bytes.length, blocks, ...(metadata ? { metadata } : {}) };
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('corrupt', name, `${WHAT}已损坏，无法读取${detail(e)}`);
  }
  if (!doc.blocks.length) {
    const pictures = [...zip.entries.keys()].some((n) => n.startsWith('Pictures/'));
    if (pictures) throw new IngestError('scanned', name, `${WHAT}中只有图片、没有文字（可能是扫描件），需要先做文字识别（OCR）才能读取`);
    throw new IngestError('empty', name, `${WHAT}中没有文字`);
  }
  return doc;
}
