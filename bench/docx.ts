// Speed of the Word readers: the Word fixtures (test/fixtures/docx, test/fixtures/doc) parsed and
// checked in turn, on one core; also the readers alone (bytes → paragraphs and tables). Timed in
// CPU seconds of this process, so that other work on the machine does not count.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readDoc } from '../src/ingest/doc.ts';
import { readDocx } from '../src/ingest/docx.ts';
import type { SourceDocument } from '../src/ingest/types.ts';
import { parseReport } from '../src/pipeline.ts';
import { wordFixtures } from '../test/support/word-fixtures.ts';

type Kind = 'docx' | 'doc';

/** CPU time of this process (user + system), in seconds: per core, and steady on a busy machine. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** The report fixtures of a kind (those with hand-written expectations). */
function files(kind: Kind): { name: string; bytes: Uint8Array }[] {
  return wordFixtures(kind).map(({ file }) => ({ name: basename(file), bytes: new Uint8Array(readFileSync(file)) }));
}

export interface WordBench {
  kind: Kind;
  documents: number;
  /** Reports parsed and checked per second. */
  reportsPerSecond: number;
  /** Documents read into paragraphs and tables per second (reader alone). */
  readsPerSecond: number;
}

async function bench(kind: Kind, n: number): Promise<WordBench> {
  const docs = files(kind);
  const read: (b: Uint8Array, name: string) => SourceDocument = kind === 'docx' ? readDocx : readDoc;
  for (const d of docs) await parseReport(d.bytes, { name: d.name }); // warm-up (JIT, model load)
  let t = cpuSeconds();
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length];
    read(d.bytes, d.name);
  }
  const readSeconds = cpuSeconds() - t;
  t = cpuSeconds();
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length];
    await parseReport(d.bytes, { name: d.name });
  }
  const seconds = cpuSeconds() - t;
  return { kind, documents: docs.length, reportsPerSecond: n / seconds, readsPerSecond: n / readSeconds };
}

/** Parse and check `n` DOCX reports (the fixtures in turn); returns reports per second. */
export async function benchDocx(n = 1000): Promise<number> {
  return (await bench('docx', n)).reportsPerSecond;
}

/** Lines for `npm run bench`: DOCX and DOC, whole pipeline and reader alone. */
export async function wordSection(n = 1000): Promise<string[]> {
  const lines: string[] = [];
  for (const kind of ['docx', 'doc'] as const) {
    const r = await bench(kind, n);
    const label = kind === 'docx' ? 'DOCX' : 'DOC ';
    lines.push(
      `${label}：解析＋核查 ${r.reportsPerSecond.toFixed(0)} 份/秒；仅读取为段落与表格 ${r.readsPerSecond.toFixed(0)} 份/秒（${r.documents} 个样例轮流，共 ${n} 份）`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await wordSection(Number(process.argv[2] ?? 1000))) console.log(line);
}
