// The working-day calendar: the shipped notices 2019–2026 against the maintained `chinese-days`
// package day by day, the provisional calendar of a year without a notice (by hand from the
// lunar calendar and 全国年节及纪念日放假办法), and working-day arithmetic across 春节 and 国庆
// with 调休 weekends, computed by hand in the comments.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import chineseDays from 'chinese-days';
import { addDays } from '../src/cases/calendar/iso-date.ts';
import { provisionalDaysOff } from '../src/cases/calendar/provisional.ts';
import { WorkCalendar, CalendarError } from '../src/cases/calendar/work-calendar.ts';
import { shippedCalendar } from '../src/cases/calendar/years.ts';

const cal = WorkCalendar.shipped();

describe('shipped calendar', () => {
  it('has a notice for every year 2019–2026', () => {
    assert.deepEqual(cal.officialYears(), [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const y of cal.officialYears()) {
      assert.ok(cal.notices(y).length >= 1);
      assert.match(cal.notices(y)[0].number, /^国办发明电〔\d{4}〕\d+号$/);
      assert.match(cal.notices(y)[0].title, new RegExp(`^国务院办公厅关于${y}年部分节假日安排的通知$`));
    }
  });

  it('agrees with chinese-days on every day from 2018-12-29 to 2026-12-31', () => {
    const differences: string[] = [];
    for (let d = '2018-12-29'; d <= '2026-12-31'; d = addDays(d, 1)) {
      if (cal.isWorkingDay(d) !== chineseDays.isWorkday(d)) differences.push(`${d}: ours ${cal.isWorkingDay(d)}, chinese-days ${chineseDays.isWorkday(d)}`);
    }
    assert.deepEqual(differences, []);
  });

  it('knows the 调休 days by name', () => {
    assert.deepEqual(cal.day('2024-02-04'), { date: '2024-02-04', working: true, provisional: false, holiday: '春节', kind: 'make_up_workday' });
    assert.equal(cal.day('2024-02-12').kind, 'holiday');
    assert.equal(cal.day('2024-02-24').kind, 'weekend');
    // 2020's 春节 was extended to 2 February by a second notice: 1 February no longer a working Saturday.
    assert.equal(cal.isWorkingDay('2020-02-01'), false);
    assert.equal(cal.notices(2020).length, 2);
  });

  it('puts each statutory holiday the rules compute for 2019–2026 on a day off of that year’s notice', () => {
    // The lunar and solar-term computations of the provisional calendar, checked against what the
    // State Council actually fixed: every statutory day (not the made-up ones) is a day off.
    const { statutory } = shippedCalendar();
    for (let y = 2019; y <= 2026; y++) {
      for (const d of provisionalDaysOff(y, statutory).filter((x) => !x.inLieu)) {
        assert.equal(cal.isWorkingDay(d.date), false, `${y} ${d.name} ${d.date}`);
      }
    }
  });

  it('refuses inconsistent data with a Chinese message', () => {
    const bad = { year: 2030, notices: [{ number: '国办发明电〔2029〕1号', title: 't', issued: '2029-11-01' }], holidays: [], workdays: [{ date: '2030-01-02', for: '元旦' }] };
    assert.throws(() => cal.withYear(bad), (e: Error) => e instanceof CalendarError && /2030-01-02 不是星期六或星期日/.test(e.message));
  });
});

describe('provisional year', () => {
  it('computes 2027 from the fixed holidays (国务院令第795号), with 补假 for weekend holidays', () => {
    // 2027: 正月初一 is Saturday 6 February (除夕 Friday 5 February); 初一–初三 and 除夕 are four
    // days, two on the weekend → made up on Tuesday 9 and Wednesday 10 February. 清明 5 April
    // (Monday). 劳动节 1–2 May fall on Saturday and Sunday → made up 3 and 4 May. 端午 (五月初五)
    // Wednesday 9 June; 中秋 (八月十五) Wednesday 15 September. 国庆 1–3 October: Friday, Saturday,
    // Sunday → made up on 4 and 5 October. 元旦 Friday 1 January.
    const days = provisionalDaysOff(2027, shippedCalendar().statutory).map((d) => d.date);
    assert.deepEqual(days, [
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
      '2027-04-05',
      '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05',
    ]);
    assert.equal(cal.isProvisional(2027), true);
    assert.equal(cal.day('2027-02-09').kind, 'in_lieu');
    assert.equal(cal.day('2027-02-09').provisional, true);
    assert.match(cal.provisionalBasis(2027), /国务院令第795号/);
  });

  it('uses the 2014 rules (春节 三天, 劳动节 一天) for years before 2025', () => {
    // 2018 (no notice shipped): 春节 初一 Friday 16 February → 16, 17 (Sat), 18 (Sun), made up 19 and 20.
    const days = provisionalDaysOff(2018, shippedCalendar().statutory).filter((d) => d.name === '春节').map((d) => d.date);
    assert.deepEqual(days, ['2018-02-16', '2018-02-17', '2018-02-18', '2018-02-19', '2018-02-20']);
  });
});

describe('working days', () => {
  it('counts from the day after across 春节 2024 with its two working Sundays', () => {
    // Received Tuesday 30 January 2024. Working days: 31 Jan (1), 1–2 Feb (3), Sunday 4 Feb is a
    // 调休 working day (4), 5–9 Feb (9), holiday 10–17 Feb, Sunday 18 Feb works (10), 19–23 Feb
    // (15), 26–29 Feb (19), Friday 1 March (20).
    assert.deepEqual(cal.addWorkingDays('2024-01-30', 20), { date: '2024-03-01', provisional: false, provisionalYears: [] });
    assert.equal(cal.addWorkingDays('2024-01-30', 4).date, '2024-02-04');
  });

  it('counts across 中秋·国庆 2023 with the working Saturday and Sunday after it', () => {
    // Received Wednesday 20 September 2023: 21–22 Sep (2), 25–28 Sep (6), holiday 29 Sep–6 Oct,
    // Saturday 7 and Sunday 8 October work (8), 9–13 Oct (13), 16–20 Oct (18), 23–24 Oct (20).
    assert.equal(cal.addWorkingDays('2023-09-20', 20).date, '2023-10-24');
  });

  it('starts on the next working day when the trigger is a holiday', () => {
    // Received (online, confirmed) on Sunday 1 October 2023: the first working day is Saturday 7 October.
    assert.equal(cal.addWorkingDays('2023-10-01', 1).date, '2023-10-07');
  });

  it('marks a period reaching a year without a notice as provisional', () => {
    // Received Monday 21 December 2026: 22–25 Dec (4), 28–31 Dec (8), 元旦 Friday 1 January 2027
    // off (provisional), 4–8 Jan (13), 11–15 Jan (18), 18–19 Jan (20).
    assert.deepEqual(cal.addWorkingDays('2026-12-21', 20), { date: '2027-01-19', provisional: true, provisionalYears: [2027] });
  });

  it('counts working days between two dates', () => {
    assert.equal(cal.workingDaysBetween('2024-01-30', '2024-03-01'), 20);
    assert.equal(cal.workingDaysBetween('2024-03-01', '2024-03-01'), 0);
  });

  it('refuses bad input in Chinese', () => {
    assert.throws(() => cal.addWorkingDays('2024-02-30', 1), /日期“2024-02-30”无效/);
    assert.throws(() => cal.addWorkingDays('2024-02-01', -1), /工作日数/);
  });
});
