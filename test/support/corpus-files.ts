// A directory of generated report files (text, in the layouts real extraction produces), each
// file different, for import tests and benchmarks.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateReport } from './generate.ts';
import { renderReport, type Layout } from './layouts.ts';

const LAYOUTS: Layout[] = ['cells-per-line', 'tab-rows', 'paragraphs', 'pipe', 'markdown', 'pdf-lines', 'spaces'];

/** Write `count` report files into `dir` (sub-directories of 500); returns their paths. */
export function writeCorpusFiles(dir: string, count: number, seed = 1): string[] {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = join(dir, String(Math.floor(i / 500)).padStart(3, '0'));
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    const report = generateReport(seed + i);
    const { text } = renderReport(report, LAYOUTS[i % LAYOUTS.length], seed + i);
    // The file's number in a comment line keeps every file's bytes distinct.
    const path = join(sub, `${String(i).padStart(6, '0')}.txt`);
    writeFileSync(path, `${text}\n\n（文件编号 ${seed + i}）\n`);
    paths.push(path);
  }
  return paths;
}
