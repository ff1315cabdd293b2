// docs/rules.md, generated from the rules' metadata (src/diagnostics, src/check/rules): every rule
// with its severity, stage, description and each of its messages with an example. The examples are
// the rules' own: test/support/rule-tester.ts fails when one is not a message a case produced.
//
//   npm run docs:rules        write docs/rules.md
//
// test/docs.test.ts fails when the committed file is not what this script writes.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rules } from '../src/check/index.ts';
import type { Severity, Stage } from '../src/interchange/types.ts';

const SEVERITY: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const STAGE: Record<Stage, string> = { parse: '解析时', check: '核查时' };

export const RULES_DOC = fileURLToPath(new URL('../docs/rules.md', import.meta.url));

/** The Markdown of docs/rules.md. */
export function rulesMarkdown(): string {
  const list = rules();
  const out = [
    '# 核查规则',
    '',
    '<!-- 由 scripts/rules-doc.ts 根据规则的元数据生成（npm run docs:rules），请勿手工修改。 -->',
    '',
    'Gongkai 对每份年度报告应用的全部规则。每条诊断带有规则编号（`rule`）、消息编号（`messageId`）、来源（`origin`：`parse` 为解析原文时发现，`check` 为核查数据时发现）和级别（`severity`）。命令行 `gongkai rules 规则编号` 显示同样的内容。',
    '',
    '| 规则 | 级别 | 阶段 | 标题 |',
    '|---|---|---|---|',
    ...list.map((r) => `| [\`${r.meta.id}\`](#${r.meta.id.replace(/\./g, '')}) | ${SEVERITY[r.meta.severity]} | ${STAGE[r.meta.stage]} | ${r.meta.title} |`),
  ];
  for (const r of list) {
    const m = r.meta;
    out.push('', `## ${m.id}`, '', `**${m.title}**（${SEVERITY[m.severity]}，${STAGE[m.stage]}）`, '', m.description, '', '| 消息编号 | 来源 | 示例 |', '|---|---|---|');
    for (const [id, msg] of Object.entries(m.messages)) out.push(`| \`${id}\` | ${STAGE[msg.origin]} | ${msg.example.replace(/\|/g, '\\|')} |`);
  }
  return out.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(RULES_DOC, rulesMarkdown());
  console.log(`已写入 ${RULES_DOC}`);
}
