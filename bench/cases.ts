// 依申请公开 case domain: deriving a case (state and deadline) and compiling a year's 表三/表四,
// over a generated ledger whose cases are received through the year before and the year, with
// 补正, consultations, extensions, fees and replies. Per case p50/p99/max, and the whole year;
// then the year-end assembly's check of the whole report (the checker, the checks against last
// year's report, 内容雷同 of the narrative and of each section), p50/p99/max.

import { fileURLToPath } from 'node:url';
import type * as Cases from '../src/cases/index.ts';
import type { CaseAction } from '../src/cases/actions.ts';
import type * as Annual from '../src/store/annual-reports.ts';
import { collectGarbage } from './measure.ts';
import { seeded } from '../test/support/random.ts';

const { WorkCalendar, deriveCase, compileYear, outcomeIds, applicantTypes } = (await import(fileURLToPath(new URL('../dist/cases/index.js', import.meta.url)))) as typeof Cases;
const { checkAssembled } = (await import(fileURLToPath(new URL('../dist/store/annual-reports.js', import.meta.url)))) as typeof Annual;

function ledger(n: number): { id: string; actions: CaseAction[] }[] {
  const cal = WorkCalendar.shipped();
  const r = seeded(13);
  const outcomes = outcomeIds('reply');
  const columns = applicantTypes().map((c) => c.id);
  const out: { id: string; actions: CaseAction[] }[] = [];
  for (let i = 0; i < n; i++) {
    const on = cal.addWorkingDays('2023-01-02', r.int(0, 500)).date;
    const wd = (k: number) => cal.addWorkingDays(on, k).date;
    const base = { by: '登记员' };
    const actions: CaseAction[] = [
      { type: 'received', id: 'r', on, ...base, channel: 'in_person', applicant: { type: r.pick(columns), name: '申请人' }, request: { description: '某项信息' } },
    ];
    if (r.chance(0.2)) actions.push({ type: 'correction_requested', id: 'c', on: wd(2), ...base, items: ['文件名称'], dueBy: wd(10) }, { type: 'correction_received', id: 'cr', on: wd(5), ...base });
    if (r.chance(0.15)) actions.push({ type: 'consultation_sent', id: 'k', on: wd(7), ...base, consultationId: 'k', party: 'third_party', partyName: '某公司' }, { type: 'consultation_answered', id: 'ka', on: wd(12), ...base, consultationId: 'k', answer: 'agree' });
    if (r.chance(0.1)) actions.push({ type: 'extension_approved', id: 'e', on: wd(14), ...base, approver: '负责人', workingDays: 15, reason: '复杂' });
    if (r.chance(0.8)) actions.push({ type: 'reply_sent', id: 'p', on: wd(r.int(16, 30)), ...base, outcome: r.pick(outcomes) });
    out.push({ id: `C${i}`, actions });
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function casesSection(n = 10_000): Promise<string[]> {
  const cal = WorkCalendar.shipped();
  const cases = ledger(n);
  collectGarbage();
  for (const c of cases) deriveCase(c.actions, cal, { asOf: '2024-06-30' });
  const rounds: number[][] = [[], [], []];
  for (const times of rounds) {
    for (const c of cases) {
      const t = performance.now();
      deriveCase(c.actions, cal, { asOf: '2024-06-30' });
      times.push((performance.now() - t) * 1000);
    }
  }
  const perCase = cases.map((_, i) => rounds.map((r) => r[i]).sort((a, b) => a - b)[1]).sort((a, b) => a - b);
  const years: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    compileYear(cases, { year: 2024, calendar: cal });
    if (i > 0) years.push(performance.now() - t);
  }
  years.sort((a, b) => a - b);

  // The assembled report: 表二 typed, six sections (one copied from last year, as a clerk might).
  const paragraph = (seed: number) => Array.from({ length: 12 }, (_, i) => `第${seed}部分第${i}句：本机关围绕重点工作推进政务公开事项${seed * 31 + i}，完善制度和流程。`).join('');
  const report = compileYear(cases, { year: 2024, calendar: cal, active: { regulations: { issued: 1, repealed: 0, in_force: 3 } } }).report;
  const ids = ['overview', 'active', 'applications', 'review_litigation', 'problems', 'other_matters'];
  report.sections = ids.map((id, i) => ({ id, title: id, text: paragraph(i) }));
  const last = structuredClone(report);
  last.year = 2023;
  last.sections = ids.map((id, i) => ({ id, title: id, text: i === 0 ? paragraph(0) : paragraph(i + 10) }));
  const previous = { report_id: 'x', version: 1, year: 2023, sections: Object.fromEntries(last.sections.map((x) => [x.id!, x.text])), report: last };
  const checks: number[] = [];
  for (let i = 0; i < 201; i++) {
    const t = performance.now();
    checkAssembled(report, previous);
    if (i > 0) checks.push(performance.now() - t);
  }
  checks.sort((a, b) => a - b);
  return Promise.resolve([
    `逐案推导状态与答复期限（${n} 件，预热 1 轮后计时 3 轮，每件取中位数）：p50 ${quantile(perCase, 0.5).toFixed(0)} µs，p99 ${quantile(perCase, 0.99).toFixed(0)} µs，最长 ${perCase[perCase.length - 1].toFixed(0)} µs`,
    `汇总一年的表三、表四（${n} 件，3 轮中位数）：${years[1].toFixed(0)} ms`,
    `年报编制：检查整份报告（核查规则、与上年报告比对、全文与逐部分内容雷同；预热 1 次后 200 次）：p50 ${quantile(checks, 0.5).toFixed(2)} ms，p99 ${quantile(checks, 0.99).toFixed(2)} ms，最长 ${checks[checks.length - 1].toFixed(2)} ms`,
  ]);
}
