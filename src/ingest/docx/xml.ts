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

/**
 * Where the root element starts: after the XML declaration, comments and any DTD. Each step moves
 * forward; a declaration, comment or DTD that never ends takes the rest of the part (it has no root).
 */
function rootStart(text: string): number {
  const after = (token: string, from: number): number => {
    const e = text.indexOf(token, from);
    return e < 0 ? text.length : e + token.length;
  };
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    const c = text.charCodeAt(i + 1);
    let end: number;
    if (c === 63) end = after('?>', i + 2); // <?xml …?>
    else if (text.startsWith('<!--', i)) end = after('-->', i + 4);
    else if (c === 33) {
      // <!DOCTYPE …[ internal subset ]>: to the end of the subset, or to the next '>'
      const open = text.indexOf('[', i);
      const gt = text.indexOf('>', i);
      end = open >= 0 && (gt < 0 || open < gt) ? after(']', open) : gt < 0 ? text.length : gt + 1;
    } else return i;
    i = text.indexOf('<', end);
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

/**
 * The '>' that ends the tag whose name ends at `from`: the first one outside a quoted value, found
 * in one pass (a quote opens a value until the same quote closes it). A quote that never closes
 * takes the tag to the end of the part: malformed input, read in linear time all the same.
 */
function tagEnd(xml: string, from: number, n: number): number {
  let k = from;
  let gt = xml.indexOf('>', k);
  if (gt < 0) gt = n;
  for (;;) {
    // The first quote before that '>', if any: its value may hold the '>'.
    let q = -1;
    for (let x = k; x < gt; x++) {
      const c = xml.charCodeAt(x);
      if (c === 34 || c === 39) {
        q = x;
        break;
      }
    }
    if (q < 0) return gt;
    const close = xml.indexOf(xml[q], q + 1);
    if (close < 0) return n;
    k = close + 1;
    if (gt < k) {
      gt = xml.indexOf('>', k);
      if (gt < 0) gt = n;
    }
  }
}

/** Attribute text longer than this is not parsed (Word's are short; a runaway quote makes megabytes). */
const MAX_ATTRIBUTES_CHARS = 64 * 1024;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

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

  /** Attributes in xml[from, to): name="value" or name='value', in one pass (anything else is skipped). */
  const attributes = (from: number, to: number): Attrs => {
    let attrs: Attrs = NO_ATTRS;
    let p = from;
    while (p < to) {
      while (p < to && isSpace(xml.charCodeAt(p))) p++;
      const nameStart = p;
      while (p < to && !isSpace(xml.charCodeAt(p)) && xml.charCodeAt(p) !== 61 && xml.charCodeAt(p) !== 47) p++;
      const nameEnd = p;
      while (p < to && isSpace(xml.charCodeAt(p))) p++;
      if (nameEnd === nameStart || xml.charCodeAt(p) !== 61 /* = */) {
        p = Math.max(p, nameStart + 1); // not an attribute: skip a character and go on
        continue;
      }
      p++;
      while (p < to && isSpace(xml.charCodeAt(p))) p++;
      const quote = xml.charCodeAt(p);
      if (quote !== 34 && quote !== 39) continue;
      const close = xml.indexOf(xml[p], p + 1);
      const valueEnd = close < 0 || close > to ? to : close;
      const value = xml.slice(p + 1, valueEnd);
      if (attrs === NO_ATTRS) attrs = Object.create(null) as Attrs;
      attrs[xml.slice(nameStart, nameEnd)] = decodeEntities(bytes && /[\x80-\xff]/.test(value) ? str(p + 1, valueEnd) : value);
      p = valueEnd + 1;
    }
    return attrs;
  };

  /** Per opaque tag: the last search for its end tag (from, found at) and the last start before that end. */
  const ends = new Map<string, { from: number; at: number; start: number }>();
  const endTagAfter = (tag: string, from: number): number => {
    const known = ends.get(tag);
    // The first end tag after `from` is the one found before when no search since began past it.
    if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
    const at = xml.indexOf(`</${tag}>`, from);
    ends.set(tag, { from, at, start: -2 });
    return at;
  };
  const lastStartBefore = (tag: string, e: number): number => {
    const known = ends.get(tag)!;
    if (known.start === -2) known.start = xml.lastIndexOf(`<${tag}`, e);
    return known.start;
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
      // A '>' inside a quoted attribute value is no end.
      const k = tagEnd(xml, j, n);
      const selfClosing = k > j && xml.charCodeAt(k - 1) === 47;
      const attrsEnd = selfClosing ? k - 1 : k;
      let attrs = NO_ATTRS;
      const parse = attrsEnd - j <= MAX_ATTRIBUTES_CHARS;
      if (first) {
        first = false;
        if (parse) attrs = attributes(j, attrsEnd);
        rename = wmlRename(attrs);
      } else if (parse && attrsEnd > j && (!wanted || wanted.has(rename ? rename(tag) : tag))) {
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
        // Both searches are remembered per tag, so that thousands of elements without an end
        // tag, or nested in each other, cost one pass and not one pass each.
        const e = endTagAfter(tag, next);
        if (e >= 0 && lastStartBefore(tag, e) === i) {
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
