// Where the report sits on the page. A portal page wraps the report in navigation, breadcrumbs,
// lists of related articles and a footer; read as a document, that chrome would pollute the
// title, the signature and the narrative. The report is the smallest element holding all the
// places that look like a report (the six section headings, the tables' labels), outside
// navigation and footers. The article title usually stands above it and is kept.

import { isTag, type AnyNode, type Element } from './dom.ts';
import { ancestry, isInside } from './nodes.ts';
import type { Item, ParagraphItem } from './walk.ts';

const MARKERS = [
  /总体情况/,
  /主动公开政府信息情况/,
  /收到和处理政府信息公开申请/,
  /行政复议.{0,4}行政诉讼/,
  /存在的?主要问题|存在问题/,
  /其他需要报告的事项/,
  /第二十条第/,
  /本年新收政府信息公开申请/,
  /申请人情况/,
  /结果维持/,
];
const MAX_MARKER_LINE = 80;

const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'a', 'menu']);
const CHROME_NAME = /(?:^|[-_])(?:nav|navbar|menu|footer|foot|crumbs?|breadcrumbs?|position|dqwz|location|related|relate|sidebar|copyright|bottom|share)(?:[-_]|$)/i;
const TITLE_NAME = /title|biaoti|bt$|tit$|headline/i;
const TEXT_ELEMENTS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'span', 'font', 'b', 'strong', 'em', 'dt', 'dd', 'caption']);

function names(el: Element): string[] {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.split(/\s+/).filter(Boolean);
}

/** Inside navigation, a header, a footer, a link list or a share bar. */
function inChrome(node: AnyNode | null): boolean {
  for (let x: AnyNode | null = node; x; x = x.parent) {
    if (!isTag(x)) continue;
    if (CHROME_TAGS.has(x.name) || names(x).some((n) => CHROME_NAME.test(n))) return true;
  }
  return false;
}

function looksLikeReport(item: Item): boolean {
  if (item.node === null) return false;
  if (item.kind === 'paragraph') return !item.linkOnly && item.text.length <= MAX_MARKER_LINE && MARKERS.some((re) => re.test(item.text));
  return item.rows.some((r) => r.some((c) => MARKERS.some((re) => re.test(c.text))));
}

function looksLikeTitle(item: ParagraphItem): boolean {
  if (item.linkOnly || item.text.length > 100 || !/报告|年报/.test(item.text) || inChrome(item.node)) return false;
  for (let x: AnyNode | null = item.node, up = 0; x && up < 3; x = x.parent, up++) {
    if (isTag(x) && (/^h[1-4]$/.test(x.name) || names(x).some((n) => TITLE_NAME.test(n)))) return true;
  }
  return false;
}

export interface LocatedReport {
  /** The report's items, the title first. */
  items: Item[];
  /** Items of the page around the report (metadata lines, chrome). */
  around: Item[];
  /** The article title, when the page shows one. */
  title: string | null;
}

const compact = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');

export function locateReport(items: Item[], pageTitle: string | null): LocatedReport {
  // Places that look like the report, outside navigation and footers (unless that is all there is:
  // some sites name their main column "nav-content" or the like).
  const candidates = items.filter(looksLikeReport);
  const outside = candidates.filter((i) => !inChrome(i.node));
  const markers = outside.length ? outside : candidates;
  const dataTables = new Set(items.filter((i) => i.kind === 'table').map((i) => i.node));
  let root: Element | null = null;
  if (markers.length > 0) {
    const paths = markers.map((m) => ancestry(m.node!));
    let depth = 0;
    while (paths.every((p) => depth < p.length && p[depth] === paths[0][depth])) depth++;
    root = depth > 0 ? paths[0][depth - 1] : null;
    const markerNodes = new Set(markers.map((m) => m.node));
    // The report is a container: not one heading, and not one of its own tables.
    while (root) {
      const inTable = [...dataTables].some((t) => isInside(root, t));
      if (!markerNodes.has(root) && !inTable && !TEXT_ELEMENTS.has(root.name)) break;
      const up: AnyNode | null = root.parent;
      root = up && isTag(up) ? up : null;
    }
  }
  if (!root) return { items, around: [], title: pageTitle && /报告|年报/.test(pageTitle) ? pageTitle : null };

  const inside: Item[] = [];
  const around: Item[] = [];
  let titleItem: ParagraphItem | null = null;
  for (const it of items) {
    if (it.node && isInside(it.node, root)) {
      inside.push(it);
    } else {
      around.push(it);
      if (inside.length === 0 && it.kind === 'paragraph' && looksLikeTitle(it)) titleItem = it;
    }
  }
  const title = titleItem?.text ?? (pageTitle && /报告|年报/.test(pageTitle) ? pageTitle : null);
  if (title) {
    const t = compact(title);
    // Already the report's first lines (a title line, possibly with the agency on its own line)?
    const head = inside.slice(0, 5).some((i) => i.kind === 'paragraph' && compact(i.text).includes(t) && compact(i.text).length <= t.length + 12);
    if (!head) inside.unshift(titleItem ?? { kind: 'paragraph', text: title, line: 0, node: null, linkOnly: false });
  }
  return { items: inside, around, title };
}
