// Choosing among the readings of ambiguous rows with the format's relations (勾稽关系).
//
// Every relation is a linear equation over cells. Rows read exactly give fixed values; each
// ambiguous row offers its candidate readings, some with unknown cells. A depth-first search picks
// one reading per ambiguous row, derives unknowns from equations with a single unknown, and keeps
// the combinations under which every equation involving an ambiguous cell holds. A cell's value
// is taken only if all surviving combinations agree on it; otherwise it stays null.
//
// Enumerating every combination is cheap while there are few; rows that each lost several cells
// make millions (13 rows of 7 readings: 7^13), nearly all of them allowed, and the answer is that
// nothing can be settled. So after a first enumeration of PARSER_SETTINGS.enumerateNodes options,
// the search turns to probing: for each reading of each row, one combination that uses it, or the
// proof that none does. What the outcome says of a cell depends only on which readings take part
// in some combination, except a value some of those readings leave to the relations; such a value
// is kept only when the relations derive it from what all those readings agree on (then every
// combination has it), and otherwise the enumeration goes on. The outcome is the enumeration's.
//
// Cells are numbered by their place in the format (CellDef.index): values live in arrays of the
// format's size, so the search does no string hashing.

import { residual } from '../model/load.ts';
import type { ColumnType, Equation } from '../model/types.ts';
import { validFor, type Interp, type UnitInterpretation } from './interpret.ts';
import { PARSER_SETTINGS } from './settings.ts';
import type { PrintedUnit } from './read-tables.ts';
import type { Token } from './tokens.ts';


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
 * filterLocally's arrays of the format's size, made once and reused (a report has dozens of rows,
 * and two arrays of a few hundred cells for each was a tenth of what parsing allocates). Between
 * calls `usable` is all 0; `values` is read only where `usable` is 1, and those cells are written
 * before they are read.
 */
const scratch: { values: Value[]; usable: number[] } = { values: [], usable: [] };

/**
 * The distinct value vectors a row may hold: its candidate readings that are consistent with the
 * equations among its own cells (row sums), with the unknowns those equations determine filled in.
 */
export function filterLocally(ui: UnitInterpretation, space: CellSpace): Option[] {
  const cells = ui.unit.cells;
  const size = space.types.length;
  if (scratch.usable.length < size) {
    scratch.values = new Array<Value>(size);
    scratch.usable = cellArray(size);
  }
  for (const i of cells) scratch.usable[i] = 1;
  try {
    return optionsOf(ui, space, scratch.values, scratch.usable);
  } finally {
    for (const i of cells) scratch.usable[i] = 0;
  }
}

function optionsOf(ui: UnitInterpretation, space: CellSpace, values: Value[], usable: number[]): Option[] {
  const cells = ui.unit.cells;
  const own = ui.unit.ownEquations;
  // Options in the order first seen; found again by a hash of their values and compared cell by
  // cell (=== on values is what telling them apart by their printed form did, 0 and -0 alike).
  const options: Option[] = [];
  const byHash = new Map<number, Option[]>();
  for (const interp of ui.candidates) {
    let ok = true;
    for (let c = 0; c < cells.length; c++) {
      const v = interp.values[c];
      values[cells[c]] = v;
      if (ok && v !== undefined && v !== null && !validFor(ui.unit.types[c], v)) ok = false;
    }
    if (ok) ok = propagate(values, usable, own, space.types);
    if (!ok) continue;
    let hash = 0;
    for (let c = 0; c < cells.length; c++) {
      const v = values[cells[c]];
      hash = (Math.imul(hash, 0x9e3779b1) + (v === undefined ? 0x51ed27 : v === null ? 0x2545f4 : (v * 65_599) | 0)) | 0;
    }
    const bucket = byHash.get(hash);
    const option = bucket?.find((o) => sameValues(o.values, values, cells));
    if (option) {
      option.readings.push(interp);
      continue;
    }
    const filled = new Array<Value>(cells.length);
    for (let c = 0; c < cells.length; c++) filled[c] = values[cells[c]];
    const made: Option = { values: filled, readings: [interp] };
    options.push(made);
    if (bucket) bucket.push(made);
    else byHash.set(hash, [made]);
  }
  return options;
}

/** Whether a row's option holds the values the cells `cells` have in `values`. */
function sameValues(option: Value[], values: Value[], cells: number[]): boolean {
  for (let c = 0; c < cells.length; c++) if (option[c] !== values[cells[c]]) return false;
  return true;
}

/**
 * Whether a row's values, every cell given (by the row's own order), are valid for their columns
 * and satisfy the row's own sums: what filterLocally requires of a reading with no unknown cell,
 * as a test interpretUnit applies before it makes the reading.
 */
export function rowHolds(unit: PrintedUnit): (values: (number | null)[]) => boolean {
  // Worked out on the first call: most rows print exactly their cells and never ask.
  let equations: { positions: number[]; signs: number[] }[] | undefined;
  const types = unit.types;
  return (values) => {
    if (!equations) {
      const at = new Map(unit.cells.map((cell, c) => [cell, c]));
      equations = unit.ownEquations.map((eq) => ({ positions: eq.terms.map((t) => at.get(t)!), signs: eq.signs }));
    }
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v !== null && !validFor(types[c], v)) return false;
    }
    for (const { positions, signs } of equations) {
      let sum = 0;
      for (let k = 0; k < positions.length; k++) {
        const v = values[positions[k]];
        if (v !== null) sum += signs[k] * v;
      }
      if (Math.abs(sum) > EPS) return false;
    }
    return true;
  };
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

/** Each cell's agreed token and piece of an option, worked out once per option. */
const agreedCache = new WeakMap<Option, { token: Token | undefined; piece: string | undefined }[]>();
function agreedTokens(option: Option): { token: Token | undefined; piece: string | undefined }[] {
  let agreed = agreedCache.get(option);
  if (!agreed) {
    agreed = option.values.map((_v, c) => agreedToken(option, c));
    agreedCache.set(option, agreed);
  }
  return agreed;
}

/** Every value of the option is printed (none left for the relations to derive). */
function complete(option: Option): boolean {
  for (const v of option.values) if (v === undefined) return false;
  return true;
}

/** What the search is given, worked out once before it starts. */
export interface SearchPlan {
  /** The ambiguous rows, fewest options first (the order the search assigns them in). */
  order: AmbiguousRow[];
  /** By cell index: the row (in search order) an ambiguous cell belongs to; -1 for the others. */
  unitIndex: number[];
  /** Equations that touch an ambiguous cell and no absent one. */
  relevant: Equation[];
  /** For each row in search order, the equations whose ambiguous cells all belong to it and rows before it. */
  checkAt: Equation[][];
  /** By cell index: the least and greatest value an ambiguous cell takes over its row's options. */
  lo: number[];
  hi: number[];
}

/** An ambiguous row and the readings its own sums allow. */
export interface AmbiguousRow {
  ui: UnitInterpretation;
  options: Option[];
}

/** The search order, the equations to check at each step, and each ambiguous cell's bounds. */
export function searchPlan(ambiguous: AmbiguousRow[], absent: number[], equations: Equation[], size: number): SearchPlan {
  const order = ambiguous.slice().sort((a, b) => a.options.length - b.options.length);
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
  return { order, unitIndex, relevant, checkAt, lo, hi };
}

/**
 * The depth-first search over the ambiguous rows' options. The current assignment holds the
 * fixed cells, then the options chosen so far; `usable` marks the cells that take part (fixed or
 * ambiguous), `assigned` the ambiguous cells given a value.
 */
class Search {
  readonly outcome: SolveOutcome;
  private readonly values: Value[];
  private readonly usable: number[];
  private readonly assigned: number[];
  private readonly chosen: Option[];
  /** By row in search order: the options recorded in a solution so far. */
  private readonly recorded: Set<Option>[];
  /** By row in search order: 1 once every cell of it is undetermined in every respect. */
  private readonly rowSettled: number[];
  private readonly scratch: Value[];
  private readonly scratchDerived: number[];
  /** Cells the relevant equations or the ambiguous rows touch. */
  private readonly touched: number[];
  private readonly valueAt = (i: number): Value => (this.usable[i] ? this.values[i] : undefined);
  private nodes = 0;
  /** Options tried at most in the current phase (see run). */
  private limit = 0;
  /** By row in search order: the one option a probe restricts the row to (see probeAll). */
  private readonly forced: (Option[] | undefined)[];
  /** By row in search order: its options not yet proven to be in no solution. */
  private readonly alive: Option[][];
  /** The search stops at the first solution (a probe). */
  private firstOnly = false;
  private found = false;
  /** The solutions found disagree on every ambiguous cell: more cannot settle any. */
  private settledNothing = false;
  // Interval of a cell under the current partial assignment (set by bound()).
  private boundLo = 0;
  private boundHi = 0;
  private boundOpen = false;

  constructor(
    private readonly plan: SearchPlan,
    fixed: Value[],
    known: number[],
    private readonly types: ColumnType[],
    private readonly budget: number,
    private readonly enumerateNodes = PARSER_SETTINGS.enumerateNodes,
  ) {
    const size = types.length;
    this.outcome = { solutions: 0, exhausted: false, cells: new Array<SolvedCell | undefined>(size), used: new Map() };
    this.values = new Array<Value>(size);
    this.usable = cellArray(size);
    for (let i = 0; i < size; i++) {
      if (known[i]) {
        this.values[i] = fixed[i];
        this.usable[i] = 1;
      }
    }
    this.assigned = cellArray(size);
    this.chosen = new Array<Option>(plan.order.length);
    this.recorded = plan.order.map(() => new Set<Option>());
    this.rowSettled = cellArray(plan.order.length);
    this.forced = new Array<Option[] | undefined>(plan.order.length);
    this.alive = plan.order.map((u) => u.options);
    this.scratch = new Array<Value>(size);
    this.scratchDerived = cellArray(size);
    const touched = new Set<number>();
    for (const eq of plan.relevant) for (const a of eq.terms) touched.add(a);
    for (const u of plan.order) for (const a of u.ui.unit.cells) touched.add(a);
    this.touched = [...touched];
  }

  private stopped(): boolean {
    return this.outcome.exhausted || this.settledNothing || (this.firstOnly && this.found);
  }

  /** The options row `i` may take in the current search. */
  private optionsOf(i: number): Option[] {
    return this.forced[i] ?? this.alive[i];
  }

  /**
   * Enumerate; when that runs past `enumerateNodes`, probe each option instead (see the head of
   * this file), and enumerate again only if a derived value is left unproven. Every phase counts
   * towards the one budget.
   */
  run(): void {
    this.limit = Math.min(this.budget, this.enumerateNodes);
    this.dfs(0);
    if (!this.outcome.exhausted || this.budget <= this.enumerateNodes) return;
    this.outcome.exhausted = false;
    this.limit = this.budget;
    if (!this.probeAll() || this.settledNothing || this.derivedAgreed()) return;
    this.dfs(0);
  }

  /**
   * For every option of every row not yet seen in a solution, the first solution that uses it,
   * or the proof that none does. False when the budget ran out first (outcome.exhausted).
   */
  private probeAll(): boolean {
    const { order } = this.plan;
    for (let i = 0; i < order.length; i++) {
      for (const o of order[i].options) {
        // A row settled in every respect gains nothing from more solutions.
        if (this.rowSettled[i]) break;
        if (this.recorded[i].has(o)) continue;
        this.forced[i] = [o];
        this.firstOnly = true;
        this.found = false;
        this.dfs(0);
        this.forced[i] = undefined;
        this.firstOnly = false;
        if (this.outcome.exhausted) return false;
        if (this.settledNothing) return true;
        // In no solution: later probes need not try it.
        if (!this.found) this.alive[i] = this.alive[i].filter((x) => x !== o);
        if (this.alive[i].length === 0) return true;
      }
    }
    return true;
  }

  /**
   * After probing: does every agreed value that some option in use leaves unknown follow from
   * the relations over what all options in use agree on? Those values are then the same in
   * every solution (each solution holds that partial assignment, and the same equations derive
   * the same value from it); the outcome is then the full enumeration's.
   */
  private derivedAgreed(): boolean {
    const { order } = this.plan;
    const vals = this.scratch;
    const usable = this.usable.slice();
    const check: number[] = [];
    for (const a of this.touched) vals[a] = this.usable[a] ? this.values[a] : undefined;
    for (let i = 0; i < order.length; i++) {
      const cells = order[i].ui.unit.cells;
      const inUse = this.rowSettled[i] ? [] : [...this.recorded[i]];
      for (let c = 0; c < cells.length; c++) {
        const a = cells[c];
        usable[a] = 1;
        let agreed: Value = inUse.length ? inUse[0].values[c] : undefined;
        let leftUnknown = false;
        for (const o of inUse) {
          const v = o.values[c];
          if (v === undefined) leftUnknown = true;
          if (v !== agreed) agreed = undefined;
        }
        vals[a] = agreed;
        if (leftUnknown && this.outcome.cells[a]?.value !== undefined) check.push(a);
      }
    }
    if (check.length === 0) return true;
    if (!propagate(vals, usable, this.plan.relevant, this.types)) return false;
    for (const a of check) if (vals[a] !== this.outcome.cells[a]!.value) return false;
    return true;
  }

  /** Interval of cell `a` under the current partial assignment: [boundLo, boundHi]. */
  private bound(a: number): void {
    if (this.assigned[a] || this.plan.unitIndex[a] < 0) {
      const v = this.usable[a] ? this.values[a] : undefined;
      if (v === undefined) {
        this.boundLo = 0;
        this.boundHi = Infinity;
      } else this.boundLo = this.boundHi = num(v);
    } else {
      this.boundOpen = true;
      this.boundLo = this.plan.lo[a];
      this.boundHi = this.plan.hi[a];
    }
  }

  /** Can every relevant equation still hold, given the bounds of the cells not yet assigned? */
  private boundsOk(): boolean {
    for (const eq of this.plan.relevant) {
      let minL = 0;
      let maxL = 0;
      let minR = 0;
      let maxR = 0;
      this.boundOpen = false;
      const { terms, signs } = eq;
      for (let k = 0; k < terms.length; k++) {
        this.bound(terms[k]);
        if (signs[k] > 0) {
          minL += this.boundLo;
          maxL += this.boundHi;
        } else {
          minR += this.boundLo;
          maxR += this.boundHi;
        }
      }
      if (this.boundOpen && (minL > maxR + EPS || minR > maxL + EPS)) return false;
    }
    return true;
  }

  /** A complete assignment the equations allow: each cell's value kept where all solutions agree. */
  private record(vals: Value[], derived: number[]): void {
    const outcome = this.outcome;
    outcome.solutions++;
    const { order } = this.plan;
    for (let i = 0; i < order.length; i++) {
      const u = order[i];
      const option = this.chosen[i];
      // Every cell of the row already undetermined in every respect: nothing can change.
      if (this.rowSettled[i]) continue;
      const seen = this.recorded[i];
      // An option recorded before with every value printed adds nothing new: its cells'
      // values, tokens and pieces are the same whatever the other rows hold.
      if (seen.has(option)) {
        if (complete(option)) continue;
      } else {
        seen.add(option);
        const used = outcome.used.get(u.ui);
        if (used) used.push(option);
        else outcome.used.set(u.ui, [option]);
      }
      const agreed = agreedTokens(option);
      const cells = u.ui.unit.cells;
      let settled = true;
      for (let c = 0; c < cells.length; c++) {
        const a = cells[c];
        const value = vals[a];
        const { token, piece } = agreed[c];
        const wasDerived = derived[a] === 1 || option.values[c] === undefined || (!token && !piece);
        const prev = outcome.cells[a];
        if (!prev) {
          outcome.cells[a] = { value, token, piece, derived: wasDerived };
        } else {
          if (prev.value !== value) prev.value = undefined;
          if (prev.token !== token) prev.token = undefined;
          if (prev.piece !== piece) prev.piece = undefined;
          if (wasDerived) prev.derived = true;
          if (prev.value !== undefined || prev.token || prev.piece !== undefined || !prev.derived) settled = false;
          continue;
        }
        settled = false;
      }
      if (settled) this.rowSettled[i] = 1;
    }
  }

  private allUndetermined(): boolean {
    for (const c of this.outcome.cells) if (c && c.value !== undefined) return false;
    return true;
  }

  /** Every complete assignment: derive what the equations determine, and record it if they all hold. */
  private complete(): void {
    // Scratch arrays reused across solutions: only the cells the equations and rows touch are
    // read, so only those are reset.
    const vals = this.scratch;
    const derived = this.scratchDerived;
    for (const a of this.touched) {
      vals[a] = this.values[a];
      derived[a] = 0;
    }
    if (!propagate(vals, this.usable, this.plan.relevant, this.types, derived)) return;
    this.record(vals, derived);
    this.found = true;
    if (this.outcome.solutions % 16 === 0 && this.allUndetermined()) this.settledNothing = true;
  }

  /** Do the equations that can be checked once row `i` is assigned hold (and, where the next row branches, can the rest still hold)? */
  private consistent(i: number): boolean {
    for (const eq of this.plan.checkAt[i]) {
      const r = residual(eq, this.valueAt);
      if (r !== undefined && Math.abs(r) > EPS) return false;
    }
    // Prune by bounds only where the next row branches: a row with one reading is checked at
    // the next branching row (bounds only tighten) or by the final propagation.
    const { order } = this.plan;
    return i + 1 >= order.length || this.optionsOf(i + 1).length <= 1 || this.boundsOk();
  }

  /** Try each option of row `i` in turn, and go on to the next row under each that holds. */
  private dfs(i: number): void {
    if (this.stopped()) return;
    const { order } = this.plan;
    if (i === order.length) {
      this.complete();
      return;
    }
    const cells = order[i].ui.unit.cells;
    for (const o of this.optionsOf(i)) {
      // The budget counts every option tried, so rows with thousands of readings cannot make
      // the search run away.
      if (++this.nodes > this.limit) {
        this.outcome.exhausted = true;
        return;
      }
      this.chosen[i] = o;
      for (let c = 0; c < cells.length; c++) {
        this.values[cells[c]] = o.values[c];
        this.usable[cells[c]] = 1;
        this.assigned[cells[c]] = 1;
      }
      if (this.consistent(i)) this.dfs(i + 1);
      for (const a of cells) {
        this.values[a] = undefined;
        this.usable[a] = 0;
        this.assigned[a] = 0;
      }
      if (this.stopped()) return;
    }
  }
}

/**
 * `fixed`: values by cell index, of which those with `known[i] === 1` are the rows read exactly;
 * `absent[i] === 1`: cells of rows not printed or unreadable (equations over them say nothing).
 * `budget`: options tried at most (the outcome says when the search stopped there).
 */
export function solve(
  ambiguous: AmbiguousRow[],
  fixed: Value[],
  known: number[],
  absent: number[],
  equations: Equation[],
  space: CellSpace,
  budget = PARSER_SETTINGS.nodeBudget,
  enumerateNodes = PARSER_SETTINGS.enumerateNodes,
): SolveOutcome {
  const search = new Search(searchPlan(ambiguous, absent, equations, space.types.length), fixed, known, space.types, budget, enumerateNodes);
  search.run();
  return search.outcome;
}
