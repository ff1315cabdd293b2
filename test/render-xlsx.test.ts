// The spreadsheet, read back with exceljs: one sheet per table, the national merged headers,
// numbers stored as numbers, blank cells left empty.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { getFormat, parseFile } from '../src/index.ts';
import { renderXlsx } from '../src/render/xlsx.ts';
import { sampleReport } from './support/render-reports.ts';
import { seedPath } from './support/seeds.ts';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Merged ranges of a sheet as "A1:B2" strings. */
function merges(ws: ExcelJS.Worksheet): string[] {
  return ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice().sort();
}

/** The sheet row whose first cell (or any cell) holds the text. */
function rowWith(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && (row.values as unknown[]).some((v) => v === label)) found = row;
  });
  assert.ok(found, `找不到“${label}”所在的行`);
  return found;
}

describe('XLSX：2021年版种子报告 001', async () => {
  const report = await parseFile(seedPath('001'));
  const wb = await load(await renderXlsx(report));

  it('三张表各一个工作表，按表二、表三、表四的顺序', () => {
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['表二 主动公开政府信息情况', '表三 收到和处理政府信息公开申请情况', '表四 政府信息公开行政复议、行政诉讼情况'],
    );
  });

  it('表三的合并表头与国家格式一致', () => {
    const ws = wb.worksheets[1];
    const m = merges(ws);
    // Title row over the ten columns; the table starts on row 3.
    assert.ok(m.includes('A1:J1'));
    // the note over the three label columns and the three header rows
    assert.ok(m.includes('A3:C5'));
    assert.match(ws.getCell('A3').text, /勾稽关系/);
    // 申请人情况 over D..J, 法人或其他组织 over E..I, 自然人 and 总计 over two header rows
    assert.ok(m.includes('D3:J3'));
    assert.equal(ws.getCell('D3').value, '申请人情况');
    assert.ok(m.includes('E4:I4'));
    assert.equal(ws.getCell('E4').value, '法人或其他组织');
    assert.ok(m.includes('D4:D5'));
    assert.equal(ws.getCell('D4').value, '自然人');
    assert.ok(m.includes('J4:J5'));
    assert.deepEqual([5, 6, 7, 8, 9].map((c) => ws.getRow(5).getCell(c).value), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    // 三、本年度办理结果 spans its 22 result rows in column A; 一、 rows span the three label columns
    const results = rowWith(ws, '三、本年度办理结果').number;
    assert.ok(m.includes(`A${results}:A${results + 21}`));
    const first = rowWith(ws, '一、本年新收政府信息公开申请数量').number;
    assert.ok(m.includes(`A${first}:C${first}`));
  });

  it('数值以数字存储，与报告一致', () => {
    const ws = wb.worksheets[1];
    const format = getFormat('2021');
    const row = rowWith(ws, '（七）总计');
    const values = format.table('applications').columns.map((_, i) => row.getCell(4 + i).value);
    assert.ok(values.every((v) => typeof v === 'number'));
    assert.deepEqual(values, format.table('applications').columns.map((c) => report.tables.applications.results_total[c.id]));
    // 表二: the fee amount keeps its decimals
    const fees = rowWith(wb.worksheets[0], '行政事业性收费');
    assert.equal(fees.getCell(2).value, report.tables.active.admin_fees.amount_wan);
    assert.equal(typeof fees.getCell(2).value, 'number');
  });

  it('表格每格有边框', () => {
    const ws = wb.worksheets[2];
    for (const addr of ['A3', 'F4', 'O6', 'K5']) {
      const b = ws.getCell(addr).border;
      assert.equal(b?.top?.style, 'thin', addr);
      assert.equal(b?.left?.style, 'thin', addr);
    }
  });

  it('表四：行政复议 5 列、行政诉讼 10 列，一行 15 个数', () => {
    const ws = wb.worksheets[2];
    const m = merges(ws);
    assert.equal(ws.getCell('A3').value, '行政复议');
    assert.ok(m.includes('A3:E3'));
    assert.equal(ws.getCell('F3').value, '行政诉讼');
    assert.ok(m.includes('F3:O3'));
    assert.ok(m.includes('F4:J4') && m.includes('K4:O4'));
    assert.equal(ws.getCell('F4').value, '未经复议直接起诉');
    assert.equal(ws.getCell('K4').value, '复议后起诉');
    const values = Array.from({ length: 15 }, (_, i) => ws.getRow(6).getCell(i + 1).value);
    assert.ok(values.every((v) => typeof v === 'number'));
  });
});

describe('XLSX：空白保持空白，草稿注明草稿', () => {
  it('种子 004 的空白单元格在表格中为空，不写 0', async () => {
    const report = await parseFile(seedPath('004'));
    assert.equal(report.tables.review_litigation.litigation_after_review.total, null);
    const ws = (await load(await renderXlsx(report, { draft: true }))).worksheets[2];
    // 表四's last number: 复议后起诉 · 总计
    assert.equal(ws.getCell('O6').value, null);
    assert.equal(ws.getCell('N6').value, 0);
    assert.match(ws.getCell('A1').text, /^【草稿】/);
    assert.match(ws.headerFooter.oddHeader ?? '', /草稿/);
  });

  it('2019年版：表二按2019年格式的五组（含第二十条第（九）项），负数照存', async () => {
    const report = sampleReport('2019', 21);
    report.tables.active.licensing.change = -7;
    const ws = (await load(await renderXlsx(report))).worksheets[0];
    const groups: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === 'string' && v.startsWith('第二十条')) groups.push(v);
    });
    assert.deepEqual(groups, ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项']);
    const licensing = rowWith(ws, '行政许可');
    assert.equal(licensing.getCell(3).value, -7);
    assert.equal(typeof licensing.getCell(3).value, 'number');
    assert.equal(rowWith(ws, '政府集中采购').getCell(3).value, report.tables.active.procurement.amount);
  });
});
