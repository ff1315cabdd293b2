// DOCX reader: Word tables with merged cells and list-numbered headings read as they print, every
// cell with its table/row/column; hostile packages refused with a clear error before any harm.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { resolve } from 'node:path';
import { deflateSync, zipSync, strToU8 } from 'fflate';
import {
  AlignmentType, DeletedTextRun, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType,
} from 'docx';
import { parseFile, parseReport, validateReport } from '../src/index.ts';
import { readDocx } from '../src/ingest/docx.ts';
import { IngestError } from '../src/ingest/errors.ts';
import { ingest } from '../src/ingest/index.ts';
import type { Block, TableBlock } from '../src/ingest/types.ts';
import { assertFixtureReport, FIXTURES, wordFixtures } from './support/word-fixtures.ts';

const fixtures = wordFixtures('docx');

describe('DOCX 样例文档：逐格取值与来源', () => {
  it('有样例文档', () => assert.ok(fixtures.length >= 2, '找不到 test/fixtures/docx 下的样例'));
  for (const { file, expected: e } of fixtures) {
    it(e.fixture, async () => {
      const report = await parseFile(file);
      assert.deepEqual(validateReport(report), []);
      assertFixtureReport(report, e, 'docx');
    });
  }
});

function tables(blocks: Block[]): TableBlock[] {
  return blocks.filter((b): b is TableBlock => b.type === 'table');
}
function paragraphs(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
}

describe('DOCX 读取：合并单元格、编号、分段的文字', () => {
  const doc = readDocx(readFileSync(resolve(FIXTURES, 'docx/word-merged.docx')), 'word-merged.docx');
  const [t2, t3, t4] = tables(doc.blocks);

  it('标题编号来自 Word 的列表编号', () => {
    const text = paragraphs(doc.blocks);
    for (const h of ['一、总体情况', '（一）主动公开', '（五）监督保障', '二、主动公开政府信息情况', '六、其他需要报告的事项', '1.部分栏目信息更新不够及时。', '2.政策解读形式较为单一。']) {
      assert.ok(text.includes(h), h);
    }
  });

  it('纵向合并的分组标签成为一个跨多行的单元格', () => {
    assert.equal(t3.table, 2);
    const at = (row: number, col: number) => t3.rows[row].find((c) => c.col === col);
    assert.deepEqual(at(0, 0), { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', row: 0, col: 0, rowSpan: 3, colSpan: 3, line: at(0, 0)!.line });
    assert.equal(at(5, 0)?.text, '三、本年度办理结果');
    assert.equal(at(5, 0)?.rowSpan, 22);
    assert.equal(at(7, 1)?.text, '（三）不予公开');
    assert.equal(at(7, 1)?.rowSpan, 8);
    assert.equal(at(1, 4)?.text, '法人或其他组织');
    assert.equal(at(1, 4)?.colSpan, 5);
    // Rows under a merged cell hold only their own cells.
    assert.deepEqual(t3.rows[8].map((c) => c.col), [2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('跨列的表头与一行十五个数', () => {
    assert.deepEqual(t4.rows[0].map((c) => [c.text, c.col, c.colSpan]), [['行政复议', 0, 5], ['行政诉讼', 5, 10]]);
    assert.deepEqual(t4.rows[3].map((c) => c.text).join(' '), '1 0 0 1 2 0 1 0 0 1 0 0 0 0 0');
    assert.equal(t2.rows[6][1].colSpan, 3);
  });

  it('一个数或一个标签分在几段文字里时合起来读', () => {
    assert.equal(t3.rows[3][0].text, '一、本年新收政府信息公开申请数量');
    assert.equal(t3.rows[3][1].text, '25');
  });

  it('单元格里的几个段落用换行连接', () => {
    assert.equal(t3.rows[6][0].text, '（二）部分公开\n（区分处理的，只计这一情形，不计其他情形）');
  });

  it('文档属性只取标题', () => {
    assert.deepEqual(doc.metadata, { title: '示例县自然资源局2023年政府信息公开工作年度报告' });
  });
});

describe('DOCX 读取：目录、修订、隐藏文字、文本框、嵌套表格（word-revisions）', () => {
  const doc = readDocx(readFileSync(resolve(FIXTURES, 'docx/word-revisions.docx')), 'word-revisions.docx');
  const shape = doc.blocks.map((b) => (b.type === 'paragraph' ? b.text : `表${b.table}:${b.rows.map((r) => r.map((c) => c.text).join('|')).join('/')}`));

  it('目录、删除的修订、隐藏文字不算正文；文本框的文字跟在所在段落之后；内层表格跟在外层表格之后', () => {
    assert.deepEqual(shape, ['一、总体情况', '全年共收到申请12件。', '见下框：', '文本框：行政许可46件', '表1:信息内容|本年/行政处罚|5', '表2:7|8', '完']);
  });
});

async function makeDocx(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'heads',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
          ],
        },
        { reference: 'items', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const cell = (text: string, opts: { columnSpan?: number; verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType] } = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...opts });

describe('DOCX 读取：用 Word 文档结构构造的情形', () => {
  it('中文计数编号（chineseCounting）按层级计数，下级在上级之后重新开始', async () => {
    const bytes = await makeDocx([
      new Paragraph({ text: '总体情况', numbering: { reference: 'heads', level: 0 } }),
      new Paragraph({ text: '主动公开', numbering: { reference: 'heads', level: 1 } }),
      new Paragraph({ text: '依申请公开', numbering: { reference: 'heads', level: 1 } }),
      new Paragraph({ text: '主动公开政府信息情况', numbering: { reference: 'heads', level: 0 } }),
      new Paragraph({ text: '制度建设', numbering: { reference: 'heads', level: 1 } }),
      ...Array.from({ length: 9 }, (_, i) => new Paragraph({ text: `事项${i + 1}`, numbering: { reference: 'items', level: 0 } })),
    ]);
    const text = paragraphs(readDocx(bytes, 'a.docx').blocks);
    assert.deepEqual(text.slice(0, 5), ['一、总体情况', '（一）主动公开', '（二）依申请公开', '二、主动公开政府信息情况', '（一）制度建设']);
    assert.equal(text[13], '9.事项9');
  });

  it('表格单元格里的列表编号也按打印的样子读出', async () => {
    const numbered = (text: string) => new TableCell({ children: [new Paragraph({ text, numbering: { reference: 'items', level: 0 } })] });
    const bytes = await makeDocx([
      new Table({ rows: [new TableRow({ children: [numbered('属于国家秘密'), cell('0')] }), new TableRow({ children: [numbered('其他法律行政法规禁止公开'), cell('2')] })] }),
    ]);
    const [t] = tables(readDocx(bytes, 'n.docx').blocks);
    assert.deepEqual(t.rows.map((r) => r[0].text), ['1.属于国家秘密', '2.其他法律行政法规禁止公开']);
  });

  it('vMerge restart/continue 与 gridSpan 解析为原点单元格', async () => {
    const bytes = await makeDocx([
      new Table({
        rows: [
          new TableRow({ children: [cell('三、本年度办理结果', { verticalMerge: VerticalMergeType.RESTART }), cell('（一）予以公开', { columnSpan: 2 }), cell('7')] }),
          new TableRow({ children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('（三）不予公开', { verticalMerge: VerticalMergeType.RESTART }), cell('1.属于国家秘密'), cell('0')] }),
          new TableRow({ children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('2.其他法律行政法规禁止公开'), cell('3')] }),
        ],
      }),
    ]);
    const [t] = tables(readDocx(bytes, 'b.docx').blocks);
    const brief = t.rows.map((r) => r.map((c) => `${c.row},${c.col}${c.rowSpan ? `↓${c.rowSpan}` : ''}${c.colSpan ? `→${c.colSpan}` : ''} ${c.text}`));
    assert.deepEqual(brief, [
      ['0,0↓3 三、本年度办理结果', '0,1→2 （一）予以公开', '0,3 7'],
      ['1,1↓2 （三）不予公开', '1,2 1.属于国家秘密', '1,3 0'],
      ['2,2 2.其他法律行政法规禁止公开', '2,3 3'],
    ]);
  });

  it('删除的修订和隐藏文字不算正文', async () => {
    const bytes = await makeDocx([
      new Paragraph({
        children: [
          new TextRun('共收到申请'),
          new DeletedTextRun({ text: '99', id: 1, author: 'a', date: '2024-01-01T00:00:00Z' }),
          new TextRun('12'),
          new TextRun({ text: '（备注）', vanish: true }),
          new TextRun('件。'),
        ],
      }),
    ]);
    assert.deepEqual(paragraphs(readDocx(bytes, 'c.docx').blocks), ['共收到申请12件。']);
  });

  it('表格中的表格跟在外层表格之后，单列的版式表格按正文读', async () => {
    const inner = new Table({ rows: [new TableRow({ children: [cell('行政许可'), cell('46')] })] });
    const bytes = await makeDocx([
      new Table({
        rows: [
          new TableRow({ children: [new TableCell({ children: [new Paragraph('一、总体情况'), inner, new Paragraph('正文')] })] }),
        ],
      }),
      new Table({
        rows: [new TableRow({ children: [cell('信息内容'), new TableCell({ children: [new Paragraph('本年'), new Table({ rows: [new TableRow({ children: [cell('1'), cell('2')] })] })] })] })],
      }),
    ]);
    const blocks = readDocx(bytes, 'd.docx').blocks;
    const shape = blocks.map((b) => (b.type === 'paragraph' ? b.text : `表${b.table}:${b.rows.map((r) => r.map((c) => c.text).join('|')).join('/')}`));
    assert.deepEqual(shape, ['一、总体情况', '表1:行政许可|46', '正文', '表2:信息内容|本年', '表3:1|2']);
  });
});

describe('DOCX 读取：恶意或损坏的文件', () => {
  const contentTypes = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  const rels = strToU8(
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = (inner: string) =>
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${inner}</w:body></w:document>`;
  const pkg = (document: Uint8Array, extra: Record<string, Uint8Array> = {}) =>
    zipSync({ '[Content_Types].xml': contentTypes, '_rels/.rels': rels, 'word/document.xml': document, ...extra });
  const wordParts = (document: string): RawEntry[] =>
    [['[Content_Types].xml', contentTypes], ['_rels/.rels', rels], ['word/document.xml', strToU8(document)]].map(([name, data]) => ({
      name: name as string,
      data: deflateSync(data as Uint8Array),
      size: (data as Uint8Array).length,
    }));

  async function refused(bytes: Uint8Array, code: string, pattern: RegExp): Promise<void> {
    await assert.rejects(ingest(bytes, '报告.docx'), (e: unknown) => {
      assert.ok(e instanceof IngestError, String(e));
      assert.equal(e.code, code, e.message);
      assert.match(e.message, /^报告\.docx：/);
      assert.match(e.message, pattern);
      return true;
    });
  }

  it('最小的合法包可以读取（下面的拒绝不是因为包本身不对）', async () => {
    const doc = await ingest(pkg(strToU8(body('<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>'))), 'ok.docx');
    assert.deepEqual(paragraphs(doc.blocks), ['一、总体情况']);
  });

  it('正文的命名空间用别的前缀时照常读取', async () => {
    const xml =
      '<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body>' +
      '<x:p><x:r><x:t xml:space="preserve">行政许可 </x:t></x:r><x:r><x:t>4</x:t></x:r><x:r><x:t>6&amp;</x:t></x:r></x:p></x:body></x:document>';
    assert.deepEqual(paragraphs((await ingest(pkg(strToU8(xml)), 'p.docx')).blocks), ['行政许可 46&']);
  });

  it('压缩炸弹：解压后总量超限，在解压前拒绝', async () => {
    // 120 parts of 1 MB of zeros each, about 1 KB compressed: 120 MB declared.
    const mb = deflateSync(new Uint8Array(1024 * 1024));
    const parts = Array.from({ length: 120 }, (_, i) => ({ name: `word/media/image${i}.bin`, data: mb, size: 1024 * 1024 }));
    await refused(rawZip([...wordParts(body('')), ...parts]), 'too_large', /解压后超过.*压缩炸弹/);
  });

  it('压缩炸弹：要读的部件压缩比异常', async () => {
    const bomb = strToU8(body(`<w:p><w:r><w:t>${'0'.repeat(8 * 1024 * 1024)}</w:t></w:r></w:p>`));
    const parts = wordParts(body(''));
    parts[2] = { name: 'word/document.xml', data: deflateSync(bomb), size: bomb.length };
    await refused(rawZip(parts), 'too_large', /document\.xml 压缩比异常/);
  });

  it('不读的部件（一张纯色图片）压缩比再高也不算压缩炸弹', async () => {
    const blank = new Uint8Array(8 * 1024 * 1024);
    const parts = [...wordParts(body('<w:p><w:r><w:t>某某县教育局2023年政府信息公开工作年度报告</w:t></w:r></w:p>')), { name: 'word/media/image1.bin', data: deflateSync(blank), size: blank.length }];
    const doc = await ingest(rawZip(parts), '报告.docx');
    assert.equal(doc.blocks.length, 1);
  });

  it('压缩炸弹：目录中声明的大小是假的，解压到声明大小即停止', async () => {
    const real = strToU8(body(`<w:p><w:r><w:t>${'0'.repeat(4_000_000)}</w:t></w:r></w:p>`));
    const parts = wordParts(body(''));
    parts[2] = { name: 'word/document.xml', data: deflateSync(real), size: 1000 };
    await refused(rawZip(parts), 'too_large', /超过其声明的大小/);
  });

  it('部件数量超限', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({ name: `word/x${i}.xml`, data: new Uint8Array(0), size: 0, stored: true }));
    await refused(rawZip([...wordParts(body('')), ...many]), 'too_large', /部件/);
  });

  it('带 DTD 的实体膨胀（billion laughs）被拒绝', async () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>';
    await refused(pkg(strToU8(lol)), 'corrupt', /DTD/);
  });

  it('只有一张图片的文档（扫描件，LibreOffice 生成）', async () => {
    await refused(readFileSync(resolve(FIXTURES, 'docx/word-scan.docx')), 'scanned', /只有图片.*OCR/);
  });

  it('截断的文件', async () => {
    const bytes = readFileSync(resolve(FIXTURES, 'docx/word-merged.docx'));
    await refused(bytes.subarray(0, Math.floor(bytes.length / 2)), 'corrupt', /已损坏/);
  });

  it('压缩数据损坏', async () => {
    const text = strToU8(body(`<w:p><w:r><w:t>${'一、总体情况'.repeat(2000)}</w:t></w:r></w:p>`));
    const data = deflateSync(text);
    for (let k = 8; k < data.length - 8; k++) data[k] = 0xff;
    const parts = wordParts(body(''));
    parts[2] = { name: 'word/document.xml', data, size: text.length };
    await refused(rawZip(parts), 'corrupt', /Word 文档（\.docx）已损坏/);
  });

  it('不是 Word 文档的 ZIP 压缩包', async () => {
    await assert.rejects(ingest(zipSync({ 'a.txt': strToU8('你好') }), '资料.zip'), (e: unknown) => e instanceof IngestError && e.code === 'unsupported' && /ZIP/.test(e.message));
    // A package with Word's content types but no document part.
    await refused(zipSync({ '[Content_Types].xml': contentTypes, 'word/readme.txt': strToU8('x') }), 'unsupported', /不是 Word 文档/);
  });

  it('Excel 文件不当作 Word 文档读', async () => {
    const xlRels = strToU8(new TextDecoder().decode(rels).replace('word/document.xml', 'xl/workbook.xml'));
    await refused(zipSync({ '[Content_Types].xml': contentTypes, '_rels/.rels': xlRels, 'xl/workbook.xml': strToU8('<workbook/>') }), 'unsupported', /Excel/);
  });

  it('没有文字的文档；只有图片的文档（扫描件）', async () => {
    await refused(pkg(strToU8(body('<w:p/>'))), 'empty', /没有文字/);
    await refused(pkg(strToU8(body('<w:p/>')), { 'word/media/image1.png': new Uint8Array(100) }), 'scanned', /扫描件.*OCR/);
  });

  it('解析报告时错误照常抛出（与文本相同的约定）', async () => {
    await assert.rejects(parseReport(pkg(strToU8(body('<w:p><w:r><w:t>会议纪要</w:t></w:r></w:p>'))), { name: '纪要.docx' }), /纪要\.docx：没有找到/);
  });
});

interface RawEntry {
  name: string;
  /** Deflated bytes (or the bytes themselves when `stored`). */
  data: Uint8Array;
  /** Uncompressed size as declared in the archive (may lie). */
  size: number;
  stored?: boolean;
}

/** A ZIP archive written by hand, so that tests can declare any sizes they like. */
function rawZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, e.stored ? 0 : 8, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, e.stored ? 0 : 8, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries.length, 0xffff), true);
  ev.setUint16(10, Math.min(entries.length, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const c of [...chunks, ...central, eocd]) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
