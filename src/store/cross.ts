// Checks across reports, run by the store on import, after a correction or a decision, and on
// demand: for each report, its previous year (carry-over, documents in force, pending cases,
// copied narrative), its peers of the same year found through MinHash bands (copied narrative),
// and, for a government, its departments (hierarchy.sum). Findings are stored with origin
// 'cross' on the report's current version, replacing the previous ones and keeping their
// decisions. The reports next to a changed one are checked again (next year's, its
// government's); a peer gets the mirror of a near-identical finding. Everything is read and
// written for a whole set of reports at once (a chunk of an import), in a fixed number of
// queries. An import's chunk is checked in the items' order: a report's peers are the stored
// reports and those before it in the chunk, and a later one's finding comes back to it as a
// mirror, as if each item had been imported on its own, wherever chunks end.

import { sql } from 'kysely';
import { REPORT_SCHEMA, type Diagnostic, type Report } from '../interchange/types.ts';
import { hierarchySum, historyCarryOver, historyInForce, historyReviewPending, similarityPeer, similarityPreviousYear } from '../check/cross/index.ts';
import { bandKeys, prepare, type Prepared } from '../check/similarity.ts';
import { insertMany, type Executor } from './bulk.ts';
import { readCellSets, tablesFromRows, tablesFromSet, type CellLayout, type CellSet } from './cells.ts';
import { diagnosticRows, insertDiagnostics, refreshCounts, type StoredDiagnostic } from './diagnostics.ts';

/** Peers compared exactly per report: the candidates sharing the most MinHash bands. */
const MAX_PEERS = 10;
/** Bands two narratives must share to be compared (1 would bring pairs down to ~50% alike). */
const MIN_SHARED_BANDS = 2;

interface Head {
  id: string;
  agency_id: string | null;
  agency: string | null;
  kind: string | null;
  parent_id: string | null;
  year: number | null;
  current_version: number;
}

/** A report as the rules need it (tables with lines, narrative), read back from the store. */
type Lite = Report;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** A stored report version as the checks read it: its cells, sections and narrative. */
interface CachedVersion {
  format?: string | undefined;
  cells?: { set: CellSet; layout: CellLayout } | undefined;
  sections?: readonly { section_id: string | null; title: string; body: string; line: number | null }[] | undefined;
  prepared?: Prepared | undefined;
}

/**
 * Report versions an import has written or read, kept in memory so that later chunks do not
 * read them back (a version is never changed once written: a correction makes a new one).
 * A transaction notes what it wrote or read in its own `VersionCacheTx`, added here only once
 * it has committed; the least recently used versions go beyond `limit`.
 */
export class VersionCache {
  readonly #entries = new Map<string, CachedVersion>();
  readonly limit: number;

  constructor(limit = 2000) {
    this.limit = limit;
  }

  get(reportId: string, version: number): CachedVersion | undefined {
    const key = `${reportId}/${version}`;
    const e = this.#entries.get(key);
    if (e) {
      this.#entries.delete(key);
      this.#entries.set(key, e);
    }
    return e;
  }

  /** A view for one transaction: reads the cache, keeps its own additions until `commit`. */
  transaction(): VersionCacheTx {
    return new VersionCacheTx(this);
  }

  add(key: string, entry: CachedVersion): void {
    const before = this.#entries.get(key);
    this.#entries.delete(key);
    this.#entries.set(key, {
      format: entry.format ?? before?.format,
      cells: entry.cells ?? before?.cells,
      sections: entry.sections ?? before?.sections,
      prepared: entry.prepared ?? before?.prepared,
    });
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

export class VersionCacheTx {
  readonly #cache: VersionCache;
  readonly #staged: [string, CachedVersion][] = [];

  constructor(cache: VersionCache) {
    this.#cache = cache;
  }

  get(reportId: string, version: number): CachedVersion | undefined {
    return this.#cache.get(reportId, version);
  }

  /** Note what the transaction wrote or read. */
  stage(reportId: string, version: number, entry: CachedVersion): void {
    this.#staged.push([`${reportId}/${version}`, entry]);
  }

  /** The transaction committed: what it noted goes into the cache. */
  commit(): void {
    for (const [key, entry] of this.#staged) this.#cache.add(key, entry);
    this.#staged.length = 0;
  }
}

function headQuery(db: Executor) {
  return db
    .selectFrom('reports as r')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.agency_id', 'a.name as agency', 'a.kind', 'a.parent_id', 'r.year', 'r.current_version', 'r.format']);
}

async function headsOf(db: Executor, ids: readonly string[]): Promise<Head[]> {
  return ids.length ? headQuery(db).where('r.id', 'in', [...ids]).execute() : [];
}

/** Reports of (agency, year) pairs, in one query. */
async function reportsAt(db: Executor, pairs: readonly { agency: string; year: number }[]): Promise<Head[]> {
  if (!pairs.length) return [];
  const rows = await sql<Head>`
    SELECT r.id, r.agency_id, a.name AS agency, a.kind, a.parent_id, r.year, r.current_version
    FROM unnest(${pairs.map((p) => p.agency)}::uuid[], ${pairs.map((p) => p.year)}::int4[]) AS k(agency, year)
    JOIN reports r ON r.agency_id = k.agency AND r.year = k.year
    LEFT JOIN agencies a ON a.id = r.agency_id`.execute(db);
  return rows.rows;
}

/** What the cache has of these versions need not be read (a version never changes). */
function cachedVersions(heads: readonly Head[], withCells: boolean, cache: VersionCacheTx | undefined): Map<string, CachedVersion> {
  const cached = new Map<string, CachedVersion>();
  for (const h of heads) {
    const e = cache?.get(h.id, h.current_version);
    if (e?.sections && e.format && (e.cells || !withCells)) cached.set(h.id, e);
  }
  return cached;
}

/** Current versions of reports as the rules need them (tables with lines, narrative), in two queries. */
async function loadLite(db: Executor, heads: readonly (Head & { format?: string })[], withCells = true, cache?: VersionCacheTx): Promise<Map<string, Lite>> {
  const out = new Map<string, Lite>();
  if (!heads.length) return out;
  const cached = cachedVersions(heads, withCells, cache);
  const toRead = heads.filter((h) => !cached.has(h.id));
  const ids = toRead.map((h) => h.id);
  const [cells, sections, formats] = ids.length
    ? await Promise.all([
        withCells ? readCellSets(db, toRead.map((h) => ({ reportId: h.id, version: h.current_version }))) : Promise.resolve(new Map<string, never[]>()),
        db
          .selectFrom('sections as s')
          .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 's.report_id').onRef('r.current_version', '=', 's.version'))
          .select(['s.report_id', 's.section_id', 's.title', 's.body', 's.line'])
          .where('s.report_id', 'in', ids)
          .orderBy('s.report_id')
          .orderBy('s.position')
          .execute(),
        db.selectFrom('reports').select(['id', 'format']).where('id', 'in', ids).execute(),
      ])
    : [new Map<string, never[]>(), [], []];
  const sectionsBy = groupBy(sections, (s) => s.report_id);
  const formatOf = new Map(formats.map((f) => [f.id, f.format]));
  for (const h of heads) {
    const e = cached.get(h.id);
    const tables = e
      ? withCells && e.cells
        ? tablesFromSet(e.cells.set, e.cells.layout)
        : { tables: {}, cells: {} }
      : tablesFromRows(cells.get(`${h.id}/${h.current_version}`) ?? []);
    const secs = e ? e.sections! : (sectionsBy.get(h.id) ?? []);
    if (!e) cache?.stage(h.id, h.current_version, { sections: secs, format: formatOf.get(h.id) });
    out.set(h.id, {
      schema: REPORT_SCHEMA,
      source: { name: '', sha256: '', kind: 'text' },
      published: null,
      diagnostics: [],
      agency: h.agency,
      year: h.year,
      format: (e ? e.format : formatOf.get(h.id)) ?? '2021',
      ...tables,
      sections: secs.map((s) => ({ id: s.section_id, title: s.title, text: s.body, ...(s.line !== null ? { line: s.line } : {}) })),
    });
  }
  return out;
}

interface Context {
  db: Executor;
  reports: Map<string, Lite>;
  prepared: Map<string, Prepared>;
  /** MinHash bands computed already (by the parse worker), by report id. */
  bands: ReadonlyMap<string, string[]>;
  cache: VersionCacheTx | undefined;
  /** Current version of each report met (the key of its cache entry). */
  versions: Map<string, number>;
}

function seen(ctx: Context, heads: readonly Head[]): void {
  for (const h of heads) ctx.versions.set(h.id, h.current_version);
}

function preparedOf(ctx: Context, id: string): Prepared | null {
  let p = ctx.prepared.get(id);
  if (!p) {
    const version = ctx.versions.get(id);
    p = version !== undefined ? ctx.cache?.get(id, version)?.prepared : undefined;
    if (!p) {
      const r = ctx.reports.get(id);
      if (!r) return null;
      p = prepare(r);
    }
    ctx.prepared.set(id, p);
  }
  return p;
}

/**
 * Write the MinHash bands of these reports and find each one's peer candidates: the reports of
 * its year sharing at least MIN_SHARED_BANDS bands with it, the MAX_PEERS sharing most. `inOrder`:
 * the heads arrived in this order (an import's chunk), and each sees the stored reports and the
 * heads before it, never those after it (they see it in their turn); else each sees every other.
 */
async function bandsAndPeers(ctx: Context, heads: readonly Head[], inOrder: boolean): Promise<Map<string, string[]>> {
  const rows: { report_id: string; version: number; year: number; band: number; bucket: string }[] = [];
  if (!heads.length) return new Map();
  for (const h of heads) {
    const p = preparedOf(ctx, h.id);
    if (h.year === null || !p) continue;
    (ctx.bands.get(h.id) ?? bandKeys(p)).forEach((bucket, band) => rows.push({ report_id: h.id, version: h.current_version, year: h.year!, band, bucket }));
  }
  await ctx.db.deleteFrom('narrative_bands').where('report_id', 'in', heads.map((h) => h.id)).execute();
  const peers = new Map<string, string[]>();
  if (!rows.length) return peers;
  await insertMany(ctx.db, 'narrative_bands', { report_id: 'uuid', version: 'int4', year: 'int4', band: 'int4', bucket: 'text' }, rows);
  // The heads' places in their order (none: no order), to leave out the heads after each one.
  const order = inOrder ? heads.map((h) => h.id) : [];
  const found = await sql<{ head: string; peer: string }>`
    WITH k AS (SELECT * FROM unnest(${rows.map((r) => r.report_id)}::uuid[], ${rows.map((r) => r.year)}::int4[], ${rows.map((r) => r.band)}::int4[], ${rows.map((r) => r.bucket)}::text[]) AS k(head, year, band, bucket)),
    o AS (SELECT * FROM unnest(${order}::uuid[]) WITH ORDINALITY AS o(id, n)),
    m AS (
      SELECT k.head, b.report_id AS peer, count(*) AS shared
      FROM k JOIN narrative_bands b ON b.year = k.year AND b.band = k.band AND b.bucket = k.bucket AND b.report_id <> k.head
      JOIN reports r ON r.id = b.report_id AND r.current_version = b.version
      JOIN reports h ON h.id = k.head
      LEFT JOIN o p ON p.id = b.report_id
      LEFT JOIN o q ON q.id = k.head
      WHERE (h.agency_id IS NULL OR r.agency_id IS NULL OR r.agency_id <> h.agency_id) AND (p.n IS NULL OR p.n < q.n)
      GROUP BY k.head, b.report_id HAVING count(*) >= ${MIN_SHARED_BANDS}),
    ranked AS (SELECT head, peer, row_number() OVER (PARTITION BY head ORDER BY shared DESC, peer) AS n FROM m)
    SELECT head, peer FROM ranked WHERE n <= ${MAX_PEERS}`.execute(ctx.db);
  for (const f of found.rows) peers.set(f.head, [...(peers.get(f.head) ?? []), f.peer]);
  return peers;
}

const cross = (list: Diagnostic[], related: string | null): StoredDiagnostic[] => list.map((d) => ({ ...d, origin: 'cross', related_report_id: related }));

interface Outcome {
  findings: Map<string, StoredDiagnostic[]>;
  /** Each report's peer candidates (compared with it here). */
  peers: Map<string, string[]>;
  /** A peer's findings about the report `from` that found it near-identical, in the reports' order. */
  mirrors: { head: Head; from: string; findings: StoredDiagnostic[] }[];
  neighbours: Set<string>;
}

/** The cross findings of these reports (whose current versions are in ctx.reports or loaded). */
async function findingsOf(ctx: Context, heads: readonly Head[], peersOf: 'none' | 'all' | 'in order'): Promise<Outcome> {
  const out: Outcome = { findings: new Map(), peers: new Map(), mirrors: [], neighbours: new Set() };
  const dated = heads.filter((h) => h.agency_id && h.year !== null);
  // Previous and next years' reports and the governments' of departments, in one query.
  const parents = dated.filter((h) => h.kind !== 'government' && h.parent_id);
  const prevPairs = dated.map((h) => ({ agency: h.agency_id!, year: h.year! - 1 }));
  const nextPairs = dated.map((h) => ({ agency: h.agency_id!, year: h.year! + 1 }));
  const parentPairs = parents.map((h) => ({ agency: h.parent_id!, year: h.year! }));
  const around = [...new Map((await reportsAt(ctx.db, [...prevPairs, ...nextPairs, ...parentPairs])).map((r) => [r.id, r])).values()];
  const at = (pairs: readonly { agency: string; year: number }[]) => {
    const keys = new Set(pairs.map((p) => `${p.agency}/${p.year}`));
    return around.filter((r) => keys.has(`${r.agency_id}/${r.year}`));
  };
  const prevs = at(prevPairs);
  const nexts = at(nextPairs);
  seen(ctx, prevs);
  if (!heads.length) return out;
  const governments = dated.filter((h) => h.kind === 'government');
  const departments = governments.length
    ? await ctx.db.selectFrom('agencies').select(['id', 'parent_id']).where('parent_id', 'in', governments.map((g) => g.agency_id!)).execute()
    : [];
  const depReports = departments.length
    ? await reportsAt(ctx.db, governments.flatMap((g) => departments.filter((d) => d.parent_id === g.agency_id).map((d) => ({ agency: d.id, year: g.year! }))))
    : [];
  const parentReports = at(parentPairs);
  seen(ctx, depReports);
  const peers = peersOf !== 'none' ? await bandsAndPeers(ctx, heads, peersOf === 'in order') : new Map<string, string[]>();
  out.peers = peers;
  const peerIds = [...new Set([...peers.values()].flat())];
  const peerHeads = await headsOf(ctx.db, peerIds.filter((id) => !ctx.reports.has(id)));
  seen(ctx, peerHeads);
  const allPeerHeads = [...peerHeads, ...heads.filter((h) => peerIds.includes(h.id))];
  const toLoad = [...prevs, ...depReports].filter((h, i, a) => !ctx.reports.has(h.id) && a.findIndex((x) => x.id === h.id) === i);
  for (const [id, r] of await loadLite(ctx.db, toLoad, true, ctx.cache)) ctx.reports.set(id, r);
  // Peers are compared by their narrative only: no cells read (and not kept as full reports).
  const peersToLoad = peerHeads.filter((h) => !ctx.reports.has(h.id) && !ctx.prepared.has(h.id) && !ctx.cache?.get(h.id, h.current_version)?.prepared);
  for (const [id, r] of await loadLite(ctx.db, peersToLoad, false, ctx.cache)) ctx.prepared.set(id, prepare(r));

  for (const h of heads) {
    const list: StoredDiagnostic[] = [];
    const report = ctx.reports.get(h.id);
    const prepared = preparedOf(ctx, h.id);
    if (!report || !prepared) continue;
    if (h.agency_id && h.year !== null) {
      const prev = prevs.find((p) => p.agency_id === h.agency_id && p.year === h.year! - 1);
      const pr = prev && ctx.reports.get(prev.id);
      if (prev && pr) {
        list.push(...cross(historyCarryOver(report, pr), prev.id), ...cross(historyInForce(report, pr), prev.id), ...cross(historyReviewPending(report, pr), prev.id));
        list.push(...cross(similarityPreviousYear(prepared, preparedOf(ctx, prev.id)!, prev.year!), prev.id));
      }
      const next = nexts.find((p) => p.agency_id === h.agency_id && p.year === h.year! + 1);
      if (next) out.neighbours.add(next.id);
      if (h.kind === 'government') {
        const deps = departments.filter((d) => d.parent_id === h.agency_id);
        const reps = depReports.filter((r) => deps.some((d) => d.id === r.agency_id) && r.year === h.year);
        const loaded = reps.map((r) => ctx.reports.get(r.id)).filter((r): r is Lite => !!r);
        list.push(...cross(hierarchySum(report, loaded, deps.length - reps.length), null));
      } else if (h.parent_id) {
        const gov = parentReports.find((p) => p.agency_id === h.parent_id && p.year === h.year);
        if (gov) out.neighbours.add(gov.id);
      }
    }
    for (const peerId of peers.get(h.id) ?? []) {
      const peer = allPeerHeads.find((p) => p.id === peerId);
      const pp = preparedOf(ctx, peerId);
      if (!peer || !pp) continue;
      const found = similarityPeer(prepared, pp, peer.agency ?? '另一机关（待确认）', h.year!);
      list.push(...cross(found, peerId));
      if (found.length) out.mirrors.push({ head: peer, from: h.id, findings: cross(similarityPeer(pp, prepared, h.agency ?? '另一机关（待确认）', h.year!), h.id) });
    }
    out.findings.set(h.id, list);
  }
  return out;
}

/** Replace the cross findings of these reports' current versions (decisions kept by key). */
async function replaceCross(
  db: Executor,
  heads: readonly Head[],
  findings: Map<string, StoredDiagnostic[]>,
  only?: (d: { report_id: string; rule: string; related_report_id: string | null }) => boolean,
): Promise<void> {
  if (!heads.length) return;
  const old = await db
    .selectFrom('diagnostics as d')
    .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 'd.report_id').onRef('r.current_version', '=', 'd.version'))
    .select(['d.report_id', 'd.finding_key', 'd.state', 'd.reason', 'd.decided_by', 'd.decided_at', 'd.origin', 'd.position', 'd.rule', 'd.related_report_id'])
    .where('d.report_id', 'in', heads.map((h) => h.id))
    .execute();
  const oldBy = groupBy(old, (d) => d.report_id);
  const rows = [];
  const drop: { report_id: string; version: number; position: number }[] = [];
  for (const h of heads) {
    const mine = oldBy.get(h.id) ?? [];
    const replaced = mine.filter((d) => d.origin === 'cross' && (!only || only(d)));
    const previous = new Map(replaced.map((d) => [d.finding_key, d]));
    const first = mine.reduce((m, d) => Math.max(m, d.position + 1), 0);
    for (const d of replaced) drop.push({ report_id: h.id, version: h.current_version, position: d.position });
    rows.push(...diagnosticRows(h.id, h.current_version, findings.get(h.id) ?? [], first, previous));
  }
  if (drop.length) {
    await sql`DELETE FROM diagnostics d USING unnest(${drop.map((d) => d.report_id)}::uuid[], ${drop.map((d) => d.version)}::int4[], ${drop.map((d) => d.position)}::int4[]) AS x(r, v, p)
      WHERE d.report_id = x.r AND d.version = x.v AND d.position = x.p`.execute(db);
  }
  await insertDiagnostics(db, rows);
}

/**
 * The mirrors on reports of the set go with their own findings: a report gets the mirrors of the
 * later ones' findings about it (in order: it never saw them) after its own, unless it compared
 * that report itself (not in order). Returns, for each report, the reports whose peer findings
 * about it were worked out here.
 */
function mirrorsWithin(heads: readonly Head[], first: Outcome): Map<string, Set<string>> {
  const recomputed = new Map(heads.map((h) => [h.id, new Set(first.peers.get(h.id))]));
  for (const m of first.mirrors) {
    const mine = recomputed.get(m.head.id);
    if (!mine || mine.has(m.from)) continue;
    mine.add(m.from);
    first.findings.set(m.head.id, [...(first.findings.get(m.head.id) ?? []), ...m.findings]);
  }
  return recomputed;
}

/** The mirrors on reports outside the set, by report: the findings, and the reports they are about. */
function mirrorsOutside(first: Outcome, done: ReadonlySet<string>): Map<string, { head: Head; from: Set<string>; findings: StoredDiagnostic[] }> {
  const byPeer = new Map<string, { head: Head; from: Set<string>; findings: StoredDiagnostic[] }>();
  for (const m of first.mirrors) {
    if (done.has(m.head.id)) continue;
    const e = byPeer.get(m.head.id) ?? { head: m.head, from: new Set<string>(), findings: [] };
    e.from.add(m.from);
    e.findings.push(...m.findings);
    byPeer.set(m.head.id, e);
  }
  return byPeer;
}

/**
 * Run the checks across reports for these reports (`known`: those already in memory, by id),
 * then again for the reports next to them; peers get the mirror of a near-identical finding.
 * `ahead.prepared`: narratives of `known` reports prepared already; `ahead.bands`: their MinHash
 * bands (bandKeys of the prepared narrative), when computed already; `ahead.recount`: reports
 * whose finding counts the caller would refresh next (refreshed here with the others);
 * `ahead.inOrder`: `reportIds` arrived in this order (an import's chunk): each report's peers are
 * the stored reports and those before it, as if each had been checked on its own in turn (else, on
 * demand, each report's peers are found among all the others).
 */
export async function crossCheck(
  db: Executor,
  reportIds: readonly string[],
  known?: ReadonlyMap<string, Report>,
  cache?: VersionCacheTx,
  ahead: { prepared?: ReadonlyMap<string, Prepared>; bands?: ReadonlyMap<string, string[]>; recount?: readonly string[]; inOrder?: boolean } = {},
): Promise<void> {
  if (!reportIds.length) {
    await refreshCounts(db, ahead.recount ?? []);
    return;
  }
  const ctx: Context = { db, reports: new Map(known ?? []), prepared: new Map(ahead.prepared ?? []), bands: ahead.bands ?? new Map(), cache, versions: new Map() };
  const ids = [...new Set(reportIds)];
  const place = new Map(ids.map((id, i) => [id, i]));
  const heads = (await headsOf(db, ids)).sort((a, b) => place.get(a.id)! - place.get(b.id)!);
  seen(ctx, heads);
  const missing = heads.filter((h) => !ctx.reports.has(h.id));
  for (const [id, r] of await loadLite(db, missing, true, cache)) ctx.reports.set(id, r);
  const first = await findingsOf(ctx, heads, ahead.inOrder ? 'in order' : 'all');
  const done = new Set(heads.map((h) => h.id));
  const recomputed = mirrorsWithin(heads, first);
  // Its findings about reports it was not compared with here (mirrors of theirs) stay as they are.
  await replaceCross(db, heads, first.findings, (d) => d.rule !== 'similarity.peer' || !d.related_report_id || !!recomputed.get(d.report_id)?.has(d.related_report_id));
  const again = await headsOf(db, [...first.neighbours].filter((id) => !done.has(id)));
  seen(ctx, again);
  for (const [id, r] of await loadLite(db, again.filter((h) => !ctx.reports.has(h.id)), true, cache)) ctx.reports.set(id, r);
  // Neighbours: their findings other than peers' (those stay as they are).
  const second = await findingsOf(ctx, again, 'none');
  await replaceCross(db, again, second.findings, (d) => d.rule !== 'similarity.peer');
  // Mirrors on reports outside the set: a peer's finding about this report, replacing its earlier one about it.
  const byPeer = mirrorsOutside(first, done);
  await replaceCross(
    db,
    [...byPeer.values()].map((e) => e.head),
    new Map([...byPeer].map(([id, e]) => [id, e.findings])),
    (d) => d.rule === 'similarity.peer' && !!d.related_report_id && !!byPeer.get(d.report_id)?.from.has(d.related_report_id),
  );
  const recount = [...new Set([...again.map((h) => h.id), ...byPeer.keys(), ...(ahead.recount ?? [])])];
  if (recount.length) await refreshCounts(db, recount);
  if (cache) {
    for (const [id, prepared] of ctx.prepared) {
      const version = ctx.versions.get(id);
      if (version !== undefined) cache.stage(id, version, { prepared });
    }
  }
}
