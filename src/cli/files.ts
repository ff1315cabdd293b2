// Expanding CLI arguments: files as given, directories into every file under them (sorted).

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface InputFile {
  path: string;
  /** Found by walking a directory (not named on the command line). */
  fromDirectory?: boolean;
  /** Set when the argument could not be opened at all. */
  error?: string;
}

async function walk(dir: string, out: InputFile[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push({ path: p, fromDirectory: true });
  }
}

export async function expandInputs(args: string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const a of args) {
    const info = await stat(a).catch(() => null);
    if (!info) out.push({ path: a, error: '文件或目录不存在' });
    else if (info.isDirectory()) await walk(a, out);
    else out.push({ path: a });
  }
  return out;
}
