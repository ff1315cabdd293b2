// The extraction corpus (test/corpus): complete and consistent with its truth, every failure class
// of issue 9 present, and — the promise that matters most — no text yields a number that differs
// from its truth without a diagnostic, beyond the known cells listed in known-silent.json (the
// parser work of issue 9 empties that list; a new silent wrong number fails here).

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getFormat, parseReport, type Report } from '../src/index.ts';
import { CORPUS_DIR, FAILURE_CLASSES, loadManifest, loadTruth, scoreReport, tallyOf, type Truth } from './support/corpus.ts';
import { violatedRelations } from './support/generate.ts';

const manifest = loadManifest();
const known = (JSON.parse(readFileSync(join(CORPUS_DIR, 'known-silent.json'), 'utf8')) as { texts: Record<string, string[]> }).texts;

describe('抽取语料：完整且与真值一致', () => {
  it('每份文本都在，真值满足格式的全部勾稽关系', () => {
    assert.ok(manifest.texts.length >= 200, `语料太少：${manifest.texts.length}`);
    const truths = new Set(manifest.texts.map((t) => t.truth));
    for (const t of manifest.texts) assert.ok(existsSync(join(CORPUS_DIR, t.file)), t.file);
    for (const id of truths) {
      const truth = loadTruth(id);
      assert.deepEqual(violatedRelations(getFormat(truth.format), truth.tables), [], id);
    }
  });

  it('两种格式、问题清单的七类情形都有', () => {
    const formats = new Set(manifest.texts.map((t) => loadTruth(t.truth).format));
    assert.deepEqual([...formats].sort(), ['2019', '2021']);
    const classes = new Set(manifest.texts.flatMap((t) => t.classes));
    for (const c of Object.keys(FAILURE_CLASSES)) assert.ok(classes.has(c as keyof typeof FAILURE_CLASSES), c);
    for (const t of manifest.texts) assert.ok(manifest.tools[t.tool], `${t.file} 的工具 ${t.tool} 没有说明`);
  });
});

describe('评分：每格的五种结论', () => {
  const truth: Truth = { id: 't', seed: 0, format: '2021', agency: 'a', year: 2023, published: '2024-01-01', tables: {} };
  const format = getFormat('2021');
  for (const t of format.tables) {
    truth.tables[t.id] = {};
    for (const r of t.rows) truth.tables[t.id][r.id] = Object.fromEntries(r.columns.map((c) => [c.id, 0]));
  }
  truth.tables.applications.other_fee_unpaid.total = null;
  const parsed = (mutate: (r: Report) => void): Report => {
    const r = { format: '2021', tables: JSON.parse(JSON.stringify(truth.tables)) as Report['tables'], diagnostics: [] } as unknown as Report;
    mutate(r);
    return r;
  };
  it('精确、空而有错、空而无错、错而有诊断、错而无诊断', () => {
    const exact = scoreReport(truth, parsed(() => {}));
    assert.equal(tallyOf(exact).exact, exact.length, '未印出的格读成空也算精确');
    const silent = scoreReport(truth, parsed((r) => (r.tables.active.licensing.decisions = 5)));
    assert.equal(tallyOf(silent).wrongSilent, 1);
    const flagged = scoreReport(truth, parsed((r) => {
      r.tables.active.licensing.decisions = 5;
      r.diagnostics.push({ rule: 'cell.reconstructed', severity: 'warning', message: '', cells: ['active.licensing.decisions'] });
    }));
    assert.equal(tallyOf(flagged).wrongFlagged, 1);
    const nullSilent = scoreReport(truth, parsed((r) => (r.tables.review_litigation.review.total = null)));
    assert.equal(tallyOf(nullSilent).nullSilent, 1);
    const nullError = scoreReport(truth, parsed((r) => {
      r.tables.review_litigation.review.total = null;
      r.diagnostics.push({ rule: 'structure.row_missing', severity: 'error', message: '', cells: ['review_litigation.review.total'] });
    }));
    assert.equal(tallyOf(nullError).nullError, 1);
  });
});

describe('抽取语料：没有新的“错而无诊断”', () => {
  it('每份文本读错的数都有诊断（已知的除外）', async () => {
    const fresh: string[] = [];
    for (const t of manifest.texts) {
      const report = await parseReport(new Uint8Array(readFileSync(join(CORPUS_DIR, t.file))), { name: t.file });
      const allowed = new Set(known[t.file] ?? []);
      for (const c of scoreReport(loadTruth(t.truth), report)) {
        if (c.verdict === 'wrongSilent' && !allowed.has(c.address)) fresh.push(`${t.file} ${c.address}：应为 ${c.want}，读出 ${c.got}`);
      }
    }
    assert.deepEqual(fresh, []);
  });
});
