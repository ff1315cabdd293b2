// Speed of the Word readers: the Word fixtures (test/fixtures/docx, test/fixtures/doc) parsed and
// checked in turn, on one core; also the readers alone (bytes → paragraphs and tables). Timing:
// measure.ts.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SourceDocument } from '../src/ingest/types.ts';
import { wordFixtures } from '../test/support/word-fixtures.ts';
import { formatRate, methodNote, readAndParse, type Rate } from './measure.ts';
import { readDoc, readDocx } from './subject.ts';

type Kind = 'docx' | 'doc';

/** The report fixtures of a kind (those with hand-written expectations). */
function files(kind: Kind): { name: string; bytes: Uint8Array }[] {
  return wordFixtures(kind).map(({ file }) => ({ name: basename(file), bytes: new Uint8Array(readFileSync(file)) }));
}

export interface WordBench {
  kind: Kind;
  documents: number;
  /** Reports read, parsed and checked. */
  reports: Rate;
  /** Documents read into paragraphs and tables (reader alone). */
  reads: Rate;
}

async function bench(kind: Kind, n: number): Promise<WordBench> {
  const docs = files(kind);
  const read: (b: Uint8Array, name: string) => SourceDocument = kind === 'docx' ? readDocx : readDoc;
  const { reads, reports } = await readAndParse(docs, read, n);
  return { kind, documents: docs.length, reports, reads };
}

/** Parse and check `n` DOCX reports per round (the fixtures in turn); returns reports per CPU second. */
export async function benchDocx(n = 1000): Promise<number> {
  return (await bench('docx', n)).reports.cpu;
}

/** Lines for `npm run bench`: DOCX and DOC, whole pipeline and reader alone. */
export async function wordSection(n = 1000): Promise<string[]> {
  const lines: string[] = [];
  for (const kind of ['docx', 'doc'] as const) {
    const r = await bench(kind, n);
    const label = kind === 'docx' ? 'DOCX' : 'DOC ';
    lines.push(
      `${label}：读取、解析并核查 ${formatRate(r.reports)}${kind === 'docx' ? '（目标 ≥ 300 份/秒）' : ''}`,
      `  只读取（字节 → 段落与表格）：${formatRate(r.reads)}`,
      `  ${r.documents} 个样例轮流；${methodNote(r.reports)}`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await wordSection(Number(process.argv[2] ?? 1000))) console.log(line);
}
