// The rule catalogue: every rule Gongkai applies to a single report, in the order of
// ../shared/spec/checks.md. Relation rules come from the format model.

import { cellReconstructed, sourceEncodingMixed, structureLabelVariant } from '../diagnostics/parse-rules.ts';
import type { Rule } from './rule.ts';
import { crossRuleMetas } from './cross/index.ts';
import { activeFeeUnit } from './rules/active-fee-unit.ts';
import { cellBlank } from './rules/cell-blank.ts';
import { cellNegative } from './rules/cell-negative.ts';
import { cellNotANumber } from './rules/cell-not-a-number.ts';
import { cellNotApplicable } from './rules/cell-not-applicable.ts';
import { cellNotInteger } from './rules/cell-not-integer.ts';
import { cellOutOfRange } from './rules/cell-out-of-range.ts';
import { feesStatement } from './rules/fees-statement.ts';
import { narrativeContradiction } from './rules/narrative-contradiction.ts';
import { narrativeNumberMismatch } from './rules/narrative-number-mismatch.ts';
import { narrativeSumMismatch } from './rules/narrative-sum-mismatch.ts';
import { relationRules } from './rules/relations.ts';
import { reportAgencyMissing } from './rules/report-agency-missing.ts';
import { reportYearMissing } from './rules/report-year-missing.ts';
import { structureHeadingNumbering } from './rules/structure-heading-numbering.ts';
import { structureRowMissing } from './rules/structure-row-missing.ts';
import { structureSectionMissing } from './rules/structure-section-missing.ts';
import { structureTableMissing } from './rules/structure-table-missing.ts';
import { timelinessLate } from './rules/timeliness-late.ts';

let cache: Rule[] | undefined;

export function rules(): Rule[] {
  cache ??= [
    reportAgencyMissing,
    reportYearMissing,
    { meta: sourceEncodingMixed },
    structureSectionMissing,
    structureTableMissing,
    structureRowMissing,
    { meta: structureLabelVariant },
    structureHeadingNumbering,
    cellNotANumber,
    cellOutOfRange,
    cellNegative,
    cellNotInteger,
    cellBlank,
    cellNotApplicable,
    { meta: cellReconstructed },
    ...relationRules(),
    activeFeeUnit,
    narrativeNumberMismatch,
    narrativeSumMismatch,
    narrativeContradiction,
    feesStatement,
    timelinessLate,
    // Across reports (run by the store; no single-report check).
    ...crossRuleMetas.map((meta) => ({ meta })),
  ];
  return cache;
}

export function rule(id: string): Rule | undefined {
  return rules().find((r) => r.meta.id === id);
}
