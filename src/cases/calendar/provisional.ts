// A provisional year: the days off that 全国年节及纪念日放假办法 fixes for every year, before the
// State Council's notice for that year is out. 春节, 端午 and 中秋 by the lunar calendar and 清明
// by its solar term (lunar-typescript computes both); a holiday falling on a Saturday or Sunday
// is made up on the following working day (art. 6 of the 办法). The notice's 调休 cannot be
// foreseen: deadlines in such a year are marked 暂定.

import { createRequire } from 'node:module';
import type * as LunarTypescript from 'lunar-typescript';
import { addDays, weekday, yearOf, type IsoDate } from './iso-date.ts';
import type { StatutoryHoliday, StatutoryRules } from './years.ts';

export interface ProvisionalDayOff {
  date: IsoDate;
  name: string;
  /** A day made up for a holiday that fell on a weekend (补假). */
  inLieu: boolean;
}

type LunarLib = typeof LunarTypescript;
let lunarLib: LunarLib | undefined;

/** The lunar-calendar library, loaded the first time a provisional year is computed. */
function lunar(): LunarLib {
  return (lunarLib ??= createRequire(import.meta.url)('lunar-typescript') as LunarLib);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The first day of a statutory holiday in a year. */
function firstDay(year: number, h: StatutoryHoliday): IsoDate {
  if (h.solar) return `${year}-${h.solar}`;
  if (h.lunar) {
    const [m, d] = h.lunar.split('-').map(Number);
    const s = lunar().Lunar.fromYmd(year, m, d).getSolar();
    return `${s.getYear()}-${pad(s.getMonth())}-${pad(s.getDay())}`;
  }
  const table = lunar().Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable() as Record<string, { getYear(): number; getMonth(): number; getDay(): number } | undefined>;
  const s = table[h.term ?? ''];
  if (!s) throw new Error(`未知的节气“${h.term}”`);
  return `${s.getYear()}-${pad(s.getMonth())}-${pad(s.getDay())}`;
}

/** The rules in force for a year (the latest whose `from` is not after it; the earliest before all). */
export function rulesFor(year: number, rules: StatutoryRules[]): StatutoryRules {
  let pick = rules[0];
  for (const r of rules) if (r.from <= year) pick = r;
  return pick;
}

/** The days off of a year without a notice: statutory holidays and the days made up for them. */
export function provisionalDaysOff(year: number, rules: StatutoryRules[]): ProvisionalDayOff[] {
  const set = rulesFor(year, rules);
  const blocks: { name: string; days: IsoDate[] }[] = [];
  for (const h of set.holidays) {
    const first = firstDay(year, h);
    const days: IsoDate[] = [];
    if (h.eve) days.push(addDays(first, -1));
    for (let i = 0; i < (h.days ?? 1); i++) days.push(addDays(first, i));
    blocks.push({ name: h.name, days });
  }
  const off = new Map<IsoDate, ProvisionalDayOff>();
  for (const b of blocks) for (const d of b.days) off.set(d, { date: d, name: b.name, inLieu: false });
  const isWeekend = (d: IsoDate) => weekday(d) === 0 || weekday(d) === 6;
  for (const b of blocks) {
    let owed = b.days.filter(isWeekend).length;
    let d = b.days[b.days.length - 1];
    while (owed > 0) {
      d = addDays(d, 1);
      if (isWeekend(d) || off.has(d)) continue;
      off.set(d, { date: d, name: b.name, inLieu: true });
      owed--;
    }
  }
  // Only the year's own days: 除夕 of an early 春节 may fall in the year before, whose own
  // calendar (official or provisional) decides it.
  return [...off.values()].filter((x) => yearOf(x.date) === year).sort((a, b) => (a.date < b.date ? -1 : 1));
}
