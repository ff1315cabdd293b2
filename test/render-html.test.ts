// The HTML page: escaped text, semantic tables whose merged cells are those of the national
// format, accessible structure, no external resources, draft watermark.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import { getFormat, parseFile, parseReport, type Report } from '../src/index.ts';
import { READERS } from '../src/ingest/readers.ts';
import { escapeHtml, printable } from '../src/render/escape.ts';
import { renderHtml } from '../src/render/html.ts';
import { tableLayout } from '../src/render/table-layout.ts';
import { reportArbitrary, sampleReport } from './support/render-reports.ts';
import { seedPath } from './support/seeds.ts';

const HOSTILE = `<script>alert("x")</script> & 'quoted' "double" </p><img src=x onerror=alert(1)>`;

function dom(html: string) {
  return parseDocument(html);
}

function elements(root: ReturnType<typeof dom>, name: string): Element[] {
  return findAll((e) => e.name === name, root.children);
}

function text(e: Element): string {
  return textContent(e);
}

describe('escapeHtml', () => {
  it('标签、引号、& 都转义，原样显示为文字', () => {
    assert.equal(escapeHtml('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(escapeHtml(`a "b" 'c'`), 'a &quot;b&quot; &#39;c&#39;');
    assert.equal(escapeHtml('A&B &amp; C'), 'A&amp;B &amp;amp; C');
    assert.equal(escapeHtml('一、总体情况'), '一、总体情况');
  });

  it('去掉不能出现在文档里的控制字符，保留换行和制表符', () => {
    assert.equal(printable('a\u0000b\u0007c\u001bd\te\nf'), 'abcd\te\nf');
    assert.equal(escapeHtml('x\u0008<y>'), 'x&lt;y&gt;');
    // a lone surrogate is dropped, a real pair (𠀀) kept
    assert.equal(printable('a\ud800b\ud840\udc00'), 'ab\ud840\udc00');
  });
});

describe('报告中有恶意文字时', () => {
  const report: Report = {
    ...sampleReport('2021', 3),
    agency: HOSTILE,
  };
  report.sections = report.sections.map((s) => (s.id === 'problems' ? { ...s, text: `${HOSTILE}\n第二段 a<b && c>d` } : s));
  const html = renderHtml(report);
  const doc = dom(html);

  it('页面里没有脚本、图片或事件属性', () => {
    assert.equal(elements(doc, 'script').length, 0);
    assert.equal(elements(doc, 'img').length, 0);
    assert.ok(!/onerror/i.test(html.replace(/onerror=alert\(1\)&gt;/g, '')), '事件属性只能作为转义后的文字出现');
  });

  it('读回的文字与原文一字不差', () => {
    const h1 = elements(doc, 'h1')[0];
    assert.equal(text(h1), `${HOSTILE}2023年政府信息公开工作年度报告`);
    const paragraphs = elements(doc, 'p').map(text);
    assert.ok(paragraphs.includes(HOSTILE));
    assert.ok(paragraphs.includes('第二段 a<b && c>d'));
    const title = elements(doc, 'title')[0];
    assert.equal(text(title), `${HOSTILE}2023年政府信息公开工作年度报告`);
  });
});

/** Position every cell of an HTML table (the HTML table model: rowspan/colspan fill slots). */
function htmlGrid(table: Element) {
  const rows = findAll((e) => e.name === 'tr', table.children);
  const taken: boolean[][] = rows.map(() => []);
  const cells: { row: number; col: number; rowSpan: number; colSpan: number; tag: string; scope?: string | undefined; text: string }[] = [];
  rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of tr.children.filter((n): n is Element => (n as Element).name === 'th' || (n as Element).name === 'td')) {
      while (taken[r][c]) c++;
      const rowSpan = Number(getAttributeValue(cell, 'rowspan') ?? 1);
      const colSpan = Number(getAttributeValue(cell, 'colspan') ?? 1);
      for (let i = r; i < r + rowSpan; i++) for (let j = c; j < c + colSpan; j++) taken[i][j] = true;
      cells.push({ row: r, col: c, rowSpan, colSpan, tag: cell.name, scope: getAttributeValue(cell, 'scope'), text: text(cell) });
      c += colSpan;
    }
  });
  return { cells, width: Math.max(...taken.map((t) => t.length)), height: rows.length };
}

for (const formatId of ['2021', '2019']) {
  describe(`${formatId}年版格式的表格`, () => {
    const report = sampleReport(formatId, 11);
    const format = getFormat(formatId);
    const doc = dom(renderHtml(report));
    const table = (id: string) => findOne((e) => e.name === 'table' && getAttributeValue(e, 'data-table') === id, doc.children)!;

    it('每张表的 th/td、scope、rowspan、colspan 与表格布局逐格一致', () => {
      for (const t of format.tables) {
        const layout = tableLayout(t, { values: report.tables[t.id], cells: report.cells });
        const grid = htmlGrid(table(t.id));
        assert.equal(grid.width, layout.columns, `${t.name} 列数`);
        assert.equal(grid.height, layout.rows.length, `${t.name} 行数`);
        const expected = layout.rows.flat().map((c) => ({
          row: c.row,
          col: c.col,
          rowSpan: c.rowSpan,
          colSpan: c.colSpan,
          tag: c.kind === 'value' || c.kind === 'note' ? 'td' : 'th',
          scope: c.kind === 'value' || c.kind === 'note' ? undefined : c.scope,
          text: c.text,
        }));
        assert.deepEqual(grid.cells, expected, t.name);
      }
    });

    it('国家格式的合并表头（按格式文件读出）', () => {
      const cell = (id: string, label: string) => htmlGrid(table(id)).cells.find((c) => c.text === label);
      // 表三: 申请人情况 over the seven applicant columns, 法人或其他组织 over five of them,
      // 自然人 and 总计 spanning the two lower header rows.
      assert.deepEqual({ ...cell('applications', '申请人情况'), text: undefined }, { row: 0, col: 3, rowSpan: 1, colSpan: 7, tag: 'th', scope: 'colgroup', text: undefined });
      assert.equal(cell('applications', '法人或其他组织')?.colSpan, 5);
      assert.equal(cell('applications', '自然人')?.rowSpan, 2);
      assert.equal(cell('applications', '总计')?.rowSpan, 2);
      // the 勾稽关系 note fills the top-left block (three header rows × three label columns)
      const note = htmlGrid(table('applications')).cells[0];
      assert.deepEqual([note.row, note.col, note.rowSpan, note.colSpan, note.tag], [0, 0, 3, 3, 'td']);
      assert.match(note.text, /勾稽关系/);
      // 三、本年度办理结果 spans its result rows: (一)(二), 8 不予公开, 3 无法提供, 5 不予处理,
      // 其他处理 (3 rows in 2021, 1 in 2019) and (七)总计.
      const results = cell('applications', '三、本年度办理结果')!;
      assert.equal(results.rowSpan, formatId === '2021' ? 22 : 20);
      assert.equal(results.scope, 'rowgroup');
      assert.equal(cell('applications', '（三）不予公开')?.rowSpan, 8);
      assert.equal(cell('applications', '（五）不予处理')?.rowSpan, 5);
      // 表四: 行政复议 over 5 columns, 行政诉讼 over 10, each kind of suit over 5.
      assert.equal(cell('review_litigation', '行政复议')?.colSpan, 5);
      assert.equal(cell('review_litigation', '行政诉讼')?.colSpan, 10);
      assert.equal(cell('review_litigation', '未经复议直接起诉')?.colSpan, 5);
      assert.equal(cell('review_litigation', '复议后起诉')?.colSpan, 5);
      assert.equal(htmlGrid(table('review_litigation')).cells.filter((c) => c.tag === 'td').length, 15);
    });

    it('数值按报告写入对应单元格', () => {
      const grid = htmlGrid(table('applications'));
      const row = grid.cells.find((c) => c.text === '四、结转下年度继续办理')!;
      const values = grid.cells.filter((c) => c.row === row.row && c.tag === 'td').map((c) => c.text);
      const cf = report.tables.applications.carried_forward;
      assert.deepEqual(values, format.table('applications').columns.map((c) => String(cf[c.id])));
    });

    it('每张表有说明标题（caption）和表头分组（thead）', () => {
      for (const t of format.tables) {
        const el = table(t.id);
        const caption = findOne((e) => e.name === 'caption', el.children);
        assert.ok(caption && text(caption).startsWith(t.name), t.name);
      }
      assert.ok(findOne((e) => e.name === 'thead', table('applications').children));
    });
  });
}

describe('页面结构', () => {
  it('中文页面，一个一级标题、六个部分的二级标题，顺序如格式规定', async () => {
    const report = await parseFile(seedPath('002'));
    const doc = dom(renderHtml(report));
    const html = elements(doc, 'html')[0];
    assert.equal(getAttributeValue(html, 'lang'), 'zh-CN');
    assert.equal(elements(doc, 'h1').length, 1);
    assert.equal(text(elements(doc, 'h1')[0]), '阜新市生态环境局2022年政府信息公开工作年度报告');
    assert.deepEqual(elements(doc, 'h2').map(text), [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    // the signature closes the page: the date printed on the report
    const ps = elements(doc, 'p').map(text);
    assert.equal(ps[ps.length - 1], '2023年1月16日');
  });

  it('不引用任何外部资源：无链接、脚本、图片、外部字体', async () => {
    for (const seed of ['000', '001', '004']) {
      const html = renderHtml(await parseFile(seedPath(seed)), { draft: true });
      assert.doesNotMatch(html, /<(script|link|img|iframe|object|embed|video|audio|source)\b/i, seed);
      assert.doesNotMatch(html, /\b(src|href|srcset|action)\s*=/i, seed);
      assert.doesNotMatch(html, /url\s*\(|@import|https?:|\/\/[a-z0-9.-]+\.[a-z]{2,}/i, seed);
    }
  });

  it('样式：A4 打印、页码、官方字体及本机替代字体', () => {
    const html = renderHtml(sampleReport('2021', 5));
    assert.match(html, /@page\s*{\s*size:\s*A4/);
    assert.match(html, /counter\(page\)/);
    assert.match(html, /@media print/);
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312', '宋体', 'Noto Serif CJK SC', 'AR PL UMing CN']) assert.ok(html.includes(`"${font}"`), font);
    assert.doesNotMatch(renderHtml(sampleReport('2021', 5), { cssPageNumbers: false }), /counter\(page\)/);
  });

  it('草稿带“草稿”水印，发布稿没有', () => {
    const report = sampleReport('2019', 9);
    const draft = dom(renderHtml(report, { draft: true }));
    const mark = findOne((e) => getAttributeValue(e, 'class') === 'watermark', draft.children)!;
    assert.equal(text(mark), '草稿');
    assert.equal(getAttributeValue(mark, 'aria-hidden'), 'true');
    assert.match(text(elements(draft, 'title')[0]), /草稿/);
    assert.doesNotMatch(renderHtml(report), /草稿/);
  });
});

describe('网页读回（parse(render(report))）', () => {
  const noReader = READERS.html ? false : '网页读取器（src/ingest/html.ts）尚未接入读取器注册表，读回测试暂跳过';
  const read = (report: Report, draft = false) => parseReport(new TextEncoder().encode(renderHtml(report, { draft })), { name: 'rendered.html' });
  const same = (back: Report, report: Report) => {
    assert.equal(back.format, report.format);
    assert.deepEqual(back.tables, report.tables);
    assert.equal(back.agency, report.agency);
    assert.equal(back.year, report.year);
    assert.equal(back.published, report.published);
    assert.deepEqual(
      back.sections.map((x) => x.id).filter(Boolean),
      getFormat(report.format).sections.map((x) => x.id),
    );
  };

  it('五份种子报告：表格逐格相同，机关、年度、日期、各部分相同（草稿也一样）', { skip: noReader }, async () => {
    for (const seed of ['000', '001', '002', '003', '004']) {
      const report = await parseFile(seedPath(seed));
      same(await read(report), report);
      assert.deepEqual((await read(report, true)).tables, report.tables, `${seed} 草稿`);
    }
  });

  for (const formatId of ['2021', '2019']) {
    it(`生成的${formatId}年版报告`, { skip: noReader }, async () => {
      await fc.assert(
        fc.asyncProperty(reportArbitrary(formatId), async (report) => same(await read(report), report)),
        { numRuns: 20 },
      );
    });
  }
});
