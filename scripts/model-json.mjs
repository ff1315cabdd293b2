// Part of `npm run build`: a JSON copy of every YAML file of the model (src/model/**/*.yaml)
// under dist/model-data/, with the hash of the YAML it came from, so that the built CLI starts
// without parsing YAML (src/model/data-file.ts reads the copy while the hash matches).

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { jsonCopyPath, yamlHash } from '../dist/model/data-file.js';

const root = fileURLToPath(new URL('../', import.meta.url));

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
}

let n = 0;
for (const file of yamlFiles(join(root, 'src/model'))) {
  const text = readFileSync(file, 'utf8');
  const out = join(root, jsonCopyPath(relative(root, file).split('\\').join('/')));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ sha1: yamlHash(text), data: parse(text) }));
  n++;
}
if (n === 0) throw new Error('src/model 下没有 YAML 文件');
