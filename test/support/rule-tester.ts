// Rule tests in ESLint's RuleTester style: for one rule, reports (or texts) it must stay silent
// on, and reports it must flag, each with the diagnostics expected by message id (and, where a
// case says so, cells and the exact message). After a rule's cases, every message the rule
// declares for this stage must have been asserted by some case, and every message's example
// (diagnostics/*: what `gongkai rules ID` and docs/rules.md show) must be a message some case
// produced: the documentation cannot describe a message that does not exist.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReport, rules } from '../../src/check/index.ts';
import type { RuleMeta } from '../../src/diagnostics/diagnostic.ts';
import type { Diagnostic, Report, Stage } from '../../src/interchange/types.ts';
import type { ParserSettings } from '../../src/parse/settings.ts';
import { parseText } from '../../src/pipeline.ts';

export interface Expected {
  messageId: string;
  cells?: string[];
  line?: number | null;
  /** The exact message (cases that show a message in full). */
  message?: string;
}

export interface Case<Input> {
  name: string;
  input: Input | (() => Input);
  /** Any input for which the rule gives nothing, or the expected diagnostics in order. */
  errors?: Expected[];
}

export interface Cases<Input> {
  valid: Case<Input>[];
  invalid: (Case<Input> & { errors: Expected[] })[];
}

function run<Input>(stage: Stage, meta: RuleMeta, cases: Cases<Input>, diagnose: (input: Input) => Diagnostic[]): void {
  const asserted = new Set<string>();
  const produced = new Set<string>();
  describe(meta.id, () => {
    const ofRule = (input: Input | (() => Input)) => {
      const value = typeof input === 'function' ? (input as () => Input)() : input;
      return diagnose(value).filter((d) => d.rule === meta.id && (d.origin ?? stage) === stage);
    };
    for (const c of cases.valid) {
      it(`不报：${c.name}`, () => {
        assert.deepEqual(ofRule(c.input).map((d) => d.message), []);
      });
    }
    for (const c of cases.invalid) {
      it(`报：${c.name}`, () => {
        const got = ofRule(c.input);
        for (const d of got) produced.add(`${d.messageId}\u0000${d.message}`);
        assert.deepEqual(got.map((d) => d.messageId), c.errors.map((e) => e.messageId), got.map((d) => d.message).join('\n'));
        c.errors.forEach((e, i) => {
          const d = got[i];
          assert.equal(d.origin, stage);
          assert.equal(d.severity, meta.severity);
          if (e.cells) assert.deepEqual(d.cells, e.cells);
          if (e.line !== undefined) assert.equal(d.line, e.line);
          if (e.message !== undefined) assert.equal(d.message, e.message);
          asserted.add(e.messageId);
        });
      });
    }
    // Runs after the cases above (a suite's tests run in order).
    it('这一阶段的每条消息都有用例，其示例是用例实际给出的消息', () => {
      for (const [id, m] of Object.entries(meta.messages)) {
        if (m.origin !== stage) continue;
        assert.ok(asserted.has(id), `${meta.id}：消息 ${id} 没有测试用例`);
        assert.ok(produced.has(`${id}\u0000${m.example}`), `${meta.id}：消息 ${id} 的示例不是任何测试用例实际给出的消息：${m.example}`);
      }
    });
  });
}

/** Tests of a check-stage rule on hand-built reports (`gongkai check` runs it on every report). */
export function checkRuleTester(ruleId: string, cases: Cases<Report>): void {
  const rule = rules().find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`没有规则 ${ruleId}`);
  run('check', rule.meta, cases, (report) => checkReport(report));
}

/** A report text, and (for cases that exhaust a limit on a small input) the parser's settings. */
export type ParseInput = string | { text: string; settings: Partial<ParserSettings> };

/** Tests of the parser's messages of a rule, on report texts. */
export function parseRuleTester(meta: RuleMeta, cases: Cases<ParseInput>): void {
  run('parse', meta, cases, (input) => {
    const { text, settings } = typeof input === 'string' ? { text: input, settings: {} } : input;
    return parseText(text, { check: false, name: '测试.txt', settings }).diagnostics;
  });
}
