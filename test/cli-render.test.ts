// gongkai render as users run it: output next to the input, -o, --draft, the publishing gate's
// refusal with exit code 1, interchange JSON as input, Chinese messages.

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { chromiumPath } from '../src/render/browser.ts';
import { seedPath } from './support/seeds.ts';
import { gongkai } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-render-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function copySeed(prefix: string, name: string): string {
  const p = join(dir, name);
  copyFileSync(seedPath(prefix), p);
  return p;
}

describe('gongkai render', () => {
  it('默认输出到输入文件旁边，换成相应扩展名', () => {
    const input = copySeed('002', '阜新2022.txt');
    const r = gongkai('render', input, '--to', 'md');
    assert.equal(r.code, 0, r.err);
    const out = join(dir, '阜新2022.md');
    assert.ok(existsSync(out));
    assert.equal(r.out.trim(), `已生成发布稿（Markdown 文本）：${out}`);
    assert.match(readFileSync(out, 'utf8'), /^# 阜新市生态环境局2022年政府信息公开工作年度报告/);
  });

  it('-o 指定输出文件；-o - 写到标准输出', () => {
    const input = copySeed('001', 'a.txt');
    const out = join(dir, '网页版.html');
    const r = gongkai('render', input, '--to', 'html', '-o', out);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(out, 'utf8'), /^<!DOCTYPE html>\n<html lang="zh-CN">/);
    const s = gongkai('render', input, '--to', 'md', '-o', '-');
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /^# 阿合奇县人民政府2021年政府信息公开工作年度报告\n/);
  });

  it('有错误的报告：拒绝生成发布稿，列出错误，退出码 1，建议 --draft，不写文件', () => {
    const input = copySeed('004', 'yeji.txt');
    const r = gongkai('render', input, '--to', 'docx');
    assert.equal(r.code, 1);
    assert.match(r.err, /不能生成发布稿/);
    assert.match(r.err, /表四“行政复议”.*\[review_litigation\.row_sum\]/);
    assert.match(r.err, /--draft/);
    assert.ok(!existsSync(join(dir, 'yeji.docx')));
    assert.equal(r.out, '');
  });

  it('--draft：生成草稿，文件名注明草稿', () => {
    const input = copySeed('004', 'yeji2.txt');
    const r = gongkai('render', input, '--to', 'xlsx', '--draft');
    assert.equal(r.code, 0, r.err);
    const out = join(dir, 'yeji2-草稿.xlsx');
    assert.equal(r.out.trim(), `已生成草稿（Excel 表格）：${out}`);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK');
  });

  it('输入可以是交换格式 JSON；输出不会覆盖输入', () => {
    const parsed = gongkai('parse', '--json', seedPath('002'));
    assert.equal(parsed.code, 0, parsed.err);
    const input = join(dir, 'report.json');
    writeFileSync(input, parsed.out);
    const r = gongkai('render', input, '--to', 'md');
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(join(dir, 'report.md'), 'utf8'), /^# 阜新市生态环境局/);
    // a text report named .md rendered to Markdown: a new file next to it, the input untouched
    const md = copySeed('001', 'c.md');
    const again = gongkai('render', md, '--to', 'md');
    assert.equal(again.code, 0, again.err);
    assert.ok(existsSync(join(dir, 'c-生成.md')));
    assert.deepEqual(readFileSync(md), readFileSync(seedPath('001')));
  });

  it('缺少或写错 --to、文件不存在：中文说明，退出码 2', () => {
    const input = copySeed('001', 'b.txt');
    const none = gongkai('render', input);
    assert.equal(none.code, 2);
    assert.match(none.err, /缺少 --to 输出格式；可选：docx、pdf、html、xlsx、md/);
    const wrong = gongkai('render', input, '--to', 'odt');
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /不支持的输出格式“odt”/);
    const missing = gongkai('render', join(dir, '没有这个文件.txt'), '--to', 'md');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^无法读取：.*没有这个文件\.txt：文件不存在/);
  });

  it('--to pdf：生成后进程正常退出（浏览器已关闭）', { skip: existsSync(chromiumPath()) ? false : `没有找到 Chromium（${chromiumPath()}），跳过` }, () => {
    const input = copySeed('002', 'fuxin.txt');
    const r = gongkai('render', input, '--to', 'pdf');
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(dir, 'fuxin.pdf')).subarray(0, 5).toString(), '%PDF-');
  });

  it('帮助列出 render 命令', () => {
    const r = gongkai('--help');
    assert.match(r.out, /render \[options\] <文件>/);
    assert.match(r.out, /按国家格式生成报告/);
  });
});
