// Choosing among the readings of ambiguous rows with the format's relations (勾稽关系).
//
// Every relation is a linear equation over cells. Rows read exactly give fixed values; each
// ambiguous row offers its candidate readings, some with unknown cells. A depth-first search picks
// one reading per ambiguous row, derives unknowns from equations with a single unknown, and keeps
// the combinations under which every equation involving an ambiguous cell holds. A cell's value
// is taken only if all surviving combinations agree on it; otherwise it stays null.
//
// Cells are numbered by their place in the format (CellDef.index): values live in arrays of the
// format's size, so the search does no string hashing.

import { residual } from '../model/load.ts';
import type { ColumnType, Equation } from '../model/types.ts';
import { validFor, type Interp, type UnitInterpretation } from './interpret.ts';
import type { Token } from './tokens.ts';

const NODE_BUDGET = 20_000;

/** A cell's value in a reading: a number, null (blank or not applicable), undefined (unknown). */
export type Value = number | null | undefined;

/** The format's cells as the solver sees them: their types by CellDef.index (a Format is one). */
export interface CellSpace {
  types: ColumnType[];
}

export interface SolvedCell {
  /** Agreed value (null: agreed blank or not applicable), or undefined when the surviving readings disagree or leave it unknown. */
  value: Value;
  /** The token all readings took the cell from; undefined when they differ or none. */
  token: Token | undefined;
  /** The piece of a run all readings took (split runs). */
  piece: string | undefined;
  /** At least one reading derived the value from the relations. */
  derived: boolean;
}

export interface SolveOutcome {
  solutions: number;
  /** The search was cut off before it could prove uniqueness. */
  exhausted: boolean;
  /** By cell index: the ambiguous rows' cells (absent for other cells). */
  cells: (SolvedCell | undefined)[];
  /** For each ambiguous unit, the options used by surviving combinations. */
  used: Map<UnitInterpretation, Option[]>;
}

/** A distinct vector of values a row may hold, with every reading that gives it. */
export interface Option {
  values: Value[];
  readings: Interp[];
}

/** Null cells (blank, not applicable) count as 0 in relations. */
function num(v: Value): number {
  return v ?? 0;
}

const EPS = 1e-9;

/**
 * Per-cell flags or numbers as a plain array: at the size of a format (a few hundred cells)
 * allocating one is much cheaper than a typed array, and the solver makes many.
 */
export function cellArray(size: number, fill = 0): number[] {
  return new Array<number>(size).fill(fill);
}

/**
 * Apply the equations to an assignment: derive single unknowns (validated against the cell's
 * type) until nothing changes. Returns false when an equation with all values known fails or a
 * derived value is invalid. `values[i]` undefined = unknown; cells with `usable[i] === 0` are not
 * part of this solve (an equation touching one is skipped). Derived cells are marked in `derived`.
 */
export function propagate(values: Value[], usable: number[], equations: Equation[], types: ColumnType[], derived?: number[]): boolean {
  let changed = true;
  while (changed) {
    changed = false;
    for (const eq of equations) {
      // The residual over the known cells, and the one unknown if there is exactly one.
      const { terms, signs } = eq;
      let sum = 0;
      let unknown = -1;
      let unknownSign = 0;
      let unknowns = 0;
      let ok = true;
      for (let k = 0; k < terms.length; k++) {
        const i = terms[k];
        if (usable[i] === 0) {
          ok = false;
          break;
        }
        const v = values[i];
        if (v === undefined) {
          unknowns++;
          unknown = i;
          unknownSign = signs[k];
        } else if (v !== null) sum += signs[k] * v;
      }
      if (!ok) continue;
      if (unknowns === 0) {
        if (Math.abs(sum) > EPS) return false;
      } else if (unknowns === 1) {
        // unknownSign * x + sum = 0
        const x = -sum / unknownSign;
        const rounded = Math.round(x * 1e6) / 1e6;
        if (!validFor(types[unknown] ?? 'integer', rounded)) return false;
        values[unknown] = rounded;
        if (derived) derived[unknown] = 1;
        changed = true;
      }
    }
  }
  return true;
}

/**
 * The distinct value vectors a row may hold: its candidate readings that are consistent with the
 * equations among its own cells (row sums), with the unknowns those equations determine filled in.
 */
export function filterLocally(ui: UnitInterpretation, space: CellSpace): Option[] {
  const cells = ui.unit.cells;
  const local = ui.unit.ownEquations;
  const size = space.types.length;
  const values = new Array<Value>(size);
  const usable = cellArray(size);
  for (const i of cells) usable[i] = 1;
  const byKey = new Map<string, Option>();
  for (const interp of ui.candidates) {
    let ok = true;
    for (let c = 0; c < cells.length; c++) {
      const v = interp.values[c];
      values[cells[c]] = v;
      if (ok && v !== undefined && v !== null && !validFor(ui.unit.types[c], v)) ok = false;
    }
    if (ok) ok = propagate(values, usable, local, space.types);
    if (!ok) continue;
    const filled = new Array<Value>(cells.length);
    let key = '';
    for (let c = 0; c < cells.length; c++) {
      const v = values[cells[c]];
      filled[c] = v;
      key += v === undefined ? '?,' : `${v},`;
    }
    const option = byKey.get(key);
    if (option) option.readings.push(interp);
    else byKey.set(key, { values: filled, readings: [interp] });
  }
  return [...byKey.values()];
}

/** The token (and run piece) every reading of `option` takes cell `c` from, if they agree. */
function agreedToken(option: Option, c: number): { token: Token | undefined; piece: string | undefined } {
  const first = option.readings[0];
  let token: Token | undefined = first.tokens[c] ?? undefined;
  let piece: string | undefined = first.pieces[c] ?? undefined;
  for (let i = 1; i < option.readings.length && (token || piece); i++) {
    const r = option.readings[i];
    if ((r.tokens[c] ?? undefined) !== token) token = undefined;
    if ((r.pieces[c] ?? undefined) !== piece) piece = undefined;
  }
  return { token, piece };
}

/**
 * `fixed`: values by cell index, of which those with `known[i] === 1` are the rows read exactly;
 * `absent[i] === 1`: cells of rows not printed or unreadable (equations over them say nothing).
 */
export function solve(
  ambiguous: { ui: UnitInterpretation; options: Option[] }[],
  fixed: Value[],
  known: number[],
  absent: number[],
  equations: Equation[],
  space: CellSpace,
): SolveOutcome {
  const size = space.types.length;
  const outcome: SolveOutcome = { solutions: 0, exhausted: false, cells: new Array<SolvedCell | undefined>(size), used: new Map() };
  const order = ambiguous.slice().sort((a, b) => a.options.length - b.options.length);
  // Unit (in search order) of each ambiguous cell; -1 for the others.
  const unitIndex = cellArray(size, -1);
  order.forEach((u, i) => {
    for (const c of u.ui.unit.cells) unitIndex[c] = i;
  });
  const relevant = equations.filter((eq) => {
    let touches = false;
    for (const i of eq.terms) {
      if (absent[i]) return false;
      if (unitIndex[i] >= 0) touches = true;
    }
    return touches;
  });
  // Equations checked after assigning unit i: those whose ambiguous cells all belong to units ≤ i.
  const checkAt: Equation[][] = order.map(() => []);
  for (const eq of relevant) {
    let last = -1;
    for (const i of eq.terms) last = Math.max(last, unitIndex[i]);
    if (last >= 0) checkAt[last].push(eq);
  }
  // Bounds of each ambiguous cell over its unit's options, for pruning partial assignments.
  const lo = cellArray(size);
  const hi = cellArray(size, Infinity);
  for (const u of order) {
    u.ui.unit.cells.forEach((a, c) => {
      let l = Infinity;
      let h = -Infinity;
      for (const o of u.options) {
        const v = o.values[c];
        if (v === undefined) {
          l = Math.min(l, 0);
          h = Infinity;
        } else {
          l = Math.min(l, num(v));
          h = Math.max(h, num(v));
        }
      }
      lo[a] = l;
      hi[a] = h;
    });
  }

  // The current assignment: fixed cells, then the options chosen so far; `usable` marks the cells
  // that take part (fixed or ambiguous), `assigned` the ambiguous cells given a value.
  const values = new Array<Value>(size);
  const usable = cellArray(size);
  for (let i = 0; i < size; i++) {
    if (known[i]) {
      values[i] = fixed[i];
      usable[i] = 1;
    }
  }
  const assigned = cellArray(size);
  const valueAt = (i: number): Value => (usable[i] ? values[i] : undefined);
  let nodes = 0;
  const chosen = new Array<Option>(order.length);

  // Interval of a cell under the current partial assignment: [min, max] (sets boundLo/boundHi).
  let boundLo = 0;
  let boundHi = 0;
  let boundOpen = false;
  const bound = (a: number): void => {
    if (assigned[a] || unitIndex[a] < 0) {
      const v = usable[a] ? values[a] : undefined;
      if (v === undefined) {
        boundLo = 0;
        boundHi = Infinity;
      } else boundLo = boundHi = num(v);
    } else {
      boundOpen = true;
      boundLo = lo[a];
      boundHi = hi[a];
    }
  };

  /** Can every relevant equation still hold, given the bounds of the cells not yet assigned? */
  const boundsOk = (): boolean => {
    for (const eq of relevant) {
      let minL = 0;
      let maxL = 0;
      let minR = 0;
      let maxR = 0;
      boundOpen = false;
      const { terms, signs } = eq;
      for (let k = 0; k < terms.length; k++) {
        bound(terms[k]);
        if (signs[k] > 0) {
          minL += boundLo;
          maxL += boundHi;
        } else {
          minR += boundLo;
          maxR += boundHi;
        }
      }
      if (boundOpen && (minL > maxR + EPS || minR > maxL + EPS)) return false;
    }
    return true;
  };

  const record = (vals: Value[], derived: number[]) => {
    outcome.solutions++;
    order.forEach((u, i) => {
      const option = chosen[i];
      const used = outcome.used.get(u.ui) ?? [];
      if (!used.includes(option)) used.push(option);
      outcome.used.set(u.ui, used);
      u.ui.unit.cells.forEach((a, c) => {
        const value = vals[a];
        const { token, piece } = agreedToken(option, c);
        const wasDerived = derived[a] === 1 || option.values[c] === undefined || (!token && !piece);
        const prev = outcome.cells[a];
        if (!prev) {
          outcome.cells[a] = { value, token, piece, derived: wasDerived };
        } else {
          if (prev.value !== value) prev.value = undefined;
          if (prev.token !== token) prev.token = undefined;
          if (prev.piece !== piece) prev.piece = undefined;
          if (wasDerived) prev.derived = true;
        }
      });
    });
  };

  // Once the solutions found disagree on every ambiguous cell, more solutions cannot settle any.
  const allUndetermined = (): boolean => {
    for (const c of outcome.cells) if (c && c.value !== undefined) return false;
    return true;
  };
  let settledNothing = false;

  const dfs = (i: number): void => {
    if (outcome.exhausted || settledNothing) return;
    if (i === order.length) {
      const vals = values.slice();
      const derived = cellArray(size);
      if (!propagate(vals, usable, relevant, space.types, derived)) return;
      record(vals, derived);
      if (outcome.solutions % 16 === 0 && allUndetermined()) settledNothing = true;
      return;
    }
    const u = order[i];
    const cells = u.ui.unit.cells;
    for (const o of u.options) {
      // The budget counts every option tried, so rows with thousands of readings cannot make
      // the search run away.
      if (++nodes > NODE_BUDGET) {
        outcome.exhausted = true;
        return;
      }
      chosen[i] = o;
      for (let c = 0; c < cells.length; c++) {
        values[cells[c]] = o.values[c];
        usable[cells[c]] = 1;
        assigned[cells[c]] = 1;
      }
      let ok = true;
      for (const eq of checkAt[i]) {
        const r = residual(eq, valueAt);
        if (r !== undefined && Math.abs(r) > EPS) {
          ok = false;
          break;
        }
      }
      // Prune by bounds only where the next row branches: a row with one reading is checked at
      // the next branching row (bounds only tighten) or by the final propagation.
      if (ok && i + 1 < order.length && order[i + 1].options.length > 1) ok = boundsOk();
      if (ok) dfs(i + 1);
      for (const a of cells) {
        values[a] = undefined;
        usable[a] = 0;
        assigned[a] = 0;
      }
      if (outcome.exhausted || settledNothing) return;
    }
  };
  dfs(0);
  return outcome;
}
