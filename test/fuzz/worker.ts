// One fuzzing process: reads inputs made by mutate.ts through the library (ingest → parse →
// check), forever, and records every input that ends in anything but a report or a Chinese
// IngestError naming the file: an exception, a report that breaks the schema or holds a number
// that is not finite, more than 10 s, or more than 1 GB of memory. The input being read is
// written to disk first, so that the supervisor (run.ts) can keep it when this process hangs or
// dies. Usage: worker.ts TARGET SEED WORKDIR

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IngestError, parseReport, validateReport, type Report } from '../../src/index.ts';
import { seeded, type Source } from '../support/random.ts';
import { mutateBytes, mutateDoc, mutateDocx, mutateHtml, mutateJson, mutatePdf, mutateText } from './mutate.ts';

const [target, seedArg, workdir] = process.argv.slice(2);
const seed = Number(seedArg);
mkdirSync(join(workdir, 'findings'), { recursive: true });

let jsonBase: Report | null = null;
const TARGETS: Record<string, { ext: string; make: (src: Source) => Uint8Array | Promise<Uint8Array> }> = {
  text: { ext: 'txt', make: mutateText },
  html: { ext: 'html', make: mutateHtml },
  docx: { ext: 'docx', make: mutateDocx },
  doc: { ext: 'doc', make: mutateDoc },
  pdf: { ext: 'pdf', make: mutatePdf },
  json: {
    ext: 'json',
    make: async (src) => {
      jsonBase ??= await parseReport(mutateText(src), { name: 'base.txt' }).catch(() => null);
      return jsonBase ? mutateJson(src, jsonBase) : mutateBytes(new TextEncoder().encode('{"schema":"gongkai.report/1"}'), src);
    },
  },
};

const t = TARGETS[target];
if (!t) throw new Error(`unknown target ${target}`);
const name = `fuzz.${t.ext}`;

function record(kind: string, bytes: Uint8Array, detail: string): void {
  const id = createHash('sha1').update(bytes).digest('hex').slice(0, 12);
  writeFileSync(join(workdir, 'findings', `${target}-${kind}-${id}.${t.ext}`), bytes);
  writeFileSync(join(workdir, 'findings', `${target}-${kind}-${id}.txt`), detail);
  process.stdout.write(JSON.stringify({ finding: kind, id, detail: detail.split('\n')[0] }) + '\n');
}

/** What is wrong with a report that was read, if anything. */
function reportProblem(r: Report): string | null {
  const problems = validateReport(JSON.parse(JSON.stringify(r)));
  if (problems.length) return `schema: ${problems.slice(0, 3).join('; ')}`;
  for (const [t, rows] of Object.entries(r.tables)) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, v] of Object.entries(cols)) {
        // decimal columns (amounts in 万元) may hold fractions; every value is finite, exact and no -0
        if (typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER || Object.is(v, -0))) return `cell ${t}.${row}.${col} = ${v}`;
      }
    }
  }
  return null;
}

let iterations = 0;
let last = Date.now();
for (;;) {
  const src = seeded(seed * 1_000_003 + iterations);
  const bytes = await t.make(src);
  writeFileSync(join(workdir, `current-${target}.${t.ext}`), bytes);
  const started = performance.now();
  try {
    const r = await parseReport(bytes, { name });
    const problem = reportProblem(r);
    if (problem) record('report', bytes, problem);
  } catch (e) {
    if (!(e instanceof IngestError)) record('exception', bytes, (e as Error)?.stack ?? String(e));
    else if (!e.message.startsWith(`${name}：`) || !/[\u4e00-\u9fa5]/.test(e.message) || /[a-z]{3,} [a-z]{3,} [a-z]{3,}/i.test(e.message)) record('message', bytes, e.message);
  }
  const ms = performance.now() - started;
  if (ms > 10_000) record('slow', bytes, `${(ms / 1000).toFixed(1)} s`);
  const rss = process.memoryUsage.rss();
  if (rss > 1024 * 1024 * 1024) record('memory', bytes, `${(rss / 1024 / 1024).toFixed(0)} MB`);
  iterations++;
  if (Date.now() - last > 1000) {
    last = Date.now();
    process.stdout.write(JSON.stringify({ iterations }) + '\n');
  }
}
