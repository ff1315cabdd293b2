// Documentation that is generated must be current: docs/rules.md is what scripts/rules-doc.ts
// writes from the rules' metadata (run `npm run docs:rules` after changing a rule).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { rules } from '../src/check/index.ts';
import { RULES_DOC, rulesMarkdown } from '../scripts/rules-doc.ts';

describe('docs/rules.md', () => {
  it('与规则的元数据一致（已提交的文件是脚本生成的最新版本）', () => {
    assert.equal(readFileSync(RULES_DOC, 'utf8'), rulesMarkdown(), 'docs/rules.md 已过期：请运行 npm run docs:rules');
  });

  it('每条规则、每条消息及其示例都在文档中', () => {
    const doc = readFileSync(RULES_DOC, 'utf8');
    for (const r of rules()) {
      assert.ok(doc.includes(`## ${r.meta.id}\n`), r.meta.id);
      for (const [id, m] of Object.entries(r.meta.messages)) {
        assert.ok(doc.includes(`| \`${id}\` |`), `${r.meta.id}/${id}`);
        assert.ok(doc.includes(m.example), `${r.meta.id}/${id} 的示例`);
      }
    }
  });
});
