// The case domain's data files (src/cases/data/*.yaml): calendar, fee bands, outcomes, letters.
// Read from the package's src/cases/data both when running from src/ and from dist/.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

const DATA_DIR = new URL('../../src/cases/data/', import.meta.url);

export class CaseDataError extends Error {}

/** A data file's parsed YAML (path relative to src/cases/data). */
export function readDataFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(new URL(path, DATA_DIR), 'utf8');
  } catch (e) {
    throw new CaseDataError(`找不到数据文件 src/cases/data/${path}：${(e as Error).message}`);
  }
  try {
    return parseYaml(text) as unknown;
  } catch (e) {
    throw new CaseDataError(`数据文件 src/cases/data/${path} 不是有效的 YAML：${(e as Error).message}`);
  }
}

export function dataFail(file: string, what: string): never {
  throw new CaseDataError(`数据文件 src/cases/data/${file} 有误：${what}`);
}
