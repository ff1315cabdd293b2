// Validation of interchange reports: the JSON Schema (structure) plus the format model (every
// cell of the report's format present, values and statuses consistent).

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import { getFormat } from '../model/index.ts';
import type { ErrorObject } from 'ajv';
import type { Report } from './types.ts';

const SCHEMA_URL = new URL('../../src/interchange/report.schema.json', import.meta.url);
export const reportSchema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;

/** Ajv's messages in Chinese (ajv-i18n, a CommonJS function whose typings claim a default export). */
const localizeZh = createRequire(import.meta.url)('ajv-i18n/localize/zh') as (errors: ErrorObject[]) => void;

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** A schema error in Chinese: where (the JSON path), what, and the property it names. */
function schemaProblem(e: ErrorObject): string {
  const where = e.instancePath ? `“${e.instancePath.slice(1).replace(/\//g, '.')}”` : '报告的顶层';
  const prop = (e.params as { additionalProperty?: string }).additionalProperty;
  return `结构不符：${where}${e.message ?? '不符合格式'}${prop !== undefined ? `“${prop}”` : ''}`;
}

/** Largest count a report can state exactly (a JSON number beyond it is rounded by every reader). */
const MAX_VALUE = Number.MAX_SAFE_INTEGER;

/** Problems with a report as a list of Chinese messages; empty when the report is valid. */
export function validateReport(report: unknown): string[] {
  compiled ??= new Ajv2020({ allErrors: true, strict: false, messages: false }).compile(reportSchema);
  if (!compiled(report)) {
    const errors = compiled.errors ?? [];
    localizeZh(errors);
    return errors.slice(0, 20).map(schemaProblem);
  }
  const r = report as Report;
  const problems: string[] = [];
  let format;
  try {
    format = getFormat(r.format);
  } catch (e) {
    return [(e as Error).message];
  }
  for (const address of format.addresses) {
    const [t, row, col] = address.split('.');
    const value = r.tables[t]?.[row]?.[col];
    const cell = r.cells[address];
    if (value === undefined) problems.push(`缺少单元格取值：${address}`);
    if (!cell) {
      problems.push(`缺少单元格来源：${address}`);
      continue;
    }
    if ((cell.status === 'blank' || cell.status === 'not_applicable' || cell.status === 'missing') && value !== null) {
      problems.push(`单元格 ${address} 的状态为 ${cell.status}，取值应为 null`);
    }
    if (cell.status === 'reconstructed' && value === null) problems.push(`单元格 ${address} 标为 reconstructed，却没有取值`);
  }
  const known = new Set(format.addresses);
  for (const address of Object.keys(r.cells)) {
    if (!known.has(address)) problems.push(`单元格 ${address} 不属于 ${format.id} 年版格式`);
  }
  // Every key of the tables is the model's (a key such as __proto__ or constructor is refused, never echoed).
  for (const t of Object.keys(r.tables)) {
    const table = format.tables.find((x) => x.id === t);
    if (!table) {
      problems.push(`表格中有 ${format.id} 年版格式没有的表“${t}”`);
      continue;
    }
    for (const row of Object.keys(r.tables[t])) {
      const def = table.rows.find((x) => x.id === row);
      if (!def) {
        problems.push(`${table.name}中有格式没有的行“${row}”`);
        continue;
      }
      for (const col of Object.keys(r.tables[t][row])) {
        if (!def.columns.some((c) => c.id === col)) problems.push(`${table.name}“${def.short}”行中有格式没有的列“${col}”`);
        const v = r.tables[t][row][col];
        if (typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) > MAX_VALUE || Object.is(v, -0))) {
          problems.push(`单元格 ${t}.${row}.${col} 的取值 ${Object.is(v, -0) ? '-0' : String(v)} 不是有效的数（超出能精确表示的范围 2^53，或是带负号的零）`);
        }
      }
    }
  }
  return problems;
}
