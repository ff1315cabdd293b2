// 信息处理费 by the bands of src/cases/data/fees.yaml (国办函〔2020〕109号): 按件 — the K-th
// application of an applicant in a calendar month, and the month's running total — or 按量 — the
// pages of one application. Amounts in whole 元.

import { dataFail, readDataFile } from './data.ts';

export type FeeMethod = 'per_application' | 'per_volume';

export interface FeeBand {
  from: number;
  to?: number;
  /** 元 per application or page at the band's start. */
  rate: number;
  /** Open-ended progression: every `step` items from `from`, the rate rises by `increase`. */
  step?: number;
  increase?: number;
}

export interface FeeSchedule {
  basis: string;
  issued: string;
  methods: Record<FeeMethod, { label: string; unit: string; bands: FeeBand[] }>;
}

/** One line of a fee's breakdown: `count` items at `rate` 元. */
export interface FeePart {
  from: number;
  to: number;
  count: number;
  rate: number;
  amount: number;
}

export interface FeeResult {
  method: FeeMethod;
  amount: number;
  parts: FeePart[];
  /** Chinese explanation, e.g. “31—100 页 70 页 × 10 元 = 700 元”. */
  basis: string[];
}

let schedule: FeeSchedule | undefined;

export function feeSchedule(): FeeSchedule {
  if (schedule) return schedule;
  const file = 'fees.yaml';
  const raw = readDataFile(file) as {
    basis?: string; issued?: string;
    per_application?: { label: string; unit: string; bands: FeeBand[] }; per_volume?: { label: string; unit: string; bands: FeeBand[] };
  } | null;
  if (!raw?.per_application || !raw.per_volume || !raw.basis) dataFail(file, '缺少 basis、per_application 或 per_volume');
  for (const [name, m] of [['per_application', raw.per_application], ['per_volume', raw.per_volume]] as const) {
    let next = 1;
    m.bands.forEach((b, i) => {
      if (b.from !== next) dataFail(file, `${name} 第 ${i + 1} 档应从 ${next} 起，实为 ${b.from}`);
      if (b.to === undefined && i !== m.bands.length - 1) dataFail(file, `${name} 只有最后一档可以不写 to`);
      if (b.to !== undefined) next = b.to + 1;
    });
    if (m.bands[m.bands.length - 1].to !== undefined) dataFail(file, `${name} 最后一档不能有上限`);
  }
  schedule = {
    basis: raw.basis,
    issued: raw.issued ?? '',
    methods: { per_application: raw.per_application, per_volume: raw.per_volume },
  };
  return schedule;
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new RangeError(`${what}应为 0 至 1000000 之间的整数，收到“${n}”`);
}

/** The rate of item k (k ≥ 1) in a band list. */
function rateOf(bands: FeeBand[], k: number): { rate: number; from: number; to: number } {
  for (const b of bands) {
    if (b.to !== undefined && k > b.to) continue;
    if (!b.step || !b.increase) return { rate: b.rate, from: b.from, to: b.to ?? Infinity };
    const steps = Math.floor((k - b.from) / b.step);
    const from = b.from + steps * b.step;
    return { rate: b.rate + steps * b.increase, from, to: Math.min(from + b.step - 1, b.to ?? Infinity) };
  }
  throw new RangeError(`没有适用于第 ${k} 项的收费档次`);
}

/** Items 1..n split into runs of one rate. */
function parts(bands: FeeBand[], n: number): FeePart[] {
  const out: FeePart[] = [];
  let k = 1;
  while (k <= n) {
    const r = rateOf(bands, k);
    const to = Math.min(r.to, n);
    out.push({ from: r.from, to, count: to - k + 1, rate: r.rate, amount: (to - k + 1) * r.rate });
    k = to + 1;
  }
  return out;
}

function describe(ps: FeePart[], unit: string): string[] {
  return ps.map((p) => {
    const range = p.from === p.to ? `第 ${p.from} ${unit}` : `第 ${p.from}—${p.to} ${unit}`;
    return p.rate === 0 ? `${range}：${p.count} ${unit}免费` : `${range}：${p.count} ${unit} × ${p.rate} 元 = ${p.amount} 元`;
  });
}

/** 按件: the fee of the applicant's k-th application in a calendar month. */
export function feeForApplication(k: number, s: FeeSchedule = feeSchedule()): number {
  checkCount(k, '本月申请序号');
  if (k === 0) throw new RangeError('本月申请序号从 1 起算');
  return rateOf(s.methods.per_application.bands, k).rate;
}

/** 按件: the month's total after k applications (the sum of the first k fees). */
export function monthTotal(k: number, s: FeeSchedule = feeSchedule()): FeeResult {
  checkCount(k, '本月申请件数');
  const m = s.methods.per_application;
  const ps = parts(m.bands, k);
  return { method: 'per_application', amount: ps.reduce((a, p) => a + p.amount, 0), parts: ps, basis: describe(ps, m.unit) };
}

/** 按量: the fee of one application of `pages` pages. */
export function feeByPages(pages: number, s: FeeSchedule = feeSchedule()): FeeResult {
  checkCount(pages, '页数');
  const m = s.methods.per_volume;
  const ps = parts(m.bands, pages);
  return { method: 'per_volume', amount: ps.reduce((a, p) => a + p.amount, 0), parts: ps, basis: describe(ps, m.unit) };
}
