// The Word renderer: what a 政务公开 office checks when it opens the file — A4 with the official
// margins, the fonts and sizes of title, body and headings, every official label in order, the
// merged header cells of the three tables, header rows repeated and rows kept whole, page numbers,
// the agency and date at the end, 草稿 only on drafts — and every number in its cell. Read from
// the .docx's XML; no Word or LibreOffice needed.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { isTag, type Element } from 'domhandler';
import fc from 'fast-check';
import { getAttributeValue, getElementsByTagName, textContent } from 'domutils';
import { strFromU8, unzipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import type { Report } from '../src/interchange/types.ts';
import { getFormat } from '../src/model/index.ts';
import type { TableDef } from '../src/model/types.ts';
import { parseFile, parseReport } from '../src/pipeline.ts';
import { renderDocx } from '../src/render/docx.ts';
import { tableLayout } from '../src/render/table-layout.ts';
import { baseReport, sectionText, setCell } from './support/reports.ts';
import { seedPath } from './support/seeds.ts';

// --- reading the .docx -----------------------------------------------------------------------

interface Docx {
  files: Record<string, string>;
  body: Element;
  /** Top-level blocks of the body in order. */
  blocks: Element[];
}

function open(bytes: Uint8Array): Docx {
  const zip = unzipSync(bytes);
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(zip)) if (/\.(xml|rels)$/.test(name)) files[name] = strFromU8(data);
  const body = getElementsByTagName('w:body', parseDocument(files['word/document.xml'], { xmlMode: true }))[0];
  return { files, body, blocks: kids(body).filter((e) => e.name === 'w:p' || e.name === 'w:tbl') };
}

function kids(el: Element, name?: string): Element[] {
  return el.children.filter((c): c is Element => isTag(c) && (!name || c.name === name));
}

function child(el: Element, name: string): Element | undefined {
  return kids(el, name)[0];
}

function attr(el: Element | undefined, name: string): string | undefined {
  return el ? getAttributeValue(el, name) : undefined;
}

/** A w:onOff property: present, and not switched off by w:val. */
function on(el: Element | undefined): boolean {
  return el !== undefined && !['0', 'false', 'off'].includes(attr(el, 'w:val') ?? 'on');
}

/** Property of a paragraph or run: `prop(p, 'w:pPr', 'w:jc', 'w:val')`. */
function prop(el: Element, pr: string, name: string, a = 'w:val'): string | undefined {
  const p = child(el, pr);
  return attr(p && child(p, name), a);
}

function text(el: Element): string {
  return getElementsByTagName('w:t', el).map(textContent).join('');
}

function runs(p: Element): Element[] {
  return kids(p, 'w:r').filter((r) => getElementsByTagName('w:t', r).length > 0);
}

function runFont(r: Element): { eastAsia?: string | undefined; ascii?: string | undefined; size?: string | undefined } {
  const rPr = child(r, 'w:rPr')!;
  const fonts = child(rPr, 'w:rFonts');
  return { eastAsia: attr(fonts, 'w:eastAsia'), ascii: attr(fonts, 'w:ascii'), size: attr(child(rPr, 'w:sz'), 'w:val') };
}

/**
 * Formatting as Word resolves it: set on the paragraph (for w:rPr, on the run), else on the
 * paragraph's style, else on the style that one is based on, else the document defaults.
 */
function effective(doc: Docx, p: Element, pr: 'w:pPr' | 'w:rPr', name: string, a = 'w:val', runIndex = 0): string | undefined {
  const direct = pr === 'w:pPr' ? prop(p, pr, name, a) : runs(p)[runIndex] && prop(runs(p)[runIndex], pr, name, a);
  if (direct !== undefined) return direct;
  const styles = parseDocument(doc.files['word/styles.xml'], { xmlMode: true });
  const all = getElementsByTagName('w:style', styles);
  let id: string | undefined = prop(p, 'w:pPr', 'w:pStyle') ?? 'Normal';
  while (id) {
    const style = all.find((x) => attr(x, 'w:styleId') === id);
    assert.ok(style, `样式 ${id} 应有定义`);
    const v = prop(style, pr, name, a);
    if (v !== undefined) return v;
    id = attr(child(style, 'w:basedOn'), 'w:val');
  }
  const defaults = getElementsByTagName(pr === 'w:pPr' ? 'w:pPrDefault' : 'w:rPrDefault', styles)[0];
  return defaults && prop(defaults, pr, name, a);
}

/** Font (East Asian and Latin) and size in half-points of a paragraph's run, as Word resolves them. */
function fontOf(doc: Docx, p: Element, runIndex = 0): { eastAsia?: string | undefined; ascii?: string | undefined; size?: string | undefined } {
  return {
    eastAsia: effective(doc, p, 'w:rPr', 'w:rFonts', 'w:eastAsia', runIndex),
    ascii: effective(doc, p, 'w:rPr', 'w:rFonts', 'w:ascii', runIndex),
    size: effective(doc, p, 'w:rPr', 'w:sz', 'w:val', runIndex),
  };
}

function paragraphsOf(doc: Docx): Element[] {
  return doc.blocks.filter((b) => b.name === 'w:p');
}

function paragraph(doc: Docx, t: string): Element {
  const p = paragraphsOf(doc).find((x) => text(x) === t);
  assert.ok(p, `应有段落「${t}」`);
  return p;
}

interface XmlCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

interface XmlTable {
  rows: Element[];
  /** Origin cells (continuations of vertical merges folded into their origin), in row order. */
  cells: XmlCell[];
  width: number;
  cell(row: number, col: number): XmlCell | undefined;
}

/** A w:tbl as a grid: gridSpan widens a cell, vMerge continuing a cell lengthens the one above. */
function readTable(tbl: Element): XmlTable {
  const rows = kids(tbl, 'w:tr');
  const owner = new Map<string, XmlCell>();
  const cells: XmlCell[] = [];
  rows.forEach((tr, r) => {
    let col = 0;
    for (const tc of kids(tr, 'w:tc')) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Number(attr(tcPr && child(tcPr, 'w:gridSpan'), 'w:val') ?? 1);
      const vMerge = tcPr && child(tcPr, 'w:vMerge');
      const continues = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
      let cell: XmlCell;
      if (continues) {
        cell = owner.get(`${r - 1},${col}`)!;
        assert.ok(cell, `第${r + 1}行第${col + 1}列的纵向合并没有起始单元格`);
        assert.equal(cell.colSpan, span, '纵向合并的各行横跨列数应一致');
        cell.rowSpan = r - cell.row + 1;
      } else {
        cell = { text: text(tc), row: r, col, rowSpan: 1, colSpan: span };
        cells.push(cell);
      }
      for (let c = col; c < col + span; c++) owner.set(`${r},${c}`, cell);
      col += span;
    }
  });
  const width = getElementsByTagName('w:gridCol', tbl).reduce((a, g) => a + Number(attr(g, 'w:w')), 0);
  return { rows, cells, width, cell: (row, col) => owner.get(`${row},${col}`) };
}

function tablesOf(doc: Docx): XmlTable[] {
  return doc.blocks.filter((b) => b.name === 'w:tbl').map(readTable);
}

/** The cells printed on the table row that carries `label`, after the label. */
function rowAfterLabel(t: XmlTable, label: string): string[] {
  const lab = t.cells.find((c) => c.text === label);
  assert.ok(lab, `表中应有「${label}」`);
  return t.cells.filter((c) => c.row === lab.row && c.col > lab.col).map((c) => c.text);
}

// --- what every rendered report must satisfy -------------------------------------------------

function expectedLabels(report: Report): string[] {
  const format = getFormat(report.format);
  const out: string[] = [];
  for (const s of format.sections) {
    out.push(`${s.numeral}、${s.label}`);
    for (const t of format.tables.filter((x) => x.section === s.id)) {
      if (t.layout === 'single_row') out.push(...t.rows.map((r) => r.label));
      else if (t.layout === 'groups') for (const g of t.groups) out.push(g.label, ...g.rows.map((r) => r.label));
      else for (const r of t.rows) out.push(...r.parents.filter((p) => !out.includes(p)), r.label);
    }
  }
  return out;
}

/** Every text of the body in reading order: paragraphs, and table cells row by row. */
function readingOrder(doc: Docx): string[] {
  return doc.blocks.flatMap((b) => (b.name === 'w:p' ? [text(b)] : readTable(b).cells.map((c) => c.text)));
}

function checkCommon(doc: Docx, report: Report): void {
  // Labels, in order.
  const seen = readingOrder(doc);
  let at = 0;
  for (const label of expectedLabels(report)) {
    const i = seen.indexOf(label, at);
    assert.ok(i >= 0, `缺少或顺序不对：「${label}」（在「${seen[at]}」之后）`);
    at = i + 1;
  }
  // Each table exactly as its layout grid: same cells, same merges, same texts.
  const format = getFormat(report.format);
  const tables = tablesOf(doc);
  assert.equal(tables.length, format.tables.length);
  format.tables.forEach((def, i) => {
    const layout = tableLayout(def, { values: report.tables[def.id], cells: report.cells });
    const want = layout.rows.flat().map(({ text, row, col, rowSpan, colSpan }) => ({ text, row, col, rowSpan, colSpan }));
    assert.deepEqual(tables[i].cells, want, `${def.name} 的单元格与合并`);
    // Every value where its address says.
    for (const cell of layout.rows.flat().filter((c) => c.kind === 'value')) {
      const [, row, col] = cell.address!.split('.');
      const v = report.tables[def.id][row][col];
      const printed = tables[i].cell(cell.row, cell.col)!.text;
      if (v === null) assert.ok(printed === '' || printed === '/' || printed === report.cells[cell.address!]?.raw, `${cell.address} 为空，不应印成 ${printed}`);
      else assert.equal(printed, String(v), cell.address);
    }
    // Header rows repeat on each page; no row breaks across pages.
    tables[i].rows.forEach((tr, r) => {
      const trPr = child(tr, 'w:trPr');
      assert.ok(on(trPr && child(trPr, 'w:cantSplit')), `${def.name} 第${r + 1}行应不跨页断开`);
      assert.equal(on(trPr && child(trPr, 'w:tblHeader')), r < layout.headerRows, `${def.name} 第${r + 1}行${r < layout.headerRows ? '应' : '不应'}为重复标题行`);
    });
    // Fits the 156 mm text block.
    assert.ok(tables[i].width <= 8845, `${def.name} 宽 ${tables[i].width} 超出版心`);
  });
}

function checkTableMerges(doc: Docx, format: string): void {
  const [, applications, review] = tablesOf(doc);
  const find = (t: XmlTable, label: string) => {
    const c = t.cells.find((x) => x.text === label);
    assert.ok(c, `应有「${label}」`);
    return c;
  };
  assert.equal(find(applications, '申请人情况').colSpan, 7);
  assert.equal(find(applications, '法人或其他组织').colSpan, 5);
  assert.equal(find(applications, '自然人').rowSpan, 2);
  assert.equal(find(applications, '总计').rowSpan, 2);
  // 三、本年度办理结果 spans its rows: （一）（二）, 8 不予公开, 3 无法提供, 5 不予处理, （六） (3 rows in
  // 2021, one in 2019), （七）总计.
  assert.equal(find(applications, '三、本年度办理结果').rowSpan, format === '2021' ? 22 : 20);
  assert.equal(find(applications, '（三）不予公开').rowSpan, 8);
  const note = find(applications, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
  assert.deepEqual([note.row, note.col, note.rowSpan], [0, 0, 3]);
  assert.equal(find(review, '行政复议').colSpan, 5);
  assert.equal(find(review, '行政诉讼').colSpan, 10);
  assert.equal(find(review, '未经复议直接起诉').colSpan, 5);
  assert.equal(find(review, '复议后起诉').colSpan, 5);
  assert.equal(review.cells.filter((c) => c.text === '结果维持').length, 3);
}

// --- tests -----------------------------------------------------------------------------------

/** A 2019-format report made by hand: every cell a different number, a negative 本年增/减. */
function report2019(): Report {
  const r = baseReport('2019', 2020);
  r.agency = '某某县交通运输局';
  r.published = '2021-01-25';
  getFormat('2019').addresses.forEach((a, i) => setCell(r, a, i + 1));
  setCell(r, 'active.licensing.change', -3);
  setCell(r, 'active.procurement.amount', 12.5);
  sectionText(r, 'overview', '2020年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开\n本年主动公开政府信息120条。\n（二）依申请公开。本年共收到政府信息公开申请7件。');
  sectionText(r, 'problems', '一是公开内容不够全面；二是更新不够及时。');
  return r;
}

describe('Word：2019年版格式的报告（手工构造）', () => {
  const report = report2019();
  let doc: Docx;
  before(async () => {
    doc = open(await renderDocx(report, {}));
  });

  it('A4，页边距上37、下35、左28、右26毫米', () => {
    const sectPr = child(doc.body, 'w:sectPr')!;
    const size = child(sectPr, 'w:pgSz')!;
    assert.equal(attr(size, 'w:w'), '11906');
    assert.equal(attr(size, 'w:h'), '16838');
    const m = child(sectPr, 'w:pgMar')!;
    assert.deepEqual(
      ['w:top', 'w:bottom', 'w:left', 'w:right'].map((k) => attr(m, k)),
      ['2098', '1984', '1587', '1474'],
    );
  });

  it('标题：方正小标宋简体二号，居中，两行（机关与年度 / 政府信息公开工作年度报告）', () => {
    const p = paragraphsOf(doc)[0];
    assert.equal(text(p), '某某县交通运输局2020年政府信息公开工作年度报告');
    assert.equal(effective(doc, p, 'w:pPr', 'w:jc'), 'center');
    runs(p).forEach((_, i) => assert.deepEqual(fontOf(doc, p, i), { eastAsia: '方正小标宋简体', ascii: '方正小标宋简体', size: '44' }));
    assert.equal(getElementsByTagName('w:br', p).length, 1);
  });

  it('正文：仿宋_GB2312三号，首行缩进两字，固定行距28.95磅', () => {
    const p = paragraph(doc, '本年主动公开政府信息120条。');
    assert.deepEqual(fontOf(doc, p), { eastAsia: '仿宋_GB2312', ascii: '仿宋_GB2312', size: '32' });
    assert.equal(effective(doc, p, 'w:pPr', 'w:ind', 'w:firstLineChars'), '200');
    assert.equal(effective(doc, p, 'w:pPr', 'w:ind', 'w:firstLine'), '640');
    assert.equal(effective(doc, p, 'w:pPr', 'w:spacing', 'w:line'), '579');
    assert.equal(effective(doc, p, 'w:pPr', 'w:spacing', 'w:lineRule'), 'exact');
    assert.equal(effective(doc, p, 'w:pPr', 'w:jc'), 'both');
  });

  it('一级标题黑体、二级标题楷体_GB2312，均为三号', () => {
    for (const h of ['一、总体情况', '五、政府信息公开工作存在的主要问题及改进情况']) {
      assert.deepEqual(fontOf(doc, paragraph(doc, h)), { eastAsia: '黑体', ascii: '黑体', size: '32' });
      assert.equal(effective(doc, paragraph(doc, h), 'w:pPr', 'w:ind', 'w:firstLineChars'), '200');
    }
    assert.deepEqual(fontOf(doc, paragraph(doc, '（一）主动公开')), { eastAsia: '楷体_GB2312', ascii: '楷体_GB2312', size: '32' });
    // A （二） heading run into its paragraph: the heading in 楷体, the rest in 仿宋.
    const p = paragraph(doc, '（二）依申请公开。本年共收到政府信息公开申请7件。');
    assert.equal(text(runs(p)[0]), '（二）依申请公开。');
    assert.deepEqual(fontOf(doc, p, 0), { eastAsia: '楷体_GB2312', ascii: '楷体_GB2312', size: '32' });
    assert.deepEqual(fontOf(doc, p, 1), { eastAsia: '仿宋_GB2312', ascii: '仿宋_GB2312', size: '32' });
  });

  it('字体表给出替代字体：方正小标宋简体→宋体，仿宋_GB2312→仿宋，楷体_GB2312→楷体', () => {
    const fonts: Element[] = getElementsByTagName('w:font', parseDocument(doc.files['word/fontTable.xml'], { xmlMode: true }));
    const alt: Record<string, string | undefined> = Object.fromEntries(fonts.map((f): [string, string | undefined] => [attr(f, 'w:name') ?? '', attr(child(f, 'w:altName'), 'w:val')]));
    assert.equal(alt['方正小标宋简体'], '宋体');
    assert.equal(alt['仿宋_GB2312'], '仿宋');
    assert.equal(alt['楷体_GB2312'], '楷体');
  });

  it('官方标签齐全且顺序正确；三张表的单元格、合并与取值与版式网格一致', () => {
    checkCommon(doc, report);
  });

  it('表三、表四的合并表头；2019年版（六）其他处理为一行', () => {
    checkTableMerges(doc, '2019');
    const [, applications] = tablesOf(doc);
    assert.equal(rowAfterLabel(applications, '（六）其他处理').length, 7);
  });

  it('表二按2019年版：第二十条第（九）项、本年增/减可为负数、采购总金额为小数', () => {
    const [active] = tablesOf(doc);
    const labels = active.cells.map((c) => c.text);
    for (const l of ['第二十条第（九）项', '政府集中采购', '上一年项目数量', '本年增/减', '采购总金额', '其他对外管理服务事项']) assert.ok(labels.includes(l), l);
    assert.equal(rowAfterLabel(active, '行政许可')[1], '-3');
    assert.equal(rowAfterLabel(active, '政府集中采购')[1], '12.5');
  });

  it('表格文字仿宋五号（小于正文），数字与表头居中，行标签居左', () => {
    const [, applications] = tablesOf(doc);
    const cellParagraph = (r: number, c: number) => child(kids(applications.rows[r], 'w:tc')[c], 'w:p')!;
    const number = cellParagraph(3, 1);
    assert.equal(text(number), String(report.tables.applications.new_received.natural_person));
    assert.equal(effective(doc, number, 'w:pPr', 'w:jc'), 'center');
    assert.deepEqual(fontOf(doc, number), { eastAsia: '仿宋_GB2312', ascii: '仿宋_GB2312', size: '21' });
    const header = cellParagraph(0, 1);
    assert.equal(text(header), '申请人情况');
    assert.equal(effective(doc, header, 'w:pPr', 'w:jc'), 'center');
    const label = cellParagraph(3, 0);
    assert.equal(text(label), '一、本年新收政府信息公开申请数量');
    assert.equal(effective(doc, label, 'w:pPr', 'w:jc'), 'left');
    assert.equal(effective(doc, label, 'w:rPr', 'w:sz'), '21');
  });

  it('很长的数字所在的列加宽，不挤在窄列里；别的报告不受影响', async () => {
    const gridOf = (d: Docx) => getElementsByTagName('w:gridCol', d.blocks.filter((b) => b.name === 'w:tbl')[1]).map((g) => Number(attr(g, 'w:w')));
    const long = report2019();
    setCell(long, 'applications.new_received.total', 123456789);
    const wide = gridOf(open(await renderDocx(long)));
    const normal = gridOf(open(await renderDocx(report2019())));
    // Nine digits of 五号 (5.25 pt each, 105 twips) and the cell's padding.
    assert.ok(wide.at(-1)! >= 9 * 105 + 2 * 57, `总计列宽 ${wide.at(-1)}`);
    assert.ok(normal.at(-1)! < wide.at(-1)!);
    assert.deepEqual(normal, gridOf(doc));
  });

  it('页码“— 1 —”：宋体四号，单页居右、双页居左', () => {
    const settings = doc.files['word/settings.xml'];
    assert.match(settings, /<w:evenAndOddHeaders\/>/);
    const sectPr = child(doc.body, 'w:sectPr')!;
    const rels = doc.files['word/_rels/document.xml.rels'];
    const footer = (type: string) => {
      const id = attr(kids(sectPr, 'w:footerReference').find((f) => attr(f, 'w:type') === type), 'r:id');
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      assert.ok(target, `应有 ${type} 页脚`);
      return parseDocument(doc.files[`word/${target}`], { xmlMode: true });
    };
    for (const [type, side] of [['default', 'right'], ['even', 'left']]) {
      const f = footer(type);
      const p = getElementsByTagName('w:p', f)[0];
      assert.equal(prop(p, 'w:pPr', 'w:jc'), side, `${type} 页码位置`);
      assert.equal(text(p), '—  —');
      assert.match(getElementsByTagName('w:instrText', f).map(textContent).join(''), /PAGE/);
      assert.deepEqual(runFont(runs(p)[0]), { eastAsia: '宋体', ascii: '宋体', size: '28' });
    }
  });

  it('文末署名与日期，居右', () => {
    const ps = paragraphsOf(doc);
    const [agency, date] = ps.slice(-2);
    assert.equal(text(agency), '某某县交通运输局');
    assert.equal(text(date), '2021年1月25日');
    for (const p of [agency, date]) {
      assert.equal(effective(doc, p, 'w:pPr', 'w:jc'), 'right');
      assert.deepEqual(fontOf(doc, p), { eastAsia: '仿宋_GB2312', ascii: '仿宋_GB2312', size: '32' });
    }
  });

  it('正式稿没有“草稿”水印', () => {
    for (const [name, xml] of Object.entries(doc.files)) assert.ok(!xml.includes('草稿'), `${name} 不应含“草稿”`);
  });
});

describe('Word：草稿', () => {
  it('草稿每页都有“草稿”水印（页眉中置于文字下方的艺术字，单双页页眉都有）', async () => {
    const doc = open(await renderDocx(report2019(), { draft: true }));
    const sectPr = child(doc.body, 'w:sectPr')!;
    const types = kids(sectPr, 'w:headerReference').map((h) => attr(h, 'w:type')).sort();
    assert.deepEqual(types, ['default', 'even']);
    const headers = Object.entries(doc.files).filter(([n]) => /^word\/header\d+\.xml$/.test(n));
    assert.equal(headers.length, 2);
    for (const [, xml] of headers) {
      assert.match(xml, /<v:textpath[^>]*string="草稿"/);
      assert.match(xml, /z-index:-\d+/, '水印在文字下方');
    }
    assert.ok(!doc.files['word/document.xml'].includes('草稿'), '正文本身不含“草稿”');
  });
});

interface Golden {
  seed: string;
  agency: string | null;
  published: string | null;
  active: Record<string, number[]>;
  applications: Record<string, (number | null)[]>;
  review_litigation: (number | null)[];
}

const golden = (seed: string): Golden => JSON.parse(readFileSync(new URL(`./golden/${seed}.json`, import.meta.url), 'utf8')) as Golden;
const printed = (v: number | null) => (v === null ? '' : String(v));

for (const seed of ['000', '001', '002', '003', '004']) {
  describe(`Word：种子报告 ${seed}`, () => {
    const g = golden(seed);
    let report: Report;
    let doc: Docx;
    before(async () => {
      report = await parseFile(seedPath(seed));
      doc = open(await renderDocx(report, { draft: seed === '004' }));
    });

    it('官方标签、三张表的合并表头与取值、重复标题行与不跨页断行', () => {
      checkCommon(doc, report);
      checkTableMerges(doc, '2021');
    });

    it('表中数字与人工审读的原文一致（按行标签找行）', () => {
      const [active, applications, review] = tablesOf(doc);
      const format = getFormat('2021');
      const rowsOf = (t: TableDef) => t.rows;
      for (const row of rowsOf(format.table('active'))) assert.deepEqual(rowAfterLabel(active, row.label), g.active[row.id].map(printed), row.label);
      for (const row of rowsOf(format.table('applications'))) {
        assert.deepEqual(rowAfterLabel(applications, row.label), (g.applications[row.id] ?? g.applications['*']).map(printed), row.label);
      }
      assert.deepEqual(review.cells.filter((c) => c.row === review.rows.length - 1).map((c) => c.text), g.review_litigation.map(printed));
    });

    it('文末署名与日期', () => {
      const ps = paragraphsOf(doc).map(text);
      const date = g.published ? g.published.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日') : null;
      assert.deepEqual(ps.slice(date ? -2 : -1), [g.agency, ...(date ? [date] : [])]);
    });

    it(seed === '004' ? '草稿有水印' : '正式稿无水印', () => {
      const marked = Object.entries(doc.files).some(([n, xml]) => n.startsWith('word/header') && xml.includes('草稿'));
      assert.equal(marked, seed === '004');
    });
  });
}

// --- round trip through Gongkai's own Word reader ---------------------------------------------

describe('Word 往返：读回生成的 .docx，得到同样的表格', () => {
  const same = (back: Report, report: Report) => {
    assert.equal(back.format, report.format);
    assert.equal(back.agency, report.agency);
    assert.equal(back.year, report.year);
    assert.equal(back.published, report.published);
    assert.deepEqual(back.tables, report.tables);
  };

  for (const seed of ['000', '001', '002', '003', '004']) {
    it(`种子报告 ${seed}`, async () => {
      const report = await parseFile(seedPath(seed));
      same(await parseReport(await renderDocx(report), { name: `${seed}.docx` }), report);
    });
  }

  it('2019年版报告（负数、小数、空白单元格）', async () => {
    const report = report2019();
    setCell(report, 'applications.carried_forward.total', null, 'blank');
    same(await parseReport(await renderDocx(report, { draft: true }), { name: '2019.docx' }), report);
  });

  for (const formatId of ['2021', '2019']) {
    // Every cell printed (a blank cell may come back filled in: the parser reconstructs what the
    // relations determine, by design), sums right or wrong.
    it(`任意取值的${formatId}年版报告（性质测试）`, async () => {
      const format = getFormat(formatId);
      const value = fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 99 }) },
        { weight: 1, arbitrary: fc.integer({ min: 100, max: 99999 }) },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(value, { minLength: format.addresses.length, maxLength: format.addresses.length }), async (values) => {
          const report = baseReport(formatId);
          format.addresses.forEach((a, i) => setCell(report, a, values[i]));
          const back = await parseReport(await renderDocx(report), { name: 'x.docx' });
          assert.deepEqual(back.tables, report.tables);
        }),
        { numRuns: 6 },
      );
    });
  }
});
