// File-system cases: what a directory of reports can hold besides reports (folders without read
// permission, unreadable files, links that loop or point nowhere, links to reports, special files
// that lie about their size).

import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURE_TEXT } from './sources.ts';

/** A folder with a readable report, a subfolder nobody may read, and a file nobody may read. */
export function unreadableEntries(dir: string): string[] {
  const root = join(dir, 'batch');
  mkdirSync(join(root, 'locked'), { recursive: true });
  copyFileSync(FIXTURE_TEXT, join(root, 'a-report.txt'));
  copyFileSync(FIXTURE_TEXT, join(root, 'locked', 'hidden-report.txt'));
  copyFileSync(FIXTURE_TEXT, join(root, 'z-secret.txt'));
  chmodSync(join(root, 'locked'), 0o000);
  chmodSync(join(root, 'z-secret.txt'), 0o000);
  return [root];
}

/** A folder whose only report is a symbolic link to a file outside it. */
export function linkedReport(dir: string): string[] {
  const root = join(dir, 'links');
  mkdirSync(root, { recursive: true });
  copyFileSync(FIXTURE_TEXT, join(dir, 'outside.txt'));
  symlinkSync(join(dir, 'outside.txt'), join(root, 'report.txt'));
  return [root];
}

/** Links that loop (a → b → a), one that points nowhere, and one back to the folder above. */
export function linkLoops(dir: string): string[] {
  const root = join(dir, 'loops');
  mkdirSync(join(root, 'sub'), { recursive: true });
  symlinkSync(join(root, 'b'), join(root, 'a'));
  symlinkSync(join(root, 'a'), join(root, 'b'));
  symlinkSync(join(root, 'nowhere.txt'), join(root, 'dangling.txt'));
  symlinkSync(root, join(root, 'sub', 'up'));
  copyFileSync(FIXTURE_TEXT, join(root, 'sub', 'report.txt'));
  return [root];
}

/** A symbolic link loop named on the command line. */
export function loopArgument(dir: string): string[] {
  symlinkSync(join(dir, 'y'), join(dir, 'x'));
  symlinkSync(join(dir, 'x'), join(dir, 'y'));
  return [join(dir, 'x')];
}

/** A file that states size 0 and reads without end (the kernel's page map of the reader itself). */
export function procPagemap(): string[] {
  return ['/proc/self/pagemap'];
}

/** A named pipe nobody writes to. */
export function fifo(dir: string): string[] {
  const p = join(dir, 'pipe.txt');
  execFileSync('mkfifo', [p]);
  return [p];
}

/** A sparse file of 50 MB (nothing written, nothing should be read). */
export function sparseHuge(dir: string): string[] {
  const p = join(dir, 'huge.txt');
  writeFileSync(p, '');
  execFileSync('truncate', ['-s', '50M', p]);
  return [p];
}
