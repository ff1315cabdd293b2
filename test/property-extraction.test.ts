// Property: whatever an extractor does to a table's lines, no number is read wrong without a
// diagnostic. Random reports of both formats are printed one cell per line (PDF text, web and
// Word copies), each row in the style some extractor gives it — numbers after the label, before
// it (a vertically centred label), on the label's line, empty cells as empty lines or dropped —
// and then damaged the way extraction damages text: a number lost, a stray number (a page
// number), two lines swapped, a label lost, a group's rows printed column by column. Each cell
// must then be exact, or null, or flagged (test/support/corpus.ts's verdicts): never
// "wrongSilent". The extraction corpus (test/corpus) holds the real tools' output; this explores
// the same styles on reports it does not hold.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getFormat, parseText } from '../src/index.ts';
import type { TableDef } from '../src/model/types.ts';
import { scoreReport } from './support/corpus.ts';
import { generateWith, type GeneratedReport } from './support/generate.ts';
import { arbitraryOf } from './support/random.ts';

const SEED = Number(process.env.GONGKAI_FC_SEED ?? 20_261_206);
const RUNS = Number(process.env.GONGKAI_FC_RUNS ?? 60);

/** Where a row's numbers go relative to its label. */
type RowStyle = 'after' | 'before' | 'same-line';
/** What extraction did to the table's lines afterwards. */
type Damage = 'none' | 'drop-number' | 'stray-number' | 'swap-lines' | 'drop-label' | 'column-major';

const HEADINGS: Record<string, string> = {
  active: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  review_litigation: '四、政府信息公开行政复议、行政诉讼情况',
};

interface Printed {
  lines: string[];
  /** Index of each row's label line in `lines`, by row id. */
  labels: Map<string, number>;
}

function rowLines(label: string, values: number[], style: RowStyle): string[] {
  const nums = values.map(String);
  if (style === 'before') return [...nums, label];
  if (style === 'same-line') return [`${label} ${nums.join(' ')}`];
  return [label, ...nums];
}

function printTable(t: TableDef, values: Record<string, Record<string, number>>, styleOf: (i: number) => RowStyle): Printed {
  const lines = [HEADINGS[t.id]];
  const labels = new Map<string, number>();
  const row = (r: TableDef['rows'][number], i: number) => {
    const vs = r.columns.map((c) => values[r.id][c.id]);
    const style = styleOf(i);
    const out = rowLines(r.label, vs, style);
    labels.set(r.id, lines.length + (style === 'before' ? vs.length : 0));
    lines.push(...out);
  };
  if (t.layout === 'groups') {
    let i = 0;
    for (const g of t.groups) {
      lines.push(g.label, '信息内容', ...g.columns.map((c) => c.label));
      for (const r of g.rows) row(r, i++);
    }
  } else if (t.layout === 'single_row') {
    const cols = t.columns.map((c) => c.label);
    lines.push('行政复议', '行政诉讼', ...cols, '未经复议直接起诉', '复议后起诉', ...cols, ...cols);
    for (const r of t.rows) lines.push(...r.columns.map((c) => String(values[r.id][c.id])));
  } else {
    lines.push('申请人情况', ...t.columns.map((c) => c.label));
    t.rows.forEach(row);
  }
  return { lines, labels };
}

/** Apply one damage to a table's printed lines (never to its heading). */
function damage(p: Printed, t: TableDef, kind: Damage, pick: (n: number) => number): string[] {
  const lines = [...p.lines];
  const numeric = lines.map((l, i) => (/^-?\d+(\.\d+)?$/.test(l) ? i : -1)).filter((i) => i >= 0);
  if (kind === 'drop-number' && numeric.length) lines.splice(numeric[pick(numeric.length)], 1);
  if (kind === 'stray-number') lines.splice(1 + pick(lines.length - 1), 0, String(1 + pick(9)));
  if (kind === 'swap-lines') {
    // A number and the label beside it change places (two numbers swapped would be the cells
    // themselves reordered, which no reader can see).
    const isNum = (l: string) => /^-?\d+(\.\d+)?$/.test(l);
    const at = lines.map((_l, i) => i).filter((i) => i > 0 && i + 1 < lines.length && isNum(lines[i]) !== isNum(lines[i + 1]));
    if (at.length) {
      const i = at[pick(at.length)];
      [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
    }
  }
  if (kind === 'drop-label' && t.layout !== 'single_row') {
    const ids = [...p.labels.keys()];
    const at = p.labels.get(ids[pick(ids.length)])!;
    lines[at] = lines[at].replace(/^\S+/, '').trim();
  }
  if (kind === 'column-major' && t.layout === 'groups') {
    // The first group with several rows printed label by label, then its numbers column by column.
    const g = t.groups.find((x) => x.rows.length > 1 && x.columns.length > 1);
    if (g) {
      const first = p.labels.get(g.rows[0].id)!;
      const last = p.labels.get(g.rows[g.rows.length - 1].id)!;
      const block = lines.slice(first, last + 1 + g.columns.length);
      const labelsOnly = block.filter((l) => !/^-?\d/.test(l));
      const nums = block.filter((l) => /^-?\d/.test(l));
      const byColumn: string[] = [];
      for (let c = 0; c < g.columns.length; c++) for (let r = 0; r < g.rows.length; r++) if (nums[r * g.columns.length + c] !== undefined) byColumn.push(nums[r * g.columns.length + c]);
      if (labelsOnly.length === g.rows.length && nums.length === g.rows.length * g.columns.length) lines.splice(first, block.length, ...labelsOnly, ...byColumn);
    }
  }
  return lines.filter((l) => l !== '' || kind === 'none');
}

interface Case {
  report: GeneratedReport;
  text: string;
  how: string;
}

function caseArbitrary(): fc.Arbitrary<Case> {
  return arbitraryOf((src) => {
    const report = generateWith(src, {});
    const format = getFormat(report.format);
    const pick = (n: number) => src.int(0, n - 1);
    const styles: RowStyle[] = ['after', 'before', 'same-line'];
    const damages: Damage[] = ['none', 'drop-number', 'stray-number', 'swap-lines', 'drop-label', 'column-major'];
    // One style for most rows of a table, some rows in another (extractors vary row by row).
    const lines = [`某局${report.year}年政府信息公开工作年度报告`];
    const how: string[] = [];
    for (const t of format.tables) {
      const main = styles[pick(3)];
      const other = styles[pick(3)];
      const mixed = src.int(0, 3) === 0;
      const p = printTable(t, report.tables[t.id], () => (mixed && src.int(0, 2) === 0 ? other : main));
      const d = damages[pick(damages.length)];
      how.push(`${t.id}: ${main}${mixed ? `+${other}` : ''}, ${d}`);
      lines.push(...damage(p, t, d, pick));
    }
    lines.push('五、存在的主要问题及改进情况', '无。');
    const c: Case & { [fc.toStringMethod]?: () => string } = { report, text: lines.join('\n'), how: how.join('; ') };
    c[fc.toStringMethod] = () => `${report.format} ${c.how}\n${c.text}`;
    return c;
  });
}

describe('任意提取方式：没有错而无诊断的数', () => {
  it('每行的数在标签前、后或同一行，再丢数、多数、错行、丢标签、按列印：每格精确、为空或有诊断', () => {
    fc.assert(
      fc.property(caseArbitrary(), ({ report, text }) => {
        const parsed = parseText(text);
        const silent = scoreReport({ id: 'p', seed: 0, format: report.format, agency: report.agency, year: report.year, published: report.published, tables: report.tables }, parsed).filter((c) => c.verdict === 'wrongSilent');
        assert.deepEqual(silent.map((c) => `${c.address}=${c.got}（应为${c.want}）`), []);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, includeErrorInReport: true },
    );
  });
});
