// HTML reader: the hand-written portal pages in test/fixtures/html parse to exactly the values
// typed into them (NAME.expected.json, written by hand), with cell provenance, page metadata and
// every encoding; markup details and hostile pages are handled or refused with Chinese errors.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { getFormat, parseFile, parseReport, validateReport, type Report } from '../src/index.ts';
import { IngestError } from '../src/ingest/errors.ts';
import { readHtml } from '../src/ingest/html.ts';
import { LIMITS } from '../src/ingest/limits.ts';
import type { TableBlock } from '../src/ingest/types.ts';

interface Expected {
  fixture: string;
  encoding: string;
  agency: string;
  year: number;
  format: string;
  published: string;
  metadata: Record<string, string>;
  sections: string[];
  tables: Record<string, Record<string, (number | null)[]>>;
  status: Record<string, string>;
  cellPositions: Record<string, { table: number; row: number; col: number } | string>;
}

const dir = new URL('./fixtures/html/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Expected);
const pagePath = (name: string) => new URL(`${name}.html`, dir).pathname;
const enc = new TextEncoder();

function tables(html: string): TableBlock[] {
  return readHtml(enc.encode(html), 't.html').blocks.filter((b): b is TableBlock => b.type === 'table');
}

async function refusal(bytes: Uint8Array, name = '恶意网页.html'): Promise<IngestError> {
  try {
    await parseReport(bytes, { name });
  } catch (e) {
    assert.ok(e instanceof IngestError, `应为 IngestError：${(e as Error).message}`);
    assert.ok(e.message.startsWith(`${name}：`), e.message);
    assert.match(e.message, /[\u4e00-\u9fff]/);
    return e;
  }
  assert.fail('应当拒绝读取');
}

it('四个网页样例都在', () => {
  assert.deepEqual(fixtures.map((f) => f.fixture), ['heting-scjg-2021', 'shidi-town-2023', 'tangxi-jtys-2020', 'yunxiu-zrzy-2022']);
});

for (const x of fixtures) {
  describe(`网页样例 ${x.fixture}`, () => {
    let report: Report;
    it('按内容识别为网页并解析，符合交换格式', async () => {
      report = await parseFile(pagePath(x.fixture));
      assert.deepEqual(validateReport(report), []);
      assert.equal(report.source.kind, 'html');
      assert.equal(report.source.encoding, x.encoding);
    });

    it('机关、年度、格式、日期', () => {
      assert.equal(report.agency, x.agency);
      assert.equal(report.year, x.year);
      assert.equal(report.format, x.format);
      assert.equal(report.published, x.published);
    });

    it('找到六个部分', () => {
      assert.deepEqual(new Set(report.sections.map((s) => s.id).filter(Boolean)), new Set(x.sections));
    });

    it('每个单元格的取值与网页一致', () => {
      for (const t of getFormat(x.format).tables) {
        for (const row of t.rows) {
          row.columns.forEach((col, i) => {
            assert.strictEqual(report.tables[t.id][row.id][col.id], x.tables[t.id][row.id][i], `${t.id}.${row.id}.${col.id}`);
          });
        }
      }
    });

    it('每个单元格的状态与来源（表、行、列）', () => {
      for (const [address, cell] of Object.entries(report.cells)) {
        assert.equal(cell.status, x.status[address] ?? 'read', address);
        if (cell.status === 'read' || cell.status === 'not_applicable') {
          assert.ok(cell.table && cell.table >= 1 && cell.table <= 3, `${address} 表号 ${cell.table}`);
          assert.ok(cell.row && cell.row >= 1 && cell.col && cell.col >= 1, `${address} 行列 ${cell.row},${cell.col}`);
          assert.ok(cell.line && cell.line > 0, `${address} 源码行 ${cell.line}`);
        }
      }
      for (const [address, pos] of Object.entries(x.cellPositions)) {
        if (typeof pos === 'string') continue;
        const cell = report.cells[address];
        assert.deepEqual({ table: cell.table, row: cell.row, col: cell.col }, pos, address);
      }
    });

    it('页面元数据（发布机构、日期、索引号、标题）', () => {
      const doc = readHtml(readFileSync(pagePath(x.fixture)), x.fixture);
      assert.deepEqual(doc.metadata, x.metadata);
    });

    it('只有报告的三张表，元数据表和版式表不算在内', () => {
      const doc = readHtml(readFileSync(pagePath(x.fixture)), x.fixture);
      const found = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
      assert.deepEqual(found.map((t) => t.table), [1, 2, 3]);
      const text = doc.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.rows.flat().map((c) => c.text).join(' '))).join('\n');
      for (const chrome of ['索引号', '网站标识码', 'ICP备', '当前位置', '您的位置', '首页']) assert.ok(!text.includes(chrome), `报告内容中不应有“${chrome}”`);
    });
  });
}

describe('网页的内容取自元数据', () => {
  it('标题和正文都没有机关名称、没有落款时，机关和日期来自元数据', async () => {
    const report = await parseFile(pagePath('heting-scjg-2021'));
    assert.equal(report.origin?.agency?.via, 'metadata');
    assert.equal(report.origin?.published?.via, 'metadata');
  });

  it('有落款时以落款日期为准，元数据的发布日期不覆盖它', async () => {
    const report = await parseFile(pagePath('tangxi-jtys-2020'));
    assert.equal(report.published, '2021-01-25');
    assert.equal(report.origin?.published?.via, 'signature');
  });
});

describe('网页编码', () => {
  it('声明 gb2312 而实为 GBK 的网页：GBK 独有的字读得出', async () => {
    const report = await parseFile(pagePath('tangxi-jtys-2020'));
    assert.ok(report.sections.some((s) => s.text.includes('碶头港区')));
  });

  it('未声明编码的 GB18030 网页：四字节字符读得出', async () => {
    const report = await parseFile(pagePath('shidi-town-2023'));
    assert.equal(report.source.encoding, 'gb18030');
    assert.ok(report.agency?.includes('䃅'));
  });

  const body = '<p>一、总体情况</p><p>本机关2023年公开信息。碶</p>';
  const gbk = (s: string) => {
    // GBK bytes for the few characters used, from the GB18030 decoder's inverse over the BMP.
    const table = new Map<string, number[]>();
    const dec = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([hi, lo]));
        if (!table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
    const out: number[] = [];
    for (const ch of s) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) out.push(code);
      else out.push(...table.get(ch)!);
    }
    return new Uint8Array(out);
  };

  it('<meta charset="gbk">', () => {
    const doc = readHtml(gbk(`<html><head><meta charset="gbk"></head><body>${body}</body></html>`), 'a.html');
    assert.equal(doc.encoding, 'gb18030');
    assert.ok(doc.blocks.some((b) => b.type === 'paragraph' && b.text === '本机关2023年公开信息。碶'));
  });

  it('<meta http-equiv="Content-Type" content="text/html; charset=GB2312">', () => {
    const doc = readHtml(gbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312"></head><body>${body}</body></html>`), 'a.html');
    assert.equal(doc.encoding, 'gb18030');
    assert.ok(doc.blocks.some((b) => b.type === 'paragraph' && b.text.endsWith('碶')));
  });

  it('声明 gb2312 但实为 UTF-8 的网页按 UTF-8 读', () => {
    const doc = readHtml(enc.encode(`<html><head><meta charset="gb2312"></head><body>${body}</body></html>`), 'a.html');
    assert.equal(doc.encoding, 'utf-8');
    assert.ok(doc.blocks.some((b) => b.type === 'paragraph' && b.text.endsWith('碶')));
  });

  it('声明 utf-8 但实为 GBK 的网页按 GB18030 读', () => {
    const doc = readHtml(gbk(`<html><head><meta charset="utf-8"></head><body>${body}</body></html>`), 'a.html');
    assert.equal(doc.encoding, 'gb18030');
    assert.ok(doc.blocks.some((b) => b.type === 'paragraph' && b.text.endsWith('碶')));
  });

  it('带 BOM 的 UTF-8 网页', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(`<html><body>${body}</body></html>`)]);
    const doc = readHtml(bytes, 'a.html');
    assert.equal(doc.encoding, 'utf-8');
    assert.equal(doc.blocks[0].type === 'paragraph' && doc.blocks[0].text, '一、总体情况');
  });
});

describe('网页结构', () => {
  it('rowspan/colspan 按浏览器的方式排布，只保留起始单元格', () => {
    const [t] = tables('<table><tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td><td>5</td></tr></table>');
    assert.deepEqual(
      t.rows.map((r) => r.map((c) => [c.text, c.row, c.col, c.rowSpan ?? 1, c.colSpan ?? 1])),
      [
        [['甲', 0, 0, 2, 1], ['乙', 0, 1, 1, 2]],
        [['1', 1, 1, 1, 1], ['2', 1, 2, 1, 1]],
        [['3', 2, 0, 1, 1], ['4', 2, 1, 1, 1], ['5', 2, 2, 1, 1]],
      ],
    );
  });

  it('rowspan="0" 延伸到表尾；colspan="100000" 截为 100', () => {
    const [t] = tables('<table><tr><td rowspan="0">甲</td><td colspan="100000">乙</td></tr><tr><td>1</td></tr><tr><td>2</td></tr></table>');
    assert.equal(t.rows[0][0].rowSpan, 3);
    assert.equal(t.rows[0][1].colSpan, 100);
    assert.deepEqual(t.rows.slice(1).map((r) => [r[0].row, r[0].col]), [[1, 1], [2, 1]]);
  });

  it('单元格内的 <br> 和 <p> 保留为换行，&nbsp; 与多余空白去掉', () => {
    const [t] = tables('<table><tr><td><p>结果</p><p><span>维持</span></p></td><td>尚未<br/>审结</td></tr><tr><td>&nbsp;12&nbsp;</td><td>\n 3 </td></tr></table>');
    assert.deepEqual(t.rows.map((r) => r.map((c) => c.text)), [['结果\n维持', '尚未\n审结'], ['12', '3']]);
  });

  it('数据表的 <caption> 是表的标题，不进正文；版式表的 <caption> 照常是内容', () => {
    const doc = readHtml(
      enc.encode(
        '<p>二、主动公开政府信息情况</p><table><caption>表二　主动公开政府信息情况统计表</caption><tr><td>行政许可</td><td>7</td></tr><tr><td>行政处罚</td><td>2</td></tr></table>' +
          '<table><caption>通知公告</caption><tr><td>只有一列</td></tr></table>',
      ),
      't.html',
    );
    const t = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
    assert.equal(t[0].caption, '表二　主动公开政府信息情况统计表');
    const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text);
    assert.ok(!paragraphs.some((p) => p.includes('统计表')));
    assert.ok(paragraphs.includes('通知公告'));
  });

  it('版式表格展开为内容，报告的表是最内层的数据表', () => {
    const doc = readHtml(
      enc.encode(
        '<table><tr><td><a href="/">首页</a></td><td><table><tr><td>第二十条第（五）项</td><td>x</td></tr><tr><td>行政许可</td><td>7</td></tr></table><p>一、总体情况</p></td></tr></table>',
      ),
      't.html',
    );
    const t = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
    assert.equal(t.length, 1);
    assert.equal(t[0].table, 1);
    assert.deepEqual(t[0].rows[1].map((c) => c.text), ['行政许可', '7']);
    assert.ok(doc.blocks.some((b) => b.type === 'paragraph' && b.text === '一、总体情况'));
  });

  it('报告在别的页面结构中：标题在 <header> 里，主栏类名带 left，旁栏有往年报告的链接', async () => {
    const page = readFileSync(pagePath('yunxiu-zrzy-2022'), 'utf8');
    const article = page.slice(page.indexOf('<!--ZJEG_RSS.content.begin-->'), page.indexOf('<!--ZJEG_RSS.content.end-->'));
    const html =
      '<!doctype html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>' +
      '<nav><a href="/">首页</a><a href="/ndbg/">政府信息公开年报</a></nav>' +
      '<div class="main-left"><article><header><h1>云岫市自然资源和规划局2022年政府信息公开工作年度报告</h1><div class="info">发布时间：2023-01-16　来源：云岫市自然资源和规划局</div></header>' +
      `<div class="body">${article}</div></article></div>` +
      '<div class="sidebar"><h3>往年报告</h3><ul><li><a href="/1.html">云岫市自然资源和规划局2021年政府信息公开工作年度报告</a></li></ul></div>' +
      '<footer>网站标识码：5399000031</footer></body></html>';
    const doc = readHtml(enc.encode(html), 'b.html');
    assert.equal(doc.metadata?.title, '云岫市自然资源和规划局2022年政府信息公开工作年度报告');
    assert.equal(doc.metadata?.published, '2023-01-16');
    const report = await parseReport(enc.encode(html), { name: 'b.html' });
    assert.equal(report.agency, '云岫市自然资源和规划局');
    assert.equal(report.year, 2022);
    assert.equal(report.tables.applications.results_total.total, 70);
    assert.equal(report.tables.review_litigation.litigation_after_review.total, 2);
  });

  it('脚本、样式、noscript、iframe、template、注释和隐藏内容不读', () => {
    const doc = readHtml(
      enc.encode(
        '<html><head><style>p{}</style><script>document.write("<p>脚本</p>")</script></head><body><noscript>无脚本</noscript><template><p>模板</p></template><iframe src="x">框架</iframe><!-- 注释 --><div style="display:none">隐藏</div><p hidden>隐藏</p><p>正文</p></body></html>',
      ),
      't.html',
    );
    assert.deepEqual(doc.blocks.map((b) => b.type === 'paragraph' && b.text), ['正文']);
  });
});

describe('恶意或无效的网页', () => {
  it('嵌套过深：拒绝并说明', async () => {
    const e = await refusal(enc.encode(`<html><body>${'<div>'.repeat(100_000)}一、总体情况`));
    assert.equal(e.code, 'corrupt');
    assert.match(e.message, /嵌套超过/);
  });

  it('标签过多：拒绝并说明', async () => {
    const e = await refusal(enc.encode(`<html><body>${'<b></b>'.repeat(250_000)}`));
    assert.equal(e.code, 'corrupt');
    assert.match(e.message, /标签超过/);
  });

  it('一处 colspan=100000 照常读取；满表的巨大跨度被拒绝', async () => {
    const page = readFileSync(pagePath('yunxiu-zrzy-2022'), 'utf8').replace('<td colspan="5"><p align="center"><span style="font-family:宋体;">行政复议', '<td colspan="100000"><p align="center"><span style="font-family:宋体;">行政复议');
    const report = await parseReport(enc.encode(page), { name: 'a.html' });
    assert.equal(report.tables.applications.new_received.total, 74);
    const e = await refusal(enc.encode(`<html><body><table>${'<tr><td colspan=100000 rowspan=100000>1</td><td>2</td></tr>'.repeat(5000)}</table>`));
    assert.equal(e.code, 'too_large');
  });

  it('8 MB 的无用内容：说明没有年度报告，不崩溃', async () => {
    // Markup junk (attributes, comments, scripts) up to the size limit. Plain text of that size
    // is the parser's business and is covered by its own tests.
    const bytes = new Uint8Array(LIMITS.maxTextBytes);
    bytes.set(enc.encode('<html><body>'));
    const filler = enc.encode(`<div class="c" data-x="${'z'.repeat(300)}"><!-- ${'注释'.repeat(100)} --><script>var a="${'y'.repeat(300)}";</script><span style="color:red">无关</span></div>\n`);
    for (let i = 12; i + filler.length <= bytes.length; i += filler.length) bytes.set(filler, i);
    const e = await refusal(bytes);
    assert.equal(e.code, 'no_report');
  });

  it('超过大小上限：拒绝', async () => {
    const bytes = new Uint8Array(LIMITS.maxTextBytes + 1).fill(0x61);
    bytes.set(enc.encode('<html><body><p>'));
    const e = await refusal(bytes);
    assert.equal(e.code, 'too_large');
  });

  it('没有表格也没有报告内容的网页：说明没有年度报告', async () => {
    const e = await refusal(enc.encode('<html><body><div class="nav"><a href="/">首页</a></div><p>欢迎访问本网站</p></body></html>'));
    assert.equal(e.code, 'no_report');
  });

  it('看似网页的二进制数据：拒绝', async () => {
    const bytes = new Uint8Array(100_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 255;
    bytes.set(enc.encode('<html><body>'));
    const e = await refusal(bytes);
    assert.equal(e.code, 'binary');
  });
});
