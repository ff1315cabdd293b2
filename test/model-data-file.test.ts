// The model's YAML files as the built CLI reads them: from the JSON copy the build writes
// (scripts/model-json.mjs) while it is a copy of the YAML as it is now, else from the YAML, so an
// edited YAML takes effect without a rebuild and a missing copy changes nothing.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { jsonCopyPath, parseYamlFile, yamlHash } from '../src/model/data-file.ts';

const root = mkdtempSync(join(tmpdir(), 'gongkai-model-data-'));
after(() => rmSync(root, { recursive: true, force: true }));
const rootUrl = pathToFileURL(root + '/');

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('模型数据文件：构建生成的 JSON 副本', () => {
  const yaml = 'id: "2021"\nyears: { from: 2021 }\n';
  const url = new URL('src/model/x.yaml', rootUrl);

  it('没有副本时解析 YAML', () => {
    write('src/model/x.yaml', yaml);
    assert.deepEqual(parseYamlFile(url, rootUrl), { id: '2021', years: { from: 2021 } });
  });

  it('副本与 YAML 一致时读副本', () => {
    // The copy says something the YAML does not, so reading it shows.
    write(jsonCopyPath('src/model/x.yaml'), JSON.stringify({ sha1: yamlHash(yaml), data: { from: 'copy' } }));
    assert.deepEqual(parseYamlFile(url, rootUrl), { from: 'copy' });
  });

  it('YAML 在构建后改过：不用过时的副本', () => {
    write('src/model/x.yaml', 'id: "2019"\n');
    assert.deepEqual(parseYamlFile(url, rootUrl), { id: '2019' });
  });

  it('副本损坏：解析 YAML', () => {
    write(jsonCopyPath('src/model/x.yaml'), '{"sha1": ');
    assert.deepEqual(parseYamlFile(url, rootUrl), { id: '2019' });
  });
});
