// The year-end assembly of an agency's annual report (年度报告) from Gongkai: a draft per
// (agency, year) holding what staff type — 表二 and the narrative sections of the format — while
// 表三/表四 are compiled from the case ledger every time the draft is shown, checked, rendered or
// published (never typed, never stored with the draft). Every save is kept as a revision; a save
// names the revision it was made from and is refused when another came first (optimistic
// concurrency). Publishing writes the assembled report into the corpus as the agency's report of
// that year (a new version when one exists), each cell marked 'ledger' or 'entered'.

import { sql } from 'kysely';
import { compileYear } from '../cases/compile.ts';
import type { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { withChecks, checkReport } from '../check/index.ts';
import { historyCarryOver, historyInForce, historyReviewPending, similarityPreviousYear } from '../check/cross/index.ts';
import { compare, excerpt, prepare, MIN_CHARS, SHINGLE, SIMILAR_SHARE } from '../check/similarity.ts';
import type { Diagnostic, Report, Section, TableValues } from '../interchange/types.ts';
import { formatForYear, getFormat } from '../model/load.ts';
import type { Format } from '../model/types.ts';
import type { Executor } from './bulk.ts';
import type { StoredCase } from './cases.ts';
import { crossCheck } from './cross.ts';
import { decisionsOf, refreshCounts } from './diagnostics.ts';
import { figureValues, figuresKey, figuresOf } from './figures.ts';
import { newId } from './ids.ts';
import { insertVersions, loadReport, versionRows } from './reports.ts';
import type { DraftActive, DraftSections } from './schema.ts';

/** The tables compiled from the ledger (never typed in). */
export const LEDGER_TABLES = ['applications', 'review_litigation'] as const;
/** The table staff enter (later fed by the disclosure registry: see `registryActive`). */
export const ENTERED_TABLE = 'active';
/** Longest narrative section accepted (characters). */
export const MAX_SECTION_CHARS = 50_000;

export interface DraftContent {
  active: DraftActive;
  sections: DraftSections;
}

export interface Draft extends DraftContent {
  id: string | null;
  agency_id: string;
  year: number;
  format: string;
  /** 0 while nothing has been saved. */
  revision: number;
  updated_at: Date | null;
  updated_by: string | null;
  published: { report_id: string; version: number; revision: number; at: Date | null } | null;
}

export class DraftInputError extends Error {
  override name = 'DraftInputError';
}

/** A save made from an older revision than the stored one. */
export class StaleDraftError extends Error {
  override name = 'StaleDraftError';
  constructor(
    readonly current: number,
    readonly yours: number,
  ) {
    super(`保存未成功：此草稿已被他人保存为第${current}稿，而您是在第${yours}稿上修改的。您的修改没有覆盖他人的内容，请复制您的修改、重新载入草稿后再保存。`);
  }
}

/**
 * The seam for 表二 from the disclosure registry (主动公开 records): when a registry exists it
 * returns the year's counts for an agency and the draft offers them; until then, staff type 表二.
 */
export function registryActive(_db: Executor, _agencyId: string, _year: number): Promise<TableValues | null> {
  return Promise.resolve(null);
}

/** Every 表二 cell of the format, empty. */
export function emptyContent(format: Format): DraftContent {
  const active: DraftActive = {};
  for (const cell of format.cells) if (cell.table.id === ENTERED_TABLE) (active[cell.row.id] ??= {})[cell.column.id] = null;
  return { active, sections: Object.fromEntries(format.sections.map((s) => [s.id, ''])) };
}

/** Checks the shape of what staff send against the model: only 表二 cells and the format's sections (Chinese). */
export function contentProblems(format: Format, content: DraftContent): string[] {
  const out: string[] = [];
  for (const [row, cols] of Object.entries(content.active)) {
    for (const [col, v] of Object.entries(cols)) {
      const cell = format.cell(`${ENTERED_TABLE}.${row}.${col}`);
      if (!cell) out.push(`表二没有单元格“${row}.${col}”（${format.name}）`);
      else if (v !== null && !Number.isFinite(v)) out.push(`表二“${cell.row.label} · ${cell.column.label}”不是数字`);
    }
  }
  for (const [id, text] of Object.entries(content.sections)) {
    if (!format.sections.some((s) => s.id === id)) out.push(`${format.name}没有“${id}”这一部分`);
    else if (text.length > MAX_SECTION_CHARS) out.push(`“${format.section(id as never).label}”超过${MAX_SECTION_CHARS}字`);
  }
  return out;
}

/** Content as stored: every 表二 cell and every section of the format present (missing ones empty). */
function normalised(format: Format, content: DraftContent): DraftContent {
  const out = emptyContent(format);
  for (const [row, cols] of Object.entries(content.active)) for (const [col, v] of Object.entries(cols)) out.active[row][col] = v;
  for (const [id, text] of Object.entries(content.sections)) out.sections[id] = text;
  return out;
}

export async function loadDraft(db: Executor, agencyId: string, year: number): Promise<Draft> {
  const row = await db.selectFrom('annual_drafts').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
  if (!row) {
    const format = formatForYear(year);
    return { id: null, agency_id: agencyId, year, format: format.id, revision: 0, ...emptyContent(format), updated_at: null, updated_by: null, published: null };
  }
  const format = getFormat(row.format);
  return {
    id: row.id,
    agency_id: agencyId,
    year,
    format: row.format,
    revision: row.revision,
    ...normalised(format, { active: row.active, sections: row.sections }),
    updated_at: row.updated_at,
    updated_by: row.updated_by,
    published:
      row.published_report_id && row.published_version !== null && row.published_revision !== null
        ? { report_id: row.published_report_id, version: row.published_version, revision: row.published_revision, at: row.published_at }
        : null,
  };
}

/**
 * Save a new revision made from `from` (0 for the first save). Refused with StaleDraftError when
 * the stored revision is not `from`: nothing is overwritten. Returns the old and new content.
 */
export async function saveDraft(
  db: Executor,
  input: { agencyId: string; year: number; from: number; content: DraftContent; userId: string },
): Promise<{ draft: Draft; before: Draft }> {
  const before = await loadDraft(db, input.agencyId, input.year);
  const format = getFormat(before.format);
  const problems = contentProblems(format, input.content);
  if (problems.length) throw new DraftInputError(problems.join('；'));
  const content = normalised(format, input.content);
  const revision = input.from + 1;
  let id: string;
  if (input.from === 0) {
    id = newId();
    const inserted = await db
      .insertInto('annual_drafts')
      .values({ id, agency_id: input.agencyId, year: input.year, format: format.id, revision, active: JSON.stringify(content.active), sections: JSON.stringify(content.sections), updated_by: input.userId })
      .onConflict((oc) => oc.columns(['agency_id', 'year']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new StaleDraftError((await loadDraft(db, input.agencyId, input.year)).revision, input.from);
  } else {
    const updated = await db
      .updateTable('annual_drafts')
      .set({ revision, active: JSON.stringify(content.active), sections: JSON.stringify(content.sections), updated_by: input.userId, updated_at: new Date() })
      .where('agency_id', '=', input.agencyId)
      .where('year', '=', input.year)
      .where('revision', '=', input.from)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new StaleDraftError(before.revision, input.from);
    id = updated.id;
  }
  await db
    .insertInto('annual_draft_revisions')
    .values({ draft_id: id, revision, active: JSON.stringify(content.active), sections: JSON.stringify(content.sections), saved_by: input.userId })
    .execute();
  return { draft: await loadDraft(db, input.agencyId, input.year), before };
}

/** The saved revisions of a draft, newest first (who, when). */
export async function draftRevisions(db: Executor, draftId: string) {
  return db
    .selectFrom('annual_draft_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.saved_by')
    .select(['r.revision', 'r.saved_at', 'u.display_name as saved_by'])
    .where('r.draft_id', '=', draftId)
    .orderBy('r.revision', 'desc')
    .execute();
}

export interface PreviousYear {
  report_id: string;
  version: number;
  year: number;
  /** Text per section id of the format (sections of the stored report joined). */
  sections: Record<string, string>;
  report: Report;
}

/** The agency's report of the year before in the corpus (its current version), if any. */
export async function previousYearReport(db: Executor, agencyId: string, year: number): Promise<PreviousYear | null> {
  const head = await db.selectFrom('reports').select(['id']).where('agency_id', '=', agencyId).where('year', '=', year - 1).executeTakeFirst();
  if (!head) return null;
  const loaded = await loadReport(db, head.id);
  if (!loaded) return null;
  const sections: Record<string, string> = {};
  for (const s of loaded.report.sections) {
    if (!s.id || !s.text.trim()) continue;
    sections[s.id] = sections[s.id] ? `${sections[s.id]}\n${s.text}` : s.text;
  }
  return { report_id: head.id, version: loaded.version, year: year - 1, sections, report: loaded.report };
}

/** The whole report of the year: 表三/表四 from the ledger, 表二 and the narrative from the draft. */
export function assembleReport(
  cases: StoredCase[],
  draft: DraftContent & { year: number; format: string },
  opts: { calendar: WorkCalendar; agency: string; published?: string | null },
): { report: Report; contributions: Record<string, string[]> } {
  const format = getFormat(draft.format);
  const compiled = compileYear(
    cases.map((c) => ({ id: c.row.id, actions: c.actions })),
    { year: draft.year, calendar: opts.calendar, agency: opts.agency, format: format.id, active: draft.active },
  );
  // A section left empty is not in the report: the checker's structure.section_missing names it.
  const sections: Section[] = format.sections
    .filter((s) => draft.sections[s.id]?.trim())
    .map((s) => ({ id: s.id, title: `${s.numeral}、${s.label}`, text: draft.sections[s.id].trim() }));
  const report: Report = {
    ...compiled.report,
    source: { ...compiled.report.source, name: `${opts.agency}${draft.year}年政府信息公开工作年度报告` },
    published: opts.published ?? null,
    sections,
  };
  return { report, contributions: compiled.contributions };
}

export interface Finding {
  rule: string;
  severity: Diagnostic['severity'];
  message: string;
  /** Cells the finding names (table.row.column). */
  cells: string[];
  /** Narrative sections it concerns (section ids). */
  sections: string[];
  /** For 内容雷同: the passages this year's section shares with last year's. */
  passages?: string[];
}

/** Per section: 内容雷同 with the same section of last year's report. */
export function sectionSimilarity(report: Report, previous: PreviousYear): Finding[] {
  const out: Finding[] = [];
  for (const s of report.sections) {
    const before = s.id ? previous.sections[s.id] : undefined;
    if (!before) continue;
    const a = prepare({ sections: [s] });
    // Sections are shorter than whole narratives: judged from two shingles on.
    if (a.chars.length < SHINGLE * 2) continue;
    const c = compare(a, prepare({ sections: [{ id: s.id, title: s.title, text: before }] }));
    if (c.share < SIMILAR_SHARE) continue;
    const passages = c.passages.map((p) => p.text);
    out.push({
      rule: 'similarity.previous_year',
      severity: 'warning',
      message: `“${s.title}”去除格式固定用语和数字后共${c.chars}字，其中${Math.round(c.share * 100)}%与${previous.year}年度报告的同一部分相同（内容雷同）${passages.length ? `；相同段落${passages.length}处，如“${excerpt(passages[0])}”` : ''}。请按本年度的实际工作修改。`,
      cells: [],
      sections: [s.id!],
      passages,
    });
  }
  return out;
}

/**
 * Everything the publishing gate looks at: the checker on the whole report, the checks against
 * last year's report (上年结转, 现行有效件数, 尚未审结, 内容雷同 of the whole narrative and of each
 * section), each finding with the cells and sections it concerns.
 */
export function checkAssembled(report: Report, previous: PreviousYear | null): Finding[] {
  const format = getFormat(report.format);
  const own: Diagnostic[] = checkReport(report);
  if (previous) {
    own.push(...historyCarryOver(report, previous.report), ...historyInForce(report, previous.report), ...historyReviewPending(report, previous.report));
    if (prepare(report).chars.length >= MIN_CHARS) own.push(...similarityPreviousYear(prepare(report), prepare(previous.report), previous.year));
  }
  const sectionsOf = (message: string) =>
    format.sections.filter((s) => message.includes(`“${s.numeral}、${s.label}”`)).map((s) => s.id as string);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const findings: Finding[] = own.map((d) => ({ rule: d.rule, severity: d.severity, message: d.message, cells: d.cells ?? [], sections: sectionsOf(d.message) }));
  // A 表二 cell left empty in a row otherwise entered: the checker names only whole rows missing.
  const named = new Set(findings.flatMap((f) => f.cells));
  const empty = format.cells.filter((c) => c.table.id === ENTERED_TABLE && report.tables[ENTERED_TABLE]?.[c.row.id]?.[c.column.id] == null && !named.has(c.address));
  if (empty.length) {
    findings.push({
      rule: 'assembly.active_empty',
      severity: 'error',
      message: `表二还有${empty.length}个单元格未填写：${empty.map((c) => `“${c.row.label} · ${c.column.label}”`).join('、')}（没有的请填0）`,
      cells: empty.map((c) => c.address),
      sections: [],
    });
  }
  if (previous) findings.push(...sectionSimilarity(report, previous));
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}

export class PublishRefusedError extends Error {
  override name = 'PublishRefusedError';
  constructor(readonly findings: Finding[]) {
    super(`报告还有${findings.length}个错误，不能发布：${findings.map((f, i) => `${i + 1}. ${f.message}`).join('；')}。请先修正这些错误。`);
  }
}

/**
 * Publish: the assembled report is checked (refused with its errors), then written into the
 * corpus as the agency's report of the year — a new report, or the next version of the one there
 * is — marked published (public), each cell's provenance recorded, the checks across reports
 * run; the draft remembers the version. Run inside a transaction.
 */
export async function publishAssembled(
  db: Executor,
  input: { agencyId: string; draft: Draft; report: Report; previous: PreviousYear | null; userId: string },
): Promise<{ report_id: string; version: number; created: boolean }> {
  const errors = checkAssembled(input.report, input.previous).filter((f) => f.severity === 'error');
  if (errors.length) throw new PublishRefusedError(errors);
  const report = withChecks(input.report);
  const existing = await db
    .selectFrom('reports')
    .select(['id', 'current_version'])
    .where('agency_id', '=', input.agencyId)
    .where('year', '=', input.draft.year)
    .forUpdate()
    .executeTakeFirst();
  const reportId = existing?.id ?? newId();
  const version = existing ? existing.current_version + 1 : 1;
  const measured = figuresOf(report);
  if (existing) {
    await db
      .updateTable('reports')
      .set({ current_version: version, format: report.format, published: true, figure_values: figureValues(measured), figures_key: figuresKey(), updated_at: new Date() })
      .where('id', '=', reportId)
      .execute();
  } else {
    await db
      .insertInto('reports')
      .values({
        id: reportId, agency_id: input.agencyId, year: input.draft.year, format: report.format, status: 'checked', published: true, current_version: version,
        figure_values: figureValues(measured), figures_key: figuresKey(),
      })
      .execute();
  }
  const previous = existing ? await decisionsOf(db, reportId, existing.current_version) : undefined;
  const note = `由案件台账（表三、表四）和年报草稿第${input.draft.revision}稿（表二、正文）编制`;
  await insertVersions(db, [versionRows({ reportId, version, report, kind: 'assembly', documentSha256: null, createdBy: input.userId, note, previous })]);
  // Compiled tables came from the ledger, cells read in the others were typed by staff.
  await sql`UPDATE cell_sets s SET provenances = (
      SELECT array_agg(CASE WHEN u.t IN (${sql.join([...LEDGER_TABLES])}) THEN 'ledger' WHEN u.st = 'read' THEN 'entered' END ORDER BY u.o)
      FROM cell_layouts l CROSS JOIN LATERAL unnest(l.table_ids, s.statuses) WITH ORDINALITY AS u(t, st, o)
      WHERE l.id = s.layout)
    WHERE s.report_id = ${reportId} AND s.version = ${version}`.execute(db);
  await crossCheck(db, [reportId], new Map([[reportId, report]]));
  await refreshCounts(db, [reportId]);
  await db
    .updateTable('annual_drafts')
    .set({ published_report_id: reportId, published_version: version, published_revision: input.draft.revision, published_by: input.userId, published_at: new Date() })
    .where('id', '=', input.draft.id!)
    .execute();
  return { report_id: reportId, version, created: !existing };
}
