// Applicants: the applicant type is a column of 表三 (read from the format model), and the
// identity numbers are checked: 公民身份号码 (GB 11643: 18 characters, ISO 7064 MOD 11-2 check
// character, a real date of birth) and 统一社会信用代码 (GB 32100: 18 characters of the code's
// alphabet, MOD 31 check character).

import { getFormat } from '../model/load.ts';
import type { ColumnDef } from '../model/types.ts';
import { dayNumberOrNull, type IsoDate } from './calendar/iso-date.ts';

/**
 * The applicant types of a format: the columns of 表三 that its per-row total adds up (自然人,
 * 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), in the table's order.
 */
export function applicantTypes(formatId = '2021'): ColumnDef[] {
  const format = getFormat(formatId);
  const table = format.table('applications');
  const rowSum = format.relations.find((r) => r.table === 'applications' && r.each === 'row' && r.left.length === 1);
  if (!rowSum) throw new Error(`格式 ${formatId} 的表三没有“每行总计”关系，无法确定申请人类别`);
  return table.columns.filter((c) => rowSum.right.includes(c.id));
}

/** 自然人 / 法人或其他组织：商业企业 */
export function applicantTypeLabel(col: ColumnDef): string {
  return col.group ? `${col.group}：${col.label}` : col.label;
}

export type IdentityResult = { ok: true; birthDate?: IsoDate } | { ok: false; problem: string };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** First two digits of the administrative division codes (GB/T 2260) in use. */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

/** A 公民身份号码 checked; `today` bounds the date of birth. */
export function checkResidentId(input: string, today?: IsoDate): IdentityResult {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    if (/^\d{15}$/.test(id)) return { ok: false, problem: '这是 15 位的旧身份证号码，请填写 18 位公民身份号码' };
    return { ok: false, problem: `公民身份号码应为 18 位（前 17 位为数字，最后一位为数字或 X），收到 ${id.length} 位` };
  }
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { ok: false, problem: `公民身份号码的前两位“${id.slice(0, 2)}”不是省级行政区划代码` };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (dayNumberOrNull(birth) === null || Number(id.slice(6, 10)) < 1900) return { ok: false, problem: `公民身份号码中的出生日期“${id.slice(6, 14)}”不是有效日期` };
  if (today && birth > today) return { ok: false, problem: `公民身份号码中的出生日期 ${birth} 晚于今天` };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  const expected = ID_CHECK[sum % 11];
  if (id[17] !== expected) return { ok: false, problem: '公民身份号码的校验位不符，请核对是否有数字填错' };
  return { ok: true, birthDate: birth };
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A 统一社会信用代码 checked (GB 32100-2015). */
export function checkCreditCode(input: string): IdentityResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: `统一社会信用代码应为 18 位，收到 ${code.length} 位` };
  for (const ch of code) {
    if (!USCC_ALPHABET.includes(ch)) return { ok: false, problem: `统一社会信用代码中不能出现“${ch}”（不使用 I、O、Z、S、V）` };
  }
  if (!/^[0-9A-HJ-NP-RTUWXY][0-9A-HJ-NP-RTUWXY]\d{6}/.test(code)) return { ok: false, problem: '统一社会信用代码的第 3—8 位应为行政区划代码（数字）' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(code[i]) * USCC_WEIGHTS[i];
  const expected = USCC_ALPHABET[(31 - (sum % 31)) % 31];
  if (code[17] !== expected) return { ok: false, problem: '统一社会信用代码的校验位不符，请核对是否有字符填错' };
  return { ok: true };
}
