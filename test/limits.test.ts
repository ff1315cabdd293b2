// The shared input limits (src/ingest/limits.ts) as every way in uses them: bytes counted as they
// arrive, whatever size the source claims, and reading stopped at the limit.

import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { IngestError, readBounded } from '../src/index.ts';
import { decodeText } from '../src/ingest/decode.ts';
import { encodeGb18030 } from './support/encode.ts';

describe('readBounded：按实际收到的字节计量', () => {
  it('不超过上限的流原样读完', async () => {
    const chunks = [Buffer.from('某某局'), Buffer.from('2023年'), '年度报告'];
    const bytes = await readBounded(Readable.from(chunks), '上传.txt', 1024);
    assert.equal(Buffer.from(bytes).toString('utf8'), '某某局2023年年度报告');
  });

  it('没有尽头的流：超过上限即停止读取并拒绝，流被关闭', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024, 0x31));
      },
    });
    await assert.rejects(readBounded(endless, '上传.pdf', 1024 * 1024), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.equal(e.code, 'too_large');
      assert.match(e.message, /^上传\.pdf：文件过大（超过 1\.0 MB），超过 1\.0 MB 的上限$/);
      return true;
    });
    assert.ok(endless.destroyed, '流应被关闭');
    assert.ok(produced < 2 * 1024 * 1024, `读了 ${produced} 字节`);
  });

  it('已在内存中的字节：超过上限拒绝，说明大小', async () => {
    await assert.rejects(readBounded(new Uint8Array(2048), '附件.docx', 1024), /附件\.docx：文件过大（2\.0 KB），超过 1\.0 KB 的上限/);
  });
});

describe('文本编码逐行识别', () => {
  it('UTF-8 中有坏字节：按 UTF-8 读，指出所在行', () => {
    const b = Buffer.from('第一行\n第二行有坏字节\n第三行');
    b[b.indexOf('坏')] = 0xff;
    const d = decodeText(b);
    assert.equal(d.encoding, 'utf-8');
    assert.deepEqual(d.mixed?.invalid, [2]);
    assert.ok(d.text.startsWith('第一行\n'));
    assert.ok(d.text.endsWith('\n第三行'));
  });

  it('UTF-8 中粘贴了一行 GBK：该行按 GBK 读', () => {
    const b = Buffer.concat([Buffer.from('某某县教育局\r\n'), Buffer.from(encodeGb18030('政府信息公开工作年度报告')), Buffer.from('\r\n一、总体情况')]);
    const d = decodeText(b);
    assert.equal(d.text, '某某县教育局\r\n政府信息公开工作年度报告\r\n一、总体情况');
    assert.deepEqual(d.mixed?.other, [2]);
    assert.equal(d.mixed?.otherEncoding, 'gb18030');
  });

  it('GBK 中粘贴了一行 UTF-8：该行按 UTF-8 读', () => {
    const b = Buffer.concat([Buffer.from(encodeGb18030('某某县教育局\n政府信息公开工作年度报告\n')), Buffer.from('一、总体情况\n'), Buffer.from(encodeGb18030('二、主动公开政府信息情况'))]);
    const d = decodeText(b);
    assert.equal(d.encoding, 'gb18030');
    assert.equal(d.text, '某某县教育局\n政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况');
    assert.deepEqual(d.mixed?.other, [3]);
  });

  it('纯 GBK 文本：没有提示', () => {
    const d = decodeText(encodeGb18030('某某县教育局\n政府信息公开工作年度报告'));
    assert.equal(d.encoding, 'gb18030');
    assert.equal(d.mixed, undefined);
  });
});
