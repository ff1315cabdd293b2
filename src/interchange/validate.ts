// Validation of interchange reports: the JSON Schema (structure) plus the format model (every
// cell of the report's format present, values and statuses consistent).

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { getFormat } from '../model/index.ts';
import type { Report } from './types.ts';

const SCHEMA_URL = new URL('../../src/interchange/report.schema.json', import.meta.url);
export const reportSchema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** Problems with a report as a list of Chinese messages; empty when the report is valid. */
export function validateReport(report: unknown): string[] {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(reportSchema);
  if (!compiled(report)) {
    return (compiled.errors ?? []).slice(0, 20).map((e) => `结构不符：${e.instancePath || '/'} ${e.message ?? ''}`);
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
  return problems;
}
