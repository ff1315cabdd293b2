// Checks across reports, run by the store on import, after a correction or a decision, and on
// demand: for each report, its previous year (carry-over, documents in force, pending cases,
// copied narrative), its peers of the same year found through MinHash bands (copied narrative),
// and, for a government, its departments (hierarchy.sum). Findings are stored with origin
// 'cross' on the report's current version, replacing the previous ones and keeping their
// decisions. The reports next to a changed one are checked again (next year's, its
// government's); a peer gets the mirror of a near-identical finding. Everything is read and
// written for a whole set of reports at once (a chunk of an import), in a fixed number of
// queries. An import's chunk is checked in the items' order: an item's peers are the stored
// reports and the items before it (a report the chunk gives a new version later is seen as it
// was), and a later item's finding comes back to it as a mirror, as if each item had been
// imported on its own, wherever chunks end.

import { sql, type Selectable } from 'kysely';
import { REPORT_SCHEMA, type Diagnostic, type Report } from '../interchange/types.ts';
import { claimsArea, hierarchySum, historyCarryOver, historyInForce, historyReviewPending, similarityPeer, similarityPreviousYear } from '../check/cross/index.ts';
import { bandKeys, prepare, type Prepared } from '../check/similarity.ts';
import { arrayLiteral, insertMany, type Executor } from './bulk.ts';
import { history } from '../model/history.ts';
import { tablesFromRows, tablesOf, valuesAt, type CellLayout, type CellSet } from './cell-arrays.ts';
import { readCellSets, readCellValues } from './cells.ts';
import { diagnosticRows, insertDiagnostics, refreshCounts, type StoredDiagnostic } from './diagnostics.ts';
import type { DiagnosticsTable } from './schema.ts';

/** Peers compared exactly per report: the candidates sharing the most MinHash bands. */
const MAX_PEERS = 10;
/** How a peer's finding names a report whose agency a person has yet to decide. */
const UNDECIDED_AGENCY = '另一机关（待确认）';
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
  /** The hierarchy cells' values of versions (a few numbers each: many more are kept than whole versions). */
  readonly #values = new Map<string, (number | null)[]>();
  readonly limit: number;
  readonly valuesLimit: number;

  constructor(limit = 2000, valuesLimit = 100_000) {
    this.limit = limit;
    this.valuesLimit = valuesLimit;
  }

  values(key: string): (number | null)[] | undefined {
    return this.#values.get(key);
  }

  addValues(key: string, values: (number | null)[]): void {
    this.#values.delete(key);
    this.#values.set(key, values);
    if (this.#values.size > this.valuesLimit) this.#values.delete(this.#values.keys().next().value!);
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
  readonly #values = new Map<string, (number | null)[]>();

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

  /** A version's hierarchy values (`reportId/version`), from the cache or what this transaction noted. */
  values(key: string): (number | null)[] | undefined {
    return this.#values.get(key) ?? this.#cache.values(key);
  }

  stageValues(key: string, values: (number | null)[]): void {
    this.#values.set(key, values);
  }

  /** The transaction committed: what it noted goes into the cache. */
  commit(): void {
    for (const [key, entry] of this.#staged) this.#cache.add(key, entry);
    for (const [key, values] of this.#values) this.#cache.addValues(key, values);
    this.#staged.length = 0;
    this.#values.clear();
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

/** Versions of reports (the heads' `current_version`) as the rules need them (tables with lines, narrative), in two queries. */
async function loadLite(db: Executor, heads: readonly (Head & { format?: string })[], withCells = true, cache?: VersionCacheTx): Promise<Map<string, Lite>> {
  const out = new Map<string, Lite>();
  if (!heads.length) return out;
  const cached = cachedVersions(heads, withCells, cache);
  const toRead = heads.filter((h) => !cached.has(h.id));
  const ids = toRead.map((h) => h.id);
  const [cells, sections, formats] = ids.length
    ? await Promise.all([
        withCells ? readCellSets(db, toRead.map((h) => ({ reportId: h.id, version: h.current_version }))) : Promise.resolve(new Map<string, never[]>()),
        sql<{ report_id: string; section_id: string | null; title: string; body: string; line: number | null }>`
          SELECT s.report_id, s.section_id, s.title, s.body, s.line
          FROM unnest(${ids}::uuid[], ${toRead.map((h) => h.current_version)}::int4[]) AS v(report_id, version)
          JOIN sections s ON s.report_id = v.report_id AND s.version = v.version
          ORDER BY s.report_id, s.position`
          .execute(db)
          .then((r) => r.rows),
        db.selectFrom('reports').select(['id', 'format']).where('id', 'in', ids).execute(),
      ])
    : [new Map<string, never[]>(), [], []];
  const sectionsBy = groupBy(sections, (s) => s.report_id);
  const formatOf = new Map(formats.map((f) => [f.id, f.format]));
  for (const h of heads) {
    const e = cached.get(h.id);
    const tables = e
      ? withCells && e.cells
        ? tablesOf(e.cells.set, e.cells.layout)
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
 * A report's narrative taking its turn at finding peers: the reports of the set in their order.
 * On import, each item of the chunk (a report with two items in it takes two turns: only its last
 * is its current version, `final`); on demand, each report of the set.
 */
interface Turn {
  id: string;
  version: number;
  year: number | null;
  prepared: Prepared | null;
  bands: string[] | null;
  final: boolean;
}

/** An import's item, in the items' order: the report version it stored and its narrative. */
export interface Arrival {
  reportId: string;
  version: number;
  report: Report;
  /** Prepared and MinHash bands, when the parse worker computed them. */
  prepared?: Prepared | undefined;
  bands?: string[] | undefined;
}

/** A turn's peer candidate: a stored report version (`via` null) or an earlier turn's. */
interface Candidate {
  n: number;
  peer: string;
  version: number | null;
  via: number | null;
}

/**
 * Find each turn's peer candidates, then write the MinHash bands of the set's current versions.
 * A turn's candidates are the reports of its year sharing at least MIN_SHARED_BANDS bands with
 * it, the MAX_PEERS sharing most. `inOrder` (an import's chunk): a turn sees the stored reports
 * and the turns before it (a report's latest turn before it, else its stored version), never
 * those after it (they see it in their turn), as if each item were imported on its own; else
 * (on demand) each turn sees every other report.
 */
async function peerCandidates(ctx: Context, heads: readonly Head[], turns: readonly Turn[], inOrder: boolean): Promise<Candidate[]> {
  // Each turn's bands, with the place of its report's next turn (a turn stands for its report until then).
  const next = new Map<number, number>();
  const first = new Map<string, number>();
  const lastOf = new Map<string, number>();
  turns.forEach((t, n) => {
    if (lastOf.has(t.id)) next.set(lastOf.get(t.id)!, n);
    lastOf.set(t.id, n);
    if (!first.has(t.id)) first.set(t.id, n);
  });
  // The arrays go as literals (arrayLiteral: one native call for each, not the driver's per element).
  const k: { n: number; head: string; year: number; band: number; bucket: string; next: number | null }[] = [];
  turns.forEach((t, n) => t.bands && t.year !== null && t.bands.forEach((bucket, band) => k.push({ n, head: t.id, year: t.year!, band, bucket, next: next.get(n) ?? null })));
  // A report of the set is seen through its stored bands (its version before the set) only by
  // the turns before its first one, in order; on demand, only through its turn.
  const found = k.length
    ? await sql<Candidate>`
    WITH k AS NOT MATERIALIZED (SELECT * FROM unnest(${arrayLiteral(k.map((r) => r.n))}::int4[], ${arrayLiteral(k.map((r) => r.head))}::uuid[], ${arrayLiteral(k.map((r) => r.year))}::int4[], ${arrayLiteral(k.map((r) => r.band))}::int4[], ${arrayLiteral(k.map((r) => r.bucket))}::text[], ${arrayLiteral(k.map((r) => r.next))}::int4[]) AS k(n, head, year, band, bucket, next)),
    s AS (SELECT * FROM unnest(${[...first.keys()]}::uuid[], ${[...first.values()]}::int4[]) AS s(head, n)),
    c AS (
      SELECT k.n, k.head, b.report_id AS peer, b.version, NULL::int4 AS via, count(*) AS shared
      FROM k JOIN narrative_bands b ON b.year = k.year AND b.band = k.band AND b.bucket = k.bucket AND b.report_id <> k.head
      GROUP BY k.n, k.head, b.report_id, b.version HAVING count(*) >= ${MIN_SHARED_BANDS}
      UNION ALL
      SELECT k.n, k.head, f.head, NULL, f.n, count(*)
      FROM k JOIN k f ON f.year = k.year AND f.band = k.band AND f.bucket = k.bucket AND f.head <> k.head
        ${inOrder ? sql`AND f.n < k.n AND (f.next IS NULL OR f.next > k.n)` : sql``}
      GROUP BY k.n, k.head, f.head, f.n HAVING count(*) >= ${MIN_SHARED_BANDS}),
    m AS (
      SELECT c.n, c.peer, c.version, c.via, c.shared FROM c
      LEFT JOIN s ON c.via IS NULL AND s.head = c.peer
      JOIN reports r ON r.id = c.peer
      JOIN reports h ON h.id = c.head
      WHERE (s.head IS NULL ${inOrder ? sql`OR s.n > c.n` : sql``}) AND (c.via IS NOT NULL OR s.head IS NOT NULL OR r.current_version = c.version)
        AND (h.agency_id IS NULL OR r.agency_id IS NULL OR r.agency_id <> h.agency_id)),
    ranked AS (SELECT n, peer, version, via, row_number() OVER (PARTITION BY n ORDER BY shared DESC, peer) AS rank FROM m)
    SELECT n, peer, version, via FROM ranked WHERE rank <= ${MAX_PEERS} ORDER BY n, rank`.execute(ctx.db)
    : { rows: [] };
  // The set's bands are replaced only now: a report's stored bands (its version before this set)
  // are what the turns before its own saw.
  await ctx.db.deleteFrom('narrative_bands').where('report_id', 'in', heads.map((h) => h.id)).execute();
  const rows = turns.flatMap((t) => (t.final && t.bands && t.year !== null ? t.bands.map((bucket, band) => ({ report_id: t.id, version: t.version, year: t.year!, band, bucket })) : []));
  if (rows.length) await insertMany(ctx.db, 'narrative_bands', { report_id: 'uuid', version: 'int4', year: 'int4', band: 'int4', bucket: 'text' }, rows);
  return found.rows;
}

const cross = (list: Diagnostic[], related: string | null): StoredDiagnostic[] => list.map((d) => ({ ...d, origin: 'cross', related_report_id: related }));

/**
 * What a report says about a peer (by report, then peer): its own comparison, or the mirror of
 * the peer's finding about it; the latest word stands (`at`). In order, the turn's place: a
 * later turn's mirror replaces what the report found itself, as when it arrives later. On demand,
 * a report's own comparison stands over a mirror.
 */
type Words = Map<string, Map<string, { at: number; findings: StoredDiagnostic[] }>>;

function say(words: Words, report: string, about: string, at: number, findings: StoredDiagnostic[]): void {
  const mine = words.get(report) ?? new Map<string, { at: number; findings: StoredDiagnostic[] }>();
  const before = mine.get(about);
  if (!before || at >= before.at) mine.set(about, { at, findings });
  words.set(report, mine);
}

/** The turns of these reports (on import, `arrivals`: one a chunk's item, in order). */
function turnsOf(ctx: Context, heads: readonly Head[], arrivals: readonly Arrival[] | undefined): Turn[] {
  const turn = (id: string, version: number, year: number | null, prepared: Prepared | null, bands: string[] | undefined, final: boolean): Turn => ({
    id,
    version,
    year,
    prepared,
    bands: bands ?? (prepared ? bandKeys(prepared) : null),
    final,
  });
  if (!arrivals) return heads.map((h) => turn(h.id, h.current_version, h.year, preparedOf(ctx, h.id), ctx.bands.get(h.id), true));
  const last = new Map(arrivals.map((a, n) => [a.reportId, n]));
  return arrivals.map((a, n) => {
    const final = last.get(a.reportId) === n;
    const prepared = final ? preparedOf(ctx, a.reportId) : (a.prepared ?? prepare(a.report));
    return turn(a.reportId, a.version, a.report.year, prepared, final ? ctx.bands.get(a.reportId) : a.bands, final);
  });
}

/**
 * The heads of the candidates, and their narratives: of reports outside the set, their current
 * versions (into ctx.prepared); of reports of the set seen at their version before it (stored),
 * that version (`older`). Compared by their narrative only: no cells read, not kept as full reports.
 */
async function peerNarratives(ctx: Context, inSet: ReadonlyMap<string, Head>, candidates: readonly Candidate[]): Promise<{ headOf: Map<string, Head>; older: Map<string, Prepared> }> {
  const others = await headsOf(ctx.db, [...new Set(candidates.filter((c) => !inSet.has(c.peer)).map((c) => c.peer))]);
  seen(ctx, others);
  const earlier = new Map<string, Head>();
  for (const c of candidates) if (c.via === null && inSet.has(c.peer)) earlier.set(c.peer, { ...inSet.get(c.peer)!, current_version: c.version! });
  const toLoad = [...others.filter((h) => !ctx.reports.has(h.id) && !ctx.prepared.has(h.id) && !ctx.cache?.get(h.id, h.current_version)?.prepared), ...earlier.values()];
  const older = new Map<string, Prepared>();
  for (const [id, r] of await loadLite(ctx.db, toLoad, false, ctx.cache)) {
    if (earlier.has(id)) older.set(id, prepare(r));
    else ctx.prepared.set(id, prepare(r));
  }
  return { headOf: new Map([...inSet, ...others.map((h): [string, Head] => [h.id, h])]), older };
}

/**
 * The peer findings of these reports, and the mirrors they give (Words, by the report that says
 * them), with the heads of the peers met. Narratives are compared exactly with each candidate.
 */
async function peerWords(ctx: Context, heads: readonly Head[], arrivals: readonly Arrival[] | undefined): Promise<{ words: Words; peerHeads: Map<string, Head> }> {
  const inOrder = !!arrivals;
  const turns = turnsOf(ctx, heads, arrivals);
  const candidates = await peerCandidates(ctx, heads, turns, inOrder);
  const inSet = new Map(heads.map((h) => [h.id, h]));
  const { headOf, older } = await peerNarratives(ctx, inSet, candidates);
  const words: Words = new Map();
  for (const c of candidates) {
    const t = turns[c.n];
    const head = inSet.get(t.id);
    const peer = headOf.get(c.peer);
    const pp = c.via !== null ? turns[c.via].prepared : inSet.has(c.peer) ? older.get(c.peer) : preparedOf(ctx, c.peer);
    if (!t.prepared || !head || !peer || !pp) continue;
    const found = similarityPeer(t.prepared, pp, peer.agency ?? UNDECIDED_AGENCY, t.year!);
    // A turn that is not its report's current version keeps no findings; its mirrors count.
    if (t.final) say(words, t.id, c.peer, inOrder ? c.n : 1, cross(found, c.peer));
    // The mirror goes to the version compared: only a current one (a stored peer outside the set, or a final turn) keeps it.
    const current = c.via !== null ? turns[c.via].final : !inSet.has(c.peer);
    if (found.length && current) say(words, c.peer, t.id, inOrder ? c.n : 0, cross(similarityPeer(pp, t.prepared, head.agency ?? UNDECIDED_AGENCY, t.year!), t.id));
  }
  return { words, peerHeads: headOf };
}

interface Outcome {
  findings: Map<string, StoredDiagnostic[]>;
  neighbours: Set<string>;
}

/**
 * The departments' reports as hierarchy.sum reads them: the hierarchy cells of their current
 * versions, as tables. From the reports in memory, else the values noted before (the cache), else
 * the cells cached whole, else the store (the values only): a government's departments are many,
 * and each of them arriving checks the government again.
 */
async function hierarchyTables(ctx: Context, heads: readonly Head[]): Promise<Map<string, Pick<Report, 'tables'>>> {
  const addresses = history().hierarchy.cells;
  const out = new Map<string, Pick<Report, 'tables'>>();
  const asTables = (values: readonly (number | null)[]): Pick<Report, 'tables'> => {
    const tables: Report['tables'] = {};
    addresses.forEach((a, i) => {
      const [t, r, c] = a.split('.');
      ((tables[t] ??= {})[r] ??= {})[c] = values[i];
    });
    return { tables };
  };
  const toRead: Head[] = [];
  for (const h of heads) {
    const inMemory = ctx.reports.get(h.id);
    if (inMemory) {
      out.set(h.id, inMemory);
      continue;
    }
    const key = `${h.id}/${h.current_version}`;
    let values = ctx.cache?.values(key);
    if (!values) {
      const cells = ctx.cache?.get(h.id, h.current_version)?.cells;
      if (cells) ctx.cache!.stageValues(key, (values = valuesAt(cells.set.vals, cells.layout, addresses)));
    }
    if (values) out.set(h.id, asTables(values));
    else toRead.push(h);
  }
  const read = await readCellValues(ctx.db, toRead.map((h) => ({ reportId: h.id, version: h.current_version })), addresses);
  for (const [key, values] of read) {
    ctx.cache?.stageValues(key, values);
    out.set(key.slice(0, key.indexOf('/')), asTables(values));
  }
  return out;
}

/** The cross findings of these reports other than peers' (their current versions in ctx.reports or loaded). */
async function findingsOf(ctx: Context, heads: readonly Head[]): Promise<Outcome> {
  const out: Outcome = { findings: new Map(), neighbours: new Set() };
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
  // A government's departments matter only when its report says it covers its area (hierarchy.sum).
  const governments = dated.filter((h) => h.kind === 'government' && ctx.reports.has(h.id) && claimsArea(ctx.reports.get(h.id)!));
  const departments = governments.length
    ? await ctx.db.selectFrom('agencies').select(['id', 'parent_id']).where('parent_id', 'in', governments.map((g) => g.agency_id!)).execute()
    : [];
  const depReports = departments.length
    ? await reportsAt(ctx.db, governments.flatMap((g) => departments.filter((d) => d.parent_id === g.agency_id).map((d) => ({ agency: d.id, year: g.year! }))))
    : [];
  const parentReports = at(parentPairs);
  const depTables = await hierarchyTables(ctx, depReports);
  const toLoad = prevs.filter((h, i, a) => !ctx.reports.has(h.id) && a.findIndex((x) => x.id === h.id) === i);
  for (const [id, r] of await loadLite(ctx.db, toLoad, true, ctx.cache)) ctx.reports.set(id, r);

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
        const loaded = reps.flatMap((r) => depTables.get(r.id) ?? []);
        list.push(...cross(hierarchySum(report, loaded, deps.length - reps.length), null));
      } else if (h.parent_id) {
        const gov = parentReports.find((p) => p.agency_id === h.parent_id && p.year === h.year);
        if (gov) out.neighbours.add(gov.id);
      }
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
  // By (report, version) pairs: one index range each, whatever the planner knows of the tables.
  const old = (
    await sql<Pick<Selectable<DiagnosticsTable>, 'report_id' | 'finding_key' | 'state' | 'reason' | 'decided_by' | 'decided_at' | 'origin' | 'position' | 'rule' | 'related_report_id'>>`
      SELECT d.report_id, d.finding_key, d.state, d.reason, d.decided_by, d.decided_at, d.origin, d.position, d.rule, d.related_report_id
      FROM unnest(${heads.map((h) => h.id)}::uuid[], ${heads.map((h) => h.current_version)}::int4[]) AS v(report_id, version)
      JOIN diagnostics d ON d.report_id = v.report_id AND d.version = v.version`.execute(db)
  ).rows;
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
 * Run the checks across reports for these reports (`known`: those already in memory, by id),
 * then again for the reports next to them; peers get the mirror of a near-identical finding.
 * `ahead.prepared`: narratives of `known` reports prepared already; `ahead.bands`: their MinHash
 * bands (bandKeys of the prepared narrative), when computed already; `ahead.recount`: reports
 * whose finding counts the caller would refresh next (refreshed here with the others);
 * `ahead.arrivals`: an import's chunk, its items in order (the report versions they stored): each
 * item's peers are the stored reports and the items before it, as if each had been imported on
 * its own in turn. Without it (on demand), each report's peers are found among all the others.
 * `ahead.gone`: reports merged into another and deleted: findings naming them are replaced too.
 */
export async function crossCheck(
  db: Executor,
  reportIds: readonly string[],
  known?: ReadonlyMap<string, Report>,
  cache?: VersionCacheTx,
  ahead: { prepared?: ReadonlyMap<string, Prepared>; bands?: ReadonlyMap<string, string[]>; recount?: readonly string[]; arrivals?: readonly Arrival[]; gone?: readonly string[] } = {},
): Promise<void> {
  if (!reportIds.length) {
    await refreshCounts(db, ahead.recount ?? []);
    return;
  }
  const ctx: Context = { db, reports: new Map(known ?? []), prepared: new Map(ahead.prepared ?? []), bands: ahead.bands ?? new Map(), cache, versions: new Map() };
  const heads = await headsOf(db, [...new Set(reportIds)]);
  seen(ctx, heads);
  const missing = heads.filter((h) => !ctx.reports.has(h.id));
  for (const [id, r] of await loadLite(db, missing, true, cache)) ctx.reports.set(id, r);
  const first = await findingsOf(ctx, heads);
  const { words, peerHeads } = await peerWords(ctx, heads, ahead.arrivals);
  const done = new Set(heads.map((h) => h.id));
  const peerFindings = (id: string) => [...(words.get(id)?.values() ?? [])].flatMap((w) => w.findings);
  for (const h of heads) first.findings.set(h.id, [...(first.findings.get(h.id) ?? []), ...peerFindings(h.id)]);
  // A report's findings about peers it was not compared with here (mirrors of theirs) stay as they
  // are, but for those about reports that are gone (`ahead.gone`: merged into another).
  const gone = new Set(ahead.gone ?? []);
  const said = (d: { report_id: string; related_report_id: string | null }) => !!d.related_report_id && (!!words.get(d.report_id)?.has(d.related_report_id) || gone.has(d.related_report_id));
  await replaceCross(db, heads, first.findings, (d) => d.rule !== 'similarity.peer' || said(d));
  const again = await headsOf(db, [...first.neighbours].filter((id) => !done.has(id)));
  seen(ctx, again);
  for (const [id, r] of await loadLite(db, again.filter((h) => !ctx.reports.has(h.id)), true, cache)) ctx.reports.set(id, r);
  // Neighbours: their findings other than peers' (those stay as they are).
  const second = await findingsOf(ctx, again);
  await replaceCross(db, again, second.findings, (d) => d.rule !== 'similarity.peer');
  // Mirrors on reports outside the set: a peer's finding about a report of the set, replacing its earlier one about it.
  const mirrored = [...words.keys()].filter((id) => !done.has(id)).map((id) => peerHeads.get(id)!);
  await replaceCross(db, mirrored, new Map(mirrored.map((h) => [h.id, peerFindings(h.id)])), (d) => d.rule === 'similarity.peer' && said(d));
  const recount = [...new Set([...again.map((h) => h.id), ...mirrored.map((h) => h.id), ...(ahead.recount ?? [])])];
  if (recount.length) await refreshCounts(db, recount);
  if (cache) {
    for (const [id, prepared] of ctx.prepared) {
      const version = ctx.versions.get(id);
      if (version !== undefined) cache.stage(id, version, { prepared });
    }
  }
}
