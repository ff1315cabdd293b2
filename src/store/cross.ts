// Checks across reports, run by the store on import, after a correction or a decision, and on
// demand: for each report, its previous year (carry-over, documents in force, pending cases,
// copied narrative), its peers of the same year found through MinHash bands (copied narrative),
// and, for a government, its departments (hierarchy.sum). Findings are stored with origin
// 'cross' on the report's current version, replacing the previous ones and keeping their
// decisions; the reports next to a changed one (next year, its government, its peers) are
// checked again too.

import type { Diagnostic, Report } from '../interchange/types.ts';
import { hierarchySum, historyCarryOver, historyInForce, historyReviewPending, similarityPeer, similarityPreviousYear } from '../check/cross/index.ts';
import { bandKeys, prepare, type Prepared } from '../check/similarity.ts';
import type { Executor } from './bulk.ts';
import { insertMany } from './bulk.ts';
import { diagnosticRows, insertDiagnostics, refreshCounts, type StoredDiagnostic } from './diagnostics.ts';
import { loadReport } from './reports.ts';

interface Head {
  id: string;
  agency_id: string | null;
  agency: string | null;
  kind: string | null;
  parent_id: string | null;
  year: number | null;
  current_version: number;
}

async function heads(db: Executor, ids: readonly string[]): Promise<Head[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('reports as r')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.agency_id', 'a.name as agency', 'a.kind', 'a.parent_id', 'r.year', 'r.current_version'])
    .where('r.id', 'in', [...ids])
    .execute();
}

class Loader {
  #reports = new Map<string, Promise<Report | null>>();
  #prepared = new Map<string, Prepared>();
  constructor(private db: Executor) {}
  report(id: string): Promise<Report | null> {
    let p = this.#reports.get(id);
    if (!p) {
      p = loadReport(this.db, id).then((r) => r?.report ?? null);
      this.#reports.set(id, p);
    }
    return p;
  }
  async prepared(id: string): Promise<Prepared | null> {
    const hit = this.#prepared.get(id);
    if (hit) return hit;
    const r = await this.report(id);
    if (!r) return null;
    const p = prepare(r);
    this.#prepared.set(id, p);
    return p;
  }
}

async function reportOf(db: Executor, agencyId: string, year: number): Promise<Head | undefined> {
  return (await db
    .selectFrom('reports as r')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.agency_id', 'a.name as agency', 'a.kind', 'a.parent_id', 'r.year', 'r.current_version'])
    .where('r.agency_id', '=', agencyId)
    .where('r.year', '=', year)
    .executeTakeFirst());
}

/** Write the narrative's MinHash bands for the report's current version; returns peer candidates. */
async function bandsAndPeers(db: Executor, h: Head, p: Prepared): Promise<string[]> {
  if (h.year === null) return [];
  const keys = bandKeys(p);
  await db.deleteFrom('narrative_bands').where('report_id', '=', h.id).execute();
  if (!keys.length) return [];
  await insertMany(
    db,
    'narrative_bands',
    { report_id: 'uuid', version: 'int4', year: 'int4', band: 'int4', bucket: 'text' },
    keys.map((bucket, band) => ({ report_id: h.id, version: h.current_version, year: h.year!, band, bucket })),
  );
  const rows = await db
    .selectFrom('narrative_bands as b')
    .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 'b.report_id').onRef('r.current_version', '=', 'b.version'))
    .select('b.report_id')
    .distinct()
    .where('b.year', '=', h.year)
    .where((eb) => eb.or(keys.map((bucket, band) => eb.and([eb('b.band', '=', band), eb('b.bucket', '=', bucket)]))))
    .where('b.report_id', '<>', h.id)
    .where((eb) => (h.agency_id ? eb.or([eb('r.agency_id', 'is', null), eb('r.agency_id', '<>', h.agency_id)]) : eb.val(true)))
    .limit(50)
    .execute();
  return rows.map((r) => r.report_id);
}

/** The cross findings of one report. Returns the reports whose findings depend on it. */
async function findingsOf(db: Executor, h: Head, load: Loader): Promise<{ findings: StoredDiagnostic[]; neighbours: string[] }> {
  const findings: StoredDiagnostic[] = [];
  const neighbours: string[] = [];
  const report = await load.report(h.id);
  const prepared = await load.prepared(h.id);
  if (!report || !prepared) return { findings, neighbours };
  const add = (list: Diagnostic[], related: string) => {
    for (const d of list) findings.push({ ...d, origin: 'cross', related_report_id: related });
  };
  if (h.agency_id && h.year !== null) {
    const prev = await reportOf(db, h.agency_id, h.year - 1);
    if (prev) {
      const pr = await load.report(prev.id);
      const pp = await load.prepared(prev.id);
      if (pr && pp) {
        add(historyCarryOver(report, pr), prev.id);
        add(historyInForce(report, pr), prev.id);
        add(historyReviewPending(report, pr), prev.id);
        add(similarityPreviousYear(prepared, pp, prev.year!), prev.id);
      }
    }
    const next = await reportOf(db, h.agency_id, h.year + 1);
    if (next) neighbours.push(next.id);
    if (h.kind === 'government') {
      const deps = await db.selectFrom('agencies').select('id').where('parent_id', '=', h.agency_id).execute();
      if (deps.length) {
        const reps = await db.selectFrom('reports').select('id').where('agency_id', 'in', deps.map((d) => d.id)).where('year', '=', h.year).execute();
        const loaded = (await Promise.all(reps.map((r) => load.report(r.id)))).filter((r): r is Report => !!r);
        add(hierarchySum(report, loaded, deps.length - reps.length), h.agency_id);
      }
    } else if (h.parent_id) {
      const gov = await reportOf(db, h.parent_id, h.year);
      if (gov) neighbours.push(gov.id);
    }
  }
  for (const peerId of await bandsAndPeers(db, h, prepared)) {
    const pp = await load.prepared(peerId);
    const [peer] = await heads(db, [peerId]);
    if (!pp || !peer) continue;
    const found = similarityPeer(prepared, pp, peer.agency ?? (await load.report(peerId))?.agency ?? '另一机关', h.year!);
    add(found, peerId);
    if (found.length) neighbours.push(peerId);
  }
  // hierarchy findings name the government agency, not a report: keep related ids to reports only.
  for (const f of findings) if (f.rule === 'hierarchy.sum') f.related_report_id = null;
  return { findings, neighbours };
}

async function replaceCross(db: Executor, h: Head, findings: StoredDiagnostic[]): Promise<void> {
  const old = await db
    .selectFrom('diagnostics')
    .select(['finding_key', 'state', 'reason', 'decided_by', 'decided_at', 'origin', 'position'])
    .where('report_id', '=', h.id)
    .where('version', '=', h.current_version)
    .execute();
  const previous = new Map(old.filter((d) => d.origin === 'cross').map((d) => [d.finding_key, d]));
  const first = old.filter((d) => d.origin !== 'cross').reduce((m, d) => Math.max(m, d.position + 1), 0);
  await db.deleteFrom('diagnostics').where('report_id', '=', h.id).where('version', '=', h.current_version).where('origin', '=', 'cross').execute();
  await insertDiagnostics(db, diagnosticRows(h.id, h.current_version, findings, first, previous));
}

/** Run the checks across reports for these reports and the reports next to them. */
export async function crossCheck(db: Executor, reportIds: readonly string[]): Promise<void> {
  const load = new Loader(db);
  const done = new Set<string>();
  const queue = [...new Set(reportIds)];
  const neighbours = new Set<string>();
  for (const h of await heads(db, queue)) {
    const r = await findingsOf(db, h, load);
    await replaceCross(db, h, r.findings);
    done.add(h.id);
    for (const n of r.neighbours) neighbours.add(n);
  }
  const again = [...neighbours].filter((id) => !done.has(id));
  for (const h of await heads(db, again)) {
    const r = await findingsOf(db, h, load);
    await replaceCross(db, h, r.findings);
  }
  if (again.length) await refreshCounts(db, again);
}
