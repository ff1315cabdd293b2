// Markup → DOM tree (htmlparser2 + domhandler), within bounds: hostile pages with absurd nesting
// or millions of elements are refused before they cost quadratic time or gigabytes of memory.
// Nothing is fetched and nothing is executed: scripts are text nodes that the reader skips.

import { DomHandler, type Document } from 'domhandler';
import { Parser } from 'htmlparser2';
import { IngestError } from '../errors.ts';

export const DOM_LIMITS = {
  /** Deepest element nesting accepted. Real pages, unclosed <font> tags included, stay far below. */
  maxDepth: 1000,
  /** Most elements accepted. A whole portal page with a report has a few thousand. */
  maxElements: 200_000,
};

class PageTooComplex extends Error {
  constructor(readonly reason: 'depth' | 'elements') {
    super(reason);
  }
}

/** DomHandler that stops at the limits (the parser's own open-element stack grows with nesting). */
class BoundedHandler extends DomHandler {
  private elements = 0;
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (++this.elements > DOM_LIMITS.maxElements) throw new PageTooComplex('elements');
    if (this.tagStack.length > DOM_LIMITS.maxDepth) throw new PageTooComplex('depth');
    super.onopentag(name, attribs);
  }
}

export function parsePage(text: string, name: string): Document {
  const handler = new BoundedHandler(undefined, { withStartIndices: true });
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
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
  return handler.root;
}

/** 1-based line of a character offset in the page text. */
export function lineIndex(text: string): (offset: number | null | undefined) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    if (offset === null || offset === undefined || offset < 0) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
