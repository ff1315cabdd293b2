// Hostile and odd input: a clear Chinese error naming the file, never a crash, never invented
// zeros, bounded work. Encodings are detected from the content.

import assert from 'node:assert/strict';
import { mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { IngestError, parseFile, parseReport } from '../src/index.ts';
import { encodeGb18030, encodeUtf16 } from './support/encode.ts';
import { seedBytes } from './support/seeds.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function refused(input: Uint8Array | string, name: string): Promise<IngestError> {
  try {
    await parseReport(input, { name });
  } catch (e) {
    assert.ok(e instanceof IngestError, `应为 IngestError，实际为 ${(e as Error).stack}`);
    assert.match(e.message, new RegExp(`^${name}：`), '错误信息以文件名开头');
    assert.match(e.message, /[\u4e00-\u9fa5]{4}/, '错误信息是中文');
    return e;
  }
  assert.fail(`${name} 应被拒绝`);
}

describe('拒绝无法读取的输入', () => {
  it('空文件', async () => {
    assert.equal((await refused(new Uint8Array(0), '空.txt')).code, 'empty');
    assert.equal((await refused('   \n\n\t\n', '空白.txt')).code, 'empty');
  });

  it('二进制垃圾', async () => {
    let seed = 12345;
    const bytes = new Uint8Array(64 * 1024).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >> 16) & 0xff);
    const e = await refused(bytes, '垃圾.bin');
    assert.ok(['binary', 'no_report', 'unsupported'].includes(e.code), e.code);
  });

  it('50 MB 的文件在读入前就被拒绝', async () => {
    const p = join(dir, 'huge.txt');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024); // sparse: nothing is written, nothing should be read
    closeSync(fd);
    const before = process.memoryUsage().rss;
    await assert.rejects(parseFile(p), (e: unknown) => e instanceof IngestError && e.code === 'too_large' && /50\.0 MB/.test(e.message));
    assert.ok(process.memoryUsage().rss - before < 30 * 1024 * 1024, '不应把整个文件读进内存');
  });

  it('超过文本上限的大文本被拒绝', async () => {
    const big = new Uint8Array(9 * 1024 * 1024).fill(0x41);
    assert.equal((await refused(big, '大.txt')).code, 'too_large');
  });

  it('不是年度报告的文字', async () => {
    const e = await refused('今天天气很好。\n我们去公园散步，看到了很多花。\n', '散文.txt');
    assert.equal(e.code, 'no_report');
    assert.match(e.message, /没有找到政府信息公开工作年度报告的内容/);
  });

  it('不存在的文件', async () => {
    await assert.rejects(parseFile(join(dir, 'nope.txt')), (e: unknown) => e instanceof IngestError && /不存在/.test(e.message));
  });

  it('图片和压缩包说明原因', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    assert.match((await refused(png, '扫描件.png')).message, /图片.*OCR/);
    const zip = zipSync({ '说明.txt': strToU8('附件') });
    assert.match((await refused(zip, '附件.zip')).message, /ZIP 压缩包，不是年度报告文档/);
    // cut off before its directory: a damaged file (it may have been a Word document), not "a ZIP archive"
    assert.match((await refused(zip.subarray(0, 30), '附件2.zip')).message, /文件不完整.*截断/);
  });
});

describe('没有表格的报告', () => {
  it('给出缺表错误，单元格为空值而不是0', async () => {
    const text = [
      '某某县教育局2023年政府信息公开工作年度报告',
      '一、总体情况',
      '2023年，我局认真贯彻落实《条例》。',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
      '无。',
    ].join('\n');
    const r = await parseReport(text, { name: '无表.txt' });
    assert.equal(r.agency, '某某县教育局');
    assert.equal(r.year, 2023);
    const missing = r.diagnostics.filter((d) => d.rule === 'structure.table_missing');
    assert.equal(missing.length, 3);
    assert.ok(missing.every((d) => d.severity === 'error'));
    for (const [address, cell] of Object.entries(r.cells)) {
      assert.equal(cell.status, 'missing', address);
      const [t, row, col] = address.split('.');
      assert.equal(r.tables[t][row][col], null, address);
    }
    assert.ok(!r.diagnostics.some((d) => d.rule.startsWith('applications.')), '缺表不引发勾稽错误');
  });
});

describe('编码从内容识别', () => {
  const expectSame = async (bytes: Uint8Array, name: string) => {
    const ref = await parseReport(seedBytes('001'), { name: 'ref', check: false });
    const r = await parseReport(bytes, { name, check: false });
    assert.deepEqual(r.tables, ref.tables);
    assert.equal(r.agency, ref.agency);
    return r;
  };
  const text = seedBytes('001').toString('utf8');

  it('UTF-8 带 BOM', async () => {
    const r = await expectSame(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seedBytes('001')]), 'bom.txt');
    assert.equal(r.source.encoding, 'utf-8');
  });
  it('UTF-16LE 与 UTF-16BE，带或不带 BOM', async () => {
    assert.equal((await expectSame(encodeUtf16(text, 'le', true), 'le-bom.txt')).source.encoding, 'utf-16le');
    assert.equal((await expectSame(encodeUtf16(text, 'be', true), 'be-bom.txt')).source.encoding, 'utf-16be');
    assert.equal((await expectSame(encodeUtf16(text, 'le', false), 'le.txt')).source.encoding, 'utf-16le');
    assert.equal((await expectSame(encodeUtf16(text, 'be', false), 'be.txt')).source.encoding, 'utf-16be');
  });
  it('GB18030/GBK', async () => {
    const r = await expectSame(encodeGb18030(text), 'gbk.txt');
    assert.equal(r.source.encoding, 'gb18030');
  });
});

describe('病态输入有界', () => {
  it('一行十万字、成千上万个重复标签：照常结束，不崩溃', async () => {
    const line = '一、本年新收政府信息公开申请数量 0 0 0 '.repeat(3000);
    const text = `某某局2023年政府信息公开工作年度报告\n${line}\n${'（七）总计\n'.repeat(20000)}`;
    const r = await parseReport(text, { name: '病态.txt' });
    assert.equal(r.schema, 'gongkai.report/1');
  });

  it('只有换行和制表符的巨型文件', async () => {
    const p = join(dir, 'tabs.txt');
    writeFileSync(p, '\t\n'.repeat(2_000_000));
    await assert.rejects(parseFile(p), (e: unknown) => e instanceof IngestError);
  });
});

describe('文本里的标记与网页残留', () => {
  it('Markdown 的 #、>、** 不进入机关名称和标题', async () => {
    const text = [
      '# 某某县教育局2023年政府信息公开工作年度报告',
      '',
      '> **草稿**',
      '',
      '## 一、总体情况',
      '',
      '2023年，我局认真贯彻落实《条例》。',
      '',
      '## 二、主动公开政府信息情况',
    ].join('\n');
    const r = await parseReport(text, { name: 'r.md', check: false });
    assert.equal(r.agency, '某某县教育局');
    assert.deepEqual(r.sections.filter((s) => s.id).map((s) => s.title), ['一、总体情况', '二、主动公开政府信息情况']);
  });

  it('网页上复制下来的栏目名、浏览次数、字体大小不算正文', async () => {
    const text = [
      '政府信息公开',
      '某某县教育局2023年政府信息公开工作年度报告',
      '发布时间:2024-01-20 10:44浏览次数:字体:[ 大 中 小 ]',
      '【打印本页】 【关闭窗口】',
      '一、总体情况',
      '2023年，我局认真贯彻落实《条例》。',
    ].join('\n');
    const r = await parseReport(text, { name: 'page.txt', check: false });
    assert.equal(r.published, '2024-01-20');
    const all = r.sections.map((s) => s.text).join('\n');
    assert.doesNotMatch(all, /浏览次数|打印本页|政府信息公开$/m);
    assert.match(all, /认真贯彻落实/);
  });
});
