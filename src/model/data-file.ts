// Reading a YAML data file of the model (src/model/*.yaml), from src/ and from dist/ alike.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

const DIR = new URL('../../src/model/', import.meta.url);

export function readModelFile<T>(name: string): T {
  return parseYaml(readFileSync(new URL(name, DIR), 'utf8')) as T;
}
