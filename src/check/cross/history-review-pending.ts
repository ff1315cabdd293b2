// history.review_pending: cases 尚未审结 at the end of last year are concluded or still pending
// this year, so this year's total of the row is at least last year's pending.

import type { Diagnostic, Report } from '../../interchange/types.ts';
import { history } from '../../model/history.ts';
import { getFormat } from '../../model/load.ts';
import { rowName } from '../../model/names.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { RuleMeta } from '../rule.ts';

export const historyReviewPendingMeta: RuleMeta<'missing'> = {
  id: 'history.review_pending',
  severity: 'info',
  stage: 'check',
  title: '上年尚未审结的复议诉讼本年未见',
  description: '同一机关：上年表四“尚未审结”的行政复议、行政诉讼案件，本年应已审结或仍未审结，本年该项总计不应少于上年尚未审结数。',
  messages: { missing: { origin: 'check', example: '表四“行政复议”：2022年度尚未审结2件，本年总计仅1件，上年未结案件的结果未见体现' } },
};

export function historyReviewPending(current: Report, previous: Report): Diagnostic[] {
  if (!current.year || previous.year !== current.year - 1) return [];
  const spec = history().review_pending;
  const format = getFormat(current.format);
  const out: Diagnostic[] = [];
  for (const row of spec.rows) {
    const pending = previous.tables[spec.table]?.[row]?.[spec.pending] ?? 0;
    if (!pending) continue;
    const total = current.tables[spec.table]?.[row]?.[spec.total] ?? 0;
    if (total >= pending) continue;
    const rowDef = format.table(spec.table as 'review_litigation').rows.find((r) => r.id === row)!;
    out.push(
      createDiagnostic(
        historyReviewPendingMeta,
        'missing',
        `表四“${rowName(rowDef)}”：${previous.year}年度尚未审结${pending}件，本年总计仅${total}件，上年未结案件的结果未见体现`,
        { cells: [`${spec.table}.${row}.${spec.total}`], line: current.cells[`${spec.table}.${row}.${spec.total}`]?.line ?? null },
      ),
    );
  }
  return out;
}
