// Markup → a light DOM tree built from htmlparser2's events, within bounds: hostile pages with
// absurd nesting or millions of elements are refused before they cost quadratic time (the
// parser's open-element stack grows with nesting) or gigabytes of memory. Nothing is fetched and
// nothing is executed: script and style content is dropped, comments are not kept.
//
// The tree is our own rather than domhandler's: it holds only what the reader uses (name,
// attributes, children, parent, source offset) and builds four times faster on portal pages.

import { Parser, type Handler } from 'htmlparser2';
import { IngestError } from '../errors.ts';
import { lastAtMost } from '../../util/sorted.ts';

export interface Element {
  type: 'tag';
  name: string;
  attribs: Record<string, string>;
  children: AnyNode[];
  parent: Element | Document | null;
  /** Offset of the start tag in the page text. */
  startIndex: number;
}

export interface Text {
  type: 'text';
  data: string;
  parent: Element | Document;
  startIndex: number;
}

export interface Document {
  type: 'root';
  children: AnyNode[];
  parent: null;
}

export type AnyNode = Element | Text | Document;

export const isTag = (n: AnyNode | null | undefined): n is Element => n?.type === 'tag';
export const isText = (n: AnyNode | null | undefined): n is Text => n?.type === 'text';

export const DOM_LIMITS = {
  /** Deepest element nesting accepted. Real pages, unclosed <font> tags included, stay far below. */
  maxDepth: 1000,
  /** Most elements accepted. A whole portal page with a report has a few thousand. */
  maxElements: 200_000,
};

/** Elements whose text content is never kept (raw text the parser hands over as is). */
const RAW_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'iframe']);

class PageTooComplex extends Error {
  constructor(readonly reason: 'depth' | 'elements') {
    super(reason);
  }
}

export function parsePage(text: string, name: string): Document {
  const root: Document = { type: 'root', children: [], parent: null };
  const stack: (Element | Document)[] = [root];
  let elements = 0;
  let lastText: Text | null = null;
  let parser: Parser | null = null;
  const handler: Partial<Handler> = {
    onopentag(tag, attribs) {
      if (++elements > DOM_LIMITS.maxElements) throw new PageTooComplex('elements');
      if (stack.length > DOM_LIMITS.maxDepth) throw new PageTooComplex('depth');
      const parent = stack[stack.length - 1];
      const el: Element = { type: 'tag', name: tag, attribs, children: [], parent, startIndex: parser!.startIndex };
      parent.children.push(el);
      stack.push(el);
      lastText = null;
    },
    onclosetag() {
      if (stack.length > 1) stack.pop();
      lastText = null;
    },
    ontext(data) {
      const parent = stack[stack.length - 1];
      if (parent.type === 'tag' && RAW_TEXT.has(parent.name)) return;
      if (lastText) {
        lastText.data += data; // text split by entities is one text node
        return;
      }
      lastText = { type: 'text', data, parent, startIndex: parser!.startIndex };
      parent.children.push(lastText);
    },
    oncomment() {
      lastText = null;
    },
  };
  parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  try {
    parser.end(text);
  } catch (e) {
    if (e instanceof PageTooComplex) {
      throw new IngestError(
        'corrupt',
        name,
        e.reason === 'depth'
          ? `网页的标签嵌套超过 ${DOM_LIMITS.maxDepth} 层，像是损坏或恶意构造的文件，无法读取`
          : `网页的标签超过 ${DOM_LIMITS.maxElements.toLocaleString('en-US')} 个，像是损坏或恶意构造的文件，无法读取`,
      );
    }
    throw e;
  }
  return root;
}

/** 1-based line of a character offset in the page text. */
export function lineIndex(text: string): (offset: number | null | undefined) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    if (offset === null || offset === undefined || offset < 0) return 0;
    return lastAtMost(starts, offset) + 1;
  };
}
