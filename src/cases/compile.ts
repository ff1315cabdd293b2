// 表三 and 表四 of a year's annual report, compiled from the cases of the ledger: every cell is a
// count of cases, kept with the ids of the cases behind it, so the table cannot disagree with
// the ledger. 上年结转 = cases open at the start of the year, 本年新收 = received in the year,
// 办理结果 = concluded in the year by outcome (区分处理 only as 部分公开: a reply has one outcome),
// 结转下年度 = open at the year's end. 表四 counts the 行政复议/行政诉讼 filed in the year with
// their result as known at the year's end (尚未审结 otherwise). Totals come from the model's
// relations, so the balance holds by construction and the existing checker passes.

import { createHash } from 'node:crypto';
import { REPORT_SCHEMA, type CellProvenance, type Report, type TableValues } from '../interchange/types.ts';
import { formatForYear, getFormat } from '../model/load.ts';
import type { Format } from '../model/types.ts';
import type { CaseAction } from './actions.ts';
import { compareDates } from './calendar/iso-date.ts';
import type { WorkCalendar } from './calendar/work-calendar.ts';
import { deriveCase } from './derive.ts';
import { outcomeData, outcomeRow, overrideProblems, type RowOverrides } from './outcomes.ts';
import type { CasePolicy } from './policy.ts';

export interface LedgerCase {
  id: string;
  actions: CaseAction[];
}

export interface CompileOptions {
  year: number;
  calendar: WorkCalendar;
  /** Format version (default: the one for the year). */
  format?: string;
  agency?: string | null;
  /** The agency's choice of row for the outcomes whose row is practice, not rule. */
  rowOverrides?: RowOverrides;
  policy?: CasePolicy;
  /** 表二 as entered (it does not come from the ledger); absent cells are marked missing. */
  active?: TableValues;
}

export interface CompiledYear {
  report: Report;
  /** Cell address → ids of the cases counted in it (for totals, all cases of its parts). */
  contributions: Record<string, string[]>;
  /** Cases left out or counted with a doubt, in Chinese. */
  problems: { caseId: string; message: string }[];
}

export function compileYear(cases: LedgerCase[], opts: CompileOptions): CompiledYear {
  const format: Format = opts.format ? getFormat(opts.format) : formatForYear(opts.year);
  const bad = overrideProblems(opts.rowOverrides ?? {});
  if (bad.length) throw new Error(bad.join('；'));
  const data = outcomeData();
  const start = `${opts.year}-01-01`;
  const end = `${opts.year}-12-31`;
  const contributions = new Map<string, Set<string>>();
  const problems: CompiledYear['problems'] = [];
  const add = (address: string, caseId: string) => {
    if (!format.cell(address)) throw new Error(`单元格 ${address} 不在 ${format.id} 年版格式中`);
    let set = contributions.get(address);
    if (!set) contributions.set(address, (set = new Set()));
    set.add(caseId);
  };
  const t3 = format.table('applications');
  const t4 = format.table('review_litigation');

  for (const c of cases) {
    const view = deriveCase(c.actions, opts.calendar, { asOf: end, ...(opts.policy ? { policy: opts.policy } : {}) });
    if (!view.received || !view.receivedOn) continue; // received after the year
    const errors = view.problems.filter((p) => p.severity === 'error');
    for (const p of errors) problems.push({ caseId: c.id, message: p.message });
    if (view.splitInto) continue; // counted as the cases it was split into
    const column = view.received.applicant.type;
    if (!t3.columns.some((col) => col.id === column)) {
      problems.push({ caseId: c.id, message: `申请人类别“${column}”不是${format.name}表三的列，未计入` });
      continue;
    }
    const received = view.receivedOn;
    const concluded = view.concludedOn;
    if (compareDates(received, start) >= 0) add(`applications.${data.ledger.newReceived}.${column}`, c.id);
    else if (!concluded || compareDates(concluded, start) >= 0) add(`applications.${data.ledger.carriedOver}.${column}`, c.id);
    if (concluded && compareDates(concluded, start) >= 0) add(`applications.${outcomeRow(view.outcome!, format.id, opts.rowOverrides)}.${column}`, c.id);
    if (!concluded) add(`applications.${data.ledger.carriedForward}.${column}`, c.id);

    for (const r of view.reviews) {
      if (compareDates(r.filedOn, start) < 0) continue;
      const row = data.review.kinds.find((k) => k.id === r.kind)!.row;
      const col = r.result ? data.review.results.find((x) => x.id === r.result)!.column : data.review.pendingColumn;
      add(`review_litigation.${row}.${col}`, c.id);
    }
  }

  // Every cell of 表三 and 表四 is a count (0 when no case); totals by the model's relations.
  const values = new Map<string, number>();
  const ledgerTables = new Set([t3.id, t4.id]);
  for (const cell of format.cells) if (ledgerTables.has(cell.table.id)) values.set(cell.address, contributions.get(cell.address)?.size ?? 0);
  const totals = new Set<string>();
  for (const eq of format.equations) if (ledgerTables.has(eq.relation.table) && eq.left.length === 1) totals.add(eq.left[0]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const eq of format.equations) {
      const target = eq.left[0];
      if (eq.left.length !== 1 || !totals.has(target) || eq.right.some((a) => totals.has(a))) continue;
      const sum = eq.right.reduce((s, a) => s + values.get(a)!, 0);
      const ids = new Set(eq.right.flatMap((a) => [...(contributions.get(a) ?? [])]));
      values.set(target, sum);
      contributions.set(target, ids);
      totals.delete(target);
      changed = true;
    }
  }

  const tables: Record<string, TableValues> = {};
  const cells: Record<string, CellProvenance> = {};
  for (const cell of format.cells) {
    const t = (tables[cell.table.id] ??= {});
    const row = (t[cell.row.id] ??= {});
    if (ledgerTables.has(cell.table.id)) {
      const v = values.get(cell.address)!;
      row[cell.column.id] = v;
      cells[cell.address] = { raw: String(v), line: null, status: 'read' };
    } else {
      const v = opts.active?.[cell.row.id]?.[cell.column.id];
      row[cell.column.id] = v ?? null;
      cells[cell.address] = v === undefined || v === null ? { raw: null, line: null, status: 'missing' } : { raw: String(v), line: null, status: 'read' };
    }
  }
  const agency = opts.agency ?? null;
  const report: Report = {
    schema: REPORT_SCHEMA,
    source: {
      name: `${agency ?? ''}${opts.year}年依申请公开台账`,
      sha256: createHash('sha256').update(JSON.stringify({ year: opts.year, cases })).digest('hex'),
      kind: 'json',
    },
    agency,
    year: opts.year,
    format: format.id,
    published: null,
    sections: [],
    tables,
    cells,
    diagnostics: [],
    origin: { year: { via: 'input' }, ...(agency ? { agency: { via: 'input' as const } } : {}) },
  };
  const out: Record<string, string[]> = {};
  for (const [a, ids] of contributions) out[a] = [...ids].sort();
  return { report, contributions: out, problems };
}
