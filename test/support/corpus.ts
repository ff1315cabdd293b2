// The extraction corpus (test/corpus/): texts that real tools extracted from generated reports,
// each with the truth it came from, and how a parsed text is scored against that truth. Shared by
// `npm run corpus:score`, the corpus test and the benchmark.
//
// A cell of a parsed text is, against its truth:
//   exact          the true value (or null where the document printed nothing for the cell)
//   null+error     null, and an error diagnostic says why (names the cell or its table)
//   null-silent    null without any error that covers it
//   wrong+flagged  another number, named by an error or warning (or its table fails a relation)
//   wrong-silent   another number with status read and nothing said: the defect that matters most

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getFormat } from '../../src/model/index.ts';
import type { Report } from '../../src/interchange/types.ts';
import { ROOT } from './seeds.ts';

export const CORPUS_DIR = resolve(ROOT, 'test/corpus');

/** The seven failure classes of issue 9, as tags on corpus texts. */
export const FAILURE_CLASSES = {
  'cell-per-line': '1 每格一行（空行即空格）',
  'pdf-wrapped': '2 PDF 提取：标签折行、竖排表头、页脚',
  'damaged-labels': '3 标签受损（错字、缺字、词内空格、2019 措辞）',
  'group-one-row': '4 一组印成一行（（六）其他处理）',
  'narrative-figures': '5 表旁正文复述表中数字',
  'converter-markdown': '6 转换器/OCR 的 Markdown',
  'no-separators': '7 分隔符全部丢失',
} as const;
export type FailureClass = keyof typeof FAILURE_CLASSES;

/** Values of a generated report's tables as printed; null where the document prints no such cell. */
export type TruthTables = Record<string, Record<string, Record<string, number | null>>>;

export interface Truth {
  id: string;
  /** Seed of test/support/generate.ts that made the report. */
  seed: number;
  format: '2021' | '2019';
  agency: string;
  year: number;
  published: string;
  tables: TruthTables;
}

export interface CorpusText {
  /** Path under test/corpus/. */
  file: string;
  /** Truth file id (test/corpus/truth/ID.json). */
  truth: string;
  /** Extraction tool id, e.g. `pdftotext-layout` (described in the manifest's `tools`). */
  tool: string;
  /** The document the tool read, e.g. `LibreOffice PDF（变体版式）`. */
  document: string;
  classes: FailureClass[];
}

export interface Manifest {
  /** The command that made the corpus. */
  generated: string;
  /** What each tool id stands for. */
  tools: Record<string, string>;
  /** Versions of the programs that made it. */
  versions: Record<string, string>;
  texts: CorpusText[];
}

export function loadManifest(dir = CORPUS_DIR): Manifest {
  return JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as Manifest;
}

export function loadTruth(id: string, dir = CORPUS_DIR): Truth {
  return JSON.parse(readFileSync(resolve(dir, 'truth', `${id}.json`), 'utf8')) as Truth;
}

export type Verdict = 'exact' | 'nullError' | 'nullSilent' | 'wrongFlagged' | 'wrongSilent';
export const VERDICTS: Verdict[] = ['exact', 'nullError', 'nullSilent', 'wrongFlagged', 'wrongSilent'];

export interface CellScore {
  address: string;
  want: number | null;
  got: number | null;
  verdict: Verdict;
}

export type Tally = Record<Verdict, number>;

export function emptyTally(): Tally {
  return { exact: 0, nullError: 0, nullSilent: 0, wrongFlagged: 0, wrongSilent: 0 };
}

export function addTally(into: Tally, from: Tally): void {
  for (const v of VERDICTS) into[v] += from[v];
}

/** Every cell of the truth's format, judged. */
export function scoreReport(truth: Truth, parsed: Report): CellScore[] {
  const format = getFormat(truth.format);
  const named = new Set<string>();
  const errorTables = new Set<string>();
  const relationTable = new Map(format.relations.map((r) => [r.id, r.table]));
  let reportError = false;
  for (const d of parsed.diagnostics) {
    if (d.severity === 'info') continue;
    for (const c of d.cells ?? []) named.add(c);
    if (d.severity !== 'error') continue;
    const relation = relationTable.get(d.rule);
    if (relation) errorTables.add(relation);
    for (const c of d.cells ?? []) errorTables.add(c.split('.')[0]);
    if (!d.cells?.length) reportError = true;
  }
  const errorNames = new Set(parsed.diagnostics.filter((d) => d.severity === 'error').flatMap((d) => d.cells ?? []));
  const out: CellScore[] = [];
  const sameFormat = parsed.format === truth.format;
  for (const t of format.tables) {
    for (const row of t.rows) {
      for (const col of row.columns) {
        const address = `${t.id}.${row.id}.${col.id}`;
        const want = truth.tables[t.id][row.id][col.id];
        const raw = sameFormat ? parsed.tables[t.id]?.[row.id]?.[col.id] : undefined;
        const got = raw ?? null;
        let verdict: Verdict;
        if (got === want) verdict = 'exact';
        else if (got === null) verdict = errorNames.has(address) || errorTables.has(t.id) || reportError || !sameFormat ? 'nullError' : 'nullSilent';
        else verdict = named.has(address) || errorTables.has(t.id) ? 'wrongFlagged' : 'wrongSilent';
        out.push({ address, want, got, verdict });
      }
    }
  }
  return out;
}

export function tallyOf(cells: CellScore[]): Tally {
  const t = emptyTally();
  for (const c of cells) t[c.verdict]++;
  return t;
}
