// The relation solver (src/parse/solve.ts) on small cell spaces made by hand: rows whose readings
// make millions of combinations are settled by probing each reading instead of enumerating them
// all, and the answer is the one a full enumeration gives — the same agreed values, the same
// cells left open — or the search says it stopped at its budget.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ColumnType, Equation } from '../src/model/types.ts';
import { solve, type AmbiguousRow, type Option, type Value } from '../src/parse/solve.ts';

/** A cell space of `size` integer cells; `known` fixed cells with their values. */
function space(size: number, known: Record<number, number> = {}) {
  const fixed = new Array<Value>(size).fill(null);
  const isKnown = new Array<number>(size).fill(0);
  for (const [i, v] of Object.entries(known)) {
    fixed[Number(i)] = v;
    isKnown[Number(i)] = 1;
  }
  return { fixed, known: isKnown, absent: new Array<number>(size).fill(0), types: new Array<ColumnType>(size).fill('integer') };
}

/** left − right = 0 over cell indices. */
function eq(left: number[], right: number[]): Equation {
  return { terms: [...left, ...right], signs: [...left.map(() => 1), ...right.map(() => -1)] } as unknown as Equation;
}

function option(values: Value[]): Option {
  return { values, readings: [{ values, tokens: values.map(() => null), pieces: values.map(() => null), dropped: [], how: 'short' }] };
}

/** A row over `cells` whose readings are the given value vectors. */
function row(cells: number[], options: Value[][]): AmbiguousRow {
  return { ui: { unit: { cells } } as never, options: options.map(option) };
}

/** A row of three cells that printed one 1: it may stand in any of the three. */
function oneOfThree(first: number): AmbiguousRow {
  return row([first, first + 1, first + 2], [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
}

/** `n` such rows from cell 0 on, and the equation that their cells add up to cell `total`. */
function looseRows(n: number, total: number): { rows: AmbiguousRow[]; sum: Equation } {
  const rows = Array.from({ length: n }, (_, k) => oneOfThree(3 * k));
  return { rows, sum: eq(Array.from({ length: 3 * n }, (_, i) => i), [total]) };
}

describe('关系求解：读法组合很多时逐个验证每种读法', () => {
  it('13行各有3种读法（3^13种组合），都说得通：不耗尽预算，各格都定不下来', () => {
    // Cells 0..38: the rows; 39: their sum, printed as 13.
    const { rows, sum } = looseRows(13, 39);
    const s = space(40, { 39: 13 });
    const out = solve(rows, s.fixed, s.known, s.absent, [sum], s);
    assert.equal(out.exhausted, false);
    assert.ok(out.solutions > 0);
    for (let i = 0; i < 39; i++) assert.equal(out.cells[i]?.value, undefined, `cell ${i}`);
    // Enumerating alone, as before, stops at the budget and proves nothing.
    const plain = solve(rows, s.fixed, s.known, s.absent, [sum], s, 20_000, 20_000);
    assert.equal(plain.exhausted, true);
  });

  it('其中一行被关系定死：该行的值照样确定，只用到那一种读法', () => {
    // Row 0's first cell equals cell 40, printed as 1: only its reading [1, 0, 0] fits.
    const { rows, sum } = looseRows(13, 39);
    const s = space(41, { 39: 13, 40: 1 });
    const out = solve(rows, s.fixed, s.known, s.absent, [sum, eq([0], [40])], s);
    assert.equal(out.exhausted, false);
    assert.deepEqual([0, 1, 2].map((i) => out.cells[i]?.value), [1, 0, 0]);
    assert.deepEqual(out.used.get(rows[0].ui)?.map((o) => o.values), [[1, 0, 0]]);
    for (let i = 3; i < 39; i++) assert.equal(out.cells[i]?.value, undefined, `cell ${i}`);
  });

  it('未印出的格由各读法一致的值推出：推出的值照样确定', () => {
    // Cell 40 is printed nowhere (its row's one reading leaves it unknown); 40 + 41 = 42 with
    // 41 = 2 and 42 = 7 printed: 5, whatever the other rows hold.
    const { rows, sum } = looseRows(13, 39);
    const s = space(43, { 39: 13, 41: 2, 42: 7 });
    const blank = row([40], [[undefined]]);
    const out = solve([...rows, blank], s.fixed, s.known, s.absent, [sum, eq([40, 41], [42])], s);
    assert.equal(out.exhausted, false);
    assert.equal(out.cells[40]?.value, 5);
    assert.equal(out.cells[40]?.derived, true);
  });

  it('推出的值只在逐一组合时才能确认：再完整枚举一遍，结果与完整枚举相同', () => {
    // Cell 21 = cell 0 + cell 1: row 0 puts its 1 in cell 0 or in cell 1 (cell 2 is forced to 0
    // by cell 22, printed as 0), so cell 21 is 1 in every combination, though the readings of
    // row 0 disagree on both cells. 7 rows: 3^7 = 2,187 combinations, more than the 100
    // options enumerated at first here, and fewer than the budget.
    const { rows, sum } = looseRows(7, 24);
    const s = space(25, { 22: 0, 24: 7 });
    const blank = row([21], [[undefined]]);
    const equations = [sum, eq([21], [0, 1]), eq([2], [22])];
    const probed = solve([...rows, blank], s.fixed, s.known, s.absent, equations, s, 20_000, 100);
    const full = solve([...rows, blank], s.fixed, s.known, s.absent, equations, s, 20_000, 20_000);
    assert.equal(full.exhausted, false);
    assert.equal(probed.exhausted, false);
    assert.equal(probed.cells[21]?.value, 1);
    assert.deepEqual([0, 1, 2].map((i) => probed.cells[i]?.value), [undefined, undefined, 0]);
    assert.deepEqual(
      probed.cells.map((c) => c?.value),
      full.cells.map((c) => c?.value),
    );
  });

  it('逐个验证也到了预算上限：结果标为未完成', () => {
    const { rows, sum } = looseRows(13, 39);
    const s = space(40, { 39: 13 });
    const out = solve(rows, s.fixed, s.known, s.absent, [sum], s, 30, 10);
    assert.equal(out.exhausted, true);
  });
});
