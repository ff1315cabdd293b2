// The calendar as data: each year's State Council notice (holidays and make-up working days) and
// the fixed national holidays that a provisional year is computed from. The store keeps the same
// shapes (an administrator adds a year when its notice is published); the shipped years are read
// from src/cases/data/calendar.yaml.

import { dataFail, readDataFile } from '../data.ts';
import { addDays, compareDates, isIsoDate, weekday, type IsoDate } from './iso-date.ts';

export interface Notice {
  /** 国办发明电〔2023〕7号 */
  number: string;
  title: string;
  issued: IsoDate;
  /** What a later notice changed. */
  note?: string;
}

export interface HolidaySpan {
  name: string;
  from: IsoDate;
  to: IsoDate;
}

export interface MakeUpWorkday {
  date: IsoDate;
  /** The holiday it serves. */
  for: string;
}

/** One year of the official calendar, as its notice(s) fixed it. */
export interface CalendarYear {
  year: number;
  notices: Notice[];
  holidays: HolidaySpan[];
  workdays: MakeUpWorkday[];
}

/** One fixed national holiday of 全国年节及纪念日放假办法. */
export interface StatutoryHoliday {
  name: string;
  /** MM-DD of the solar calendar. */
  solar?: string;
  /** MM-DD of the Chinese lunar calendar. */
  lunar?: string;
  /** A solar term (清明). */
  term?: string;
  /** Days off from that day (default 1). */
  days?: number;
  /** Also the day before (除夕). */
  eve?: boolean;
}

export interface StatutoryRules {
  /** First year these rules apply to. */
  from: number;
  basis: string;
  holidays: StatutoryHoliday[];
}

export interface CalendarData {
  years: CalendarYear[];
  statutory: StatutoryRules[];
}

/** Problems with a year's data as Chinese messages (empty when it is sound). */
export function calendarYearProblems(y: CalendarYear): string[] {
  const out: string[] = [];
  const where = `${y.year}年`;
  if (!Number.isInteger(y.year) || y.year < 1949 || y.year > 2200) out.push(`年份“${String(y.year)}”无效`);
  if (!Array.isArray(y.notices) || y.notices.length === 0) out.push(`${where}缺少放假安排通知（文号、标题、发布日期）`);
  for (const n of y.notices ?? []) {
    if (!n.number || !n.title) out.push(`${where}的通知缺少文号或标题`);
    if (!isIsoDate(String(n.issued))) out.push(`${where}的通知“${n.number}”发布日期“${String(n.issued)}”无效`);
  }
  for (const h of y.holidays ?? []) {
    if (!h.name) out.push(`${where}有一段假期缺少名称`);
    if (!isIsoDate(String(h.from)) || !isIsoDate(String(h.to))) out.push(`${where}的${h.name}假期日期无效（${String(h.from)}—${String(h.to)}）`);
    else if (compareDates(h.from, h.to) > 0) out.push(`${where}的${h.name}假期起止颠倒（${h.from}—${h.to}）`);
  }
  const holidayDays = new Set<string>();
  for (const h of y.holidays ?? []) if (isIsoDate(String(h.from)) && isIsoDate(String(h.to))) for (let d = h.from; d <= h.to; d = addDays(d, 1)) holidayDays.add(d);
  for (const w of y.workdays ?? []) {
    if (!isIsoDate(String(w.date))) {
      out.push(`${where}的调休上班日“${String(w.date)}”无效`);
      continue;
    }
    const wd = weekday(w.date);
    if (wd !== 0 && wd !== 6) out.push(`${where}的调休上班日 ${w.date} 不是星期六或星期日`);
    if (holidayDays.has(w.date)) out.push(`${where}的 ${w.date} 既是假日又是调休上班日`);
  }
  return out;
}

let shipped: CalendarData | undefined;

/** The calendar shipped with Gongkai (years 2019 onward and the statutory rules). */
export function shippedCalendar(): CalendarData {
  if (shipped) return shipped;
  const file = 'calendar.yaml';
  const raw = readDataFile(file) as Partial<CalendarData> | null;
  if (!raw?.years || !raw.statutory) dataFail(file, '缺少 years 或 statutory');
  for (const y of raw.years) {
    const problems = calendarYearProblems(y);
    if (problems.length) dataFail(file, problems.join('；'));
  }
  for (const s of raw.statutory) {
    for (const h of s.holidays) {
      if ([h.solar, h.lunar, h.term].filter((x) => x !== undefined).length !== 1) dataFail(file, `法定节日“${h.name}”须且只须给出 solar、lunar 或 term 之一`);
    }
  }
  shipped = { years: raw.years, statutory: [...raw.statutory].sort((a, b) => a.from - b.from) };
  return shipped;
}
