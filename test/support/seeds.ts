// Where the real seed reports are: ../shared/seeds next to the repository (CI has it), or
// $GONGKAI_SEEDS. Tests read them from there; the project does not copy their text.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SEEDS_DIR = process.env.GONGKAI_SEEDS ?? resolve(ROOT, '../shared/seeds');

export function seedFiles(): string[] {
  if (!existsSync(SEEDS_DIR)) throw new Error(`找不到种子报告目录 ${SEEDS_DIR}（可用 GONGKAI_SEEDS 指定）`);
  return readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
}

export function seedPath(prefix: string): string {
  const f = seedFiles().find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`没有以 ${prefix} 开头的种子报告`);
  return resolve(SEEDS_DIR, f);
}

export function seedBytes(prefix: string): Buffer {
  return readFileSync(seedPath(prefix));
}
