// Which HTML elements hold text a reader sees, which break lines, and small DOM helpers.

import { isTag, isText, type AnyNode, type Element } from './dom.ts';

/** Elements whose content is never report text (scripts, styles, embedded documents, forms). */
export const SKIPPED = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'audio', 'video', 'select', 'textarea', 'button', 'input', 'map', 'title', 'meta', 'link',
]);

/** Elements that start and end a line of text. */
export const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'table', 'caption',
  'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'option', 'xmp', 'listing', 'plaintext',
]);

/** Not rendered: the hidden attribute or an inline display:none. */
export function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  const style = el.attribs.style;
  if (style === undefined) return false;
  const s = style.toLowerCase();
  if (!s.includes('none') && !s.includes('hidden') && !s.includes('mso-hide')) return false;
  return /display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all/.test(s);
}

export function elementChildren(el: Element, names: ReadonlySet<string>): Element[] {
  const out: Element[] = [];
  for (const c of el.children) if (isTag(c) && names.has(c.name)) out.push(c);
  return out;
}

/** Whether `el` has a descendant element named `name` (not looking into skipped elements). */
export function hasDescendant(el: Element, name: string): boolean {
  for (const c of el.children) {
    if (!isTag(c) || SKIPPED.has(c.name)) continue;
    if (c.name === name || hasDescendant(c, name)) return true;
  }
  return false;
}

/** Visible text of a subtree, whitespace collapsed (for metadata and labels, not for blocks). */
export function textOf(node: AnyNode, limit = 2000): string {
  const parts: string[] = [];
  let n = 0;
  const visit = (x: AnyNode): void => {
    if (n > limit) return;
    if (isText(x)) {
      parts.push(x.data);
      n += x.data.length;
    } else if (isTag(x) && !SKIPPED.has(x.name) && !isHidden(x)) {
      if (x.name === 'br') parts.push(' ');
      for (const c of x.children) visit(c);
      if (BLOCKS.has(x.name)) parts.push(' ');
    }
  };
  if (isTag(node)) for (const c of node.children) visit(c);
  else visit(node);
  return parts.join('').replace(/[ \t\n\r\f]+/g, ' ').trim();
}

/** Whether `node` is `ancestor` or lies inside it. */
export function isInside(node: AnyNode | null, ancestor: AnyNode): boolean {
  for (let x: AnyNode | null = node; x; x = x.parent) if (x === ancestor) return true;
  return false;
}

/** Element ancestors from the outermost down to `node` itself. */
export function ancestry(node: Element): Element[] {
  const path: Element[] = [];
  for (let x: AnyNode | null = node; x; x = x.parent) if (isTag(x)) path.push(x);
  return path.reverse();
}
