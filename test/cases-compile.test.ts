// 表三 and 表四 compiled from the ledger: every outcome lands in its row (the row written here from
// workflow.md's table, in both formats), and a generated year of cases — carried over from the
// year before, split, corrected, consulted, extended, charged, withdrawn, still open at the end —
// compiles to tables that pass every check and equal a count made from the generator's plan.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseAction } from '../src/cases/actions.ts';
import { addDays } from '../src/cases/calendar/iso-date.ts';
import { WorkCalendar } from '../src/cases/calendar/work-calendar.ts';
import { compileYear, type LedgerCase } from '../src/cases/compile.ts';
import { deriveCase } from '../src/cases/derive.ts';
import { applicantTypes } from '../src/cases/identity.ts';
import { outcomeIds } from '../src/cases/outcomes.ts';
import { checkReport } from '../src/check/index.ts';
import { validateReport } from '../src/interchange/validate.ts';
import { act, received, reply } from './support/cases.ts';
import { seeded, type Source } from './support/random.ts';
import { ROW_2021, countFromPlans } from './support/ledger-count.ts';

const cal = WorkCalendar.shipped();

const row2019 = (outcome: string) => (ROW_2021[outcome].startsWith('other_') ? 'other' : ROW_2021[outcome]);

/** The actions that end a case received on `on` with `outcome`, and the day it ends. */
function endingWith(outcome: string, on: string): { actions: CaseAction[]; endOn: string } {
  const wd = (n: number) => cal.addWorkingDays(on, n).date;
  switch (outcome) {
    case 'unable_unclear':
      return {
        actions: [act('correction_requested', wd(1), { items: ['请说明所需信息的内容'], dueBy: addDays(wd(1), 10) }), act('correction_received', wd(3), {}), reply(wd(8), outcome)],
        endOn: wd(8),
      };
    case 'other_no_correction': {
      const dueBy = addDays(wd(1), 10);
      const stop = cal.addWorkingDays(dueBy, 1).date;
      return { actions: [act('correction_requested', wd(1), { items: ['请提供身份证明'], dueBy }), act('stopped', stop, { reason: 'no_correction' })], endOn: stop };
    }
    case 'other_fee_unpaid':
      // 50 pages: 20 × 10 元. Unpaid: the case ends the day after the 20th working day.
      return { actions: [act('fee_notice_sent', wd(2), { method: 'per_volume', quantity: 50, amount: 200 })], endOn: addDays(cal.addWorkingDays(wd(2), 20).date, 1) };
    case 'withdrawn':
      return { actions: [act('withdrawn', wd(3), {})], endOn: wd(3) };
    default:
      return { actions: [reply(wd(5), outcome)], endOn: wd(5) };
  }
}

describe('outcome rows', () => {
  it('covers every outcome of the data in the test’s table', () => {
    assert.deepEqual(outcomeIds().sort(), Object.keys(ROW_2021).sort());
  });
  for (const outcome of Object.keys(ROW_2021)) {
    it(`counts ${outcome} in ${ROW_2021[outcome]} (2021) and ${row2019(outcome)} (2019)`, () => {
      const { actions } = endingWith(outcome, '2024-03-04');
      const cases = [{ id: 'A1', actions: [received('2024-03-04', { type: 'research' }), ...actions] }];
      for (const [format, row] of [['2021', ROW_2021[outcome]], ['2019', row2019(outcome)]]) {
        const { report, contributions } = compileYear(cases, { year: 2024, calendar: cal, format });
        assert.equal(report.tables.applications[row].research, 1, `${format} ${row}`);
        assert.equal(report.tables.applications.results_total.total, 1);
        assert.deepEqual(contributions[`applications.${row}.research`], ['A1']);
        assert.deepEqual(contributions[`applications.${row}.total`], ['A1']);
      }
    });
  }
  it('lets an agency count 已主动公开 under （六）3 instead of 予以公开', () => {
    const cases = [{ id: 'A1', actions: [received('2024-03-04'), reply('2024-03-08', 'already_published')] }];
    const { report } = compileYear(cases, { year: 2024, calendar: cal, rowOverrides: { already_published: ['other_other', 'other'] } });
    assert.equal(report.tables.applications.other_other.natural_person, 1);
    assert.equal(report.tables.applications.granted.natural_person, 0);
    assert.throws(() => compileYear(cases, { year: 2024, calendar: cal, rowOverrides: { granted: ['partial'] } }), /由规定确定/);
  });
});

interface Planned {
  id: string;
  column: string;
  receivedOn: string;
  /** undefined: split (not counted itself). */
  outcome?: string;
  endOn?: string;
  reviews: { filedOn: string; kind: 'review' | 'litigation_direct' | 'litigation_after_review'; result?: 'upheld' | 'corrected' | 'other'; decidedOn?: string }[];
}

function workingDayBetween(r: Source, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  let d = addDays(from, r.int(0, span));
  while (!cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** A year of cases: received from November of the year before to the end of the year. */
function generateLedger(seed: number, year: number, count: number): { cases: LedgerCase[]; plans: Planned[] } {
  const r = seeded(seed);
  const columns = applicantTypes().map((c) => c.id);
  const outcomes = outcomeIds();
  const cases: LedgerCase[] = [];
  const plans: Planned[] = [];
  for (let i = 0; i < count; i++) {
    const id = `C${i}`;
    const column = r.pick(columns);
    const receivedOn = workingDayBetween(r, `${year - 1}-11-01`, `${year}-12-31`);
    const actions: CaseAction[] = [received(receivedOn, { type: column })];
    if (r.chance(0.05)) {
      // 一事一申请: the original is replaced by two cases with its receipt date.
      const children = [`${id}-1`, `${id}-2`];
      actions.push(act('split', cal.addWorkingDays(receivedOn, 1).date, { into: children }));
      cases.push({ id, actions });
      plans.push({ id, column, receivedOn, reviews: [] });
      for (const child of children) {
        const outcome = r.pick(outcomes);
        const end = endingWith(outcome, receivedOn);
        cases.push({ id: child, actions: [received(receivedOn, { type: column, splitFrom: id }), ...end.actions] });
        plans.push({ id: child, column, receivedOn, outcome, endOn: end.endOn, reviews: [] });
      }
      continue;
    }
    const outcome = r.pick(outcomes);
    let end = endingWith(outcome, receivedOn);
    if (outcome === 'granted' && r.chance(0.3)) {
      // Consulted a third party (answered after 4 working days) and extended by 10, then granted.
      const wd = (n: number) => cal.addWorkingDays(receivedOn, n).date;
      end = {
        actions: [
          act('consultation_sent', wd(2), { consultationId: 'k', party: 'third_party', partyName: '某公司' }),
          act('consultation_answered', wd(6), { consultationId: 'k', answer: 'agree' }),
          act('extension_approved', wd(18), { approver: '负责人', workingDays: 10, reason: '征求意见' }),
          act('extension_notified', wd(18), {}),
          reply(wd(26), 'granted'),
        ],
        endOn: wd(26),
      };
    }
    actions.push(...end.actions);
    const plan: Planned = { id, column, receivedOn, outcome, endOn: end.endOn, reviews: [] };
    if (ROW_2021[outcome] !== 'granted' && r.chance(0.2)) {
      const filedOn = addDays(end.endOn, r.int(5, 40));
      const kind = r.pick(['review', 'litigation_direct', 'litigation_after_review'] as const);
      const decided = r.chance(0.6);
      const rv: Planned['reviews'][number] = { filedOn, kind };
      actions.push(act('review_filed', filedOn, { recordId: 'R1', kind, body: '某市人民政府' }));
      if (decided) {
        rv.result = r.pick(['upheld', 'corrected', 'other'] as const);
        rv.decidedOn = addDays(filedOn, r.int(20, 90));
        actions.push(act('review_decided', rv.decidedOn, { recordId: 'R1', result: rv.result }));
      }
      plan.reviews.push(rv);
    }
    cases.push({ id, actions });
    plans.push(plan);
  }
  return { cases, plans };
}

describe('a generated year', () => {
  const year = 2024;
  const { cases, plans } = generateLedger(20240101, year, 600);

  it('has sound cases (no action refused)', () => {
    for (const c of cases) assert.deepEqual(deriveCase(c.actions, cal, { asOf: '2025-12-31' }).problems.filter((p) => p.severity === 'error'), [], c.id);
  });

  it('compiles to 表三 and 表四 that equal the count from the plans', () => {
    const { report, problems } = compileYear(cases, { year, calendar: cal, agency: '某市某局' });
    assert.deepEqual(problems, []);
    const expected = countFromPlans(plans, year);
    const t3 = report.tables.applications;
    for (const [row, cols] of Object.entries(t3)) {
      for (const [col, value] of Object.entries(cols)) assert.equal(value, expected.t3[row]?.[col] ?? 0, `表三 ${row}.${col}`);
    }
    const t4 = report.tables.review_litigation;
    for (const [row, cols] of Object.entries(t4)) {
      for (const [col, value] of Object.entries(cols)) {
        const want = col === 'total' ? Object.entries(expected.t4[row] ?? {}).filter(([k]) => k !== 'total').reduce((s, [, v]) => s + v, 0) : expected.t4[row]?.[col] ?? 0;
        assert.equal(value, want, `表四 ${row}.${col}`);
      }
    }
    // The year is not trivial: every part of the table is used.
    assert.ok(t3.carried_over.total! > 0 && t3.new_received.total! > 0 && t3.carried_forward.total! > 0 && t3.results_total.total! > 0);
    assert.ok(t4.review.total! + t4.litigation_direct.total! + t4.litigation_after_review.total! > 0);
  });

  for (const format of ['2021', '2019']) {
    it(`passes the checker and the schema (${format} format)`, () => {
      const { report } = compileYear(cases, { year, calendar: cal, format, agency: '某市某局' });
      assert.deepEqual(validateReport(report), []);
      const ledgerCells = (d: { cells?: string[] }) => d.cells?.some((a) => a.startsWith('applications.') || a.startsWith('review_litigation.'));
      const found = checkReport(report).filter((d) => ledgerCells(d) || d.rule.startsWith('applications.') || d.rule.startsWith('review_litigation.'));
      assert.deepEqual(found, []);
    });
  }

  it('lists the cases behind each cell, totals included', () => {
    const { report, contributions } = compileYear(cases, { year, calendar: cal });
    for (const [address, ids] of Object.entries(contributions)) {
      const [t, row, col] = address.split('.');
      assert.equal(ids.length, report.tables[t][row][col], address);
    }
    const carried = plans.filter((p) => p.outcome && p.receivedOn < `${year}-01-01` && !(p.endOn && p.endOn < `${year}-01-01`)).map((p) => p.id).sort();
    assert.deepEqual(contributions['applications.carried_over.total'], carried);
  });
});
