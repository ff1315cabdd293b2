// Each rule of the catalogue on hand-built reports: it fires on the case it is about, names the
// table, row, column and numbers in Chinese, and stays silent on a consistent report.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { checkReport, rules } from '../src/check/index.ts';
import type { Report } from '../src/interchange/types.ts';
import { baseReport, sectionText, setCell, setRow } from './support/reports.ts';
import { ROOT, seedBytes, seedFiles } from './support/seeds.ts';
import { flatten } from '../src/interchange/flat-cells.ts';
import { textDocument } from '../src/ingest/text.ts';
import { getFormat } from '../src/model/load.ts';
import { parseDocumentWithCells } from '../src/parse/index.ts';
import { generateReport } from './support/generate.ts';
import { LAYOUTS, RUN_LAYOUTS, renderReport } from './support/layouts.ts';

const byRule = (r: Report, id: string) => checkReport(r).filter((d) => d.rule === id);

describe('规则目录', () => {
  it('checks.md 中每条单份报告规则都有实现', () => {
    const md = readFileSync(resolve(ROOT, '../shared/spec/checks.md'), 'utf8');
    const single = md.slice(md.indexOf('## One report'), md.indexOf('## Several reports'));
    const ids = [...single.matchAll(/^\| `([a-z_]+\.[a-z_]+)`(?: \/ `([a-z_]+\.[a-z_]+)`)?/gm)].flatMap((m) => [m[1], m[2]]).filter(Boolean);
    assert.ok(ids.length >= 20, '应从 checks.md 读出规则编号');
    const have = new Set(rules().map((r) => r.meta.id));
    for (const id of ids) assert.ok(have.has(id), `缺少规则 ${id}`);
  });

  it('每条规则都有中文标题和说明', () => {
    for (const r of rules()) {
      assert.match(r.meta.title, /[\u4e00-\u9fa5]/, r.meta.id);
      assert.match(r.meta.description, /[\u4e00-\u9fa5]/, r.meta.id);
    }
  });

  it('一份一致的报告没有任何诊断', () => {
    assert.deepEqual(checkReport(baseReport('2021')), []);
    assert.deepEqual(checkReport(baseReport('2019')), []);
  });
});

describe('勾稽关系', () => {
  it('applications.row_sum：总计不等于各列之和', () => {
    const r = setRow(baseReport(), 'granted', [3, 1, 0, 0, 0, 0, 5]);
    setRow(r, 'new_received', [3, 1, 0, 0, 0, 0, 4]);
    setRow(r, 'results_total', [3, 1, 0, 0, 0, 0, 5]);
    const d = byRule(r, 'applications.row_sum');
    assert.equal(d.length, 2); // 予以公开 and 办理结果总计 both print 5 for 3+1
    assert.match(d[0].message, /表三“予以公开”行/);
    assert.match(d.map((x) => x.message).join(), /总计\(5\).*自然人\(3\)\+商业企业\(1\).*=4.*相差1/);
  });

  it('applications.balance：按 checks.md 的写法给出两边与差额', () => {
    const r = setRow(baseReport(), 'new_received', [5, 0, 0, 0, 0, 0, 5]);
    setRow(r, 'results_total', [4, 0, 0, 0, 0, 0, 4]);
    setRow(r, 'granted', [4, 0, 0, 0, 0, 0, 4]);
    const d = byRule(r, 'applications.balance');
    assert.equal(d.length, 2);
    const nat = d.find((x) => x.message.includes('“自然人”列'))!;
    assert.match(nat.message, /本年新收\(5\)\+上年结转\(0\)=5/);
    assert.match(nat.message, /办理结果总计\(4\)\+结转下年度\(0\)=4/);
    assert.match(nat.message, /相差1/);
    assert.ok(nat.cells?.includes('applications.new_received.natural_person'));
  });

  it('applications.results_sum：长的和只列出非零项', () => {
    const r = setRow(baseReport(), 'granted', [2, 0, 0, 0, 0, 0, 2]);
    setRow(r, 'new_received', [2, 0, 0, 0, 0, 0, 2]);
    setRow(r, 'results_total', [3, 0, 0, 0, 0, 0, 3]);
    setRow(r, 'carried_forward', [0, 0, 0, 0, 0, 0, 0]);
    setRow(r, 'carried_over', [1, 0, 0, 0, 0, 0, 1]);
    const d = byRule(r, 'applications.results_sum');
    assert.equal(d.length, 2);
    assert.match(d[0].message, /办理结果总计\(3\)/);
    assert.match(d[0].message, /予以公开\(2\)/);
    assert.doesNotMatch(d[0].message, /部分公开\(0\)/);
  });

  it('review_litigation.row_sum：行政复议结果维持1、总计0', () => {
    const r = setCell(baseReport(), 'review_litigation.review.upheld', 1);
    const d = byRule(r, 'review_litigation.row_sum');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /表四“行政复议”：总计\(0\)，结果维持\(1\)\+结果纠正\(0\)\+其他结果\(0\)\+尚未审结\(0\)=1/);
  });

  it('空白单元格按0计算，并在提示中说明', () => {
    const r = setCell(baseReport(), 'review_litigation.review.upheld', 1);
    setCell(r, 'review_litigation.review.total', null, 'blank');
    const d = byRule(r, 'review_litigation.row_sum');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /空\(按0计\)/);
    assert.match(d[0].message, /空白单元格按0计算/);
  });

  it('缺失的单元格不引发连锁的勾稽错误（由结构规则报一次）', () => {
    const r = baseReport();
    for (const a of Object.keys(r.cells)) if (a.startsWith('applications.granted.')) setCell(r, a, null, 'missing');
    setRow(r, 'new_received', [1, 0, 0, 0, 0, 0, 1]);
    setRow(r, 'results_total', [1, 0, 0, 0, 0, 0, 1]);
    assert.equal(byRule(r, 'applications.results_sum').length, 0);
    const missing = byRule(r, 'structure.row_missing');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /予以公开/);
  });

  it('同一关系在一张表中多处不成立时合为一条', () => {
    const r = baseReport();
    for (const row of ['granted', 'partial', 'withheld_state_secret', 'withheld_law_prohibited']) setRow(r, row, [1, 0, 0, 0, 0, 0, 0]);
    const d = byRule(r, 'applications.row_sum');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /4处/);
  });
});

describe('单元格规则', () => {
  it('cell.blank：空白保持为空，并给出勾稽关系推算的值', () => {
    const r = setCell(baseReport(), 'applications.carried_forward.total', null, 'blank');
    const d = byRule(r, 'cell.blank');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /表三“结转下年度”行“总计”列/);
    assert.match(d[0].message, /应为0/);
  });

  it('cell.not_applicable：“/”为提示级', () => {
    const r = setCell(baseReport(), 'active.admin_fees.amount_wan', null, 'not_applicable');
    const d = byRule(r, 'cell.not_applicable');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'info');
    assert.match(d[0].message, /“\/”/);
  });

  it('cell.not_a_number：文字不是数字', () => {
    const r = baseReport();
    r.tables.applications.granted.natural_person = null;
    r.cells['applications.granted.natural_person'] = { raw: '未统计', line: 50, status: 'read' };
    const d = byRule(r, 'cell.not_a_number');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /未统计/);
  });

  it('cell.negative 与 cell.not_integer（2019 年版“本年增/减”可为负）', () => {
    const r = setCell(baseReport(), 'active.licensing.decisions', -3);
    assert.equal(byRule(r, 'cell.negative').length, 1);
    setCell(r, 'active.penalty.decisions', 2.5);
    assert.equal(byRule(r, 'cell.not_integer').length, 1);
    setCell(r, 'active.admin_fees.amount_wan', 12.75);
    assert.equal(byRule(r, 'cell.not_integer').length, 1, '金额可以有小数');
    const old = setCell(baseReport('2019'), 'active.licensing.change', -2);
    assert.equal(byRule(old, 'cell.negative').length, 0);
  });
});

describe('结构规则', () => {
  it('structure.section_missing：缺的部分合为一条并点出自拟标题', () => {
    const r = baseReport();
    r.sections = r.sections.filter((s) => s.id !== 'overview' && s.id !== 'problems');
    r.sections.push({ id: null, title: '一、政务公开工作开展情况', text: '', line: 3 });
    const d = byRule(r, 'structure.section_missing');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /总体情况.*存在的主要问题及改进情况/);
    assert.match(d[0].message, /政务公开工作开展情况/);
  });

  it('structure.table_missing：整张表缺失只报一次，不引发勾稽错误', () => {
    const r = baseReport();
    for (const a of Object.keys(r.cells)) if (a.startsWith('review_litigation.')) setCell(r, a, null, 'missing');
    const ds = checkReport(r);
    assert.deepEqual(ds.map((d) => d.rule), ['structure.table_missing']);
    assert.match(ds[0].message, /缺少表四/);
  });

  it('structure.heading_numbering：阿拉伯数字和漏编号', () => {
    const r = baseReport();
    r.sections[1].title = '2、主动公开政府信息情况';
    r.sections[5].title = '其他需要报告的事项';
    const d = byRule(r, 'structure.heading_numbering');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /“2、”，应为“二、”/);
    assert.match(d[0].message, /缺少编号“六、”/);
  });

  it('report.agency_missing 与 report.year_missing', () => {
    const r = baseReport();
    r.agency = null;
    r.year = null;
    assert.equal(byRule(r, 'report.agency_missing')[0].severity, 'warning');
    assert.equal(byRule(r, 'report.year_missing')[0].severity, 'error');
  });
});

describe('正文与表格', () => {
  it('narrative.number_mismatch：正文件数与表三不符', () => {
    const r = setRow(baseReport(), 'new_received', [6, 0, 0, 0, 0, 0, 6]);
    setRow(r, 'granted', [6, 0, 0, 0, 0, 0, 6]);
    setRow(r, 'results_total', [6, 0, 0, 0, 0, 0, 6]);
    sectionText(r, 'overview', '（二）依申请公开。2023年共收到政府信息公开申请 8 件，予以公开6件。');
    const d = byRule(r, 'narrative.number_mismatch');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /收到政府信息公开申请8件/);
    assert.match(d[0].message, /为6/);
  });

  it('narrative.number_mismatch：“受理”可以指新收加上年结转，不误报', () => {
    const r = setRow(baseReport(), 'new_received', [5, 0, 0, 0, 0, 0, 5]);
    setRow(r, 'carried_over', [1, 0, 0, 0, 0, 0, 1]);
    setRow(r, 'granted', [6, 0, 0, 0, 0, 0, 6]);
    setRow(r, 'results_total', [6, 0, 0, 0, 0, 0, 6]);
    sectionText(r, 'overview', '本年度共受理6件信息公开申请，均按时答复。');
    assert.equal(byRule(r, 'narrative.number_mismatch').length, 0);
  });

  it('narrative.contradiction：说“未收到申请”而表中有申请', () => {
    const r = setRow(baseReport(), 'new_received', [2, 0, 0, 0, 0, 0, 2]);
    setRow(r, 'granted', [2, 0, 0, 0, 0, 0, 2]);
    setRow(r, 'results_total', [2, 0, 0, 0, 0, 0, 2]);
    sectionText(r, 'overview', '2023年我局未收到政府信息公开申请。');
    const d = byRule(r, 'narrative.contradiction');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /未收到政府信息公开申请/);
  });

  it('narrative.contradiction：说“均获维持”而有尚未审结的案件', () => {
    const r = setCell(baseReport(), 'review_litigation.review.pending', 1);
    setCell(r, 'review_litigation.review.total', 1);
    sectionText(r, 'review_litigation', '本年度被申请行政复议1件，均获维持。');
    assert.equal(byRule(r, 'narrative.contradiction').length, 1);
  });

  it('narrative.sum_mismatch：分项之和超过总数', () => {
    const r = sectionText(baseReport(), 'active', '全年主动公开政府信息共120条，其中机构职能20条、政策文件60条、通知公告50条。');
    const d = byRule(r, 'narrative.sum_mismatch');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /20\+60\+50=130/);
    const ok = sectionText(baseReport(), 'active', '全年主动公开政府信息共120条，其中机构职能20条、政策文件60条。');
    assert.equal(byRule(ok, 'narrative.sum_mismatch').length, 0, '没说分别为时，分项可以少于总数');
  });

  it('fees.statement：有逾期未缴费的申请，第六部分却未说明信息处理费', () => {
    const r = setRow(baseReport(), 'other_fee_unpaid', [1, 0, 0, 0, 0, 0, 1]);
    setRow(r, 'new_received', [1, 0, 0, 0, 0, 0, 1]);
    setRow(r, 'results_total', [1, 0, 0, 0, 0, 0, 1]);
    sectionText(r, 'other_matters', '无其他需要报告的事项。');
    assert.equal(byRule(r, 'fees.statement').length, 1);
    sectionText(r, 'other_matters', '本年度收取信息处理费0元。');
    assert.equal(byRule(r, 'fees.statement').length, 0);
  });

  it('active.fee_unit：正文以“元”写出与表中相同的数', () => {
    const r = setCell(baseReport(), 'active.admin_fees.amount_wan', 3500);
    sectionText(r, 'active', '全年行政事业性收费3500元，均按标准收取。');
    const d = byRule(r, 'active.fee_unit');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /应为0\.35万元/);
    sectionText(r, 'active', '全年行政事业性收费3500万元。');
    assert.equal(byRule(r, 'active.fee_unit').length, 0);
  });

  it('active.fee_unit：收费金额大得不合常理', () => {
    const r = setCell(baseReport(), 'active.admin_fees.amount_wan', 2_500_000);
    assert.equal(byRule(r, 'active.fee_unit').length, 1);
    setCell(r, 'active.admin_fees.amount_wan', 879.127651);
    assert.equal(byRule(r, 'active.fee_unit').length, 0);
  });
});

describe('timeliness.late', () => {
  it('部门报告晚于次年1月31日', () => {
    const r = baseReport('2021', 2023);
    r.published = '2024-02-01';
    assert.match(byRule(r, 'timeliness.late')[0].message, /1月31日/);
    r.published = '2024-01-31';
    assert.equal(byRule(r, 'timeliness.late').length, 0);
  });

  it('人民政府的年度报告期限为3月31日', () => {
    const r = baseReport('2021', 2023);
    r.agency = '某某县人民政府';
    r.published = '2024-03-15';
    assert.equal(byRule(r, 'timeliness.late').length, 0);
    r.published = '2024-04-01';
    assert.equal(byRule(r, 'timeliness.late').length, 1);
  });
});

describe('诊断与规则目录一致', () => {
  it('解析和核查产生的每条诊断都有目录中的规则编号和该规则的级别', async () => {
    const { parseFile } = await import('../src/index.ts');
    const { seedFiles, SEEDS_DIR } = await import('./support/seeds.ts');
    const { readdirSync } = await import('node:fs');
    const fixtures = new URL('./fixtures/text/', import.meta.url).pathname;
    const files = [
      ...seedFiles().map((f) => `${SEEDS_DIR}/${f}`),
      ...readdirSync(fixtures).map((f) => `${fixtures}${f}`),
    ];
    const severity = new Map(rules().map((r) => [r.meta.id, r.meta.severity]));
    let seen = 0;
    for (const f of files) {
      const r = await parseFile(f);
      for (const d of r.diagnostics) {
        seen++;
        assert.ok(severity.has(d.rule), `${f}: 未登记的规则 ${d.rule}`);
        assert.equal(d.severity, severity.get(d.rule), `${f}: ${d.rule} 的级别`);
      }
    }
    assert.ok(seen > 10);
  });
});

describe('解析器交给核查的单元格视图', () => {
  // The parser hands the checker the cells by index (no second read of the report); that view
  // must be exactly the report's own, or the checker would judge other numbers than it shows.
  const sources: { name: string; text: string }[] = [
    ...seedFiles().map((f) => ({ name: f, text: seedBytes(f.slice(0, 3)).toString('utf8') })),
    ...LAYOUTS.flatMap((layout, i) =>
      [0, 1].map((k) => {
        const runs = RUN_LAYOUTS.includes(layout);
        const report = generateReport(500 + i * 2 + k, { singleDigits: runs, noNegatives: runs });
        return { name: `${layout} #${k}`, text: renderReport(report, layout, 500 + i * 2 + k).text };
      }),
    ),
  ];
  it('与从报告读出的视图相同，核查结果也相同', () => {
    assert.ok(sources.length > LAYOUTS.length * 2, '应读到种子报告');
    for (const { name, text } of sources) {
      // Every source is a report: a parse that throws fails the test (seedFiles() lists the
      // seed reports only, not the folder's README).
      const { report, cells } = parseDocumentWithCells(textDocument(text, name));
      const format = getFormat(report.format);
      assert.deepEqual(cells, flatten(report, format), name);
      assert.deepEqual(checkReport(report, cells), checkReport(report), name);
    }
  });
});
