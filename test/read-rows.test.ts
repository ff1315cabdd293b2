// The named steps of reading a table label by label (src/parse/row-values.ts, orientation.ts),
// each on its own: the region around the found labels, the candidate values around each label,
// the orientation decided from them, each row's values assigned, and values shared out by order.
// Inputs are small texts of 表三 run through the tokenizer and the label search, as the parser
// runs them; decideOrientation is also given hand-made rows, the input issue 9 will rework it on.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { textDocument } from '../src/ingest/text.ts';
import { getFormat } from '../src/model/index.ts';
import { locateSequence } from '../src/parse/locate.ts';
import { decideOrientation, fits, relationViolations, type FoundRow } from '../src/parse/orientation.ts';
import { assignSlots, gatherCandidates, shareByOrder, tableRegion } from '../src/parse/row-values.ts';
import { TextStream } from '../src/parse/stream.ts';
import { tokenize } from '../src/parse/tokenize.ts';
import { makeToken, type Token } from '../src/parse/tokens.ts';
import type { Diagnostic } from '../src/interchange/types.ts';
import { table3 } from './support/table-text.ts';

const format = getFormat('2021');
const applications = format.table('applications');
const row = (id: string) => applications.rows.find((r) => r.id === id)!;

/** The parser's first steps on a text of 表三: tokens, the label hits, the region. */
function region(text: string) {
  const tokens = tokenize(textDocument(text, 't.txt').blocks);
  const stream = new TextStream(tokens);
  const hits = locateSequence(stream, applications.rows, 0, stream.text.length, applications.words.free);
  return { tokens, hits, region: tableRegion(tokens, applications, hits, 0, tokens.length, null) };
}

const nums = (...values: number[]): Token[] =>
  values.map((v) => {
    const t = makeToken('num', String(v), 0, 1);
    t.value = v;
    t.digits = String(v);
    return t;
  });
const values = (ts: Token[]) => ts.map((t) => t.raw).join(' ');

describe('读表的各个步骤', () => {
  it('tableRegion：找到的行、标签所在的单元格、表的范围；每格一行没有可见的行界', () => {
    const { tokens, region: r } = region(table3({ granted: [2, 0, 0, 0, 0, 0, 2] }, { drop: ['partial'] }));
    assert.equal(r.found.length, applications.rows.length - 1);
    assert.ok(!r.found.includes(row('partial').index));
    assert.equal(tokens[r.firstToken].raw, '一、本年新收政府信息公开申请数量');
    assert.equal(r.printedRows, null);
    assert.equal(values(r.tail), '0 0 0 0 0 0 0'); // 结转下年度's numbers, after the last label
  });

  it('gatherCandidates：每个找到的标签前、标签内、标签后的数', () => {
    const { tokens, region: r } = region(table3({ new_received: [3, 0, 0, 0, 0, 0, 3], carried_over: [1, 0, 0, 0, 0, 0, 1] }));
    const c = gatherCandidates(tokens, r);
    assert.equal(c.length, applications.rows.length);
    assert.equal(c[0].row.id, 'new_received');
    assert.equal(values(c[0].before), '');
    assert.equal(values(c[0].after), '3 0 0 0 0 0 3');
    assert.equal(values(c[1].before), '3 0 0 0 0 0 3');
    assert.equal(values(c[1].after), '1 0 0 0 0 0 1');
  });

  it('decideOrientation：数在标签后、在标签前', () => {
    const consistent = { new_received: [3, 0, 0, 0, 0, 0, 3], granted: [3, 0, 0, 0, 0, 0, 3], results_total: [3, 0, 0, 0, 0, 0, 3] };
    const after = region(table3(consistent));
    assert.equal(decideOrientation(applications, gatherCandidates(after.tokens, after.region)), 'after');
    const before = region(table3(consistent, { before: true }));
    assert.equal(decideOrientation(applications, gatherCandidates(before.tokens, before.region)), 'before');
  });

  it('decideOrientation：计数说不清时由列的勾稽关系决定；关系也说不清则不决定', () => {
    // Four labels with seven numbers before the first, between each two, and after the last:
    // both readings fill every row and leave seven numbers over.
    const balance = ['new_received', 'carried_over', 'results_total', 'carried_forward'].map(row);
    const found = (x: Token[][]): FoundRow[] => balance.map((r, k) => ({ row: r, before: x[k], inSpan: [], after: x[k + 1] }));
    const seven = (n: number) => nums(n, 0, 0, 0, 0, 0, n);
    // After: 2 + 0 = 2 + 0 holds; before: 5 + 2 ≠ 0 + 2.
    assert.equal(decideOrientation(applications, found([seven(5), seven(2), seven(0), seven(2), seven(0)])), 'after');
    // Before: 2 + 0 = 2 + 0 holds; after: 0 + 2 ≠ 0 + 5.
    assert.equal(decideOrientation(applications, found([seven(2), seven(0), seven(2), seven(0), seven(5)])), 'before');
    // Both hold: the text does not say which numbers are whose.
    assert.equal(decideOrientation(applications, found([seven(0), seven(0), seven(0), seven(0), seven(0)])), 'undecided');
    const rows = found([seven(5), seven(2), seven(0), seven(2), seven(0)]);
    assert.equal(relationViolations(applications, rows.map((f) => ({ row: f.row, slots: f.after }))), 0);
    assert.equal(relationViolations(applications, rows.map((f) => ({ row: f.row, slots: f.before }))), 2);
  });

  it('fits：连在一起的数字可以填满多格', () => {
    const glued = nums(100);
    glued[0].glued = true;
    glued[0].digits = '100';
    assert.ok(fits([], glued, 3));
    assert.ok(!fits([], nums(100), 3));
    assert.ok(fits(nums(1), nums(2, 3), 3));
  });

  it('assignSlots：按决定的方向给每行分数；shareByOrder：标签未识别的行按次序分得它的数，并报告', () => {
    const text = table3({ granted: [0, 0, 0, 0, 0, 0, 0], partial: [1, 0, 0, 0, 0, 0, 1] }, { label: { partial: '（二）某某某某' } });
    const { tokens, region: r } = region(text);
    const candidates = gatherCandidates(tokens, r);
    const units = assignSlots(tokens, r, candidates, 'after');
    const granted = units[row('granted').index];
    assert.equal(values(granted.slots), '0 0 0 0 0 0 0 1 0 0 0 0 0 1'); // its own and the lost row's
    assert.equal(units[row('partial').index].found, false);
    const diagnostics: Diagnostic[] = [];
    shareByOrder(applications, units, r.found, false, diagnostics);
    assert.equal(values(units[row('granted').index].slots), '0 0 0 0 0 0 0');
    assert.equal(values(units[row('partial').index].slots), '1 0 0 0 0 0 1');
    assert.ok(units[row('partial').index].byOrder);
    assert.deepEqual(diagnostics.map((d) => d.messageId), ['byOrderUnrecognised']);
    assert.deepEqual(diagnostics[0].cells, [...row('granted').addresses, ...row('partial').addresses]);
  });
});
