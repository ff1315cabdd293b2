// Choosing among the readings of ambiguous rows with the format's relations (勾稽关系).
//
// Every relation is a linear equation over cells. Rows read exactly give fixed values; each
// ambiguous row offers its candidate readings, some with unknown cells. A depth-first search picks
// one reading per ambiguous row, derives unknowns from equations with a single unknown, and keeps
// the combinations under which every equation involving an ambiguous cell holds. A cell's value
// is taken only if all surviving combinations agree on it; otherwise it stays null.

import type { ColumnType, Equation } from '../model/types.ts';
import { validFor, type Interp, type UnitInterpretation } from './interpret.ts';
import type { Token } from './tokens.ts';

const NODE_BUDGET = 20_000;

export interface SolvedCell {
  /** Agreed value (null: agreed blank or not applicable), or undefined when the surviving readings disagree or leave it unknown. */
  value: number | null | undefined;
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
  cells: Map<string, SolvedCell>;
  /** For each ambiguous unit, the options used by surviving combinations. */
  used: Map<UnitInterpretation, Option[]>;
}

/** A distinct vector of values a row may hold, with every reading that gives it. */
export interface Option {
  values: (number | null | undefined)[];
  readings: Interp[];
}

/** Null cells (blank, not applicable) count as 0 in relations. */
function num(v: number | null | undefined): number {
  return v ?? 0;
}

const EPS = 1e-9;

/**
 * Apply the equations to an assignment: derive single unknowns (validated against the cell's
 * type) until nothing changes. Returns false when an equation with all values known fails or a
 * derived value is invalid. `values` maps address → value (undefined = unknown, absent key =
 * not part of this solve and not usable).
 */
export function propagate(
  values: Map<string, number | null | undefined>,
  equations: Equation[],
  types: Map<string, ColumnType>,
  derived?: Set<string>,
): boolean {
  let changed = true;
  while (changed) {
    changed = false;
    for (const eq of equations) {
      let sum = 0;
      let unknown: string | null = null;
      let unknownSign = 0;
      let unknowns = 0;
      let usable = true;
      for (const a of eq.left) {
        if (!values.has(a)) {
          usable = false;
          break;
        }
        const v = values.get(a);
        if (v === undefined) {
          unknowns++;
          unknown = a;
          unknownSign = 1;
        } else sum += num(v);
      }
      if (!usable) continue;
      for (const a of eq.right) {
        if (!values.has(a)) {
          usable = false;
          break;
        }
        const v = values.get(a);
        if (v === undefined) {
          unknowns++;
          unknown = a;
          unknownSign = -1;
        } else sum -= num(v);
      }
      if (!usable) continue;
      if (unknowns === 0) {
        if (Math.abs(sum) > EPS) return false;
      } else if (unknowns === 1 && unknown) {
        // unknownSign * x + sum = 0
        const x = -sum / unknownSign;
        const rounded = Math.round(x * 1e6) / 1e6;
        if (!validFor(types.get(unknown) ?? 'integer', rounded)) return false;
        values.set(unknown, rounded);
        derived?.add(unknown);
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
export function filterLocally(ui: UnitInterpretation, equations: Equation[], types: Map<string, ColumnType>): Option[] {
  const addrs = ui.unit.addresses;
  const own = new Set(addrs);
  const local = equations.filter((eq) => eq.left.every((a) => own.has(a)) && eq.right.every((a) => own.has(a)));
  const byKey = new Map<string, Option>();
  for (const interp of ui.candidates) {
    const values = new Map<string, number | null | undefined>();
    addrs.forEach((a, i) => values.set(a, interp.values[i]));
    let ok = interp.values.every((v, i) => v === undefined || v === null || validFor(ui.unit.types[i], v));
    if (ok) ok = propagate(values, local, types);
    if (!ok) continue;
    const filled = addrs.map((a) => values.get(a));
    const key = filled.map((v) => (v === undefined ? '?' : String(v))).join(',');
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

export function solve(
  ambiguous: { ui: UnitInterpretation; options: Option[] }[],
  fixed: Map<string, number | null>,
  absent: Set<string>,
  equations: Equation[],
  types: Map<string, ColumnType>,
): SolveOutcome {
  const outcome: SolveOutcome = { solutions: 0, exhausted: false, cells: new Map(), used: new Map() };
  const order = ambiguous.slice().sort((a, b) => a.options.length - b.options.length);
  const ambiguousAddrs = new Set(order.flatMap((u) => u.ui.unit.addresses));
  const relevant = equations.filter((eq) => {
    const all = [...eq.left, ...eq.right];
    return all.some((a) => ambiguousAddrs.has(a)) && !all.some((a) => absent.has(a));
  });
  // Equations checked after assigning unit i: those whose ambiguous cells all belong to units ≤ i.
  const unitIndex = new Map<string, number>();
  order.forEach((u, i) => u.ui.unit.addresses.forEach((a) => unitIndex.set(a, i)));
  const checkAt: Equation[][] = order.map(() => []);
  for (const eq of relevant) {
    let last = -1;
    for (const a of [...eq.left, ...eq.right]) last = Math.max(last, unitIndex.get(a) ?? -1);
    if (last >= 0) checkAt[last].push(eq);
  }
  // Bounds of each ambiguous cell over its unit's options, for pruning partial assignments.
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const u of order) {
    u.ui.unit.addresses.forEach((a, c) => {
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
      lo.set(a, l);
      hi.set(a, h);
    });
  }

  const values = new Map<string, number | null | undefined>(fixed);
  const assigned = new Set<string>();
  let nodes = 0;
  const chosen: Option[] = new Array(order.length);

  // Interval of a cell under the current partial assignment: [min, max] (sets boundLo/boundHi).
  let boundLo = 0;
  let boundHi = 0;
  let boundOpen = false;
  const bound = (a: string): void => {
    if (assigned.has(a) || !ambiguousAddrs.has(a)) {
      const v = values.get(a);
      if (v === undefined) {
        boundLo = 0;
        boundHi = Infinity;
      } else boundLo = boundHi = num(v);
    } else {
      boundOpen = true;
      boundLo = lo.get(a) ?? 0;
      boundHi = hi.get(a) ?? Infinity;
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
      for (const a of eq.left) {
        bound(a);
        minL += boundLo;
        maxL += boundHi;
      }
      for (const a of eq.right) {
        bound(a);
        minR += boundLo;
        maxR += boundHi;
      }
      if (boundOpen && (minL > maxR + EPS || minR > maxL + EPS)) return false;
    }
    return true;
  };

  const record = (vals: Map<string, number | null | undefined>, derived: Set<string>) => {
    outcome.solutions++;
    order.forEach((u, i) => {
      const option = chosen[i];
      const used = outcome.used.get(u.ui) ?? [];
      if (!used.includes(option)) used.push(option);
      outcome.used.set(u.ui, used);
      u.ui.unit.addresses.forEach((a, c) => {
        const value = vals.get(a);
        const { token, piece } = agreedToken(option, c);
        const prev = outcome.cells.get(a);
        if (!prev) {
          outcome.cells.set(a, { value, token, piece, derived: derived.has(a) || option.values[c] === undefined || (!token && !piece) });
        } else {
          if (prev.value !== value) prev.value = undefined;
          if (prev.token !== token) prev.token = undefined;
          if (prev.piece !== piece) prev.piece = undefined;
          if (derived.has(a) || option.values[c] === undefined || (!token && !piece)) prev.derived = true;
        }
      });
    });
  };

  // Once the solutions found disagree on every ambiguous cell, more solutions cannot settle any.
  const allUndetermined = (): boolean => {
    if (outcome.cells.size < ambiguousAddrs.size) return false;
    for (const c of outcome.cells.values()) if (c.value !== undefined) return false;
    return true;
  };
  let settledNothing = false;

  const dfs = (i: number): void => {
    if (outcome.exhausted || settledNothing) return;
    if (i === order.length) {
      const vals = new Map(values);
      const derived = new Set<string>();
      if (!propagate(vals, relevant, types, derived)) return;
      record(vals, derived);
      if (outcome.solutions % 16 === 0 && allUndetermined()) settledNothing = true;
      return;
    }
    const u = order[i];
    const addrs = u.ui.unit.addresses;
    for (const o of u.options) {
      // The budget counts every option tried, so rows with thousands of readings cannot make
      // the search run away.
      if (++nodes > NODE_BUDGET) {
        outcome.exhausted = true;
        return;
      }
      chosen[i] = o;
      for (let c = 0; c < addrs.length; c++) {
        values.set(addrs[c], o.values[c]);
        assigned.add(addrs[c]);
      }
      let ok = true;
      for (const eq of checkAt[i]) {
        let s = 0;
        let complete = true;
        for (const a of eq.left) {
          const v = values.get(a);
          if (v === undefined) complete = false;
          else s += num(v);
        }
        for (const a of eq.right) {
          const v = values.get(a);
          if (v === undefined) complete = false;
          else s -= num(v);
        }
        if (complete && Math.abs(s) > EPS) {
          ok = false;
          break;
        }
      }
      // Prune by bounds only where the next row branches: a row with one reading is checked at
      // the next branching row (bounds only tighten) or by the final propagation.
      if (ok && i + 1 < order.length && order[i + 1].options.length > 1) ok = boundsOk();
      if (ok) dfs(i + 1);
      for (const a of addrs) {
        values.delete(a);
        assigned.delete(a);
      }
      if (outcome.exhausted || settledNothing) return;
    }
  };
  dfs(0);
  return outcome;
}
