// The relation rules (applications.row_sum, applications.balance, applications.results_sum,
// review_litigation.row_sum, and whatever a format version declares): generated from the
// relations in the format model, so a new format brings its own.

import type { Diagnostic } from '../../interchange/types.ts';
import { formats, residual } from '../../model/load.ts';
import { columnName, rowName } from '../../model/names.ts';
import type { CellDef, Equation, Format, RelationDef } from '../../model/types.ts';
import { firstLineOf, formatNumber, isMissingAt, numberAt, shownAt } from '../cells.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { Rule, RuleContext, RuleMeta } from '../rule.ts';

/** Above this many failing instances of one relation in a table, report them as one finding. */
const GROUP_AT = 3;

function termName(rel: RelationDef, cell: CellDef): string {
  return rel.each === 'row' ? columnName(cell.column) : cell.row.short;
}

function sideText(ctx: Pick<RuleContext, 'values' | 'provenance'>, rel: RelationDef, side: CellDef[]): { text: string; sum: number } {
  let sum = 0;
  const parts: string[] = [];
  const nonZero: string[] = [];
  for (const c of side) {
    sum += numberAt(ctx, c.index);
    const term = `${termName(rel, c)}(${shownAt(ctx, c.index)})`;
    parts.push(term);
    if (ctx.values[c.index] !== 0) nonZero.push(term);
  }
  if (side.length === 1) return { text: parts[0], sum };
  if (side.length <= 7) return { text: `${parts.join('+')}=${formatNumber(sum)}`, sum };
  // Long sums (the 21 outcome rows): name only the terms that are not 0.
  const shownTerms = nonZero.length ? nonZero.join('+') : '各项均为0';
  return { text: `各项之和${formatNumber(sum)}（${shownTerms}${nonZero.length && nonZero.length < side.length ? '，其余为0' : ''}）`, sum };
}

function subject(format: Format, eq: Equation): string {
  const table = format.table(eq.relation.table);
  if (eq.relation.each === 'row') {
    const row = table.rows.find((r) => r.id === eq.key)!;
    return `${table.name}“${rowName(row)}”${table.layout === 'single_row' ? '' : '行'}`;
  }
  const col = table.columns.find((c) => c.id === eq.key)!;
  return `${table.name}“${columnName(col)}”列`;
}

function failing(ctx: Pick<RuleContext, 'format' | 'values' | 'provenance'>, rel: RelationDef): { eq: Equation; message: string; diff: number }[] {
  const { format, values } = ctx;
  const out: { eq: Equation; message: string; diff: number }[] = [];
  // A cell the report lacks altogether counts like a blank one.
  const valueAt = (i: number) => values[i] ?? null;
  for (const eq of rel.equations) {
    const diff = residual(eq, valueAt)!;
    if (Math.abs(diff) < 1e-6) continue;
    // Absent tables and rows are reported once by the structure rules, not through every relation.
    if (eq.terms.some((i) => isMissingAt(ctx, i))) continue;
    if (eq.terms.every((i) => values[i] === null)) continue;
    const left = sideText(ctx, rel, eq.leftCells);
    const right = sideText(ctx, rel, eq.rightCells);
    const nulls = eq.terms.some((i) => values[i] === null) ? '（空白单元格按0计算）' : '';
    out.push({
      eq,
      diff,
      message: `${subject(format, eq)}：${left.text}，${right.text}，两者应相等，相差${formatNumber(Math.abs(diff))}${nulls}`,
    });
  }
  return out;
}

/** The message for several failing instances of one relation in a table, as one finding. */
function groupedMessage(format: Format, rel: RelationDef, fails: { eq: Equation; diff: number }[]): string {
  const table = format.table(rel.table);
  const list = fails.map((f) => `${subject(format, f.eq).replace(table.name, '')}相差${formatNumber(Math.abs(f.diff))}`).join('；');
  return `${table.name}有${fails.length}处不满足“${rel.describe}”（可能是整行或整列数据错位，或合计有误）：${list}`;
}

/**
 * The rule's messages as a report gets them, made by the rule itself on a table of zeros of the
 * format that declares it, with the first (or first GROUP_AT) instances put out by one.
 */
function examples(format: Format, rel: RelationDef): { unequal: string; unequalMany: string } {
  const made = (count: number) => {
    const values = format.cells.map(() => 0);
    for (const eq of rel.equations.slice(0, count)) values[eq.terms[0]] = 1;
    const ctx = { format, values, provenance: format.cells.map(() => ({ raw: '0', line: null, status: 'read' as const })) };
    return failing(ctx, rel);
  };
  const many = made(GROUP_AT);
  return { unequal: made(1)[0]?.message ?? '', unequalMany: groupedMessage(format, rel, many) };
}

function relationRule(format: Format, rel: RelationDef): Rule {
  const example = examples(format, rel);
  const meta: RuleMeta<'unequal' | 'unequalMany'> = {
    id: rel.id,
    severity: 'error',
    stage: 'check',
    title: rel.describe,
    description: `勾稽关系：${rel.describe}。任何一处不相等都说明表中数据有误（录入错误、漏填或提取错位）。空白单元格按0计算，并在提示中注明。`,
    messages: {
      unequal: { origin: 'check', example: example.unequal },
      unequalMany: { origin: 'check', example: example.unequalMany },
    },
  };
  return {
    meta,
    check(ctx: RuleContext): Diagnostic[] {
      const { format } = ctx;
      const own = format.relations.find((r) => r.id === rel.id);
      if (!own) return [];
      const fails = failing(ctx, own);
      if (fails.length < GROUP_AT) {
        return fails.map((f) =>
          createDiagnostic(meta, 'unequal', f.message, { cells: [...f.eq.left, ...f.eq.right], line: firstLineOf(ctx, f.eq.terms) }),
        );
      }
      const cells = [...new Set(fails.flatMap((f) => [...f.eq.left, ...f.eq.right]))];
      return [
        createDiagnostic(meta, 'unequalMany', groupedMessage(format, own, fails), {
          cells,
          line: firstLineOf(ctx, cells.map((a) => format.cell(a)!.index)),
        }),
      ];
    },
  };
}

/** One rule per relation id declared by any format version (its examples from the newest format that declares it). */
export function relationRules(): Rule[] {
  const seen = new Map<string, { format: Format; rel: RelationDef }>();
  for (const f of formats()) for (const r of f.relations) if (!seen.has(r.id)) seen.set(r.id, { format: f, rel: r });
  return [...seen.values()].map(({ format, rel }) => relationRule(format, rel));
}
