// Golden tests: the five real seed reports, against expectations written by reading them
// (test/golden/*.json), never produced by the parser.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseFile, validateReport, getFormat, type Report } from '../src/index.ts';
import { seedPath } from './support/seeds.ts';

interface Golden {
  seed: string;
  agency: string | null;
  year: number;
  format: string;
  published: string | null;
  sections: string[];
  active: Record<string, number[]>;
  applications: Record<string, (number | null)[]>;
  review_litigation: (number | null)[];
  reconstructedRows?: string[];
  status: Record<string, string>;
  diagnostics: { errors: string[]; warnings: string[]; infos: string[] };
}

const goldenDir = new URL('./golden/', import.meta.url);
const goldens = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, goldenDir), 'utf8')) as Golden);

function expectedValue(g: Golden, table: string, row: string, colIndex: number, rowIndex: number): number | null {
  if (table === 'active') return g.active[row][colIndex];
  if (table === 'applications') return (g.applications[row] ?? g.applications['*'])[colIndex];
  return g.review_litigation[rowIndex * 5 + colIndex];
}

for (const g of goldens) {
  describe(`种子报告 ${g.seed}`, () => {
    let report: Report;
    it('解析成功且符合交换格式', async () => {
      report = await parseFile(seedPath(g.seed));
      assert.deepEqual(validateReport(report), []);
    });

    it('机关、年度、格式、日期', () => {
      assert.equal(report.agency, g.agency);
      assert.equal(report.year, g.year);
      assert.equal(report.format, g.format);
      assert.equal(report.published, g.published);
    });

    it('找到规定的部分', () => {
      assert.deepEqual(new Set(report.sections.map((s) => s.id).filter(Boolean)), new Set(g.sections));
    });

    it('每个单元格的取值与原文一致', () => {
      const format = getFormat(g.format);
      for (const t of format.tables) {
        t.rows.forEach((row, ri) => {
          row.columns.forEach((col, ci) => {
            const want = expectedValue(g, t.id, row.id, ci, ri);
            assert.strictEqual(report.tables[t.id][row.id][col.id], want, `${t.id}.${row.id}.${col.id}`);
          });
        });
      }
    });

    it('每个单元格的来源与状态', () => {
      const reconstructedRows = new Set(g.reconstructedRows ?? []);
      for (const [address, cell] of Object.entries(report.cells)) {
        const [, row, col] = address.split('.');
        const value = report.tables[address.split('.')[0]][row][col];
        if (g.status[address]) {
          assert.equal(cell.status, g.status[address], address);
        } else if (reconstructedRows.has(row)) {
          // Which printed number sits in which column is certain only for the first and last
          // column of rows with non-zero values; the lost 法人或其他组织 column can be any of five.
          if (col !== 'natural_person' && col !== 'total') assert.equal(cell.status, 'reconstructed', address);
          else assert.ok(cell.status === 'read' || cell.status === 'reconstructed', address);
        } else {
          assert.equal(cell.status, 'read', address);
        }
        if (cell.status === 'read') {
          assert.ok(cell.raw !== null && cell.line !== null && cell.line > 0, `${address} 应有原文与行号`);
          assert.equal(Number(cell.raw.trim()), value, `${address} 原文 ${cell.raw}`);
        }
      }
    });

    it('诊断：错误与警告恰如人工审读所见，没有多报', () => {
      const of = (s: string) => report.diagnostics.filter((d) => d.severity === s).map((d) => d.rule).sort();
      assert.deepEqual(of('error'), [...g.diagnostics.errors].sort());
      assert.deepEqual(of('warning'), [...g.diagnostics.warnings].sort());
      assert.deepEqual(of('info'), [...g.diagnostics.infos].sort());
      for (const d of report.diagnostics) assert.match(d.message, /[\u4e00-\u9fa5]/, '诊断信息应为中文');
    });
  });
}

describe('种子报告中人工审读会指出的具体问题', () => {
  it('004：行政复议“结果维持1、总计0”报 review_litigation.row_sum，并指向原文行', async () => {
    const r = await parseFile(seedPath('004'));
    const d = r.diagnostics.find((x) => x.rule === 'review_litigation.row_sum');
    assert.ok(d);
    assert.equal(d.messageId, 'unequal');
    assert.match(d.message, /行政复议/);
    assert.match(d.message, /结果维持\(1\)/);
    assert.match(d.message, /总计\(0\)/);
    assert.equal(d.line, 380);
    assert.equal(r.cells['review_litigation.review.upheld'].line, 380);
    assert.equal(r.cells['review_litigation.review.total'].line, 384);
  });

  it('004：空白的总计保持为空值，不当作0', async () => {
    const r = await parseFile(seedPath('004'));
    assert.equal(r.tables.applications.carried_forward.total, null);
    assert.equal(r.cells['applications.carried_forward.total'].status, 'blank');
    const blank = r.diagnostics.find((x) => x.rule === 'cell.blank' && x.cells?.includes('applications.carried_forward.total'));
    assert.ok(blank);
    assert.match(blank.message, /应为0/);
  });

  it('002：少一列的行按勾稽关系补齐，并在一条诊断里说明', async () => {
    const r = await parseFile(seedPath('002'));
    const d = r.diagnostics.filter((x) => x.rule === 'cell.reconstructed');
    assert.equal(d.length, 1, '同一原因只报一次');
    assert.equal(d[0].messageId, 'missingFilled');
    assert.match(d[0].message, /20行/);
    assert.match(d[0].message, /6个数/);
    assert.equal(r.cells['applications.granted.natural_person'].raw, '5');
    assert.equal(r.cells['applications.granted.natural_person'].line, 56);
  });

  it('002：表头错字“本年度止件数”被认出', async () => {
    const r = await parseFile(seedPath('002'));
    const d = r.diagnostics.find((x) => x.rule === 'structure.label_variant' && x.messageId === 'misprint');
    assert.ok(d);
    assert.match(d.message, /本年度止件数/);
    assert.match(d.message, /本年废止件数/);
  });

  it('001：小数收费金额原样保留', async () => {
    const r = await parseFile(seedPath('001'));
    assert.equal(r.tables.active.admin_fees.amount_wan, 879.127651);
    assert.equal(r.cells['active.admin_fees.amount_wan'].raw, '879.127651');
    assert.equal(r.cells['active.admin_fees.amount_wan'].line, 64);
  });

  it('003：发布晚于1月31日', async () => {
    const r = await parseFile(seedPath('003'));
    const d = r.diagnostics.find((x) => x.rule === 'timeliness.late');
    assert.ok(d);
    assert.match(d.message, /2022-02-15/);
  });

  it('003：缺少的两部分在一条诊断中说明，并指出报告自用的标题', async () => {
    const r = await parseFile(seedPath('003'));
    const d = r.diagnostics.filter((x) => x.rule === 'structure.section_missing');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /总体情况/);
    assert.match(d[0].message, /存在的主要问题及改进情况/);
    assert.match(d[0].message, /政务公开和政府网站工作开展情况/);
  });
});
