// The working-day calendar kept in the database: one row per year with the notice(s) it came
// from. The shipped years (src/cases/data/calendar.yaml) are written when absent; an
// administrator adds or corrects a year when its notice is published. Every deadline is derived
// with the calendar built from these rows, so a change moves every open case's deadline.

import { sql } from 'kysely';
import { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { calendarYearProblems, shippedCalendar, type CalendarYear } from '../cases/calendar/years.ts';
import type { Executor } from './bulk.ts';

/** Write the shipped years that have no row yet (an administrator's rows are kept). */
export async function seedCalendar(db: Executor): Promise<number> {
  const rows = shippedCalendar().years.map((y) => ({
    year: y.year,
    notices: JSON.stringify(y.notices),
    holidays: JSON.stringify(y.holidays),
    workdays: JSON.stringify(y.workdays),
    source: 'shipped' as const,
  }));
  const r = await db.insertInto('calendar_years').values(rows).onConflict((oc) => oc.column('year').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export interface StoredYear extends CalendarYear {
  source: 'shipped' | 'admin';
  updated_at: Date;
}

export async function calendarYears(db: Executor): Promise<StoredYear[]> {
  const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  return rows.map((r) => ({ year: r.year, notices: r.notices, holidays: r.holidays, workdays: r.workdays, source: r.source, updated_at: r.updated_at }));
}

// The calendar built from the rows, kept while the rows do not change (checked on every use by
// one small query: the number of rows and the latest change).
const cache = new WeakMap<object, { key: string; calendar: WorkCalendar }>();

/** The working-day calendar as the database has it now. */
export async function loadCalendar(db: Executor): Promise<WorkCalendar> {
  const stamp = await sql<{ n: number; latest: string | null }>`SELECT count(*)::int AS n, max(updated_at)::text AS latest FROM calendar_years`.execute(db);
  const key = `${stamp.rows[0].n}|${stamp.rows[0].latest ?? ''}`;
  const hit = cache.get(db);
  if (hit?.key === key) return hit.calendar;
  const years = await calendarYears(db);
  const calendar = new WorkCalendar({ years, statutory: shippedCalendar().statutory });
  cache.set(db, { key, calendar });
  return calendar;
}

/** Add or replace a year (an administrator, after the year's notice is published). Throws the Chinese problems. */
export async function saveCalendarYear(db: Executor, year: CalendarYear, userId: string | null): Promise<void> {
  const problems = calendarYearProblems(year);
  const outside = [...year.holidays.flatMap((h) => [h.from, h.to]), ...year.workdays.map((w) => w.date)].filter((d) => !String(d).startsWith(`${year.year}-`) && !String(d).startsWith(`${year.year + 1}-01-`) && !String(d).startsWith(`${year.year - 1}-12-`));
  if (outside.length) problems.push(`${year.year}年的日期 ${outside.join('、')} 不在该年（前后各一个月以内）`);
  if (problems.length) throw new CalendarDataError(problems);
  const row = { notices: JSON.stringify(year.notices), holidays: JSON.stringify(year.holidays), workdays: JSON.stringify(year.workdays), source: 'admin' as const, updated_by: userId, updated_at: new Date() };
  await db
    .insertInto('calendar_years')
    .values({ year: year.year, ...row })
    .onConflict((oc) => oc.column('year').doUpdateSet(row))
    .execute();
}

export class CalendarDataError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`日历数据有误：${problems.join('；')}`);
    this.problems = problems;
  }
}
