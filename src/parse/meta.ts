// The report's own facts: which agency, which year, which date. Taken from the title first, then
// from page metadata, the body ("由…编制", 统计期限), and the signature at the end.

import type { FactOrigin } from '../interchange/types.ts';
import type { Block, SourceMetadata } from '../ingest/types.ts';
import { isPageChrome } from './chrome.ts';

export interface ReportMeta {
  agency: string | null;
  year: number | null;
  published: string | null;
  origin: { agency?: FactOrigin; year?: FactOrigin; published?: FactOrigin };
  /** Blocks that make up the title (not narrative). */
  titleBlocks: number[];
  /** Blocks of the signature at the end (agency name, date). */
  signatureBlocks: number[];
  /** Page furniture around the report (breadcrumbs before the title, view counters, 发布时间 lines). */
  chromeBlocks: number[];
}

export interface Line {
  block: number;
  line: number;
  text: string;
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnNumber(s: string): number {
  // 二〇二二 (digit by digit) or 十九 / 三十一 (tens)
  if (s.includes('十')) {
    const [a, b] = s.split('十');
    return (a ? CN_DIGITS[a] : 1) * 10 + (b ? CN_DIGITS[b] : 0);
  }
  let n = 0;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d === undefined) return NaN;
    n = n * 10 + d;
  }
  return n;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE_RES: RegExp[] = [
  /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/,
  /((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/,
];
const CN_DATE_RE = /([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;

/** The first date in `text`, as YYYY-MM-DD. */
export function findDate(text: string): { iso: string; index: number; length: number } | null {
  const t = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const re of DATE_RES) {
    const m = re.exec(t);
    if (m) {
      const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (iso) return { iso, index: m.index, length: m[0].length };
    }
  }
  const m = CN_DATE_RE.exec(t);
  if (m) {
    const iso = isoDate(cnNumber(m[1]), cnNumber(m[2]), cnNumber(m[3]));
    if (iso) return { iso, index: m.index, length: m[0].length };
  }
  return null;
}

const YEAR_RE = /((?:19|20)\d{2})\s*年/;
const CN_YEAR_RE = /([〇零○一二三四五六七八九]{4})\s*年/;

function yearIn(text: string): { year: number; index: number } | null {
  const m = YEAR_RE.exec(text);
  if (m) return { year: Number(m[1]), index: m.index };
  const c = CN_YEAR_RE.exec(text);
  if (c) {
    const y = cnNumber(c[1]);
    if (y >= 1990 && y <= 2100) return { year: y, index: c.index };
  }
  return null;
}

const AGENCY_SUFFIX = /(人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|分局|支队|大队|管理局|局|委|厅|办|院|所|站|中心|队|处|署|馆|会|社|街道办事处|街道|镇|乡)$/;
const GENERIC_START = /^(我|本|该|各|上级|区委|县委|市委|省委|全|有关|相关|其他|所属|下一步|今年|全年|同时|并|对|在)/;
const PUBLIC_WORDS = /(政府信息公开|政务公开|信息公开)/;

function cleanAgency(s: string): string | null {
  let a = s.replace(/[\s"“”《》【】[\]]/g, '').replace(/^(关于|印发)/, '').replace(/(关于|的)$/, '');
  a = a.replace(/[（(][^）)]*[)）]$/, '');
  if (a.length < 2 || a.length > 40) return null;
  if (/[，。；：,.;:!?！？]/.test(a)) return null;
  return a;
}

/** Agency named in a title: the text before the year or before 政府信息公开, or between them. */
export function agencyFromTitle(title: string): string | null {
  const t = title.replace(/\s+/g, '');
  const y = yearIn(t);
  const p = PUBLIC_WORDS.exec(t);
  const cut = Math.min(y ? y.index : Infinity, p ? p.index : Infinity);
  if (cut !== Infinity && cut >= 2) {
    const a = cleanAgency(t.slice(0, cut));
    if (a) return a;
  }
  if (y && p && p.index > y.index) {
    const between = t.slice(y.index, p.index).replace(YEAR_RE, '').replace(/^度/, '');
    const a = cleanAgency(between);
    if (a) return a;
  }
  return null;
}

const WIDE_SPACE = /[\t\u00a0\u3000]/;

function nonEmptyLines(blocks: Block[], skip: (b: number) => boolean): Line[] {
  const out: Line[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const blk = blocks[b];
    if (blk.type !== 'paragraph' || skip(b)) continue;
    const text = (WIDE_SPACE.test(blk.text) ? blk.text.replace(/[\t\u00a0\u3000]+/g, ' ') : blk.text).trim();
    if (text) out.push({ block: b, line: blk.line ?? b + 1, text });
  }
  return out;
}

function looksLikeTitleLine(text: string): boolean {
  return text.length <= 60 && !/[。；]/.test(text);
}

/**
 * The title: the first short line among the first lines that mentions 报告/年报, joined with the
 * line before it when the title was wrapped (it then lacks the year or the agency).
 */
export function findTitle(head: Line[]): Line[] {
  for (let i = 0; i < head.length; i++) {
    const l = head[i];
    if (!looksLikeTitleLine(l.text) || !/(报告|年报)/.test(l.text)) continue;
    const prev = head[i - 1];
    if (prev && looksLikeTitleLine(prev.text) && !/[，,：:]/.test(prev.text) && (!yearIn(l.text) || !agencyFromTitle(l.text))) {
      if (yearIn(prev.text) || agencyFromTitle(prev.text + l.text)) return [prev, l];
    }
    return [l];
  }
  return [];
}

/** Year and agency named in the title. */
function factsFromTitle(meta: ReportMeta, title: Line[]): void {
  if (!title.length) return;
  const text = title.map((l) => l.text).join('');
  meta.titleBlocks = title.map((l) => l.block);
  const y = yearIn(text.replace(/\s+/g, ''));
  if (y) {
    meta.year = y.year;
    meta.origin.year = { via: 'title', line: title[0].line, text };
  }
  const a = agencyFromTitle(text);
  if (a) {
    meta.agency = a;
    meta.origin.agency = { via: 'title', line: title[0].line, text };
  }
}

/** The agency named in the body: "本报告由…编制". */
export function agencyCompiling(body: Line[]): { agency: string; origin: FactOrigin } | null {
  for (const l of body.slice(0, 40)) {
    const m = /由([^，。、；：\s]{2,30}?)(?:负责)?编制/.exec(l.text);
    const a = m && cleanAgency(m[1]);
    if (a && AGENCY_SUFFIX.test(a)) return { agency: a, origin: { via: 'body', line: l.line, text: l.text.slice(0, 60) } };
  }
  return null;
}

/**
 * The signature at the end: the agency's name and the date, each on a short line of its own,
 * read from the last line up. Marks the lines and takes the date, and the agency if still unknown.
 */
export function readSignature(meta: ReportMeta, body: Line[]): void {
  const tail = body.slice(-6);
  for (let i = tail.length - 1; i >= 0; i--) {
    const l = tail[i];
    const compact = l.text.replace(/\s/g, '');
    const d = findDate(l.text);
    if (d && compact.length <= d.length + 4) {
      meta.signatureBlocks.push(l.block);
      if (!meta.published) {
        meta.published = d.iso;
        meta.origin.published = { via: 'signature', line: l.line, text: l.text };
      }
      continue;
    }
    if (/^\d{6,8}$/.test(compact)) {
      meta.signatureBlocks.push(l.block); // a date that lost its 年月日 ("2022215")
      continue;
    }
    if (compact.length <= 30 && AGENCY_SUFFIX.test(compact) && !/[，。；：,]/.test(l.text)) {
      meta.signatureBlocks.push(l.block);
      const a = cleanAgency(l.text);
      if (!meta.agency && a) {
        meta.agency = a;
        meta.origin.agency = { via: 'signature', line: l.line, text: l.text };
      }
      continue;
    }
    break;
  }
}

/** A date given as 发布时间/成文日期/… among the first lines (page metadata printed in the text). */
export function datedLine(lines: Line[]): { published: string; origin: FactOrigin } | null {
  for (const l of lines.slice(0, 20)) {
    const m = /(发布时间|发布日期|成文日期|发文日期|印发日期|日期)\s*[:：]\s*(.{6,20})/.exec(l.text);
    const d = m && findDate(m[2]);
    if (d) return { published: d.iso, origin: { via: 'metadata', line: l.line, text: l.text.slice(0, 60) } };
  }
  return null;
}

/** The year of the statistics period the body states (统计期限自2023年1月1日起至2023年12月31日止). */
export function statisticsPeriodYear(body: Line[]): { year: number; origin: FactOrigin } | null {
  for (const l of body) {
    const m = /统计(?:期限|时限|时段|区间|期间|范围)[^。]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日[^。]{0,6}?至\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日/.exec(l.text);
    if (m && m[1] === m[2]) return { year: Number(m[1]), origin: { via: 'statistics_period', line: l.line, text: m[0] } };
  }
  return null;
}

/** The year the body talks about most ("2023年，我局…"), twice at least, ignoring document numbers 〔2020〕. */
export function mostMentionedYear(body: Line[]): { year: number; origin: FactOrigin } | null {
  const counts = new Map<number, { n: number; line: number }>();
  for (const l of body.slice(0, 200)) {
    const text = l.text.replace(/[〔[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]/g, '');
    for (const m of text.matchAll(/((?:19|20)\d{2})\s*年/g)) {
      const y = Number(m[1]);
      const c = counts.get(y) ?? { n: 0, line: l.line };
      c.n++;
      counts.set(y, c);
    }
  }
  let best: [number, { n: number; line: number }] | null = null;
  for (const e of counts) if (!best || e[1].n > best[1].n || (e[1].n === best[1].n && e[0] > best[0])) best = e;
  return best && best[1].n >= 2 ? { year: best[0], origin: { via: 'body', line: best[1].line } } : null;
}

/** The name most often at the start of a sentence in the body: "…。叶集生态环境分局政府信息公开主要通过…". */
export function mostNamedAgency(body: Line[]): { agency: string; origin: FactOrigin } | null {
  const counts = new Map<string, { n: number; line: number }>();
  const nameRe = /(?:^|[。；！？：:]|[（(][一二三四五六七八九十]+[)）][^。]{0,24}?[。．])\s*([\u4e00-\u9fa5]{2,24}?(?:人民政府办公室|人民政府|委员会|管理局|分局|支队|大队|办公室|中心|局|委|厅))(?=[\u4e00-\u9fa5])/g;
  for (const l of body.slice(0, 200)) {
    for (const m of l.text.matchAll(nameRe)) {
      let name = m[1];
      // 克州生态环境局 + 阿合奇县分局: a subordinate office named after its parent
      const rest = l.text.slice((m.index ?? 0) + m[0].length);
      const ext = /^([\u4e00-\u9fa5]{2,10}?(?:分局|支队|大队|办公室|中心))/.exec(rest);
      if (ext && !PUBLIC_WORDS.test(ext[1])) name += ext[1];
      if (GENERIC_START.test(name) || PUBLIC_WORDS.test(name)) continue;
      const c = counts.get(name) ?? { n: 0, line: l.line };
      c.n++;
      counts.set(name, c);
    }
  }
  let best: [string, { n: number; line: number }] | null = null;
  for (const e of counts) if (!best || e[1].n > best[1].n) best = e;
  return best ? { agency: best[0], origin: { via: 'body', line: best[1].line } } : null;
}

/**
 * The report's agency, year and date, each from the first place that gives it: the title, the
 * page's metadata, the body's 由…编制, the signature, a 发布时间 line, the statistics period, the
 * year and the name the body mentions most. Also which blocks are title, signature and page chrome.
 */
export function readMeta(blocks: Block[], isTableOrHeading: (b: number) => boolean, firstHeadingBlock: number, metadata?: SourceMetadata): ReportMeta {
  const meta: ReportMeta = { agency: null, year: null, published: null, origin: {}, titleBlocks: [], signatureBlocks: [], chromeBlocks: [] };
  const lines = nonEmptyLines(blocks, isTableOrHeading);
  const head = lines.filter((l) => firstHeadingBlock < 0 || l.block < firstHeadingBlock).slice(0, 15);
  const title = findTitle(head);
  factsFromTitle(meta, title);
  if (!meta.agency && metadata?.agency) {
    meta.agency = metadata.agency;
    meta.origin.agency = { via: 'metadata', text: metadata.agency };
  }

  // What stands before the title (breadcrumbs, column names) and furniture lines are no narrative.
  if (title.length) for (const l of head) if (l.block < title[0].block) meta.chromeBlocks.push(l.block);
  for (const l of lines) if (isPageChrome(l.text)) meta.chromeBlocks.push(l.block);
  const body = lines.filter((l) => !meta.titleBlocks.includes(l.block));
  const agency = (found: { agency: string; origin: FactOrigin } | null) => {
    if (meta.agency || !found) return;
    meta.agency = found.agency;
    meta.origin.agency = found.origin;
  };
  const year = (found: { year: number; origin: FactOrigin } | null) => {
    if (meta.year || !found) return;
    meta.year = found.year;
    meta.origin.year = found.origin;
  };
  const published = (found: { published: string; origin: FactOrigin } | null) => {
    if (meta.published || !found) return;
    meta.published = found.published;
    meta.origin.published = found.origin;
  };
  if (!meta.agency) agency(agencyCompiling(body));
  readSignature(meta, body);
  if (!meta.published) published(datedLine(lines));
  const d = !meta.published && metadata?.published ? findDate(metadata.published) : null;
  if (d) published({ published: d.iso, origin: { via: 'metadata', text: metadata!.published! } });
  if (!meta.year) year(statisticsPeriodYear(body));
  if (!meta.year) year(mostMentionedYear(body));
  if (!meta.agency) agency(mostNamedAgency(body));
  return meta;
}
