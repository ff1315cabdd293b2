// Damage tests: a valid report, written in any layout, then damaged the way extraction damages
// real ones (a cell lost, two numbers run together, a stray header line, a row label lost, an
// empty cell, the text cut off). The parser must never crash and never give a wrong number
// silently. Precisely, for every cell of every table:
//
//   1. value = truth, or
//   2. value = null (the parser claims nothing) — and then an error or warning diagnostic names
//      the cell (diagnostic.cells), so the user knows a number is missing, or
//   3. value ≠ truth — and then an error or warning diagnostic names the cell, or a relation
//      error (applications.balance, …) is reported for its table.
//
// Every cell marked `reconstructed` is named by a diagnostic. The only exception allowed is the
// ingest error for text that no longer contains any part of a report (truncation).
//
// Seeds and runs as in property.test.ts (GONGKAI_FC_SEED, GONGKAI_FC_RUNS, GONGKAI_FC_SHRINK=1).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IngestError, parseText, type Report } from '../src/index.ts';
import { mismatches, silentlyWrong } from './support/compare.ts';
import { damageGrid, drawDamage, truncateText, type Damage } from './support/damage.ts';
import { generateWith, type GeneratedReport } from './support/generate.ts';
import { LAYOUTS, RUN_LAYOUTS, renderWith, type Layout } from './support/layouts.ts';
import { arbitraryOf } from './support/random.ts';

const SEED = Number(process.env.GONGKAI_FC_SEED ?? 20_220_131);
const SHRINK = process.env.GONGKAI_FC_SHRINK === '1';
const RUNS = Number(process.env.GONGKAI_FC_RUNS ?? 30);

interface Case {
  report: GeneratedReport;
  damages: Damage[];
  text: string;
}

function caseArbitrary(layout: Layout, options: { multiDigitRuns?: boolean } = {}): fc.Arbitrary<Case> {
  const runs = RUN_LAYOUTS.includes(layout) && !options.multiDigitRuns;
  return arbitraryOf((src) => {
    const report = generateWith(src, { singleDigits: runs });
    const damages = options.multiDigitRuns ? [] : [drawDamage(src), ...(src.chance(0.3) ? [drawDamage(src)] : [])];
    const rendered = renderWith(report, layout, src, {
      alterGrid: (grid) => damages.reduce((g, d) => damageGrid(g, d), grid),
    });
    const text = damages.reduce((t, d) => truncateText(t, d), rendered.text);
    const c: Case & { [fc.toStringMethod]?: () => string } = { report, damages, text };
    c[fc.toStringMethod] = () => `${layout} ${report.format} 损坏=${JSON.stringify(damages)}\n${text}`;
    return c;
  });
}

/** Addresses named by error or warning diagnostics. */
function named(parsed: Report): Set<string> {
  const out = new Set<string>();
  for (const d of parsed.diagnostics) if (d.severity !== 'info') for (const c of d.cells ?? []) out.add(c);
  return out;
}

function checkCase({ report, damages, text }: Case): void {
  let parsed: Report;
  try {
    parsed = parseText(text);
  } catch (e) {
    // Cut so early that no table and no section heading remains: a clear Chinese error.
    assert.ok(e instanceof IngestError && damages.some((d) => d.kind === 'truncate'), `不应抛出异常：${(e as Error).stack}`);
    assert.match(e.message, /[\u4e00-\u9fa5]/);
    return;
  }
  const diagnostics = () => parsed.diagnostics.map((d) => `${d.severity} ${d.rule} [${(d.cells ?? []).length}格] ${d.message}`).join('\n');
  const silent = silentlyWrong(report, parsed);
  assert.deepEqual(
    silent.map((m) => `${m.address}=${m.got}（应为${m.want}）`),
    [],
    `错数没有任何诊断指出；诊断：\n${diagnostics()}`,
  );
  const flagged = named(parsed);
  // A cell the parsed report does not have at all (the text no longer shows which format it
  // follows) counts as named when an error names any cell of that table.
  const tableErrors = new Set(parsed.diagnostics.filter((d) => d.severity === 'error').flatMap((d) => (d.cells ?? []).map((c) => c.split('.')[0])));
  const unexplainedNulls = mismatches(report, parsed).filter(
    (m) => (m.got === null && !flagged.has(m.address)) || (m.got === undefined && !tableErrors.has(m.address.split('.')[0])),
  );
  assert.deepEqual(
    unexplainedNulls.map((m) => `${m.address}（应为${m.want}）`),
    [],
    `置空的单元格没有错误或警告指出；诊断：\n${diagnostics()}`,
  );
  const unexplainedReconstructed = Object.entries(parsed.cells)
    .filter(([a, c]) => c.status === 'reconstructed' && !parsed.diagnostics.some((d) => d.cells?.includes(a)))
    .map(([a]) => a);
  assert.deepEqual(unexplainedReconstructed, [], '推算值没有诊断说明');
}

describe('随机损坏：要么值正确，要么为空并报错，从不静默给出错数，从不崩溃', () => {
  for (const layout of LAYOUTS) {
    it(`${layout}：丢格、数字相连、多出表头行、标签丢失、空格、截断`, () => {
      fc.assert(fc.property(caseArbitrary(layout), checkCase), { seed: SEED, numRuns: RUNS, endOnFailure: !SHRINK });
    });
  }

  it('分隔符全部丢失且有多位数：只在勾稽关系给出唯一拆分时拆分，否则置空并报错', () => {
    fc.assert(fc.property(caseArbitrary('glued', { multiDigitRuns: true }), checkCase), { seed: SEED, numRuns: 12, endOnFailure: !SHRINK });
  });
});

describe('分隔符全部丢失、下一行的标签也丢了', () => {
  it('本行读到的多位数字可能含有下一行的数：读对，或者被诊断指出', () => {
    // 行政处罚 5, -8, 3; 行政强制 (label lost) 5, 3, 7: "行政处罚5-83" and "537" on the next line.
    const text = [
      '某局2019年政府信息公开工作年度报告',
      '二、主动公开政府信息情况',
      '第二十条第(一)项信息内容本年新制作数量本年新公开数量对外公开总数量',
      '规章203',
      '规范性文件008',
      '第二十条第(五)项信息内容上一年项目数量本年增/减处理决定数量',
      '行政许可466',
      '其他对外管理服务事项705第二十条第(六)项',
      '信息内容上一年项目数量本年增/减处理决定数量',
      '行政处罚5-83',
      '537',
      '第二十条第(八)项',
      '信息内容上一年项目数量本年增/减',
      '行政事业性收费90',
      '第二十条第(九)项信息内容采购项目数量采购总金额',
      '政府集中采购89',
    ].join('\n');
    const parsed = parseText(text);
    assert.equal(parsed.format, '2019');
    const truth: Record<string, number> = { 'active.penalty.prev_items': 5, 'active.penalty.change': -8, 'active.penalty.decisions': 3 };
    const flagged = named(parsed);
    for (const [address, want] of Object.entries(truth)) {
      const [, row, col] = address.split('.');
      const got = parsed.tables.active[row][col];
      assert.ok(got === want || flagged.has(address), `${address}=${got}（应为${want}）没有诊断指出`);
    }
    assert.ok(flagged.has('active.penalty.decisions'));
  });
});
