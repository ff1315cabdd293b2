// The command line as users run it: JSON Lines contract, Chinese output, exit codes, directories.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT, SEEDS_DIR, seedPath } from './support/seeds.ts';
import { gongkai } from './support/cli.ts';
import type { Report } from '../src/interchange/types.ts';
import { rules } from '../src/check/index.ts';
import { formats } from '../src/model/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('gongkai parse --json', () => {
  it('目录：每份报告一行 JSON，按输入顺序，退出码 0（即使报告有错误）', () => {
    const r = gongkai('parse', '--json', SEEDS_DIR);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Report);
    assert.equal(lines.length, 5);
    assert.deepEqual(
      lines.map((l) => l.source.name.slice(-24, -21)),
      ['000', '001', '002', '003', '004'],
    );
    assert.ok(lines.every((l) => l.schema === 'gongkai.report/1'));
    // the directory also holds a README: noted and skipped, not an error
    assert.match(r.err, /README\.md：不是年度报告，已跳过/);
  });

  it('有文件无法读取：标准错误一行中文说明，其余照常处理，退出码 2', () => {
    const bad = join(dir, 'empty.txt');
    writeFileSync(bad, '');
    const r = gongkai('parse', '--json', seedPath('000'), bad, seedPath('001'));
    assert.equal(r.code, 2);
    assert.equal(r.out.trim().split('\n').length, 2);
    assert.match(r.err, /empty\.txt：文件是空的/);
    assert.equal(r.err.trim().split('\n').length, 1);
  });
});

describe('gongkai check', () => {
  it('PDF：诊断指出页码和文中表格的行列，而不是提取文字的行号', () => {
    // lanxi-zjj-2022.pdf, page 1: 表二 is the document's first table; its 4th row is 行政规范性文件
    // (after the group header and the column headers and 规章), whose 3rd column, 本年废止件数,
    // is printed empty.
    const r = gongkai('check', resolve(ROOT, 'test/fixtures/pdf/lanxi-zjj-2022.pdf'));
    assert.match(r.out, /警告\s+第1页第1个表格第4行第3列\s+表二“行政规范性文件”行“本年废止件数”列为空白/);
    assert.doesNotMatch(r.out, /第\d+行\s+表/);
  });

  it('有错误的报告退出码 1，并按文件列出中文诊断与行号', () => {
    const r = gongkai('check', seedPath('004'));
    assert.equal(r.code, 1);
    assert.match(r.out, /错误\s+第380行\s+表四“行政复议”/);
    assert.match(r.out, /\[review_litigation\.row_sum\]/);
    assert.match(r.out, /小结：1 个错误，2 个警告/);
  });

  it('没有错误的报告退出码 0', () => {
    const r = gongkai('check', seedPath('000'));
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /0 个错误/);
  });

  it('交换格式 JSON 作为输入', () => {
    const json = join(dir, 'r.json');
    const parsed = gongkai('parse', '--json', seedPath('004'));
    writeFileSync(json, parsed.out);
    const r = gongkai('check', json);
    assert.equal(r.code, 1);
    assert.match(r.out, /review_litigation\.row_sum/);
  });

  it('类型按内容识别，不看扩展名', () => {
    const odd = join(dir, 'report.pdf');
    copyFileSync(seedPath('002'), odd);
    const r = gongkai('check', '--json', odd);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as Report).agency, '阜新市生态环境局');
  });
});

describe('帮助与规则目录', () => {
  it('--help 是中文', () => {
    for (const cmd of [[], ['parse'], ['check']]) {
      const r = gongkai(...cmd, '--help');
      assert.equal(r.code, 0);
      assert.match(r.out, /[\u4e00-\u9fa5]{4}/);
    }
  });

  it('rules 列出规则编号与说明', () => {
    const r = gongkai('rules', '--json');
    const list = JSON.parse(r.out) as { id: string; title: string }[];
    assert.ok(list.some((x) => x.id === 'applications.balance'));
    assert.ok(list.some((x) => x.id === 'cell.reconstructed'));
  });

  it('rules 规则编号：这条规则的说明、每条消息及示例；未知编号退出码 2', () => {
    const r = gongkai('rules', 'structure.row_missing');
    assert.equal(r.code, 0, r.err);
    const meta = rules().find((x) => x.meta.id === 'structure.row_missing')!.meta;
    assert.ok(r.out.includes(meta.description));
    for (const [id, m] of Object.entries(meta.messages)) {
      assert.ok(r.out.includes(id), id);
      assert.ok(r.out.includes(m.example), id);
    }
    const json = gongkai('rules', 'cell.reconstructed', '--json');
    assert.equal((JSON.parse(json.out) as { id: string }).id, 'cell.reconstructed');
    const unknown = gongkai('rules', 'no.such_rule');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /没有编号为“no\.such_rule”的规则/);
  });

  it('--format 的可选值来自格式模型', () => {
    const r = gongkai('parse', '--format', '1999', seedPath('000'));
    assert.notEqual(r.code, 0);
    for (const f of formats()) assert.ok(r.err.includes(f.id), r.err);
  });

  it('inspect 展示每行读到的数', () => {
    const r = gongkai('inspect', seedPath('002'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /予以公开.*← 5 0 0 0 0 5/);
  });
});

describe('gongkai check 多个文件', () => {
  it('结果之后给出汇总：文件数、跳过、各类报告数、最常见的问题', () => {
    const r = gongkai('check', SEEDS_DIR);
    assert.equal(r.code, 1);
    const summary = r.out.slice(r.out.indexOf('汇总：'));
    // Five seeds and the README (skipped). Errors: seed 003 (its own section headings instead of
    // 一、总体情况 and 五、…) and seed 004 (表四 复议 total 0 beside 结果维持 1).
    assert.match(summary, /^汇总：共 6 个文件，读取 5 份报告，跳过 1 个，无法读取 0 个/);
    assert.match(summary, /有错误 2 份/);
    assert.match(summary, /structure\.section_missing/);
    assert.match(summary, /review_litigation\.row_sum/);
    assert.ok(r.out.indexOf('汇总：') > r.out.lastIndexOf('小结：'), 'the summary comes after the results');
  });
});

describe('gongkai import', () => {
  it('导入目录（内嵌数据库），给出汇总；再次导入不重复', () => {
    const data = join(dir, 'db');
    const r = gongkai('import', SEEDS_DIR, '--data', data);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /汇总：共 6 个文件，读取 5 份报告，跳过 1 个，无法读取 0 个/);
    assert.match(r.err, /README\.md.*已跳过/);
    const again = gongkai('import', SEEDS_DIR, '--data', data, '--json');
    assert.equal(again.code, 0, again.err);
    const states = again.out.trim().split('\n').map((l) => (JSON.parse(l) as { state: string }).state);
    assert.deepEqual(states.filter((s) => s === 'duplicate').length, 5);
    assert.match(again.err, /已导入过 5 个/);
  });

  it('不存在的路径：退出码 2，中文说明', () => {
    const r = gongkai('import', join(dir, 'nothing-here'), '--data', join(dir, 'db2'));
    assert.equal(r.code, 2);
    assert.match(r.err, /文件或目录不存在/);
  });
});
