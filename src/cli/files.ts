// Expanding CLI arguments: files as given, directories into every file under them (sorted).
// Symbolic links are followed (a linked report is read like any other); a directory reached twice
// (a link back to a folder above) is walked once. Whatever cannot be read — a folder without read
// permission, a broken link, a link that loops — becomes one entry with a Chinese explanation and
// the walk goes on with the rest.

import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import { join } from 'node:path';
import { describeFsError } from '../ingest/limits.ts';

export interface InputFile {
  path: string;
  /** Found by walking a directory (not named on the command line). */
  fromDirectory?: boolean;
  /** Set when the entry could not be opened at all. */
  error?: string;
  /** Set when the entry is left out on purpose (a folder already walked), with the reason. */
  note?: string;
}

/** Directories of a walk, by their real path: each is walked once. */
type Seen = Set<string>;

/** What a path that could not be stat'ed means, when it is a link (dangling or looping). */
function linkError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return '符号链接指向的文件不存在（链接已失效）';
  return describeFsError(e);
}

async function walk(dir: string, out: InputFile[], seen: Seen): Promise<void> {
  const real = await realpath(dir).catch(() => dir);
  if (seen.has(real)) {
    out.push({ path: dir, fromDirectory: true, note: '与已读过的目录相同（符号链接指回上层或重复的目录），已跳过' });
    return;
  }
  seen.add(real);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.push({ path: dir, fromDirectory: true, error: `目录无法读取：${describeFsError(e)}` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out, seen);
    else if (e.isFile()) out.push({ path: p, fromDirectory: true });
    else if (e.isSymbolicLink()) {
      let info: Stats;
      try {
        info = await stat(p);
      } catch (err) {
        out.push({ path: p, fromDirectory: true, error: linkError(err) });
        continue;
      }
      if (info.isDirectory()) await walk(p, out, seen);
      else if (info.isFile()) out.push({ path: p, fromDirectory: true });
      // A link to a device, pipe or socket: not a document, like those met directly (left out).
    }
  }
}

export async function expandInputs(args: string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seen: Seen = new Set();
  for (const a of args) {
    let info: Stats;
    try {
      info = await stat(a);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const dangling = (code === 'ENOENT' || code === 'ENOTDIR') && (await isLink(a));
      out.push({ path: a, error: dangling ? linkError(e) : code === 'ENOENT' ? '文件或目录不存在' : describeFsError(e) });
      continue;
    }
    if (info.isDirectory()) await walk(a, out, seen);
    else out.push({ path: a });
  }
  return out;
}

async function isLink(path: string): Promise<boolean> {
  return lstat(path).then((s) => s.isSymbolicLink(), () => false);
}
