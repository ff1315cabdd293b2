// The corpus store: import throughput (generated text files, through the import queue, into
// PGlite and into the PostgreSQL server), and the latency of the corpus list and of every
// dashboard aggregate over a corpus of 100,000 reports on the server.
//
// The 100,000-report corpus is built once with a bulk path (set-based SQL, not the importer:
// the reports' figures, findings and narrative words as the importer would leave them) in its
// own database on the server (GONGKAI_BENCH_PG, default postgres://postgres@127.0.0.1:5432/
// gongkai_bench_corpus), outside the repository, and reused while its build key matches.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { writeCorpusFiles } from '../test/support/corpus-files.ts';
import { ADMIN_URL } from '../test/support/store.ts';
import { measures } from '../src/model/measures.ts';
import { agenciesWithMostOpen, figuresKey, listReports, measureFigures, openStore, ruleShares } from './subject.ts';

type Store = Awaited<ReturnType<typeof openStore>>;

function percentile(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function urlOf(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** An import of the files in `dir` timed in a process of its own (bench/import-process.mjs). */
function timeImport(backend: 'pglite' | 'postgres', target: string, dir: string): { line: string; rate: number } {
  const script = fileURLToPath(new URL('./import-process.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script, backend, target, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`导入基准进程失败（${backend}）：${r.stderr || r.stdout}`);
  const { files, seconds, chunkMs } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { files: number; seconds: number; chunkMs: number[] };
  return {
    rate: files / seconds,
    line: `${(files / seconds).toFixed(0)} 份/秒（${files} 份用时 ${seconds.toFixed(1)} 秒；每份 p50 ${ms(percentile(chunkMs, 50))}、p99 ${ms(percentile(chunkMs, 99))}、最长 ${ms(Math.max(...chunkMs))}，按块计）`,
  };
}

export async function importSection(n = 1000): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-import-'));
  const lines: string[] = [];
  let serverRate = 0;
  try {
    writeCorpusFiles(join(dir, 'files'), n, 7_000_000);
    lines.push(`  导入到内嵌数据库（PGlite）：${timeImport('pglite', join(dir, 'data'), join(dir, 'files')).line}`);
    const name = `gongkai_bench_${process.pid}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    try {
      const timed = timeImport('postgres', urlOf(name), join(dir, 'files'));
      serverRate = timed.rate;
      lines.push(`  导入到 PostgreSQL 服务器：${timed.line}`);
    } finally {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
    lines.push(
      `  （生成的文本报告，各种版式；含解析、核查、机关匹配、跨报告核查和写入；每次导入在新进程中冷启动计时，与 gongkai import 相同；本机两核与数据库服务器共用；目标：服务器 ≥ 500 份/秒：${serverRate >= 500 ? '达到' : '未达到'}）`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

const CORPUS_DB = process.env.GONGKAI_BENCH_PG ?? urlOf('gongkai_bench_corpus');
/** Changes whenever the bulk path below changes what it builds. */
const BUILD_KEY = 'corpus-v5';

const RULES = [
  'applications.balance', 'applications.row_sum', 'applications.results_sum', 'review_litigation.row_sum', 'cell.blank', 'structure.label_variant',
  'structure.heading_numbering', 'narrative.number_mismatch', 'timeliness.late', 'history.carry_over', 'similarity.peer', 'similarity.previous_year',
];
/** The measures' ids in their order (src/model/measures.yaml): the order of reports.figure_values. */
const MEASURES = measures().measures.map((m) => m.id);
const WORDS = ['政府信息公开', '主动公开', '依申请公开', '信息处理费', '行政复议', '行政诉讼', '政务新媒体', '政府网站', '政策解读', '规范性文件', '培训', '考核', '平台', '栏目', '答复', '补正', '第三方', '征求意见', '公开指南', '公开目录'];

/** Build the 100,000-report corpus with set-based SQL (minutes, once). */
async function buildCorpus(store: Store, reports: number): Promise<void> {
  const exec = (q: string) => store.exec(q);
  await exec(`TRUNCATE agencies, agency_aliases, reports, report_versions, cell_sets, sections, diagnostics, narrative_bands, import_items, import_batches CASCADE`);
  // Governments: 30 provinces, 10 cities each, 5 counties each; 7 departments under each.
  await exec(`
    CREATE TEMP TABLE gov AS
      SELECT (10 + p) * 10000 AS code, 'province' AS level, p, 0 AS c, 0 AS k FROM generate_series(1, 30) p
      UNION ALL SELECT (10 + p) * 10000 + c * 100, 'city', p, c, 0 FROM generate_series(1, 30) p, generate_series(1, 10) c
      UNION ALL SELECT (10 + p) * 10000 + c * 100 + k, 'county', p, c, k FROM generate_series(1, 30) p, generate_series(1, 10) c, generate_series(1, 5) k;
    INSERT INTO agencies (id, name, region_code, level, kind)
      SELECT md5('gov' || code)::uuid, '测试' || code || '人民政府', code::text, level, 'government' FROM gov;
    INSERT INTO agencies (id, name, region_code, level, kind, parent_id)
      SELECT md5('dep' || code || '-' || d)::uuid, '测试' || code || (ARRAY['财政局','教育局','民政局','生态环境局','交通运输局','卫生健康委员会','市场监督管理局'])[d],
             code::text, level, 'department', md5('gov' || code)::uuid
      FROM gov, generate_series(1, 7) d;`);
  await exec(`
    CREATE TEMP TABLE ag AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM agencies;
    CREATE TEMP TABLE rep AS
      SELECT md5('rep' || g)::uuid AS id, ag.id AS agency_id, 2019 + (g / (SELECT count(*) FROM ag)) AS year, g
      FROM generate_series(0, ${reports - 1}) g JOIN ag ON ag.n = g % (SELECT count(*) FROM ag);
    INSERT INTO reports (id, agency_id, year, format, status, published, current_version, error_count, warning_count, open_count, figures_key, figure_values)
      SELECT id, agency_id, year, format, status, published, current_version, error_count, warning_count, open_count, '${figuresKey()}',
             ARRAY(SELECT (figures ->> m)::float8 FROM unnest(ARRAY[${MEASURES.map((m) => `'${m}'`).join(',')}]) WITH ORDINALITY AS x(m, n) ORDER BY n)
      FROM (SELECT id, agency_id, year, CASE WHEN year <= 2020 THEN '2019' ELSE '2021' END AS format,
             (ARRAY['checked','checked','reviewed'])[1 + abs(hashint4(g)) % 3] AS status, abs(hashint4(g + 1)) % 4 <> 0 AS published, 1 AS current_version,
             CASE WHEN abs(hashint4(g + 2)) % 5 = 0 THEN 1 + abs(hashint4(g + 3)) % 3 ELSE 0 END AS error_count, abs(hashint4(g + 4)) % 4 AS warning_count,
             abs(hashint4(g + 5)) % 5 AS open_count,
             jsonb_build_object(
               'received', abs(hashint4(g + 10)) % 200, 'carried_over', abs(hashint4(g + 11)) % 10, 'results_total', abs(hashint4(g + 12)) % 200,
               'granted', abs(hashint4(g + 13)) % 100, 'partial', abs(hashint4(g + 14)) % 20, 'withheld', abs(hashint4(g + 15)) % 10,
               'unable', abs(hashint4(g + 16)) % 30, 'not_processed', abs(hashint4(g + 17)) % 10, 'other_handling', abs(hashint4(g + 18)) % 10,
               'fee_unpaid', CASE WHEN year >= 2021 THEN abs(hashint4(g + 19)) % 3 END, 'review_total', abs(hashint4(g + 20)) % 8,
               'review_corrected', abs(hashint4(g + 21)) % 2, 'litigation_total', abs(hashint4(g + 22)) % 6, 'litigation_corrected', abs(hashint4(g + 23)) % 2,
               'admin_fees_wan', CASE WHEN year >= 2021 THEN (abs(hashint4(g + 24)) % 100000) / 100.0 END) AS figures
      FROM rep) x;
    INSERT INTO report_versions (report_id, version, kind, agency_printed, year, format, meta)
      SELECT r.id, 1, 'import', a.name, r.year, CASE WHEN r.year <= 2020 THEN '2019' ELSE '2021' END, '{"source":{"name":"bench","sha256":"","kind":"text"}}'
      FROM rep r JOIN agencies a ON a.id = r.agency_id;
    INSERT INTO diagnostics (report_id, version, position, rule, severity, origin, message, finding_key, state, reason)
      SELECT r.id, 1, k, (ARRAY[${RULES.map((x) => `'${x}'`).join(',')}])[1 + abs(hashint4(r.g * 7 + k)) % ${RULES.length}],
             (ARRAY['error','warning','info'])[1 + abs(hashint4(r.g * 11 + k)) % 3], 'check', '基准数据', r.id || '/' || k,
             (ARRAY['open','open','confirmed','dismissed'])[1 + abs(hashint4(r.g * 13 + k)) % 4],
             CASE WHEN abs(hashint4(r.g * 13 + k)) % 4 = 3 THEN '基准数据' END
      FROM rep r, generate_series(0, 2) k WHERE abs(hashint4(r.g * 3 + k)) % 3 <> 0;
    INSERT INTO sections (report_id, version, position, section_id, title, body, words)
      SELECT r.id, 1, 0, 'overview', '一、总体情况', w, to_tsvector('simple', w)
      FROM (SELECT r.id, r.g, (SELECT string_agg((ARRAY[${WORDS.map((x) => `'${x}'`).join(',')}])[1 + abs(hashint4(r.g * 31 + i)) % ${WORDS.length}], ' ') FROM generate_series(1, 12) i) AS w FROM rep r) r;
    UPDATE reports x SET rules = ARRAY(SELECT g.rule || '|' || min(g.severity) FROM diagnostics g
      WHERE g.report_id = x.id AND g.version = x.current_version AND g.state IN ('open', 'confirmed') GROUP BY g.rule ORDER BY g.rule);`);
  // The update above left a dead copy of every report row: compact, then vacuum and gather
  // statistics as autovacuum would after a bulk load (VACUUM FULL does not set the visibility map
  // that index-only scans need).
  await exec('VACUUM FULL reports');
  await exec('VACUUM ANALYZE');
  await exec(`CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, reports integer NOT NULL); TRUNCATE bench_meta; INSERT INTO bench_meta VALUES ('${BUILD_KEY}', ${reports});`);
}

async function timeQuery(run: () => Promise<unknown>, rounds = 25): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    out.push(performance.now() - t);
  }
  return out;
}

/** The generated corpus of n reports on the PostgreSQL server, built once and kept (note in lines). */
export async function benchCorpus(n: number, lines: string[]): Promise<Store> {
  const name = new URL(CORPUS_DB).pathname.slice(1);
  const exists = await admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
  if (!exists) await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const store = await openStore({ url: CORPUS_DB });
  const built = await sql<{ key: string; reports: number }>`SELECT key, reports FROM bench_meta`.execute(store.db).catch(() => ({ rows: [] }));
  if (built.rows[0]?.key !== BUILD_KEY || built.rows[0]?.reports !== n) {
    const t = performance.now();
    await buildCorpus(store, n);
    lines.push(`  （建立 ${n} 份报告的基准语料：${((performance.now() - t) / 1000).toFixed(0)} 秒，存于数据库 ${name}，以后重复使用）`);
  }
  return store;
}

export async function querySection(n = 100_000): Promise<string[]> {
  const lines: string[] = [];
  const store = await benchCorpus(n, lines);
  try {
    const admin_ = { role: 'admin' as const, userId: '00000000-0000-0000-0000-000000000000', login: 'bench', regionPrefix: null, agencyId: null };
    const supervisor = { role: 'supervisor' as const, userId: '00000000-0000-0000-0000-000000000000', login: 'bench', regionPrefix: '15', agencyId: null };
    const cases: [string, () => Promise<unknown>][] = [
      ['列表：无筛选，第 1 页', () => listReports(store.db, admin_, {}, { limit: 50 })],
      ['列表：第 1 页不计总数（网页首屏）', () => listReports(store.db, admin_, {}, { limit: 50, total: false })],
      ['列表：全文，第 1 页不计总数', () => listReports(store.db, admin_, { q: '信息处理费' }, { limit: 50, total: false })],
      ['列表：年度 2023', () => listReports(store.db, admin_, { year: 2023 }, { limit: 50 })],
      ['列表：地区前缀 15', () => listReports(store.db, admin_, { region: '15' }, { limit: 50 })],
      ['列表：县级部门，有错误', () => listReports(store.db, admin_, { level: 'county', kind: 'department', hasErrors: true }, { limit: 50 })],
      ['列表：规则 applications.balance 待审核', () => listReports(store.db, admin_, { rule: 'applications.balance', state: 'open' }, { limit: 50 })],
      ['列表：全文“信息处理费”', () => listReports(store.db, admin_, { q: '信息处理费' }, { limit: 50 })],
      ['列表：全文+年度+地区+按错误数排序', () => listReports(store.db, admin_, { q: '行政复议', year: 2022, region: '2' }, { limit: 50, sort: 'errors' })],
      ['列表：第 100 页', () => listReports(store.db, admin_, {}, { limit: 50, offset: 4950 })],
      ['列表：监督人员（地区 15）', () => listReports(store.db, supervisor, {}, { limit: 50 })],
      ['列表：公众（已公开）', () => listReports(store.db, { role: 'public' }, { year: 2024 }, { limit: 50 })],
      ['统计：按年度', () => measureFigures(store.db, admin_, {}, 'year')],
      ['统计：按省（地区 2 位）', () => measureFigures(store.db, admin_, {}, 'region', 2)],
      ['统计：按市（地区 4 位）', () => measureFigures(store.db, admin_, {}, 'region', 4)],
      ['统计：按层级', () => measureFigures(store.db, admin_, {}, 'level')],
      ['统计：按类型，2023 年', () => measureFigures(store.db, admin_, { year: 2023 }, 'kind')],
      ['统计：各规则报告占比', () => ruleShares(store.db, admin_, {})],
      ['统计：待处理问题最多的机关', () => agenciesWithMostOpen(store.db, admin_, {})],
    ];
    let worst = 0;
    for (const [label, run] of cases) {
      const t = await timeQuery(run);
      const p95 = percentile(t, 95);
      worst = Math.max(worst, p95);
      lines.push(`  ${label.padEnd(22, '　')} p50 ${ms(percentile(t, 50)).padStart(8)}  p95 ${ms(p95).padStart(8)}  最长 ${ms(Math.max(...t)).padStart(8)}`);
    }
    lines.push(`  （${n} 份报告，PostgreSQL 服务器，每项预热 3 次后计 25 次；目标：每项 p95 < 300 ms：${worst < 300 ? '达到' : '未达到'}，本次最慢的 p95：${ms(worst)}；“无筛选”等各行含精确总数，网页首屏不等总数）`);
  } finally {
    await store.close();
  }
  return lines;
}
