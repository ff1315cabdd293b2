// XML parts of a Word package: decoded, refused when they declare a DTD (entity-expansion attacks),
// and scanned tag by tag (no entity expansion beyond the five XML entities and character
// references, no external resources).

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
  // A DTD may only come before the root element (Word never writes one): look in the prolog.
  const prolog = xml.text.slice(0, rootStart(xml.text));
  if (prolog.includes('<!DOCTYPE') || prolog.includes('<!ENTITY')) {
    throw new IngestError('corrupt', file, `Word 文档的部件 ${part} 含有 DTD 或实体声明（可被用于“实体膨胀”攻击），已拒绝读取`);
  }
  return xml;
}

/** Where the root element starts: after the XML declaration, comments and any DTD. */
function rootStart(text: string): number {
  let i = text.indexOf('<');
  while (i >= 0) {
    const c = text.charCodeAt(i + 1);
    if (c === 63) i = text.indexOf('<', text.indexOf('?>', i) + 2); // <?xml …?>
    else if (text.startsWith('<!--', i)) i = text.indexOf('<', text.indexOf('-->', i) + 3);
    else if (c === 33) {
      // <!DOCTYPE …[ internal subset ]>: to the end of the subset, or to the next '>'
      const open = text.indexOf('[', i);
      const gt = text.indexOf('>', i);
      const end = open >= 0 && open < gt ? text.indexOf(']', open) : gt;
      i = end < 0 ? -1 : text.indexOf('<', end);
    } else return i;
    if (i < 0) break;
  }
  return text.length;
}

export type Attrs = Record<string, string>;

export interface XmlHandler {
  /** Elements whose attributes the handler reads; the others are opened without (faster). */
  attrsOf?: ReadonlySet<string> | undefined;
  /**
   * Elements whose content the handler never reads (borders, table properties): the scanner
   * jumps to their end tag, unless one holds another of its kind (a revision record of it); the
   * handler sees them open and close empty.
   */
  opaque?: ReadonlySet<string> | undefined;
  open(name: string, attrs: Attrs): void;
  close(name: string): void;
  text?(text: string): void;
  /** Whether the text at this point would be used; text is decoded only when it is (default: always). */
  wantsText?(): boolean;
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five XML entities and character references; nothing else is expanded. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Is the '>' at `k` surely the end of the tag whose attributes start at `from`? */
function endsTag(xml: string, from: number, k: number): boolean {
  if (k === from) return true; // <w:p>
  let before = k - 1;
  if (xml.charCodeAt(before) === 47) before--; // .../>
  const c = xml.charCodeAt(before);
  // after a closing quote (an opening one follows '=')
  return (c === 34 || c === 39) && xml.charCodeAt(before - 1) !== 61 && before > from;
}

/** An even number of `quote` characters in xml[from, to) (searched within that stretch only). */
function balanced(xml: string, quote: string, from: number, to: number): boolean {
  const seg = xml.slice(from, to);
  let count = 0;
  for (let at = seg.indexOf(quote); at >= 0; at = seg.indexOf(quote, at + 1)) count++;
  return count % 2 === 0;
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Stream the elements of `xml` to `handler`. Element and attribute names of the
 * WordprocessingML namespace are given with the prefix `w:` whatever prefix the part uses.
 *
 * Word parts are machine-written, well-formed XML without a DTD (refused in decodeXml), so a scan
 * that jumps from tag to tag with indexOf is enough and several times faster than a general
 * tokenizer: comments, CDATA and processing instructions are recognised, attribute values may
 * hold '>' inside quotes, and only the five XML entities and character references are decoded.
 * Malformed input yields elements and text that make no report; it never loops or throws.
 */
// eslint-disable-next-line complexity, max-lines-per-function -- a scanner: one branch per kind of input
export function parseXml(part: XmlPart, handler: XmlHandler): void {
  const xml = part.text;
  const n = xml.length;
  const bytes = part.bytes;
  /** Text between two offsets, decoded (UTF-8 from the bytes when the part is a Latin-1 view). */
  const str = bytes ? (start: number, end: number) => bytes.toString('utf8', start, end) : (start: number, end: number) => xml.slice(start, end);
  const wanted = handler.attrsOf;
  const onText = handler.text ? handler.text.bind(handler) : null;
  const wantsText = handler.wantsText ? handler.wantsText.bind(handler) : null;
  const opaque = handler.opaque;
  /** Names of the elements open, innermost last. */
  const openNames: string[] = [];
  let rename: ((name: string) => string) | null = null;
  let first = true;

  const attributes = (from: number, to: number): Attrs => {
    let attrs: Attrs = NO_ATTRS;
    const src = xml.slice(from, to);
    ATTR.lastIndex = 0;
    for (let m = ATTR.exec(src); m; m = ATTR.exec(src)) {
      if (attrs === NO_ATTRS) attrs = {};
      const quoted = m[2] ?? m[3];
      const valueStart = from + m.index + m[0].length - quoted.length - 1;
      attrs[m[1]] = decodeEntities(bytes && /[\x80-\xff]/.test(quoted) ? str(valueStart, valueStart + quoted.length) : quoted);
    }
    return attrs;
  };

  let i = xml.indexOf('<');
  if (i < 0) i = n;
  if (onText && i > 0 && (!wantsText || wantsText())) onText(decodeEntities(str(0, i)));
  while (i < n) {
    const c1 = xml.charCodeAt(i + 1);
    let next: number;
    if (c1 === 33 /* ! */) {
      if (xml.startsWith('<!--', i)) {
        const e = xml.indexOf('-->', i + 4);
        next = e < 0 ? n : e + 3;
      } else if (xml.startsWith('<![CDATA[', i)) {
        const e = xml.indexOf(']]>', i + 9);
        const end = e < 0 ? n : e;
        if (onText && end > i + 9 && (!wantsText || wantsText())) onText(str(i + 9, end));
        next = e < 0 ? n : e + 3;
      } else {
        const e = xml.indexOf('>', i);
        next = e < 0 ? n : e + 1;
      }
    } else if (c1 === 63 /* ? */) {
      const e = xml.indexOf('?>', i + 2);
      next = e < 0 ? n : e + 2;
    } else if (c1 === 47 /* / */) {
      const e = xml.indexOf('>', i + 2);
      const end = e < 0 ? n : e;
      // Word parts are well formed: the element closed is the one open (its name is not sliced
      // out again). A stray end tag of malformed input closes nothing.
      const name = openNames.length ? openNames.pop()! : null;
      if (name !== null) handler.close(name);
      next = end + 1;
    } else {
      // An opening tag: its name, then its end ('>' outside quotes).
      let j = i + 1;
      for (; j < n; j++) {
        const c = xml.charCodeAt(j);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
      }
      const tag = xml.slice(i + 1, j);
      let k = xml.indexOf('>', j);
      if (k < 0) k = n;
      // A '>' inside a quoted attribute value is no end: while the quotes before it are
      // unbalanced, the tag goes on to the next '>'. (Fast path: a '>' right after a closing
      // quote, or after a name with no attribute at all, ends the tag.)
      while (k < n && !endsTag(xml, j, k) && !(balanced(xml, '"', j, k) && balanced(xml, "'", j, k))) {
        const e = xml.indexOf('>', k + 1);
        k = e < 0 ? n : e;
      }
      const selfClosing = k > j && xml.charCodeAt(k - 1) === 47;
      const attrsEnd = selfClosing ? k - 1 : k;
      let attrs = NO_ATTRS;
      if (first) {
        first = false;
        attrs = attributes(j, attrsEnd);
        rename = wmlRename(attrs);
      } else if (attrsEnd > j && (!wanted || wanted.has(rename ? rename(tag) : tag))) {
        attrs = attributes(j, attrsEnd);
      }
      const name = rename ? rename(tag) : tag;
      if (rename && attrs !== NO_ATTRS) {
        const renamed: Attrs = {};
        for (const key in attrs) renamed[rename(key)] = attrs[key];
        attrs = renamed;
      }
      handler.open(name, attrs);
      next = k + 1;
      if (selfClosing) handler.close(name);
      else if (opaque && opaque.has(name)) {
        // Content nobody reads: straight to the end tag (the raw name, whatever the prefix),
        // unless the element holds another of its kind (a revision record of it) before that.
        const e = xml.indexOf(`</${tag}>`, next);
        // (Searched backwards from the end tag: the scan stops at this element's own start.)
        if (e >= 0 && xml.lastIndexOf(`<${tag}`, e) === i) {
          handler.close(name);
          next = e + tag.length + 3;
        } else openNames.push(name);
      } else openNames.push(name);
    }
    // Text up to the next tag.
    let lt = xml.indexOf('<', next);
    if (lt < 0) lt = n;
    if (onText && lt > next && (!wantsText || wantsText())) onText(decodeEntities(str(next, lt)));
    i = lt;
  }
}

const NO_ATTRS: Attrs = Object.freeze({});

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
