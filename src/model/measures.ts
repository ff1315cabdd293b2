// Dashboard measures (measures.yaml): sums of cells across reports, and rates between them.

import { readModelFile } from './data-file.ts';
import { formats } from './load.ts';

export interface MeasureDef {
  id: string;
  label: string;
  cells: string[];
}

export interface RateDef {
  id: string;
  label: string;
  numerator: string;
  denominator: string;
}

let cache: { measures: MeasureDef[]; rates: RateDef[] } | undefined;

export function measures(): { measures: MeasureDef[]; rates: RateDef[] } {
  if (!cache) {
    const raw = readModelFile<{ measures: MeasureDef[]; rates: RateDef[] }>('measures.yaml');
    for (const m of raw.measures) {
      if (!/^[a-z][a-z0-9_]*$/.test(m.id)) throw new Error(`measures.yaml：度量编号 ${m.id} 只能由小写字母、数字和下划线组成`);
      for (const a of m.cells) {
        if (!formats().some((f) => f.cell(a))) throw new Error(`measures.yaml：度量 ${m.id} 引用了任何格式都没有的单元格 ${a}`);
      }
    }
    const ids = new Set(raw.measures.map((m) => m.id));
    for (const r of raw.rates) {
      if (!ids.has(r.numerator) || !ids.has(r.denominator)) throw new Error(`measures.yaml：比率 ${r.id} 引用了未定义的度量`);
    }
    cache = raw;
  }
  return cache;
}
