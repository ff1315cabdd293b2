// Importing documents into the corpus: the store's side of the pipeline. A worker claims a chunk
// of queued items, reads and parses them with the library's pipeline (parseReport: the same
// readers, parser and checker as `gongkai parse`), and stores the chunk in one transaction:
// documents byte for byte, agency matched, a new report or a new version of the agency's report
// of that year, cells, sections, findings, then the checks across reports. Idempotent by the
// SHA-256 of the bytes: a document already stored is a duplicate, whatever its name.

import { sql, type Insertable } from 'kysely';
import type { Prepared } from '../check/similarity.ts';
import { IngestError } from '../ingest/errors.ts';
import type { Report } from '../interchange/types.ts';
import { findAgenciesByNames, matchAgenciesInOrder, normalizeAgencyName, type MatchResult } from './agencies.ts';
import { recordAudit } from './audit.ts';
import type { Executor } from './bulk.ts';
import { crossCheck, VersionCache, type Arrival, type VersionCacheTx } from './cross.ts';
import { decisionsOfMany } from './diagnostics.ts';
import { figuresKey } from './figures.ts';
import { newId } from './ids.ts';
import { cellSetOf, unpackCellArrays, withCellTables, type CellArrays } from './cell-arrays.ts';
import { errorOf, parseChunkItems, startChunkParse, type Ahead, type ChunkParse, type ParseResult } from './parse-pool.ts';
import { claim, deadLocalWorkers, finishItems, type ClaimedItem, type ItemResult } from './jobs.ts';
import type { Store } from './open.ts';
import { ImportStatistics } from './statistics.ts';
import { insertVersions, versionRows, type VersionRows } from './reports.ts';
import type { AgencySuggestion, DocumentsTable, ReportsTable } from './schema.ts';

/** Items per transaction: big enough to amortise round trips, small enough to redo after a crash. */
export const CHUNK_SIZE = 100;
/**
 * Items of a drain's first chunk; each next chunk is twice as big, up to CHUNK_SIZE. The first
 * chunk is parsed while nothing is being written: a small one starts the overlap sooner.
 */
export const FIRST_CHUNK_SIZE = 25;

interface Parsed {
  item: ClaimedItem;
  sha256: string;
  bytes: Uint8Array;
  report: Report;
  /** What parsing computed ahead for storing it. */
  ahead: Ahead;
  /** Its cell arrays (unpacked when the worker sent them as JSON). */
  cells: CellArrays;
}

function failure(item: ClaimedItem, e: unknown): ItemResult {
  if (e instanceof IngestError && e.code === 'no_report') return { id: item.id, name: item.name, state: 'skipped', message: e.message };
  if (e instanceof IngestError) return { id: item.id, name: item.name, state: 'failed', message: e.message };
  return { id: item.id, name: item.name, state: 'failed', message: `${item.name}：读取时发生内部错误（${(e as Error).message}），请把此文件报告给开发者` };
}

export interface ChunkOutcome {
  results: ItemResult[];
  /** Reports stored or changed by this chunk (for callers that show them). */
  reports: string[];
}

/**
 * The agencies of a chunk's reports, matched (and new ones created) before the chunk's
 * transaction, in statements of their own: two workers creating the same agency then never wait
 * on each other's open transaction. An agency created by a chunk that later fails stays, and is
 * matched when the chunk is redone. Reports imported by agency staff are matched only against
 * their own agency (never create one): another agency's report is refused.
 */
async function agenciesOf(db: Executor, parsed: readonly Parsed[]): Promise<Map<Parsed, MatchResult | string>> {
  const out = new Map<Parsed, MatchResult | string>();
  const open = parsed.filter((p) => p.item.creator_role !== 'agency');
  // In the items' order: the same agencies as when each item is matched on its own, wherever chunks end.
  const matched = await matchAgenciesInOrder(db, open.map((p) => p.report.agency), { demo: open.map((p) => p.item.demo) });
  const undecided: MatchResult = { match: 'undecided', suggestions: [] };
  open.forEach((p, i) => out.set(p, matched[i] ?? undecided));
  const staff = parsed.filter((p) => p.item.creator_role === 'agency');
  if (!staff.length) return out;
  const known = await findAgenciesByNames(db, staff.flatMap((p) => (p.report.agency ? [p.report.agency] : [])));
  for (const p of staff) {
    const agency = p.report.agency ? known.get(normalizeAgencyName(p.report.agency)) : undefined;
    if (agency && agency.id === p.item.creator_agency) out.set(p, { match: 'matched', agency, suggestions: [] });
    else if (!p.report.agency) out.set(p, `${p.item.name}：报告未写明机关；机关工作人员只能导入写明本机关名称的报告，请在报告中写明机关名称，或请管理员导入`);
    else out.set(p, `${p.item.name}：报告的机关“${p.report.agency}”不是您所在的机关；机关工作人员只能导入本机关的报告`);
  }
  return out;
}

/** Note the versions written for the cache: what the checks read back, not the sections' indexed words. */
function stageVersions(cache: VersionCacheTx, versions: readonly VersionRows[]): void {
  for (const v of versions) {
    const sections = v.sections.map((s) => ({ section_id: s.section_id, title: s.title, body: s.body, line: s.line }));
    cache.stage(v.version.report_id, v.version.version, { format: v.version.format, cells: v.cells, sections });
  }
}

/** Store parsed items; runs inside one transaction, in a fixed number of statements per chunk. */
async function storeParsed(tx: Executor, parsed: Parsed[], matches: ReadonlyMap<Parsed, MatchResult>, cache?: VersionCacheTx): Promise<ChunkOutcome> {
  const results: ItemResult[] = [];
  const shas = [...new Set(parsed.map((p) => p.sha256))];
  const known = new Map<string, { report_id: string; version: number }>();
  if (shas.length) {
    const rows = await tx.selectFrom('report_versions').select(['document_sha256', 'report_id', 'version']).where('document_sha256', 'in', shas).execute();
    for (const r of rows) known.set(r.document_sha256!, r);
  }
  const fresh = parsed.filter((p, i) => !known.has(p.sha256) && parsed.findIndex((q) => q.sha256 === p.sha256) === i);
  // The agency's report of that year, if there is one: a new version of it.
  const pairs = fresh.flatMap((p) => {
    const a = matches.get(p)?.agency;
    return a && p.report.year !== null ? [{ agency: a.id, year: p.report.year }] : [];
  });
  const existing = new Map<string, { id: string; current_version: number }>();
  if (pairs.length) {
    const rows = await sql<{ id: string; agency_id: string; year: number; current_version: number }>`
      SELECT r.id, r.agency_id, r.year, r.current_version FROM reports r
      JOIN unnest(${pairs.map((p) => p.agency)}::uuid[], ${pairs.map((p) => p.year)}::int4[]) AS k(agency, year) ON r.agency_id = k.agency AND r.year = k.year`.execute(tx);
    for (const r of rows.rows) existing.set(`${r.agency_id}/${r.year}`, r);
  }
  const previousDecisions = await decisionsOfMany(tx, [...existing.values()].map((e) => ({ reportId: e.id, version: e.current_version })));

  const newReports: Insertable<ReportsTable>[] = [];
  const bumped = new Map<string, { id: string; version: number; format: string; values: string }>();
  const documents: Insertable<DocumentsTable>[] = [];
  const versions: VersionRows[] = [];
  const inMemory = new Map<string, Report>();
  const prepared = new Map<string, Prepared>();
  const bands = new Map<string, string[]>();
  const arrivals: Arrival[] = [];
  for (const p of parsed) {
    const dup = known.get(p.sha256);
    if (dup) {
      results.push({ id: p.item.id, name: p.item.name, state: 'duplicate', sha256: p.sha256, report_id: dup.report_id, version: dup.version, message: '此文件已导入过（内容相同），未重复导入' });
      continue;
    }
    const { report } = p;
    const match = matches.get(p)!;
    const agencyId = match.agency?.id ?? null;
    const key = agencyId && report.year !== null ? `${agencyId}/${report.year}` : null;
    const before = key ? existing.get(key) : undefined;
    const values = p.ahead.figures;
    let reportId: string;
    let version = 1;
    if (before) {
      reportId = before.id;
      version = before.current_version + 1;
      bumped.set(reportId, { id: reportId, version, format: report.format, values });
    } else {
      reportId = newId();
      newReports.push({
        id: reportId,
        agency_id: agencyId,
        year: report.year,
        format: report.format,
        status: key ? 'checked' : 'needs_decision',
        published: p.item.publish,
        demo: p.item.demo,
        current_version: version,
        figure_values: values,
        figures_key: figuresKey(),
      });
    }
    // A second document of the same agency and year in this chunk is a version after this one.
    if (key) existing.set(key, { id: reportId, current_version: version });
    documents.push({ sha256: p.sha256, name: p.item.name, kind: report.source.kind, size: p.bytes.length, bytes: p.bytes });
    const previous = before ? previousDecisions.get(`${before.id}/${before.current_version}`) : undefined;
    const { ahead } = p;
    const cells = cellSetOf(reportId, version, report.format, p.cells);
    versions.push(versionRows({ reportId, version, report, kind: 'import', documentSha256: p.sha256, createdBy: p.item.created_by, previous, words: ahead.words, cells }));
    prepared.set(reportId, ahead.prepared);
    bands.set(reportId, ahead.bands);
    known.set(p.sha256, { report_id: reportId, version });
    inMemory.set(reportId, report);
    arrivals.push({ reportId, version, report, prepared: ahead.prepared, bands: ahead.bands });
    const why = !match.agency ? (report.agency ? `机关“${report.agency}”与已有机关相近，需人工确认` : '报告未写明机关，需人工指定') : report.year === null ? '报告年度不明，需人工指定' : null;
    results.push({
      id: p.item.id,
      name: p.item.name,
      state: 'imported',
      sha256: p.sha256,
      report_id: reportId,
      version,
      agency_match: match.match,
      suggestions: match.suggestions.length ? (match.suggestions satisfies AgencySuggestion[]) : undefined,
      message: why,
    });
  }
  if (newReports.length) await tx.insertInto('reports').values(newReports).execute();
  if (bumped.size) {
    const b = [...bumped.values()];
    await sql`UPDATE reports r SET current_version = x.v, format = x.f, figure_values = x.fv::float8[], figures_key = ${figuresKey()}, updated_at = now()
      FROM unnest(${b.map((x) => x.id)}::uuid[], ${b.map((x) => x.version)}::int4[], ${b.map((x) => x.format)}::text[], ${b.map((x) => x.values)}::text[]) AS x(id, v, f, fv)
      WHERE r.id = x.id`.execute(tx);
  }
  // Documents in slices (each row carries its bytes as one parameter).
  for (let i = 0; i < documents.length; i += 100) {
    await tx.insertInto('documents').values(documents.slice(i, i + 100)).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  }
  await insertVersions(tx, versions);
  if (cache) stageVersions(cache, versions);
  const touched = [...inMemory.keys()];
  // The counts of the chunk's reports are refreshed with those the checks changed. Checked in the
  // items' order: the same findings as when each item is stored on its own, wherever chunks end.
  await crossCheck(tx, touched, inMemory, cache, { prepared, bands, recount: touched, arrivals });
  return { results, reports: touched };
}

/** A chunk's items read and parsed (or failed), ready to store. */
export interface ParsedChunk {
  parsed: Parsed[];
  failed: ItemResult[];
  /** Its agencies, when matched already (agenciesOf). */
  agencies?: Map<Parsed, MatchResult | string> | undefined;
}

/** A chunk's items with their parse results: parsed reports ready to store, and failures. */
function chunkOf(items: readonly ClaimedItem[], results: readonly ParseResult[]): ParsedChunk {
  const parsed: Parsed[] = [];
  const failed: ItemResult[] = [];
  items.forEach((item, i) => {
    const r = results[i];
    if (!r.ok) failed.push(failure(item, errorOf(r)));
    else {
      const cells = unpackCellArrays(r.ahead.cells);
      parsed.push({ item, bytes: r.bytes, sha256: r.sha256, report: withCellTables(r.report, r.report.format, cells), ahead: r.ahead, cells });
    }
  });
  return { parsed, failed };
}

/** Read and parse a chunk's items (in the parse worker when the chunk is big, or `worker`). */
export async function parseChunk(items: ClaimedItem[], options: { worker?: boolean | undefined } = {}): Promise<ParsedChunk> {
  return chunkOf(items, await parseChunkItems(items, options));
}

/**
 * Read, parse and store one chunk of claimed items. `cache`: report versions earlier chunks
 * wrote or read (so that the checks across reports need not read them back).
 */
export async function importChunk(store: Store, items: ClaimedItem[], cache?: VersionCache): Promise<ChunkOutcome> {
  return storeChunk(store, await parseChunk(items), cache);
}

/** Store a parsed chunk: agencies matched, then everything in one transaction. */
export async function storeChunk(store: Store, chunk: ParsedChunk, cache?: VersionCache): Promise<ChunkOutcome> {
  const { parsed } = chunk;
  const failed = [...chunk.failed];
  const agencies = chunk.agencies ?? (await agenciesOf(store.db, parsed));
  const matches = new Map<Parsed, MatchResult>();
  const allowed: Parsed[] = [];
  for (const p of parsed) {
    const m = agencies.get(p)!;
    if (typeof m === 'string') failed.push({ id: p.item.id, name: p.item.name, state: 'failed', message: m });
    else {
      matches.set(p, m);
      allowed.push(p);
    }
  }
  const run = async () => {
    const noted = cache?.transaction();
    const outcome = await store.db.transaction().execute(async (tx) => {
      const outcome = await storeParsed(tx, allowed, matches, noted);
      await finishItems(tx, [...outcome.results, ...failed]);
      return outcome;
    });
    noted?.commit();
    return outcome;
  };
  let outcome: ChunkOutcome;
  try {
    outcome = await run();
  } catch (e) {
    // Two workers creating the same agency or report at once (unique violation), or waiting on
    // each other (deadlock, serialization): the loser redoes its chunk, a few times at most.
    const retryable = (x: unknown) => ['23505', '40P01', '40001'].includes((x as { code?: string }).code ?? '');
    if (!retryable(e)) throw e;
    for (let attempt = 1; ; attempt++) {
      await new Promise((r) => setTimeout(r, 20 * attempt));
      try {
        outcome = await run();
        break;
      } catch (again) {
        if (!retryable(again) || attempt >= 5) throw again;
      }
    }
  }
  return { results: [...outcome.results, ...failed], reports: outcome.reports };
}

export interface DrainOptions {
  /** Only this batch's items (others stay queued). */
  batchId?: string | undefined;
  onChunk?: ((results: ItemResult[]) => void) | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Chunks stored at once (default 1: each loop already parses its next chunk while it stores
   * one; a second loop on a server made transactions contend, and was slower in paired runs).
   */
  workers?: number | undefined;
  /** Parse in the worker thread (default: for chunks of WORKER_FROM_ITEMS items or more). */
  parseWorker?: boolean | undefined;
  /** Items in every chunk (default: FIRST_CHUNK_SIZE, then twice as many up to CHUNK_SIZE). */
  chunkSize?: number | undefined;
}

/** Work the queue until nothing is claimable. Returns the number of items processed. */
export async function drainQueue(store: Store, options: DrainOptions = {}): Promise<number> {
  let done = 0;
  const deadWorkers = await deadLocalWorkers(store.db);
  const workers = options.workers ?? 1;
  const cache = new VersionCache();
  const statistics = new ImportStatistics();
  // Chunks' agencies are matched one chunk after the other, in the order they were parsed: the
  // next chunk's while this one is stored (its transaction writes no agency), so that a chunk
  // finds the agencies the chunk before it created, as when each was matched just before storing.
  let agencyTurn: Promise<unknown> = Promise.resolve();
  let size = options.chunkSize ?? FIRST_CHUNK_SIZE;
  // A chunk claimed, its parsing started (by the worker thread, which goes on while the main
  // thread stores the chunk before it), and its agencies matched as soon as it is parsed.
  const claimAndStart = async (): Promise<{ parse: ChunkParse; chunk: Promise<ParsedChunk> } | null> => {
    const items = await claim(store.db, size, { batchId: options.batchId, deadWorkers });
    size = options.chunkSize ?? Math.min(CHUNK_SIZE, size * 2);
    if (!items.length) return null;
    const parse = startChunkParse(items, { worker: options.parseWorker });
    const turn = agencyTurn;
    const chunk = parse.done().then(async (results) => {
      const parsed = chunkOf(items, results);
      await turn;
      parsed.agencies = await agenciesOf(store.db, parsed.parsed);
      return parsed;
    });
    agencyTurn = chunk.catch(() => undefined);
    return { parse, chunk };
  };
  const loop = async () => {
    if (options.signal?.aborted) return;
    let next = claimAndStart();
    for (;;) {
      const started = await next;
      if (!started) return;
      // The main thread parses what the worker has not reached yet (else it would only wait).
      await started.parse.help();
      // The next chunk is claimed and parsed while this one is stored.
      next = options.signal?.aborted ? Promise.resolve(null) : claimAndStart();
      // Not left unhandled if storing this chunk fails (its items stay claimed until their lease ends).
      next.catch(() => undefined);
      const chunk = await started.chunk;
      const { results } = await storeChunk(store, chunk, cache);
      await statistics.stored(store.db, results.filter((r) => r.state === 'imported').length);
      done += results.length;
      options.onChunk?.(results);
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return done;
}

/** Audit entry for an import batch (who imported how many files). */
export async function auditBatch(db: Executor, batchId: string, user: { id: string; login: string } | null, count: number, ip: string | null = null): Promise<void> {
  await recordAudit(db, { user, action: 'import', entity: 'import_batch', entityId: batchId, newValue: { files: count }, ip });
}

/** Reports of a batch: the number of items per state. */
export async function itemsOf(db: Executor, batchId: string) {
  return db
    .selectFrom('import_items')
    .select(['id', 'position', 'name', 'state', 'sha256', 'report_id', 'version', 'message', 'agency_match', 'suggestions', 'attempts', 'finished_at'])
    .where('batch_id', '=', batchId)
    .orderBy('position')
    .execute();
}

