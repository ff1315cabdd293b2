// Generated reports for the renderer tests: any format of the model, values that satisfy every
// relation of the format (so the publishing gate lets them through), narrative for all six parts.
// Deterministic from a seed; `reportArbitrary` wraps it for property tests.

import fc from 'fast-check';
import { getFormat, REPORT_SCHEMA, type Report, type TableValues, type CellProvenance } from '../../src/index.ts';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENCIES = ['某市生态环境局', '某县人民政府办公室', '某区市场监督管理局', '某市交通运输局', '某自治州财政局'];

export interface SampleOptions {
  /** Year of the report (default: the first year of the format, or 2023 for 2021). */
  year?: number;
  agency?: string | null;
  /** Largest count in a cell (default 60). */
  max?: number;
}

/** A complete, consistent report of the given format. */
export function sampleReport(formatId: string, seed = 1, opts: SampleOptions = {}): Report {
  const format = getFormat(formatId);
  const rnd = random(seed);
  const max = opts.max ?? 60;
  // Mostly small counts and zeros, as in real reports.
  const count = () => (rnd() < 0.4 ? 0 : Math.floor(rnd() * rnd() * max));
  const tables: Record<string, TableValues> = {};
  for (const t of format.tables) {
    const values: TableValues = {};
    for (const row of t.rows) {
      values[row.id] = {};
      for (const col of row.columns) {
        let v: number = count();
        if (col.type === 'decimal') v = Math.round(rnd() * 100000) / 100;
        if (col.type === 'signed_integer') v = count() - count();
        values[row.id][col.id] = v;
      }
    }
    tables[t.id] = values;
  }
  // Make every relation hold: the first cell of each equation's left side takes the difference
  // (column relations first, then row sums, whose total columns then satisfy the column
  // relations too), repeated until nothing changes.
  const get = (a: string) => {
    const [t, r, c] = a.split('.');
    return tables[t][r][c] ?? 0;
  };
  const set = (a: string, v: number) => {
    const [t, r, c] = a.split('.');
    tables[t][r][c] = v;
  };
  const ordered = [...format.equations].sort((a, b) => (a.relation.each === b.relation.each ? 0 : a.relation.each === 'column' ? -1 : 1));
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    for (const eq of ordered) {
      const right = eq.right.reduce((s, a) => s + get(a), 0);
      // Other left cells (上年结转 in the balance) may not exceed what the right side holds.
      for (const a of eq.left.slice(1)) if (get(a) > right) set(a, Math.floor(right / 2));
      const want = right - eq.left.slice(1).reduce((s, a) => s + get(a), 0);
      if (get(eq.left[0]) !== want) {
        set(eq.left[0], want);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const cells: Record<string, CellProvenance> = {};
  for (const a of format.addresses) cells[a] = { raw: String(get(a)), line: null, status: 'read' };
  const year = opts.year ?? (format.years.to ?? 2023);
  const agency = opts.agency === undefined ? AGENCIES[seed % AGENCIES.length] : opts.agency;
  const text: Record<string, string> = {
    overview: `${year}年，${agency ?? '本机关'}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。\n（一）主动公开\n围绕中心工作，及时公开政策文件和工作动态。\n（二）依申请公开\n畅通申请渠道，依法依规答复申请。`,
    active: '',
    applications: '',
    review_litigation: '',
    problems: '政府信息公开工作仍存在公开内容不够全面、解读形式较为单一等问题。下一步将加强培训，提升公开质量。',
    other_matters: '本年度未收取信息处理费。无其他需要报告的事项。',
  };
  return {
    schema: REPORT_SCHEMA,
    source: { name: `generated-${formatId}-${seed}.json`, sha256: '0'.repeat(64), kind: 'json' },
    agency,
    year,
    format: format.id,
    published: `${year + 1}-01-20`,
    sections: format.sections.map((s) => ({ id: s.id, title: `${s.numeral}、${s.label}`, text: text[s.id] ?? '' })),
    tables,
    cells,
    diagnostics: [],
  };
}

/** Reports of the given format for property tests. */
export function reportArbitrary(formatId: string): fc.Arbitrary<Report> {
  return fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((seed) => sampleReport(formatId, seed));
}
