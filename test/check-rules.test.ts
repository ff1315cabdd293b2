// Each check rule of the catalogue on hand-built reports, in ESLint's valid/invalid style
// (test/support/rule-tester.ts): it stays silent where it should, and flags the case it is about
// with the message id, the cells and — where a case shows it — the Chinese message in full. A
// consistent report gets no diagnostic at all.

import { crossRuleMetas } from '../src/check/cross/index.ts';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { checkReport, rules } from '../src/check/index.ts';
import { baseReport, sectionText, setCell, setRow } from './support/reports.ts';
import { checkRuleTester } from './support/rule-tester.ts';
import { ROOT, seedBytes, seedFiles } from './support/seeds.ts';
import { flatten } from '../src/interchange/flat-cells.ts';
import { textDocument } from '../src/ingest/text.ts';
import { getFormat } from '../src/model/load.ts';
import { parseDocumentWithCells } from '../src/parse/index.ts';
import { generateReport } from './support/generate.ts';
import { LAYOUTS, RUN_LAYOUTS, renderReport } from './support/layouts.ts';


describe('规则目录', () => {
  it('checks.md 中每条单份报告规则都有实现', () => {
    const md = readFileSync(resolve(ROOT, '../shared/spec/checks.md'), 'utf8');
    const single = md.slice(md.indexOf('## One report'), md.indexOf('## Several reports'));
    const ids = [...single.matchAll(/^\| `([a-z_]+\.[a-z_]+)`(?: \/ `([a-z_]+\.[a-z_]+)`)?/gm)].flatMap((m) => [m[1], m[2]]).filter(Boolean);
    assert.ok(ids.length >= 20, '应从 checks.md 读出规则编号');
    const have = new Set(rules().map((r) => r.meta.id));
    for (const id of ids) assert.ok(have.has(id), `缺少规则 ${id}`);
  });

  it('每条规则都有中文标题和说明，至少一条消息，每条消息有中文示例', () => {
    for (const r of rules()) {
      assert.match(r.meta.title, /[\u4e00-\u9fa5]/, r.meta.id);
      assert.match(r.meta.description, /[\u4e00-\u9fa5]/, r.meta.id);
      assert.ok(Object.keys(r.meta.messages).length > 0, r.meta.id);
      for (const [id, m] of Object.entries(r.meta.messages)) {
        assert.match(id, /^[a-z][A-Za-z]*$/, `${r.meta.id}/${id}`);
        assert.match(m.example, /[\u4e00-\u9fa5]/, `${r.meta.id}/${id}`);
      }
      // a check-stage rule has a check; a rule only the parser raises has none; the rules across
      // reports are run by the store over several reports (src/check/cross/), not per report
      const acrossReports = crossRuleMetas.some((m) => m.id === r.meta.id);
      assert.equal(!!r.check, !acrossReports && Object.values(r.meta.messages).some((m) => m.origin === 'check'), r.meta.id);
    }
  });

  it('一份一致的报告没有任何诊断', () => {
    assert.deepEqual(checkReport(baseReport('2021')), []);
    assert.deepEqual(checkReport(baseReport('2019')), []);
  });
});

const COLS = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'];
/** The cells of a 表三 row, in column order. */
const row3 = (row: string) => COLS.map((c) => `applications.${row}.${c}`);

/** A report whose 表三 has `n` applications granted to natural persons, every relation holding. */
function granted(n: number) {
  const r = setRow(baseReport(), 'new_received', [n, 0, 0, 0, 0, 0, n]);
  setRow(r, 'granted', [n, 0, 0, 0, 0, 0, n]);
  return setRow(r, 'results_total', [n, 0, 0, 0, 0, 0, n]);
}

describe('勾稽关系', () => {
  checkRuleTester('applications.row_sum', {
    valid: [{ name: '一致的报告', input: () => granted(3) }],
    invalid: [
      {
        name: '总计不等于各列之和（两行各报一条）',
        input: () => {
          const r = setRow(baseReport(), 'granted', [3, 1, 0, 0, 0, 0, 5]);
          setRow(r, 'new_received', [3, 1, 0, 0, 0, 0, 4]);
          return setRow(r, 'results_total', [3, 1, 0, 0, 0, 0, 5]);
        },
        errors: [
          {
            messageId: 'unequal',
            cells: row3('granted').slice(6).concat(row3('granted').slice(0, 6)),
            message: '表三“予以公开”行：总计(5)，自然人(3)+商业企业(1)+科研机构(0)+社会公益组织(0)+法律服务机构(0)+其他组织(0)=4，两者应相等，相差1',
          },
          { messageId: 'unequal', cells: row3('results_total').slice(6).concat(row3('results_total').slice(0, 6)) },
        ],
      },
      {
        name: '同一关系在一张表中多处不成立时合为一条',
        input: () => {
          const r = baseReport();
          for (const row of ['granted', 'partial', 'withheld_state_secret', 'withheld_law_prohibited']) setRow(r, row, [1, 0, 0, 0, 0, 0, 0]);
          return r;
        },
        errors: [
          {
            messageId: 'unequalMany',
            message:
              '表三有4处不满足“每行“总计”等于自然人与法人或其他组织各列之和”（可能是整行或整列数据错位，或合计有误）：“予以公开”行相差1；“部分公开”行相差1；“不予公开·属于国家秘密”行相差1；“不予公开·其他法律行政法规禁止公开”行相差1',
          },
        ],
      },
      ...examplesOf('applications.row_sum'),
    ],
  });

  checkRuleTester('applications.balance', {
    valid: [
      { name: '一致的报告', input: () => granted(2) },
      {
        name: '缺失的单元格不引发连锁的勾稽错误（由结构规则报一次）',
        input: () => {
          const r = baseReport();
          for (const a of Object.keys(r.cells)) if (a.startsWith('applications.carried_over.')) setCell(r, a, null, 'missing');
          return setRow(r, 'results_total', [1, 0, 0, 0, 0, 0, 1]);
        },
      },
    ],
    invalid: [
      {
        name: '两边与差额按 checks.md 的写法',
        input: () => {
          const r = setRow(baseReport(), 'new_received', [5, 0, 0, 0, 0, 0, 5]);
          setRow(r, 'results_total', [4, 0, 0, 0, 0, 0, 4]);
          return setRow(r, 'granted', [4, 0, 0, 0, 0, 0, 4]);
        },
        errors: [
          {
            messageId: 'unequal',
            cells: ['new_received', 'carried_over', 'results_total', 'carried_forward'].map((row) => `applications.${row}.natural_person`),
            message: '表三“自然人”列：本年新收(5)+上年结转(0)=5，办理结果总计(4)+结转下年度(0)=4，两者应相等，相差1',
          },
          { messageId: 'unequal', cells: ['new_received', 'carried_over', 'results_total', 'carried_forward'].map((row) => `applications.${row}.total`) },
        ],
      },
      ...examplesOf('applications.balance'),
    ],
  });

  checkRuleTester('applications.results_sum', {
    valid: [
      {
        name: '缺失的单元格不引发连锁的勾稽错误',
        input: () => {
          const r = baseReport();
          for (const a of Object.keys(r.cells)) if (a.startsWith('applications.granted.')) setCell(r, a, null, 'missing');
          setRow(r, 'new_received', [1, 0, 0, 0, 0, 0, 1]);
          return setRow(r, 'results_total', [1, 0, 0, 0, 0, 0, 1]);
        },
      },
    ],
    invalid: [
      {
        name: '长的和只列出非零项',
        input: () => {
          const r = setRow(baseReport(), 'granted', [2, 0, 0, 0, 0, 0, 2]);
          setRow(r, 'new_received', [2, 0, 0, 0, 0, 0, 2]);
          setRow(r, 'results_total', [3, 0, 0, 0, 0, 0, 3]);
          return setRow(r, 'carried_over', [1, 0, 0, 0, 0, 0, 1]);
        },
        errors: [
          { messageId: 'unequal', message: '表三“自然人”列：办理结果总计(3)，各项之和2（予以公开(2)，其余为0），两者应相等，相差1' },
          { messageId: 'unequal', message: '表三“总计”列：办理结果总计(3)，各项之和2（予以公开(2)，其余为0），两者应相等，相差1' },
        ],
      },
      ...examplesOf('applications.results_sum'),
    ],
  });

  checkRuleTester('review_litigation.row_sum', {
    valid: [{ name: '一致的报告', input: () => baseReport() }],
    invalid: [
      {
        name: '行政复议结果维持1、总计0',
        input: () => setCell(baseReport(), 'review_litigation.review.upheld', 1),
        errors: [
          {
            messageId: 'unequal',
            message: '表四“行政复议”：总计(0)，结果维持(1)+结果纠正(0)+其他结果(0)+尚未审结(0)=1，两者应相等，相差1',
            line: 285, // the first of the row's cells in the hand-built report (lines count from 100 in cell order)
          },
        ],
      },
      {
        name: '空白单元格按0计算，并在提示中说明',
        input: () => setCell(setCell(baseReport(), 'review_litigation.review.upheld', 1), 'review_litigation.review.total', null, 'blank'),
        errors: [
          {
            messageId: 'unequal',
            message: '表四“行政复议”：总计(空(按0计))，结果维持(1)+结果纠正(0)+其他结果(0)+尚未审结(0)=1，两者应相等，相差1（空白单元格按0计算）',
          },
        ],
      },
      ...examplesOf('review_litigation.row_sum'),
    ],
  });
});

/**
 * Cases that show a relation rule's documented examples are its own messages: on a table of
 * zeros, the first instance (and the first three) of the relation put out by one.
 */
function examplesOf(id: string) {
  const format = getFormat('2021');
  const rel = format.relations.find((r) => r.id === id)!;
  const meta = rules().find((r) => r.meta.id === id)!.meta;
  const offByOne = (count: number) => () => {
    const r = baseReport();
    for (const eq of rel.equations.slice(0, count)) setCell(r, eq.left[0], 1);
    return r;
  };
  return [
    { name: '示例：一处不相等', input: offByOne(1), errors: [{ messageId: 'unequal', message: meta.messages.unequal.example }] },
    { name: '示例：三处不相等合为一条', input: offByOne(3), errors: [{ messageId: 'unequalMany', message: meta.messages.unequalMany.example }] },
  ];
}

describe('单元格规则', () => {
  checkRuleTester('cell.blank', {
    valid: [{ name: '“/”不是空白', input: () => setCell(baseReport(), 'active.admin_fees.amount_wan', null, 'not_applicable') }],
    invalid: [
      {
        name: '空白保持为空，并给出勾稽关系推算的值',
        input: () => setCell(baseReport(), 'applications.carried_forward.total', null, 'blank'),
        errors: [
          {
            messageId: 'blank',
            cells: ['applications.carried_forward.total'],
            message: '表三“结转下年度”行“总计”列（按勾稽关系应为0）为空白；取值保持为空，没有按0处理（第284行）',
          },
        ],
      },
      {
        name: '示例',
        input: () => {
          const r = setCell(baseReport(), 'applications.carried_forward.total', null, 'blank');
          r.cells['applications.carried_forward.total'].line = 40;
          return r;
        },
        errors: [{ messageId: 'blank', message: '表三“结转下年度”行“总计”列（按勾稽关系应为0）为空白；取值保持为空，没有按0处理（第40行）' }],
      },
    ],
  });

  checkRuleTester('cell.not_applicable', {
    valid: [{ name: '空白不是“/”', input: () => setCell(baseReport(), 'active.admin_fees.amount_wan', null, 'blank') }],
    invalid: [
      {
        name: '“/”为提示级，取值为空',
        input: () => setCell(baseReport(), 'active.admin_fees.amount_wan', null, 'not_applicable'),
        errors: [{ messageId: 'notApplicable', cells: ['active.admin_fees.amount_wan'], message: '表二“行政事业性收费”印作“/”（不适用），取值为空' }],
      },
    ],
  });

  checkRuleTester('cell.not_a_number', {
    valid: [{ name: '数字', input: () => baseReport() }],
    invalid: [
      {
        name: '文字不是数字',
        input: () => {
          const r = baseReport();
          r.tables.applications.granted.natural_person = null;
          r.cells['applications.granted.natural_person'] = { raw: '未统计', line: 50, status: 'read' };
          return r;
        },
        errors: [{ messageId: 'notANumber', cells: ['applications.granted.natural_person'], message: '表三“予以公开”行“自然人”列印作“未统计”，不是数字（第50行）' }],
      },
    ],
  });

  checkRuleTester('cell.negative', {
    valid: [{ name: '2019 年版“本年增/减”可为负', input: () => setCell(baseReport('2019'), 'active.licensing.change', -2) }],
    invalid: [
      {
        name: '件数为负',
        input: () => {
          const r = setCell(baseReport(), 'active.licensing.decisions', -3);
          r.cells['active.licensing.decisions'].line = 12;
          return r;
        },
        errors: [{ messageId: 'negative', cells: ['active.licensing.decisions'], message: '表二“行政许可”为负数（-3）（第12行）' }],
      },
    ],
  });

  checkRuleTester('cell.not_integer', {
    valid: [{ name: '金额可以有小数', input: () => setCell(baseReport(), 'active.admin_fees.amount_wan', 12.75) }],
    invalid: [
      {
        name: '件数有小数',
        input: () => {
          const r = setCell(baseReport(), 'active.penalty.decisions', 2.5);
          r.cells['active.penalty.decisions'].line = 14;
          return r;
        },
        errors: [{ messageId: 'notInteger', cells: ['active.penalty.decisions'], message: '表二“行政处罚”为2.5，件数应为整数（第14行）' }],
      },
    ],
  });
});

describe('结构规则', () => {
  checkRuleTester('structure.section_missing', {
    valid: [{ name: '六个部分齐全', input: () => baseReport() }],
    invalid: [
      {
        name: '缺的部分合为一条并点出自拟标题',
        input: () => {
          const r = baseReport();
          r.sections = r.sections.filter((s) => s.id !== 'overview' && s.id !== 'problems');
          r.sections.push({ id: null, title: '一、政务公开工作开展情况', text: '', line: 3 });
          return r;
        },
        errors: [
          {
            messageId: 'missing',
            line: 3,
            message: '缺少第一部分“一、总体情况”、第五部分“五、存在的主要问题及改进情况”；报告另用了非规定的标题：“一、政务公开工作开展情况”（第3行）',
          },
        ],
      },
    ],
  });

  checkRuleTester('structure.table_missing', {
    valid: [
      {
        name: '印出但读不出的行保留行号，不算整表缺失',
        input: () => {
          const r = baseReport();
          for (const a of Object.keys(r.cells)) if (a.startsWith('review_litigation.')) r.cells[a] = { raw: null, line: 80, status: 'missing' };
          return r;
        },
      },
    ],
    invalid: [
      {
        name: '整张表缺失只报一次',
        input: () => {
          const r = baseReport();
          for (const a of Object.keys(r.cells)) if (a.startsWith('review_litigation.')) setCell(r, a, null, 'missing');
          return r;
        },
        errors: [{ messageId: 'missing', message: '缺少表四（“四、政府信息公开行政复议、行政诉讼情况”中的统计表），该表的15个单元格均无数据' }],
      },
    ],
  });

  checkRuleTester('structure.row_missing', {
    valid: [
      {
        name: '整张表缺失由 structure.table_missing 报',
        input: () => {
          const r = baseReport();
          for (const a of Object.keys(r.cells)) if (a.startsWith('review_litigation.')) setCell(r, a, null, 'missing');
          return r;
        },
      },
    ],
    invalid: [
      {
        name: '缺少的行（没有行号）',
        input: () => {
          const r = baseReport();
          for (const a of Object.keys(r.cells)) if (/^applications\.(granted|partial)\./.test(a)) setCell(r, a, null, 'missing');
          return r;
        },
        errors: [{ messageId: 'absent', cells: [...row3('granted'), ...row3('partial')], message: '表三缺少2行：“予以公开”、“部分公开”（这些单元格为空值）' }],
      },
    ],
  });

  checkRuleTester('structure.heading_numbering', {
    valid: [{ name: '“一、”至“六、”', input: () => baseReport() }],
    invalid: [
      {
        name: '阿拉伯数字和漏编号',
        input: () => {
          const r = baseReport();
          r.sections[1].title = '2、主动公开政府信息情况';
          r.sections[1].line = 9;
          r.sections[5].title = '其他需要报告的事项';
          r.sections[5].line = 60;
          return r;
        },
        errors: [
          {
            messageId: 'numbering',
            line: 9,
            message: '部分标题编号不规范：“2、主动公开政府信息情况”编号为“2、”，应为“二、”（第9行）；“其他需要报告的事项”缺少编号“六、”（第60行）',
          },
        ],
      },
    ],
  });

  checkRuleTester('report.agency_missing', {
    valid: [{ name: '有机关名称', input: () => baseReport() }],
    invalid: [
      {
        name: '没有机关名称',
        input: () => ({ ...baseReport(), agency: null }),
        errors: [{ messageId: 'missing', line: null, message: '报告的标题、正文和落款中都找不到发布机关的名称' }],
      },
    ],
  });

  checkRuleTester('report.year_missing', {
    valid: [{ name: '有年度', input: () => baseReport() }],
    invalid: [
      {
        name: '没有年度',
        input: () => ({ ...baseReport(), year: null }),
        errors: [{ messageId: 'missing', message: '无法确定报告年度：标题、统计期限和正文中都没有写明是哪一年的报告' }],
      },
    ],
  });
});

describe('正文与表格', () => {
  checkRuleTester('narrative.number_mismatch', {
    valid: [
      { name: '“受理”可以指新收加上年结转', input: () => sectionText(setRow(setRow(granted(6), 'new_received', [5, 0, 0, 0, 0, 0, 5]), 'carried_over', [1, 0, 0, 0, 0, 0, 1]), 'overview', '本年度共受理6件信息公开申请，均按时答复。') },
      { name: '与表相符', input: () => sectionText(granted(6), 'overview', '2023年共收到政府信息公开申请6件，予以公开6件。') },
    ],
    invalid: [
      {
        name: '正文件数与表三不符',
        input: () => sectionText(granted(6), 'overview', '（二）依申请公开。2023年共收到政府信息公开申请 8 件，予以公开6件。'),
        errors: [{ messageId: 'mismatch', line: 10, message: '“一、总体情况”中写道“收到政府信息公开申请8件”，但表中收到的政府信息公开申请为6' }],
      },
    ],
  });

  checkRuleTester('narrative.contradiction', {
    valid: [{ name: '没有申请时说未收到', input: () => sectionText(baseReport(), 'overview', '2023年我局未收到政府信息公开申请。') }],
    invalid: [
      {
        name: '说“未收到申请”而表中有申请',
        input: () => sectionText(granted(2), 'overview', '2023年我局未收到政府信息公开申请。'),
        errors: [{ messageId: 'contradiction', message: '“一、总体情况”中写道“2023年我局未收到政府信息公开申请”（未收到政府信息公开申请），但表中相应数字合计为2' }],
      },
      {
        name: '说“均获维持”而有尚未审结的案件',
        input: () => sectionText(setCell(setCell(baseReport(), 'review_litigation.review.pending', 1), 'review_litigation.review.total', 1), 'review_litigation', '本年度被申请行政复议1件，均获维持。'),
        errors: [{ messageId: 'contradiction' }],
      },
    ],
  });

  checkRuleTester('narrative.sum_mismatch', {
    valid: [{ name: '没说分别为时，分项可以少于总数', input: () => sectionText(baseReport(), 'active', '全年主动公开政府信息共120条，其中机构职能20条、政策文件60条。') }],
    invalid: [
      {
        name: '分项之和超过总数',
        input: () => sectionText(baseReport(), 'active', '全年主动公开政府信息共120条，其中机构职能20条、政策文件60条、通知公告50条。'),
        errors: [{ messageId: 'exceeds', message: '“二、主动公开政府信息情况”中写道总数“共120条”，列出的分项20+60+50=130，超过了总数' }],
      },
      {
        name: '说“分别为”而分项之和不等于总数',
        input: () => sectionText(baseReport(), 'active', '全年主动公开政府信息共120条，分别为机构职能20条、政策文件60条。'),
        errors: [{ messageId: 'unequal', message: '“二、主动公开政府信息情况”中写道总数“共120条”，列出的分项20+60=80，与总数不等' }],
      },
    ],
  });

  checkRuleTester('fees.statement', {
    valid: [
      { name: '第六部分说明了信息处理费', input: () => sectionText(setRow(granted(0), 'other_fee_unpaid', [0, 0, 0, 0, 0, 0, 0]), 'other_matters', '本年度收取信息处理费0元。') },
      {
        name: '有逾期未缴费的申请，第六部分写了收费',
        input: () => {
          const r = setRow(granted(0), 'other_fee_unpaid', [1, 0, 0, 0, 0, 0, 1]);
          setRow(r, 'new_received', [1, 0, 0, 0, 0, 0, 1]);
          return sectionText(setRow(r, 'results_total', [1, 0, 0, 0, 0, 0, 1]), 'other_matters', '本年度收取信息处理费0元。');
        },
      },
    ],
    invalid: [
      {
        name: '有逾期未缴费的申请，第六部分却未说明信息处理费',
        input: () => {
          const r = setRow(granted(0), 'other_fee_unpaid', [1, 0, 0, 0, 0, 0, 1]);
          setRow(r, 'new_received', [1, 0, 0, 0, 0, 0, 1]);
          return sectionText(setRow(r, 'results_total', [1, 0, 0, 0, 0, 0, 1]), 'other_matters', '无其他需要报告的事项。');
        },
        errors: [
          {
            messageId: 'unpaid',
            cells: ['applications.other_fee_unpaid.total'],
            message: '表三有1件申请因逾期未缴费不再处理，但“六、其他需要报告的事项”没有说明收取信息处理费的情况',
          },
        ],
      },
      {
        name: '正文提到信息处理费，第六部分却未说明',
        input: () => sectionText(sectionText(baseReport(), 'overview', '本年度未收取信息处理费。'), 'other_matters', '无其他需要报告的事项。'),
        errors: [{ messageId: 'mentioned', message: '正文提到了信息处理费，但“六、其他需要报告的事项”没有说明收取信息处理费的情况' }],
      },
    ],
  });

  checkRuleTester('active.fee_unit', {
    valid: [
      { name: '正文以万元写出', input: () => sectionText(setCell(baseReport(), 'active.admin_fees.amount_wan', 3500), 'active', '全年行政事业性收费3500万元。') },
      { name: '小数金额', input: () => setCell(baseReport(), 'active.admin_fees.amount_wan', 879.127651) },
    ],
    invalid: [
      {
        name: '正文以“元”写出与表中相同的数',
        input: () => sectionText(setCell(baseReport(), 'active.admin_fees.amount_wan', 3500), 'active', '全年行政事业性收费3500元，均按标准收取。'),
        errors: [
          {
            messageId: 'yuanInNarrative',
            cells: ['active.admin_fees.amount_wan'],
            message: '表二“行政事业性收费”填的是3500（单位万元），而“二、主动公开政府信息情况”中写道“收费3500元”：表中数字可能是按“元”填写的，应为0.35万元',
          },
        ],
      },
      {
        name: '收费金额大得不合常理',
        input: () => setCell(baseReport(), 'active.admin_fees.amount_wan', 2_500_000),
        errors: [{ messageId: 'implausible', message: '表二“行政事业性收费”为2500000万元（即250亿元），明显偏大，可能是按“元”填写的' }],
      },
    ],
  });
});

describe('timeliness.late', () => {
  checkRuleTester('timeliness.late', {
    valid: [
      { name: '部门报告在次年1月31日发布', input: () => ({ ...baseReport('2021', 2023), published: '2024-01-31' }) },
      { name: '人民政府的年度报告期限为3月31日', input: () => ({ ...baseReport('2021', 2023), agency: '某某县人民政府', published: '2024-03-15' }) },
    ],
    invalid: [
      {
        name: '部门报告晚于次年1月31日',
        input: () => ({ ...baseReport('2021', 2023), published: '2024-02-01' }),
        errors: [{ messageId: 'late', message: '报告日期为2024-02-01，晚于2024年1月31日的公布期限' }],
      },
      {
        name: '人民政府的报告晚于3月31日',
        input: () => ({ ...baseReport('2021', 2023), agency: '某某县人民政府', published: '2024-04-01' }),
        errors: [{ messageId: 'late', message: '报告日期为2024-04-01，晚于2024年3月31日（人民政府年度报告）的公布期限' }],
      },
    ],
  });
});

describe('诊断与规则目录一致', () => {
  it('解析和核查产生的每条诊断都有目录中的规则编号、该规则的级别、声明过的消息编号和来源', async () => {
    const { parseFile } = await import('../src/index.ts');
    const { seedFiles, SEEDS_DIR } = await import('./support/seeds.ts');
    const { readdirSync } = await import('node:fs');
    const fixtures = new URL('./fixtures/text/', import.meta.url).pathname;
    const files = [
      ...seedFiles().map((f) => `${SEEDS_DIR}/${f}`),
      ...readdirSync(fixtures).map((f) => `${fixtures}${f}`),
    ];
    const metas = new Map(rules().map((r) => [r.meta.id, r.meta]));
    let seen = 0;
    for (const f of files) {
      const r = await parseFile(f);
      for (const d of r.diagnostics) {
        seen++;
        const meta = metas.get(d.rule);
        assert.ok(meta, `${f}: 未登记的规则 ${d.rule}`);
        assert.equal(d.severity, meta.severity, `${f}: ${d.rule} 的级别`);
        // made by the factory: a message the rule declares, from the stage that declares it
        assert.ok(d.messageId && d.messageId in meta.messages, `${f}: ${d.rule} 没有声明消息 ${d.messageId}`);
        assert.equal(d.origin, meta.messages[d.messageId].origin, `${f}: ${d.rule}/${d.messageId} 的来源`);
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
