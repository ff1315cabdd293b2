// Page metadata of a 政府信息公开 article: 索引号, 发布机构/发文机关/来源, 发文日期/成文日期/发布日期/
// 发布时间 and 名称/标题, from the metadata table or list above the article, the info line under
// the title, and the <meta> tags portals fill in (ArticleTitle, PubDate, ContentSource).

import { isTag, type AnyNode, type Document, type Element } from './dom.ts';
import type { SourceMetadata } from '../types.ts';
import { SKIPPED, elementChildren, hasDescendant, textOf } from './nodes.ts';
import type { Item } from './walk.ts';

type Field = 'agency' | 'published' | 'indexNo' | 'title';

/** Keys that name a field, best first within each field. */
const FIELD_KEYS: Record<Field, string[]> = {
  indexNo: ['索引号'],
  agency: ['发布机构', '发文机关', '发文单位', '发布单位', '制发机关', '信息来源', '文章来源', '来源'],
  published: ['发文日期', '成文日期', '发布日期', '印发日期', '生成日期', '公开日期', '发布时间'],
  title: ['标题', '名称', '文件名称'],
};

/** Other keys of metadata blocks: they end the value before them and mark metadata tables. */
const OTHER_KEYS = [
  '主题分类', '信息分类', '内容分类', '体裁分类', '组配分类', '服务对象分类', '机构分类', '信息类别', '所属机构', '文号', '发文字号',
  '文件编号', '有效性', '时效', '公开方式', '公开范围', '公开时限', '关键词', '主题词', '浏览次数', '点击数', '访问量', '阅读次数',
  '字号', '作者', '责任编辑', '编辑', '实施日期', '废止日期', '统一编号', '发布人', '分享到',
];

const SPACE = '[\\s\\u00a0\\u3000]*';
const keyPattern = (k: string) => [...k].join(SPACE);
const ALL_KEYS = [...Object.values(FIELD_KEYS).flat(), ...OTHER_KEYS].sort((a, b) => b.length - a.length);
const KEY_OF = new Map<string, { field: Field; rank: number }>();
for (const [field, keys] of Object.entries(FIELD_KEYS) as [Field, string[]][]) keys.forEach((k, rank) => KEY_OF.set(k, { field, rank }));

/** A cell or line that is only a key ("索 引 号：", "发文机关"). */
const KEY_ONLY = new RegExp(`^${SPACE}(${ALL_KEYS.map(keyPattern).join('|')})${SPACE}[:：]?${SPACE}$`);

const compactKey = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');
const KEY_SET = new Set(ALL_KEYS);
const LONGEST_KEY = Math.max(...ALL_KEYS.map((k) => k.length));
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0x3000;

interface KeyHit {
  key: string;
  /** Offset of the key's first character. */
  start: number;
  /** Offset just after the colon. */
  end: number;
}

/** Every "KEY：" in a line (spaces allowed inside the key: "索 引 号："), in order. */
function keysIn(text: string): KeyHit[] {
  const hits: KeyHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 0xff1a && ch !== 0x3a) continue; // ： :
    let j = i - 1;
    while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
    // Walk back over up to LONGEST_KEY non-space characters, trying the longest key first.
    const chars: number[] = [];
    for (let k = j; k >= 0 && chars.length < LONGEST_KEY; k--) if (!isSpace(text.charCodeAt(k))) chars.push(k);
    for (let len = chars.length; len >= 2; len--) {
      let key = '';
      for (let m = len - 1; m >= 0; m--) key += text[chars[m]];
      if (KEY_SET.has(key)) {
        hits.push({ key, start: chars[len - 1], end: i + 1 });
        break;
      }
    }
  }
  return hits;
}

/** The line starts with "KEY：". */
function startsWithKey(text: string): boolean {
  const hits = keysIn(text.slice(0, 24));
  return hits.length > 0 && text.slice(0, hits[0].start).trim() === '';
}

/** Metadata tables are short; longer tables are the report's data. */
const MAX_METADATA_ROWS = 12;

interface Candidate {
  field: Field;
  rank: number;
  order: number;
  value: string;
}

export interface PageMetadata {
  metadata: SourceMetadata;
  /** Tables that are metadata, not part of the report. */
  tables: Set<Element>;
  /** <title> and <meta name="ArticleTitle">, for the report title when the body lacks one. */
  pageTitle: string | null;
}

function isoDate(text: string): string | null {
  const t = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = /((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A raw value cleaned for its field, or null when it is not one. */
function cleanValue(field: Field, raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  const first = v.split(/[\s\u00a0\u3000|｜]+/)[0].replace(/[，,。；;、]+$/, '');
  switch (field) {
    case 'agency':
      return first.length >= 2 && first.length <= 40 && /[\u4e00-\u9fff]/.test(first) && !/^(本站|本网|原创|网络|其他)$/.test(first) ? first : null;
    case 'indexNo':
      return first.length >= 3 && first.length <= 64 ? first : null;
    case 'published':
      return isoDate(v);
    case 'title':
      return v.length >= 4 && v.length <= 200 ? v : null;
  }
}

class Collector {
  private order = 0;
  readonly candidates: Candidate[] = [];

  add(key: string, raw: string): void {
    const k = KEY_OF.get(compactKey(key));
    if (!k) return;
    const value = cleanValue(k.field, raw);
    if (value) this.candidates.push({ field: k.field, rank: k.rank, order: this.order++, value });
  }

  /** Every "KEY：VALUE" in a line; a value runs to the next key. Returns the number of keys seen. */
  inline(text: string): number {
    const hits = keysIn(text);
    hits.forEach((h, i) => this.add(h.key, text.slice(h.end, i + 1 < hits.length ? hits[i + 1].start : text.length)));
    return hits.length;
  }

  best(field: Field): string | undefined {
    let best: Candidate | undefined;
    for (const c of this.candidates) if (c.field === field && (!best || c.rank < best.rank || (c.rank === best.rank && c.order < best.order))) best = c;
    return best?.value;
  }
}

function allElements(nodes: readonly AnyNode[], out: Element[] = []): Element[] {
  for (const n of nodes) {
    if (!isTag(n)) continue;
    out.push(n);
    if (n.name !== 'script' && n.name !== 'style') allElements(n.children, out);
  }
  return out;
}

function tableRows(table: Element): Element[][] {
  const rows: Element[][] = [];
  const take = (parent: Element) => {
    for (const c of parent.children) {
      if (!isTag(c)) continue;
      if (c.name === 'tr') rows.push(elementChildren(c, new Set(['td', 'th'])));
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') take(c);
    }
  };
  take(table);
  return rows;
}

/** Metadata from <meta> tags and metadata tables (before the page is walked). */
export function readPageMetadata(doc: Document): { collector: Collector; tables: Set<Element>; pageTitle: string | null } {
  const collector = new Collector();
  const tables = new Set<Element>();
  let htmlTitle: string | null = null;
  let articleTitle: string | null = null;
  const fallback: { field: Field; value: string }[] = [];
  for (const el of allElements(doc.children)) {
    if (el.name === 'title' && htmlTitle === null) {
      htmlTitle = textOf(el, 300);
    } else if (el.name === 'meta') {
      const name = (el.attribs.name ?? '').toLowerCase();
      const content = (el.attribs.content ?? '').trim();
      if (!content) continue;
      if (name === 'articletitle') articleTitle = content;
      else if (name === 'pubdate' || name === 'publishdate' || name === 'firstpublishedtime') fallback.push({ field: 'published', value: content });
      else if (name === 'contentsource') fallback.push({ field: 'agency', value: content });
    } else if (el.name === 'table' && !SKIPPED.has(el.parent && isTag(el.parent) ? el.parent.name : '')) {
      if (el.children.some((c) => isTag(c) && hasDescendant(c, 'table'))) continue; // layout
      const rows = tableRows(el);
      if (rows.length > MAX_METADATA_ROWS) continue; // a data table
      let keys = 0;
      for (const cells of rows) {
        const texts = cells.map((c) => textOf(c, 300));
        texts.forEach((t, i) => {
          if (KEY_ONLY.test(t)) {
            keys++;
            const next = texts[i + 1];
            if (next !== undefined && !KEY_ONLY.test(next)) collector.add(t.replace(/[:：]/g, ''), next);
          } else if (t.length <= 300) {
            keys += collector.inline(t) > 0 && startsWithKey(t) ? 1 : 0;
          }
        });
      }
      if (keys >= 2) tables.add(el);
    }
  }
  // <meta> values rank below anything the page shows.
  for (const f of fallback) {
    const value = cleanValue(f.field, f.value);
    if (value) collector.candidates.push({ field: f.field, rank: 100, order: 1e9, value });
  }
  return { collector, tables, pageTitle: articleTitle ?? cleanPageTitle(htmlTitle) };
}

/** "报告标题_栏目_网站名" → the part naming the report. */
function cleanPageTitle(title: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s*[_|｜]\s*|\s+[-—–]+\s+/).filter(Boolean);
  return parts.find((p) => /报告|年报/.test(p)) ?? parts[0] ?? null;
}

/** Metadata lines among the walked paragraphs ("发布时间：… 来源：…", <dt>发布机构</dt><dd>…</dd>). */
export function readLineMetadata(collector: Collector, items: readonly Item[]): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.kind !== 'paragraph' || it.text.length > 300) continue;
    if (KEY_ONLY.test(it.text)) {
      const next = items[i + 1];
      if (next && next.kind === 'paragraph' && !KEY_ONLY.test(next.text) && next.text.length <= 300) collector.add(it.text.replace(/[:：]/g, ''), next.text);
    } else if (/[:：]/.test(it.text)) {
      collector.inline(it.text);
    }
  }
}

export function finishMetadata(collector: Collector, title: string | null): SourceMetadata {
  const m: SourceMetadata = {};
  const agency = collector.best('agency');
  const published = collector.best('published');
  const indexNo = collector.best('indexNo');
  const t = title ?? collector.best('title');
  if (agency) m.agency = agency;
  if (published) m.published = published;
  if (indexNo) m.indexNo = indexNo;
  if (t) m.title = t;
  return m;
}

export type { Collector };
