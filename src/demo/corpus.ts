// The demo corpus that `gongkai start` loads on first run: fictional agencies in a fictional
// province (region codes under 99, which GB/T 2260 does not use, so they can never be taken for
// real ones), reports 2019–2025 in both formats made by the report generator, published as web
// pages and imported through the same pipeline as any document. Every agency and report is
// marked demo (示例数据). Some reports carry the errors real ones have: a 表三 that does not
// balance, a carry-over that does not match last year, a 表四 row whose total is wrong, blank
// cells, a narrative copied from last year and one copied from another agency.

import type { Report } from '../interchange/types.ts';
import { renderHtml } from '../render/html.ts';
import { createAgency } from '../store/agencies.ts';
import type { Executor } from '../store/bulk.ts';
import type { NewItem } from '../store/jobs.ts';
import type { AgencyKind, AgencyLevel } from '../store/schema.ts';
import { asInterchange, generateReport, type GeneratedReport } from './generate.ts';
import { demoNarrative } from './narrative.ts';
import { seeded } from './random.ts';

export const DEMO_MARK = '示例数据';
export const DEMO_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

interface DemoAgency {
  name: string;
  region: string;
  level: AgencyLevel;
  kind: AgencyKind;
  parent?: string;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  { name: '青川省人民政府', region: '990000', level: 'province', kind: 'government' },
  { name: '青川省生态环境厅', region: '990000', level: 'province', kind: 'department', parent: '青川省人民政府' },
  { name: '云岫市人民政府', region: '990100', level: 'city', kind: 'government', parent: '青川省人民政府' },
  { name: '云岫市财政局', region: '990100', level: 'city', kind: 'department', parent: '云岫市人民政府' },
  { name: '云岫市生态环境局', region: '990100', level: 'city', kind: 'department', parent: '云岫市人民政府' },
  { name: '云岫市教育局', region: '990100', level: 'city', kind: 'department', parent: '云岫市人民政府' },
  { name: '云岫市东湖区人民政府', region: '990102', level: 'county', kind: 'government', parent: '云岫市人民政府' },
  { name: '云岫市东湖区民政局', region: '990102', level: 'county', kind: 'department', parent: '云岫市东湖区人民政府' },
  { name: '云岫市东湖区市场监督管理局', region: '990102', level: 'county', kind: 'department', parent: '云岫市东湖区人民政府' },
  { name: '云岫市东湖区桂园街道办事处', region: '990102', level: 'township', kind: 'government', parent: '云岫市东湖区人民政府' },
  { name: '白鹭市人民政府', region: '990200', level: 'city', kind: 'government', parent: '青川省人民政府' },
  { name: '白鹭市交通运输局', region: '990200', level: 'city', kind: 'department', parent: '白鹭市人民政府' },
];

/** The generated report as an interchange report (to render it as a published page). */
function toReport(g: GeneratedReport): Report {
  return asInterchange(g, { name: `${g.agency}${g.year}.html`, sha256: '', kind: 'html' });
}

const total = (row: Record<string, number | null>) => Object.entries(row).filter(([c]) => c !== 'total').reduce((s, [, v]) => s + (v ?? 0), 0);

/** Make this year's 上年结转 equal last year's 结转下年度 (keeping the balance by 本年新收). */
function carryOver(cur: Report, prev: Report): void {
  const a = cur.tables.applications;
  const p = prev.tables.applications;
  for (const col of Object.keys(a.carried_over)) {
    if (col === 'total') continue;
    const want = p.carried_forward[col] ?? 0;
    const need = (a.results_total[col] ?? 0) + (a.carried_forward[col] ?? 0);
    if (want > need) a.carried_forward[col] = (a.carried_forward[col] ?? 0) + (want - need);
    a.carried_over[col] = want;
    a.new_received[col] = (a.results_total[col] ?? 0) + (a.carried_forward[col] ?? 0) - want;
  }
  for (const row of Object.values(a)) row.total = total(row);
  // Stocks of documents follow on from last year (the 2019 format's 对外公开总数量 likewise).
  const act = cur.tables.active;
  const pact = prev.tables.active;
  if (cur.format === prev.format) {
    for (const row of ['regulations', 'normative_documents']) {
      if ('in_force' in act[row]) {
        act[row].repealed = Math.min(act[row].repealed ?? 0, (pact[row].in_force ?? 0) + (act[row].issued ?? 0));
        act[row].in_force = (pact[row].in_force ?? 0) + (act[row].issued ?? 0) - (act[row].repealed ?? 0);
      } else {
        act[row].total_published = (pact[row].total_published ?? 0) + (act[row].new_published ?? 0);
      }
    }
  }
  // Cases pending at the end of last year are concluded (or still pending) this year.
  const rl = cur.tables.review_litigation;
  for (const [row, v] of Object.entries(prev.tables.review_litigation)) {
    const missing = (v.pending ?? 0) - (rl[row].total ?? 0);
    if (missing > 0) {
      rl[row].upheld = (rl[row].upheld ?? 0) + missing;
      rl[row].total = (rl[row].total ?? 0) + missing;
    }
  }
}

function set(r: Report, address: string, value: number | null, status: 'read' | 'blank' = 'read'): void {
  const [t, row, c] = address.split('.');
  r.tables[t][row][c] = value;
  r.cells[address] = { raw: value === null ? '' : String(value), line: null, status };
}

/** The demo reports as web pages, one per agency and year, with their planted problems. */
export function demoDocuments(): { items: NewItem[]; published: Set<string> } {
  const byKey = new Map<string, Report>();
  let seed = 20_250_000;
  for (const a of DEMO_AGENCIES) {
    for (const year of DEMO_YEARS) {
      const format = year <= 2020 ? '2019' : '2021';
      const g = generateReport(seed++, { format });
      const r = toReport({ ...g, agency: a.name, year, published: `${year + 1}-01-${String(10 + (seed % 18)).padStart(2, '0')}` });
      const prev = byKey.get(`${a.name}/${year - 1}`);
      if (prev) carryOver(r, prev);
      // The narrative is written for the final tables, in this report's own words.
      const texts = demoNarrative(seeded(seed * 7 + 1), r);
      for (const sec of r.sections) sec.text = texts[sec.id ?? ''] ?? '';
      byKey.set(`${a.name}/${year}`, r);
    }
  }
  const get = (name: string, year: number) => byKey.get(`${name}/${year}`)!;
  // 表三 that does not balance: one 办理结果 counted twice.
  const unbalanced = get('云岫市东湖区民政局', 2023).tables.applications;
  unbalanced.granted.natural_person = (unbalanced.granted.natural_person ?? 0) + 1;
  unbalanced.granted.total = (unbalanced.granted.total ?? 0) + 1;
  unbalanced.results_total.natural_person = (unbalanced.results_total.natural_person ?? 0) + 1;
  unbalanced.results_total.total = (unbalanced.results_total.total ?? 0) + 1;
  // 上年结转 that is not last year's 结转下年度 (two more cases carried over and granted, so
  // that the table itself still balances).
  const fin = get('云岫市财政局', 2022).tables.applications;
  for (const row of ['carried_over', 'granted', 'results_total']) {
    fin[row].natural_person = (fin[row].natural_person ?? 0) + 2;
    fin[row].total = (fin[row].total ?? 0) + 2;
  }
  // 表四 复议 total that is not the sum of its parts.
  const rev = get('白鹭市人民政府', 2024);
  set(rev, 'review_litigation.review.upheld', (rev.tables.review_litigation.review.upheld ?? 0) + 1);
  // Blank cells where 0 is meant.
  const blank = get('云岫市东湖区桂园街道办事处', 2021);
  set(blank, 'applications.other_other.legal_service', null, 'blank');
  // Narrative copied from last year (only the year changed), and from another agency.
  const edu = get('云岫市教育局', 2024);
  edu.sections = get('云岫市教育局', 2023).sections.map((s) => ({ ...s, text: s.text.replaceAll('2023年', '2024年') }));
  const copy = get('白鹭市交通运输局', 2023);
  copy.sections = get('云岫市生态环境局', 2023).sections.map((s) => ({ ...s, text: s.text.replaceAll('云岫市生态环境局', '白鹭市交通运输局') }));

  const items: NewItem[] = [];
  const published = new Set<string>();
  for (const [key, r] of byKey) {
    const html = renderHtml(r);
    const name = `${DEMO_MARK}/${key.replace('/', '-')}年度报告.html`;
    items.push({ name, upload: new TextEncoder().encode(html) });
    // Reports up to 2024 are public; 2025's are still being reviewed.
    if (r.year! <= 2024) published.add(name);
  }
  return { items, published };
}

/** Create the demo agencies (marked demo). */
export async function createDemoAgencies(db: Executor): Promise<void> {
  const ids = new Map<string, string>();
  for (const a of DEMO_AGENCIES) {
    const row = await createAgency(db, { name: a.name, region_code: a.region, level: a.level, kind: a.kind, parent_id: a.parent ? ids.get(a.parent) : null, demo: true });
    ids.set(a.name, row.id);
  }
}
