// Property tests: a valid report written in any text layout that extraction produces (with
// realistic noise) parses back to the same report — every table cell, the agency, the year, the
// format, the published date when the text states it, and all six sections.
//
// Runs are deterministic (a fixed fast-check seed) so that CI is reproducible. Environment:
// GONGKAI_FC_SEED explores other cases, GONGKAI_FC_RUNS sets the runs per layout, and
// GONGKAI_FC_SHRINK=1 shrinks a failure to a minimal case (off by default: it can take minutes).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getFormat, parseText } from '../src/index.ts';
import { mismatches } from './support/compare.ts';
import { generateWith, violatedRelations, type GeneratedReport } from './support/generate.ts';
import { LAYOUTS, RUN_LAYOUTS, renderWith, type Layout, type Rendered } from './support/layouts.ts';
import { arbitraryOf } from './support/random.ts';

const SEED = Number(process.env.GONGKAI_FC_SEED ?? 20_211_230);
const SHRINK = process.env.GONGKAI_FC_SHRINK === '1';
const RUNS = Number(process.env.GONGKAI_FC_RUNS ?? 40);

interface Case {
  report: GeneratedReport;
  rendered: Rendered;
}

/** A report and its rendering in `layout`; printed briefly when fast-check reports a failure. */
function caseArbitrary(layout: Layout): fc.Arbitrary<Case> {
  const runs = RUN_LAYOUTS.includes(layout);
  return arbitraryOf((src) => {
    // Runs without separators split uniquely only when each number is one digit (a negative
    // one, 本年增/减 of the 2019 format, with its minus sign glued to the number before it).
    const report = generateWith(src, { singleDigits: runs });
    const rendered = renderWith(report, layout, src);
    const c: Case & { [fc.toStringMethod]?: () => string } = { report, rendered };
    c[fc.toStringMethod] = () =>
      `${layout} ${report.format} ${report.agency} ${report.year} style=${JSON.stringify(rendered.style)} noise=${JSON.stringify(rendered.noise)}\n${rendered.text}`;
    return c;
  });
}

describe('生成器', () => {
  it('生成的报告满足格式的全部勾稽关系，数值合理', () => {
    fc.assert(
      fc.property(
        arbitraryOf((src) => generateWith(src)),
        (report) => {
          const format = getFormat(report.format);
          assert.deepEqual(violatedRelations(format, report.tables), []);
          assert.ok(report.year >= format.years.from && report.year <= (format.years.to ?? 2100), `年度 ${report.year} 与格式 ${format.id} 不符`);
          for (const t of format.tables) {
            for (const row of t.rows) {
              for (const col of row.columns) {
                const v = report.tables[t.id][row.id][col.id];
                assert.ok(Number.isFinite(v), `${t.id}.${row.id}.${col.id}`);
                if (col.type === 'integer') assert.ok(Number.isInteger(v) && v >= 0, `${t.id}.${row.id}.${col.id}=${v}`);
                if (col.type === 'signed_integer') assert.ok(Number.isInteger(v), `${t.id}.${row.id}.${col.id}=${v}`);
                if (col.type === 'decimal') assert.ok(v >= 0, `${t.id}.${row.id}.${col.id}=${v}`);
              }
            }
          }
        },
      ),
      { seed: SEED, numRuns: 200, endOnFailure: !SHRINK },
    );
  });
});

describe('任意版式：解析(排版(报告)) = 报告', () => {
  for (const layout of LAYOUTS) {
    it(`${layout}：每个单元格、机关、年度、格式、发布日期、六个部分`, () => {
      fc.assert(
        fc.property(caseArbitrary(layout), ({ report, rendered }) => {
          const parsed = parseText(rendered.text, { check: false });
          const wrong = mismatches(report, parsed);
          assert.deepEqual(
            wrong.map((m) => `${m.address}=${m.got}（应为${m.want}）`),
            [],
            `${wrong.length} 个单元格不对；解析器诊断：\n${parsed.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.message}`).join('\n')}`,
          );
          assert.equal(parsed.agency, report.agency, '机关');
          assert.equal(parsed.year, report.year, '年度');
          assert.equal(parsed.format, report.format, '格式');
          if (rendered.style.signature || rendered.style.publishedLine) assert.equal(parsed.published, report.published, '发布日期');
          assert.deepEqual(
            new Set(parsed.sections.map((s) => s.id).filter(Boolean)),
            new Set(report.sections.map((s) => s.id)),
            '六个部分',
          );
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: !SHRINK },
      );
    });
  }
});
