// hierarchy.sum: a government's report that says it covers its area (全县, 本行政区域…) is
// compared with the sum of its departments' reports of the same year, cell by cell, naming how
// many departments had a report (the denominator).

import type { Diagnostic, Report } from '../../interchange/types.ts';
import { history } from '../../model/history.ts';
import { cellName } from '../../model/names.ts';
import { getFormat } from '../../model/load.ts';
import { createDiagnostic } from '../../diagnostics/diagnostic.ts';
import type { RuleMeta } from '../rule.ts';

export const hierarchySumMeta: RuleMeta<'below'> = {
  id: 'hierarchy.sum',
  severity: 'info',
  stage: 'check',
  title: '政府报告与所属部门合计不符',
  description: '人民政府的年度报告表明其涵盖全地区（如“全县”“本行政区域”）时，其表三、表四主要数字应不少于所属部门同年度报告之和；提示时注明有报告的部门数和缺报告的部门数。',
  messages: { below: { origin: 'check', example: '表三“本年新收”行“总计”列为5，少于所属2个部门同年度报告之和7；报告称涵盖全地区，数字应不少于各部门之和' } },
};

const valueOf = (r: Pick<Report, 'tables'>, address: string) => {
  const [t, row, c] = address.split('.');
  return r.tables[t]?.[row]?.[c] ?? null;
};

/** Does the government's narrative claim to cover its whole area? */
export function claimsArea(report: Report): boolean {
  const re = new RegExp(history().hierarchy.claims);
  return report.sections.some((s) => re.test(s.text));
}

/**
 * `departments`: the departments' reports of the same year (only their tables are read, and of
 * them only the cells of history().hierarchy.cells); `missing`: how many departments of the
 * government have no report that year.
 */
export function hierarchySum(government: Report, departments: readonly Pick<Report, 'tables'>[], missing = 0): Diagnostic[] {
  if (!departments.length || !claimsArea(government)) return [];
  const format = getFormat(government.format);
  const out: Diagnostic[] = [];
  for (const address of history().hierarchy.cells) {
    if (!format.cell(address)) continue;
    const own = valueOf(government, address);
    if (own === null) continue;
    const sum = departments.reduce((s, d) => s + (valueOf(d, address) ?? 0), 0);
    if (own >= sum) continue;
    out.push(
      createDiagnostic(
        hierarchySumMeta,
        'below',
        `${cellName(format, address)}为${own}，少于所属${departments.length}个部门同年度报告之和${sum}${missing ? `（另有${missing}个部门没有该年度报告）` : ''}；报告称涵盖全地区，数字应不少于各部门之和`,
        { cells: [address], line: government.cells[address]?.line ?? null },
      ),
    );
  }
  return out;
}
