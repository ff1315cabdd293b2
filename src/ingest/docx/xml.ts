// XML parts of a Word package: decoded, refused when they declare a DTD (entity-expansion attacks),
// and read with htmlparser2's tokenizer in XML mode (no entity expansion beyond the five
// XML entities and character references, no external resources).

import { Tokenizer } from 'htmlparser2';
import { IngestError } from '../errors.ts';

const WML_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

/**
 * An XML part. UTF-8 parts are kept as a Latin-1 view of their bytes (one character per byte,
 * which costs next to nothing to make): markup is ASCII, so the tokenizer finds every tag in it,
 * and only the text and attribute values the reader takes are decoded as UTF-8, from `bytes`.
 */
export interface XmlPart {
  text: string;
  /** Set when `text` is the Latin-1 view of these UTF-8 bytes. */
  bytes: Buffer | null;
}

/** Bytes of an XML part → an XmlPart. Refuses DTDs and entity declarations. */
export function decodeXml(bytes: Uint8Array, part: string, file: string): XmlPart {
  let xml: XmlPart;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) xml = { text: new TextDecoder('utf-16le').decode(bytes), bytes: null };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) xml = { text: new TextDecoder('utf-16be').decode(bytes), bytes: null };
  else {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    xml = { text: buf.toString('latin1'), bytes: buf };
  }
  // A DTD may only come before the root element; Word never writes one.
  if (xml.text.includes('<!DOCTYPE') || xml.text.includes('<!ENTITY')) {
    throw new IngestError('corrupt', file, `Word 文档的部件 ${part} 含有 DTD 或实体声明（可被用于“实体膨胀”攻击），已拒绝读取`);
  }
  return xml;
}

export type Attrs = Record<string, string>;

export interface XmlHandler {
  /** Elements whose attributes the handler reads; the others are opened without (faster). */
  attrsOf?: ReadonlySet<string>;
  open(name: string, attrs: Attrs): void;
  close(name: string): void;
  text?(text: string): void;
}

/**
 * Stream the elements of `xml` to `handler`. Element and attribute names of the
 * WordprocessingML namespace are given with the prefix `w:` whatever prefix the part uses.
 * Uses htmlparser2's tokenizer directly (its tree-building parser costs twice as much).
 */
export function parseXml(part: XmlPart, handler: XmlHandler): void {
  const xml = part.text;
  const bytes = part.bytes;
  /** Text between two offsets, decoded. */
  const str = bytes ? (start: number, end: number) => bytes.toString('utf8', start, end) : (start: number, end: number) => xml.slice(start, end);
  let rename: ((name: string) => string) | null = null;
  let first = true;
  let tag = '';
  let attrs: Attrs = NO_ATTRS;
  let attrName = '';
  let attrValue = '';
  let keep = true;
  const wanted = handler.attrsOf;
  const openTag = () => {
    if (first) {
      first = false;
      rename = wmlRename(attrs);
    }
    if (!rename) return handler.open(tag, attrs);
    const renamed: Attrs = {};
    for (const k in attrs) renamed[rename(k)] = attrs[k];
    handler.open(rename(tag), renamed);
  };
  const text = handler.text ? handler.text.bind(handler) : null;
  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = xml.slice(start, end);
        attrs = NO_ATTRS;
        keep = first || !wanted || wanted.has(rename ? rename(tag) : tag);
      },
      onattribname(start, end) {
        if (!keep) return;
        attrName = xml.slice(start, end);
        attrValue = '';
      },
      onattribdata(start, end) {
        if (keep) attrValue += str(start, end);
      },
      onattribentity(cp) {
        if (keep) attrValue += String.fromCodePoint(cp);
      },
      onattribend() {
        if (!keep) return;
        if (attrs === NO_ATTRS) attrs = {};
        attrs[attrName] = attrValue;
      },
      onopentagend() {
        openTag();
      },
      onselfclosingtag() {
        openTag();
        handler.close(rename ? rename(tag) : tag);
      },
      onclosetag(start, end) {
        const name = xml.slice(start, end);
        handler.close(rename ? rename(name) : name);
      },
      ontext(start, end) {
        if (text) text(str(start, end));
      },
      ontextentity(cp) {
        if (text) text(String.fromCodePoint(cp));
      },
      oncdata(start, end, offset) {
        if (text) text(str(start, end - offset));
      },
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(xml);
  tokenizer.end();
}

const NO_ATTRS: Attrs = Object.freeze({}) as Attrs;

/** A renaming function when the part binds WordprocessingML to a prefix other than `w`. */
function wmlRename(rootAttrs: Attrs): ((name: string) => string) | null {
  for (const k in rootAttrs) {
    if (!WML_NAMESPACES.has(rootAttrs[k])) continue;
    if (k === 'xmlns:w') return null;
    if (k === 'xmlns') return (n) => (n.includes(':') || n.startsWith('xmlns') ? n : `w:${n}`);
    if (k.startsWith('xmlns:')) {
      const prefix = k.slice(6) + ':';
      return (n) => (n.startsWith(prefix) ? `w:${n.slice(prefix.length)}` : n);
    }
  }
  return null;
}

/** `w:val` and friends: true unless the value says false. */
export function onOff(a: Attrs): boolean {
  const v = a['w:val'];
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
}
