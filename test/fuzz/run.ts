// The fuzzing supervisor: runs worker.ts for each target for the time given, restarting it with a
// new seed when it hangs (no word for 60 s) or dies, and keeping the input it was reading then.
// Findings go to WORKDIR/findings/ (input and what happened); a summary is printed at the end.
//
//   npm run fuzz -- --minutes 10 --targets text,html,docx,doc,pdf,json [--workdir DIR]

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../support/seeds.ts';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '5' }, targets: { type: 'string', default: 'text,html,docx,doc,pdf,json' }, workdir: { type: 'string', default: resolve(ROOT, '.fuzz') } },
});
const minutes = Number(values.minutes);
const workdir = values.workdir;
mkdirSync(join(workdir, 'findings'), { recursive: true });
const EXT: Record<string, string> = { text: 'txt', html: 'html', docx: 'docx', doc: 'doc', pdf: 'pdf', json: 'json' };

interface Tally {
  iterations: number;
  findings: string[];
  restarts: number;
}

function runOnce(target: string, seed: number, until: number, tally: Tally): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=2048', resolve(ROOT, 'test/fuzz/worker.ts'), target, String(seed), workdir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let heard = Date.now();
    let base = 0;
    let buffered = '';
    child.stdout.on('data', (b: Buffer) => {
      heard = Date.now();
      buffered += b.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) {
        const m = JSON.parse(l) as { iterations?: number; finding?: string; id?: string; detail?: string };
        if (m.iterations !== undefined) {
          tally.iterations += m.iterations - base;
          base = m.iterations;
        }
        if (m.finding) tally.findings.push(`${m.finding} ${m.id}: ${m.detail}`);
      }
    });
    let why = '';
    const timer = setInterval(() => {
      if (Date.now() > until) {
        why = 'time';
        child.kill('SIGKILL');
      } else if (Date.now() - heard > 60_000) {
        why = 'hang';
        child.kill('SIGKILL');
      }
    }, 1000);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (why !== 'time') {
        const kind = why === 'hang' ? 'hang' : `crash-${code ?? signal}`;
        const current = join(workdir, `current-${target}.${EXT[target]}`);
        if (existsSync(current)) {
          const keep = join(workdir, 'findings', `${target}-${kind}-${seed}.${EXT[target]}`);
          copyFileSync(current, keep);
          tally.findings.push(`${kind}: ${keep}`);
        }
        tally.restarts++;
      }
      done();
    });
  });
}

const summary: Record<string, Tally> = {};
for (const target of values.targets.split(',')) {
  const tally: Tally = { iterations: 0, findings: [], restarts: 0 };
  summary[target] = tally;
  const started = Date.now();
  const until = started + minutes * 60_000;
  let seed = (started % 1_000_000) + 1;
  while (Date.now() < until) await runOnce(target, seed++, until, tally);
  process.stdout.write(`${target}: ${((Date.now() - started) / 60_000).toFixed(1)} min, ${tally.iterations} inputs, ${tally.restarts} restarts, ${tally.findings.length} findings\n`);
  for (const f of tally.findings) process.stdout.write(`  ${f}\n`);
}
