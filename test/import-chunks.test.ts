// An import's findings do not depend on where its chunks end: the same files imported in one
// chunk, item by item, or in chunks of a few give the same diagnostics on every report. The
// files include narratives copied across agencies of the same year, more of them than the
// peers compared per report (MAX_PEERS), so that which reports a narrative is compared with and
// which mirrors it gets decide the `similarity.peer` findings: a report's peers are the reports
// before it, and a later report's finding about it comes back as a mirror, as when each file
// arrives on its own. A report checked again on demand keeps the mirrors its peers gave it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Report } from '../src/interchange/types.ts';
import { renderHtml } from '../src/render/html.ts';
import { crossCheck } from '../src/store/cross.ts';
import { drainQueue } from '../src/store/import.ts';
import { createBatch, type NewItem } from '../src/store/jobs.ts';
import { asInterchange, generateReport } from './support/generate.ts';
import { seeded, type Source } from '../src/demo/random.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

// Places whose names share no character, so that no two agencies resemble each other.
const PLACES = [
  '云岫市', '白鹭市', '青川县', '临江市', '松涛县', '枫林县', '石门市', '柳河县', '金沙县', '银滩市', '玉屏县', '翠峰市', '雁荡县', '桃源市',
  '梅岭县', '竹溪市', '兰亭县', '菊潭市', '荷塘县', '芦洲市',
];
const DEPARTMENTS = ['财政局', '教育局', '民政局', '交通运输局', '生态环境局', '水利局', '统计局', '司法局'];

const WORDS = [
  '政务公开', '基层站所', '办事指南', '审批事项', '专项资金', '惠民政策', '征求意见', '解读材料', '新闻发布', '网上留言', '便民服务', '信息目录',
  '工作台账', '督办事项', '考核评议', '业务培训', '公开专栏', '意见建议', '服务窗口', '热线电话', '数据开放', '统计报表', '执法信息', '财政预算',
  '项目进度', '招标采购', '人事任免', '应急管理', '安全生产', '乡村振兴', '营商环境', '民生实事', '社会救助', '教育收费', '医疗保障', '住房保障',
];
const VERBS = ['梳理', '更新', '公布', '完善', '规范', '细化', '推动', '落实', '整合', '发布', '核对', '优化'];

/** A sentence of the narrative, different for every source (no 8 characters in common by chance). */
function sentence(src: Source): string {
  const n = src.int(3, 5);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${src.pick(VERBS)}${src.pick(WORDS)}${src.int(2, 98)}项`);
  return `全年${parts.join('，')}。`;
}

function sentences(seed: number, count: number): string[] {
  const src = seeded(seed);
  return Array.from({ length: count }, () => sentence(src));
}

interface Planned {
  name: string;
  agency: string;
  year: number;
  overview: string[];
}

/**
 * The files in their import order: in 2023, an original narrative and 16 copies of it by other
 * agencies, each with some sentences of its own (the more, the fewer MinHash bands it shares
 * and the less of it is copied: some are below the 80% that makes a finding); in 2022, a smaller
 * group; reports with narratives of their own, one of them the year before a copy; and second
 * documents of two copies (their reports' second versions), one copied no longer, one copied more.
 */
function plan(): Planned[] {
  const original = sentences(1, 12);
  const small = sentences(2, 12);
  const out: Planned[] = [];
  let place = 0;
  const agency = () => `${PLACES[place % PLACES.length]}${DEPARTMENTS[place++ % DEPARTMENTS.length]}`;
  const own = (seed: number) => sentences(seed, 12);
  // A copy with `changed` of its sentences its own (0: 100% copied; 3: 75%, no finding).
  const copy = (from: string[], changed: number, seed: number) => {
    const mine = sentences(seed, changed);
    return from.map((s, i) => {
      const k = [11, 8, 5, 2].indexOf(i);
      return k >= 0 && k < changed ? mine[k] : s;
    });
  };
  const add = (year: number, overview: string[], name = agency()) => out.push({ name: `${name}${year}.html`, agency: name, year, overview });
  add(2023, own(100));
  add(2023, original);
  add(2022, small);
  for (let i = 0; i < 16; i++) {
    add(2023, copy(original, i % 4, 200 + i));
    if (i === 3) add(2022, copy(small, 1, 300));
    if (i === 6) add(2023, own(101));
    if (i === 10) add(2022, own(102));
    if (i === 8) add(2022, copy(small, 0, 301));
    // Second documents of an agency's 2023 report (new versions): the items between see the first.
    if (i === 9) add(2023, own(103), out[4].agency); // a copy no longer copied
    if (i === 12) add(2023, copy(original, 0, 401), out[6].agency); // a copy below 80% now copied whole
  }
  // The year before a copy of 2023, whose narrative it copies (similarity.previous_year), after it in the order.
  add(2022, original, out[3].agency);
  add(2022, copy(small, 2, 302));
  return out;
}

function documentOf(p: Planned, seed: number): NewItem {
  const g = generateReport(seed, { format: '2021' });
  const report: Report = asInterchange({ ...g, agency: p.agency, year: p.year, published: `${p.year + 1}-01-20` }, { name: p.name, sha256: '', kind: 'html' });
  for (const s of report.sections) {
    if (s.id === 'overview') s.text = p.overview.join('\n');
    else if (s.id === 'problems') s.text = `${p.agency}在${p.year}年度仍存在公开内容不够全面等问题，下一步将逐项整改。`;
  }
  return { name: p.name, upload: new TextEncoder().encode(renderHtml(report)) };
}

const ITEMS = plan().map((p, i) => documentOf(p, 9_100 + i));
const ORIGINAL = `${plan()[1].agency}/2023`;
const REPORTS = new Set(plan().map((p) => `${p.agency}/${p.year}`)).size;
/** Peers compared per report (MAX_PEERS in src/store/cross.ts). */
const MAX_PEERS = 10;

/** Every report's diagnostics (its current version's), keyed by agency and year, related reports too: positions and ids left out. */
async function findings(store: TestStore): Promise<Map<string, string[]>> {
  const files = new Map(
    (await sql<{ id: string; name: string }>`SELECT r.id, a.name || '/' || r.year AS name FROM reports r JOIN agencies a ON a.id = r.agency_id`.execute(store.db)).rows.map((r) => [r.id, r.name]),
  );
  const rows = await sql<{ report_id: string; rule: string; severity: string; origin: string; message: string; cells: string[]; line: number | null; related_report_id: string | null; state: string }>`
    SELECT d.report_id, d.rule, d.severity, d.origin, d.message, d.cells, d.line, d.related_report_id, d.state
    FROM diagnostics d JOIN reports r ON r.id = d.report_id AND r.current_version = d.version`.execute(store.db);
  const out = new Map<string, string[]>([...files.values()].map((f) => [f, []]));
  for (const d of rows.rows) {
    const related = d.related_report_id ? (files.get(d.related_report_id) ?? 'unknown') : null;
    out.get(files.get(d.report_id)!)!.push(JSON.stringify([d.rule, d.severity, d.origin, d.message, d.cells, d.line, related, d.state]));
  }
  for (const list of out.values()) list.sort();
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

for (const backend of BACKENDS) {
  describe(`import chunks on ${backend}`, () => {
    const stores: TestStore[] = [];
    const results = new Map<string, Map<string, string[]>>();
    before(async () => {
      // One chunk of all the files, one file a chunk, chunks of 4.
      for (const chunkSize of [ITEMS.length, 1, 4]) {
        const store = await freshStore(backend);
        stores.push(store);
        await createBatch(store.db, { source: 'cli' }, ITEMS);
        assert.equal(await drainQueue(store, { chunkSize }), ITEMS.length);
        const states = await store.db.selectFrom('import_items').select(['name', 'state', 'agency_match']).execute();
        assert.deepEqual(states.filter((s) => s.state !== 'imported' || s.agency_match === 'undecided'), []);
        results.set(String(chunkSize), await findings(store));
      }
    });
    after(async () => {
      for (const s of stores) await s.close();
    });

    test('the copies are found, more of them than the peers compared per report', () => {
      const one = results.get(String(ITEMS.length))!;
      const peer = (d: string) => d.startsWith('["similarity.peer"');
      assert.ok([...one.values()].flat().filter(peer).length > 60);
      // The original is like more of its copies than the peers compared per report: those after
      // the tenth are there as the mirrors of the copies' findings.
      assert.ok(one.get(ORIGINAL)!.filter(peer).length > MAX_PEERS);
      assert.ok([...one.values()].flat().some((d) => d.startsWith('["similarity.previous_year"')));
    });

    test('item by item and in chunks of 4, every report has the same diagnostics as in one chunk', () => {
      const one = results.get(String(ITEMS.length))!;
      assert.equal(one.size, REPORTS);
      assert.ok(REPORTS < ITEMS.length, 'some reports have two versions');
      for (const size of ['1', '4']) {
        const other = results.get(size)!;
        for (const [file, list] of one) assert.deepEqual(other.get(file), list, `${file}, chunks of ${size} against one chunk`);
      }
    });

    test('checked again on demand, the original keeps the findings its copies gave it', async () => {
      const store = stores[0];
      const { report_id } = await store.db.selectFrom('import_items').select('report_id').where('name', '=', plan()[1].name).executeTakeFirstOrThrow();
      await store.db.transaction().execute((tx) => crossCheck(tx, [report_id!]));
      const again = await findings(store);
      for (const [file, list] of results.get(String(ITEMS.length))!) assert.deepEqual(again.get(file), list, file);
    });
  });
}
