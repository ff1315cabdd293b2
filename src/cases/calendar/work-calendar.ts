// Working days (工作日) for statutory periods: weekends and holidays off, 调休 Saturdays and
// Sundays on, by each year's notice; a year without a notice is provisional (computed from the
// fixed national holidays, see provisional.ts). A period of N working days starts on the working
// day after the triggering day (art. 33 of the regulation counts from the day after receipt).
//
// The calendar is built from data (CalendarYear[]), never stored in a case: a new or corrected
// notice moves every running deadline by itself.

import { addDays, compareDates, dayNumber, weekday, yearOf, type IsoDate } from './iso-date.ts';
import { provisionalDaysOff, rulesFor } from './provisional.ts';
import { calendarYearProblems, shippedCalendar, type CalendarData, type CalendarYear, type Notice, type StatutoryRules } from './years.ts';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** The year has no notice: this day follows the provisional calendar. */
  provisional: boolean;
  /** Holiday the day belongs to (a day off, or a make-up working day serving it). */
  holiday?: string;
  kind: 'weekday' | 'weekend' | 'holiday' | 'make_up_workday' | 'in_lieu';
}

export interface WorkingDayResult {
  date: IsoDate;
  /** Some day counted lies in a year without a notice. */
  provisional: boolean;
  /** Those years. */
  provisionalYears: number[];
}

export class CalendarError extends Error {}

/** Periods longer than this are refused (a typo, not a statutory period). */
const MAX_PERIOD = 3_660;

export class WorkCalendar {
  private readonly official = new Map<IsoDate, { working: boolean; holiday: string }>();
  private readonly years = new Map<number, CalendarYear>();
  private readonly provisionalCache = new Map<number, Map<IsoDate, { name: string; inLieu: boolean }>>();
  /** Each date's answer and following date, kept: deadlines walk the same few hundred days again and again. */
  private readonly dayCache = new Map<IsoDate, DayInfo>();
  private readonly nextCache = new Map<IsoDate, IsoDate>();
  readonly statutory: StatutoryRules[];

  constructor(data: CalendarData) {
    const problems = data.years.flatMap(calendarYearProblems);
    if (problems.length) throw new CalendarError(`日历数据有误：${problems.join('；')}`);
    if (!data.statutory.length) throw new CalendarError('日历数据缺少法定节假日规则（statutory）');
    this.statutory = [...data.statutory].sort((a, b) => a.from - b.from);
    for (const y of [...data.years].sort((a, b) => a.year - b.year)) {
      if (this.years.has(y.year)) throw new CalendarError(`日历数据中 ${y.year} 年出现了两次`);
      this.years.set(y.year, y);
      for (const h of y.holidays) for (let d = h.from; compareDates(d, h.to) <= 0; d = addDays(d, 1)) this.official.set(d, { working: false, holiday: h.name });
      for (const w of y.workdays) this.official.set(w.date, { working: true, holiday: w.for });
    }
  }

  /** The calendar shipped with Gongkai, optionally with more or corrected years (an administrator's). */
  static shipped(extraYears: CalendarYear[] = []): WorkCalendar {
    const data = shippedCalendar();
    const replaced = new Set(extraYears.map((y) => y.year));
    return new WorkCalendar({ years: [...data.years.filter((y) => !replaced.has(y.year)), ...extraYears], statutory: data.statutory });
  }

  /** This calendar with a year added or replaced (a newly published notice). */
  withYear(year: CalendarYear): WorkCalendar {
    return new WorkCalendar({ years: [...[...this.years.values()].filter((y) => y.year !== year.year), year], statutory: this.statutory });
  }

  /** Years with a notice, ascending. */
  officialYears(): number[] {
    return [...this.years.keys()];
  }

  notices(year: number): Notice[] {
    return this.years.get(year)?.notices ?? [];
  }

  isProvisional(year: number): boolean {
    return !this.years.has(year);
  }

  /** The basis of a provisional year's calendar. */
  provisionalBasis(year: number): string {
    return rulesFor(year, this.statutory).basis;
  }

  private provisionalYear(year: number): Map<IsoDate, { name: string; inLieu: boolean }> {
    let m = this.provisionalCache.get(year);
    if (!m) {
      m = new Map(provisionalDaysOff(year, this.statutory).map((d) => [d.date, { name: d.name, inLieu: d.inLieu }]));
      this.provisionalCache.set(year, m);
    }
    return m;
  }

  day(date: IsoDate): DayInfo {
    let info = this.dayCache.get(date);
    if (!info) this.dayCache.set(date, (info = this.computeDay(date)));
    return info;
  }

  /** The calendar day after `date`. */
  private next(date: IsoDate): IsoDate {
    let n = this.nextCache.get(date);
    if (!n) this.nextCache.set(date, (n = addDays(date, 1)));
    return n;
  }

  private computeDay(date: IsoDate): DayInfo {
    dayNumber(date);
    const year = yearOf(date);
    const provisional = !this.years.has(year);
    const weekend = weekday(date) === 0 || weekday(date) === 6;
    const listed = this.official.get(date);
    if (listed) {
      if (listed.working) return { date, working: true, provisional, holiday: listed.holiday, kind: 'make_up_workday' };
      return { date, working: false, provisional, holiday: listed.holiday, kind: 'holiday' };
    }
    if (provisional) {
      const p = this.provisionalYear(year).get(date);
      if (p) return { date, working: false, provisional, holiday: p.name, kind: p.inLieu ? 'in_lieu' : 'holiday' };
    }
    return weekend ? { date, working: false, provisional, kind: 'weekend' } : { date, working: true, provisional, kind: 'weekday' };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.day(date).working;
  }

  /**
   * The N-th working day after `date` (N ≥ 1; the period starts the day after). N = 0 gives the date
   * itself. Provisional when any day passed over lies in a year without a notice.
   */
  addWorkingDays(date: IsoDate, n: number): WorkingDayResult {
    if (!Number.isInteger(n) || n < 0 || n > MAX_PERIOD) throw new CalendarError(`工作日数“${n}”无效：应为 0 至 ${MAX_PERIOD} 之间的整数`);
    dayNumber(date);
    const provisionalYears = new Set<number>();
    let d = date;
    let left = n;
    while (left > 0) {
      d = this.next(d);
      const info = this.day(d);
      if (info.provisional) provisionalYears.add(yearOf(d));
      if (info.working) left--;
    }
    const years = [...provisionalYears].sort((a, b) => a - b);
    return { date: d, provisional: years.length > 0, provisionalYears: years };
  }

  /** Working days d with from < d ≤ to (0 when to ≤ from). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0;
    for (let d = this.next(from); d <= to; d = this.next(d)) if (this.day(d).working) count++;
    return count;
  }

  /** The working days d with from < d ≤ to, in order. */
  workingDaysIn(from: IsoDate, to: IsoDate): IsoDate[] {
    const out: IsoDate[] = [];
    for (let d = this.next(from); d <= to; d = this.next(d)) if (this.day(d).working) out.push(d);
    return out;
  }
}
