// DOC reader (Word 97–2003, and WPS files saved as .doc): table cells kept apart, rows and merged
// cells as grids, list numbering recovered; encrypted and broken files refused clearly.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import CFB from 'cfb';
import { parseFile, validateReport } from '../src/index.ts';
import { readDoc } from '../src/ingest/doc.ts';
import { readDocx } from '../src/ingest/docx.ts';
import { IngestError } from '../src/ingest/errors.ts';
import { ingest } from '../src/ingest/index.ts';
import type { Block } from '../src/ingest/types.ts';
import { assertFixtureReport, FIXTURES, wordFixtures } from './support/word-fixtures.ts';

const fixtures = wordFixtures('doc');

describe('DOC 样例文档：逐格取值与来源', () => {
  it('有样例文档', () => assert.ok(fixtures.length >= 2, '找不到 test/fixtures/doc 下的样例'));
  for (const { file, expected: e } of fixtures) {
    it(e.fixture, async () => {
      const report = await parseFile(file);
      assert.deepEqual(validateReport(report), []);
      assertFixtureReport(report, e, 'doc');
    });
  }
});

/** Blocks without paragraph numbers (the two formats count paragraphs in cells differently). */
function shape(blocks: Block[]): unknown[] {
  return blocks.map((b) =>
    b.type === 'paragraph' ? b.text : { table: b.table, rows: b.rows.map((r) => r.map(({ text, row, col, rowSpan, colSpan }) => ({ text, row, col, rowSpan, colSpan }))) },
  );
}

describe('DOC 读取：与同一报告的 DOCX 读出相同的段落和表格', () => {
  for (const name of ['word-merged', 'word-split']) {
    it(name, () => {
      const doc = readDoc(readFileSync(resolve(FIXTURES, `doc/${name}.doc`)), `${name}.doc`);
      const docx = readDocx(readFileSync(resolve(FIXTURES, `docx/${name}.docx`)), `${name}.docx`);
      assert.deepEqual(shape(doc.blocks), shape(docx.blocks));
    });
  }

  it('列表编号（一、（一） 1.）从 Word 的编号定义中恢复', () => {
    const doc = readDoc(readFileSync(resolve(FIXTURES, 'doc/word-merged.doc')), 'word-merged.doc');
    const text = doc.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    for (const h of ['一、总体情况', '（一）主动公开', '（五）监督保障', '六、其他需要报告的事项', '1.部分栏目信息更新不够及时。', '2.政策解读形式较为单一。']) {
      assert.ok(text.includes(h), h);
    }
  });
});

describe('DOC 读取：目录、修订、隐藏文字、嵌套表格（word-revisions）', () => {
  it('目录、删除的修订、隐藏文字不算正文；内层表格跟在外层表格之后', () => {
    const doc = readDoc(readFileSync(resolve(FIXTURES, 'doc/word-revisions.doc')), 'word-revisions.doc');
    const shape = doc.blocks.map((b) => (b.type === 'paragraph' ? b.text : `表${b.table}:${b.rows.map((r) => r.map((c) => c.text).join('|')).join('/')}`));
    // Text boxes live in a separate story of a .doc and are not read.
    assert.deepEqual(shape, ['一、总体情况', '全年共收到申请12件。', '见下框：', '表1:信息内容|本年/行政处罚|5', '表2:7|8', '完']);
  });
});

describe('DOC 读取：加密、损坏或不是 Word 的文件', () => {
  const good = readFileSync(resolve(FIXTURES, 'doc/word-merged.doc'));

  async function refused(bytes: Uint8Array, code: string, pattern: RegExp): Promise<void> {
    await assert.rejects(ingest(bytes, '报告.doc'), (e: unknown) => {
      assert.ok(e instanceof IngestError, String(e));
      assert.equal(e.code, code, e.message);
      assert.match(e.message, /^报告\.doc：/);
      assert.match(e.message, pattern);
      return true;
    });
  }

  /** A compound file with the given top-level streams. */
  function compound(streams: Record<string, Uint8Array>): Uint8Array {
    const cfb = CFB.utils.cfb_new();
    for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(cfb, `/${name}`, content);
    return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
  }

  /** The streams of the good fixture, with `change` applied to a copy of WordDocument. */
  function withWordDocument(change: (wd: Uint8Array) => void): Uint8Array {
    const src = CFB.read(good, { type: 'buffer' });
    const streams: Record<string, Uint8Array> = {};
    src.FullPaths.forEach((p, i) => {
      const e = src.FileIndex[i];
      if (e.type === 2 && p.split('/').length === 2) streams[e.name] = new Uint8Array(e.content as Uint8Array);
    });
    change(streams.WordDocument);
    return compound(streams);
  }

  it('重新封装的正常文档可以读取（下面的拒绝不是因为封装）', async () => {
    const doc = await ingest(withWordDocument(() => {}), 'ok.doc');
    assert.equal(doc.kind, 'doc');
  });

  it('设有打开密码的 .doc', async () => {
    await refused(withWordDocument((wd) => (wd[0x0b] |= 0x01)), 'encrypted', /打开密码/);
  });

  it('设有打开密码的 .docx（复合文档中的 EncryptedPackage）', async () => {
    const bytes = compound({ EncryptionInfo: new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]), EncryptedPackage: new Uint8Array(4096).fill(7) });
    await refused(bytes, 'encrypted', /打开密码.*docx/);
  });

  it('只有一张图片的文档（扫描件，LibreOffice 生成）', async () => {
    await refused(readFileSync(resolve(FIXTURES, 'doc/word-scan.doc')), 'scanned', /只有图片.*OCR/);
  });

  it('截断的文件', async () => {
    await refused(good.subarray(0, 9000), 'corrupt', /已损坏/);
  });

  it('正文流被破坏', async () => {
    await refused(withWordDocument((wd) => wd.fill(0xee, 0x40, 0x400)), 'corrupt', /Word 文档（\.doc）已损坏/);
    await refused(withWordDocument((wd) => (wd[0] = 0)), 'corrupt', /已损坏/);
  });

  it('扇区链循环：读取在有限步内停止并报告损坏', async () => {
    const bytes = new Uint8Array(good);
    const v = new DataView(bytes.buffer);
    const ssz = 1 << v.getUint16(0x1e, true);
    const start = CFB.read(good, { type: 'buffer' }).FileIndex.find((e) => e.name === 'WordDocument')!.start;
    // The WordDocument chain's first sector points back to itself in the allocation table.
    const fatSector = v.getInt32(0x4c + Math.floor(start / (ssz / 4)) * 4, true);
    v.setInt32((fatSector + 1) * ssz + (start % (ssz / 4)) * 4, start, true);
    await refused(bytes, 'corrupt', /扇区链循环/);
  });

  it('复合文档头之后全是乱码', async () => {
    const junk = new Uint8Array(20000);
    junk.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 8; i < junk.length; i++) junk[i] = (i * 7919) & 0xff;
    await refused(junk, 'corrupt', /已损坏/);
  });

  it('Excel 97–2003 表格不当作 Word 文档读', async () => {
    await refused(compound({ Workbook: new Uint8Array(5000) }), 'unsupported', /Excel/);
  });
});
