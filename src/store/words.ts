// Chinese word segmentation for full-text search, done in TypeScript so that PGlite and any
// PostgreSQL server index the same words: jieba's dictionary plus the domain's terms (every
// label of every format version), joined by spaces into a tsvector of the 'simple' configuration.

import { Jieba } from '@node-rs/jieba';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formats } from '../model/load.ts';
import { normalizeLabel, stripNumbering } from '../model/labels.ts';

/** Domain words jieba does not know, besides the model's labels. */
const EXTRA_TERMS = [
  '政府信息公开', '依申请公开', '主动公开', '政务公开', '信息处理费', '行政复议', '行政诉讼', '政务新媒体', '政府网站',
  '规范性文件', '政策解读', '年度报告', '三审三校', '一事一申请', '政务服务', '公开目录', '公开指南',
];

let jieba: Jieba | undefined;

function domainTerms(): string[] {
  const out = new Set(EXTRA_TERMS);
  for (const f of formats()) {
    for (const s of f.sections) out.add(stripNumbering(normalizeLabel(s.label)));
    for (const t of f.tables) {
      for (const r of t.rows) out.add(r.short);
      for (const c of t.columns) out.add(c.short);
    }
  }
  // Only words: labels with punctuation or long phrases stay for jieba to split.
  return [...out].filter((w) => /^[\u4e00-\u9fff]{2,12}$/.test(w));
}

function segmenter(): Jieba {
  if (!jieba) {
    // jieba's own dictionary, shipped in the package (its `dict` entry point has no ESM types).
    const dict = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
    jieba = Jieba.withDict(dict);
    jieba.loadDict(new TextEncoder().encode(domainTerms().map((w) => `${w} 100000 n`).join('\n') + '\n'));
  }
  return jieba;
}

/** Load the segmenter and its dictionaries now (~150 ms), not in the first text to segment. */
export function loadSegmenter(): void {
  segmenter();
}

const WORD = /[\p{L}\p{N}]/u;

/** The words of a text for indexing (search mode: long words and their parts), space-separated. */
export function indexWords(text: string): string {
  if (!text) return '';
  return segmenter()
    .cutForSearch(text, true)
    .filter((w) => WORD.test(w))
    .map((w) => w.toLowerCase())
    .join(' ');
}

/** The words of a search query (precise mode). */
export function queryWords(text: string): string[] {
  return segmenter()
    .cut(text.trim(), true)
    .filter((w) => WORD.test(w))
    .map((w) => w.toLowerCase());
}

/** The indexed words of a section (its title and text). */
export function sectionWords(s: { title: string; text: string }): string {
  return indexWords(`${s.title}\n${s.text}`);
}
