// Relations between reports (history.yaml): which cells carry over from one year to the next,
// how stocks of documents evolve, pending cases, and what a government's report is compared with
// its departments' on. Checked against the format model when loaded.

import { readModelFile } from './data-file.ts';
import { formats } from './load.ts';

export interface HistoryModel {
  carry_over: { table: string; previous_row: string; current_row: string };
  in_force: { format: string; table: string; rows: string[]; stock: string; added: string[]; removed: string[] }[];
  review_pending: { table: string; rows: string[]; pending: string; total: string };
  hierarchy: { cells: string[]; claims: string };
}

let cache: HistoryModel | undefined;

export function history(): HistoryModel {
  if (!cache) {
    const raw = readModelFile<HistoryModel>('history.yaml');
    const known = (a: string) => formats().some((f) => f.cell(a));
    const fail = (what: string) => {
      throw new Error(`history.yaml 有误：${what}`);
    };
    const c = raw.carry_over;
    if (!formats().some((f) => f.table(c.table as 'applications').rows.some((r) => r.id === c.current_row))) fail(`没有行 ${c.current_row}`);
    for (const s of raw.in_force) for (const r of s.rows) for (const col of [s.stock, ...s.added, ...s.removed]) if (!known(`${s.table}.${r}.${col}`)) fail(`没有单元格 ${s.table}.${r}.${col}`);
    for (const r of raw.review_pending.rows) for (const col of [raw.review_pending.pending, raw.review_pending.total]) if (!known(`${raw.review_pending.table}.${r}.${col}`)) fail(`没有单元格 ${r}.${col}`);
    for (const a of raw.hierarchy.cells) if (!known(a)) fail(`没有单元格 ${a}`);
    cache = raw;
  }
  return cache;
}
