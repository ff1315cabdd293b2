// The command line as a user runs it: `gongkai ARGS…` as its own process (through tsx), in the
// repository's folder, without colours; its exit code, standard output and standard error.

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './seeds.ts';

export function gongkai(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
