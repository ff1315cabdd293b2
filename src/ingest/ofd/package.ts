// The structure of an OFD package (GB/T 33190-2016 §7): the entry file OFD.xml names the
// document root (DocRoot → Document.xml); the document lists its pages (Pages/Page@BaseLoc), its
// page size (CommonData/PageArea), its templates (CommonData/TemplatePage) and its resource files
// (PublicRes, DocumentRes: fonts by ID). Paths are relative to the file that names them, or
// absolute from the package root. Every part is read through the ZIP checks of docx/zip.ts.

import { IngestError } from '../errors.ts';
import { openZip, type ZipArchive } from '../docx/zip.ts';
import { parseXml, type Attrs, type XmlPart } from '../docx/xml.ts';
import { PDF_LIMITS } from '../pdf/limits.ts';

export const WHAT = 'OFD 版式文档（.ofd）';

export interface OfdPage {
  /** Path of the page's content part. */
  part: string;
}

export interface OfdDocument {
  title?: string;
  /** Default page box (mm): x, y, width, height. */
  box: [number, number, number, number];
  pages: OfdPage[];
  /** Font names by resource ID. */
  fonts: Map<string, string>;
  /** Template page parts by ID (CommonData/TemplatePage). */
  templates: Map<string, string>;
  zip: ZipArchive;
  /** The folder of Document.xml, for resolving page paths. */
  base: string;
}

/** Element or attribute name without its namespace prefix (ofd:Page → Page). */
export function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Attribute value by local name. */
export function attr(a: Attrs, key: string): string | undefined {
  if (a[key] !== undefined) return a[key];
  for (const k in a) if (local(k) === key) return a[k];
  return undefined;
}

function folder(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** `target` relative to the folder `base`, or from the root when it starts with '/'. */
export function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** A part as the XML scanner takes it; refused when it declares a DTD or entities. */
export function readPart(zip: ZipArchive, part: string, file: string): XmlPart | null {
  const bytes = zip.read(part) ?? zip.read(part.replace(/^\//, ''));
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

/** Text content of elements by local name, in order. */
function texts(xml: XmlPart, names: Set<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | null = null;
  let buf = '';
  parseXml(xml, {
    open(name) {
      const n = local(name);
      if (names.has(n)) {
        current = n;
        buf = '';
      }
    },
    close(name) {
      if (current && local(name) === current) {
        out.set(current, [...(out.get(current) ?? []), buf.trim()]);
        current = null;
      }
    },
    text(s) {
      if (current) buf += s;
    },
  });
  return out;
}

export function box(value: string | undefined): [number, number, number, number] | null {
  if (!value) return null;
  const n = value.trim().split(/\s+/).map(Number);
  return n.length === 4 && n.every(Number.isFinite) && n[2] > 0 && n[3] > 0 ? [n[0], n[1], n[2], n[3]] : null;
}

export function readOfdPackage(bytes: Uint8Array, file: string): OfdDocument {
  const zip = openZip(bytes, file, WHAT);
  const entry = readPart(zip, 'OFD.xml', file);
  if (!entry) throw new IngestError('corrupt', file, `${WHAT}已损坏：缺少入口文件 OFD.xml`);
  const head = texts(entry, new Set(['DocRoot', 'Title']));
  const docRoot = head.get('DocRoot')?.[0];
  if (!docRoot) throw new IngestError('corrupt', file, `${WHAT}已损坏：OFD.xml 没有指明文档根节点（DocRoot）`);
  const docPath = resolvePath('', docRoot);
  const docXml = readPart(zip, docPath, file);
  if (!docXml) throw new IngestError('corrupt', file, `${WHAT}已损坏：缺少文档根节点 ${docPath}`);
  const base = folder(docPath);

  const pages: OfdPage[] = [];
  const templates = new Map<string, string>();
  const resources: string[] = [];
  let pageBox: [number, number, number, number] | null = null;
  const stack: string[] = [];
  let text = '';
  let page: OfdPage | null = null;
  parseXml(docXml, {
    open(name, a: Attrs) {
      const n = local(name);
      stack.push(n);
      text = '';
      if (n === 'Page' && stack.includes('Pages')) {
        if (pages.length >= PDF_LIMITS.maxPages) {
          throw new IngestError('too_large', file, `OFD 页数超过 ${PDF_LIMITS.maxPages} 页的上限，不像是一份年度报告`);
        }
        const loc = attr(a, 'BaseLoc');
        page = loc ? { part: resolvePath(base, loc) } : null;
        if (page) pages.push(page);
      } else if (n === 'TemplatePage') {
        const id = attr(a, 'ID');
        const loc = attr(a, 'BaseLoc');
        if (id && loc) templates.set(id, resolvePath(base, loc));
      }
    },
    close(name) {
      const n = local(name);
      stack.pop();
      if (n === 'PhysicalBox' && stack.includes('PageArea') && stack.includes('CommonData')) pageBox ??= box(text);
      if ((n === 'PublicRes' || n === 'DocumentRes') && text.trim()) resources.push(resolvePath(base, text.trim()));
      if (n === 'Page') page = null;
    },
    text(s) {
      text += s;
    },
  });
  if (pages.length === 0) throw new IngestError('corrupt', file, `${WHAT}已损坏：文档中没有页面`);

  const fonts = new Map<string, string>();
  for (const res of resources) {
    const xml = readPart(zip, res, file);
    if (!xml) continue;
    parseXml(xml, {
      open(name, a) {
        if (local(name) !== 'Font') return;
        const id = attr(a, 'ID');
        if (id) fonts.set(id, attr(a, 'FontName') ?? attr(a, 'FamilyName') ?? id);
      },
      close() {},
    });
  }
  const title = head.get('Title')?.[0];
  const doc: OfdDocument = { box: pageBox ?? [0, 0, 210, 297], pages, fonts, templates, zip, base };
  if (title) doc.title = title;
  return doc;
}
