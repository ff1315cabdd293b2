// Calendar dates as ISO strings (YYYY-MM-DD), the form every case action, deadline and calendar
// entry uses: no time zone, no time of day. Arithmetic goes through day numbers (days since
// 1970-01-01) so that no local clock or daylight-saving rule can shift a date.

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The date's day number, or null when the text is no real calendar date (2023-02-30). */
export function dayNumberOrNull(date: string): number | null {
  const m = ISO.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

export function isIsoDate(date: string): boolean {
  return dayNumberOrNull(date) !== null;
}

export class DateError extends Error {}

/** The day number of a valid ISO date; throws a Chinese DateError otherwise. */
export function dayNumber(date: IsoDate): number {
  const n = dayNumberOrNull(date);
  if (n === null) throw new DateError(`日期“${date}”无效，应写成 年-月-日，如 2024-03-01`);
  return n;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekday(date)];
}

const chineseDates = new Map<IsoDate, string>();

/** 2024年3月1日 */
export function chineseDate(date: IsoDate): string {
  let text = chineseDates.get(date);
  if (text === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    text = `${y}年${m}月${d}日`;
    if (chineseDates.size < 100_000) chineseDates.set(date, text);
  }
  return text;
}

/** Today's date where the process runs, in China's time zone (UTC+8, no daylight saving). */
export function todayInChina(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
