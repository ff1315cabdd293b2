// Interpretations of one printed row: how its value tokens may map onto the row's cells.
//
// A row that prints exactly as many values as it has cells is read as printed. Otherwise the
// possible readings are enumerated: a row with too few values may have lost cells (a dropped
// column) or had neighbouring numbers run together ("7000007"); a row with too many carries a
// stray number (a page number). Each reading may leave some cells unknown, to be derived from the
// relations. Which reading is right is decided by solve.ts, and only when exactly one fits.

import type { ColumnType } from '../model/types.ts';
import { PARSER_SETTINGS, type ParserSettings } from './settings.ts';
import type { PrintedUnit } from './read-tables.ts';
import type { Token } from './tokens.ts';

/** One way to read a printed row. `undefined` values are unknown (to be derived). */
export interface Interp {
  values: (number | null | undefined)[];
  /** The token each cell was read from (null when unknown or derived). */
  tokens: (Token | null)[];
  /** The cell's value is a piece of a run of digits (the token printed several numbers). */
  pieces: (string | null)[];
  /** Tokens this reading leaves out. */
  dropped: Token[];
  how: 'read' | 'blanks' | 'short' | 'split' | 'extra';
}

export interface UnitInterpretation {
  unit: PrintedUnit;
  /** The reading when the row printed exactly its cells. */
  exact: Interp | null;
  /** The possible readings otherwise (before the relations are applied). */
  candidates: Interp[];
  /** Too many readings to consider: the row is left unread. */
  tooAmbiguous: boolean;
  /**
   * The candidates are only the readings that fill every cell from the printed digits (runs
   * split, nothing lost); readings that assume unprinted cells were not enumerated. Lost
   * separators explain such a row without also assuming lost cells, so these are tried first
   * (see build-tables.ts); `interpretUnit(unit, true)` gives them all.
   */
  completeOnly: boolean;
}


/** Value of a printed token for a cell: number, or null for blank / not applicable / words. */
function tokenValue(t: Token): number | null {
  return t.kind === 'num' && Number.isFinite(t.value) ? t.value : null;
}

/** Peel the next label's numbering off a run of digits ("00000002" before "2.其他…" → "0000000"). */
function peelNumbering(t: Token, nextNumbering: string): Token {
  if (t.kind !== 'num' || !t.numberingFollows || !t.digits || !nextNumbering) return t;
  if (t.digits.length <= nextNumbering.length || !t.digits.endsWith(nextNumbering)) return t;
  const digits = t.digits.slice(0, -nextNumbering.length);
  return { ...t, raw: t.raw.slice(0, t.raw.length - nextNumbering.length), digits, value: signOf(t) * Number(digits), numberingFollows: false };
}

function plain(slots: Token[], how: Interp['how']): Interp {
  return {
    values: slots.map(tokenValue),
    tokens: slots.slice(),
    pieces: new Array<null>(slots.length).fill(null),
    dropped: [],
    how,
  };
}

/**
 * All ways to cut a digit string into `parts` numbers without leading zeros, up to `limit` of
 * them; `complete` is false when there were more (the list is then not all of them).
 */
export function splitDigits(digits: string, parts: number, limit = PARSER_SETTINGS.maxSplits): { splits: string[][]; complete: boolean } {
  const out: string[][] = [];
  const L = digits.length;
  let complete = true;
  if (parts < 1 || parts > L) return { splits: out, complete };
  const cur: string[] = [];
  const rec = (pos: number, left: number) => {
    if (out.length >= limit) {
      complete = false;
      return;
    }
    if (left === 1) {
      const piece = digits.slice(pos);
      if (piece.length === 1 || piece[0] !== '0') out.push([...cur, piece]);
      return;
    }
    const maxLen = L - pos - (left - 1);
    for (let len = 1; len <= maxLen; len++) {
      const piece = digits.slice(pos, pos + len);
      if (len > 1 && piece[0] === '0') break;
      cur.push(piece);
      rec(pos + len, left - 1);
      cur.pop();
    }
  };
  rec(0, parts);
  return { splits: out, complete };
}

/** Choose `k` of `n` positions (increasing), calling `fn` with a boolean mask. */
function choose(n: number, k: number, fn: (mask: boolean[]) => boolean | void): void {
  const mask = new Array<boolean>(n).fill(false);
  const rec = (start: number, left: number): boolean => {
    if (left === 0) return fn(mask) === false;
    for (let i = start; i <= n - left; i++) {
      mask[i] = true;
      if (rec(i + 1, left - 1)) return true;
      mask[i] = false;
    }
    return false;
  };
  rec(0, k);
}

interface Piece {
  token: Token;
  value: number | null;
  piece: string | null;
}

/** -1 for a number printed with a minus sign (its run's first piece carries it), else 1. */
function signOf(t: Token): number {
  return t.value < 0 || Object.is(t.value, -0) ? -1 : 1;
}

/** A run of several digits that starts with 0 ("0000000") cannot be one number. */
function mustSplit(t: Token): boolean {
  return t.kind === 'num' && t.digits.length > 1 && t.digits[0] === '0';
}

/** The row has more readings than the limits let the parser consider: none is taken. */
function tooAmbiguous(result: UnitInterpretation): UnitInterpretation {
  result.tooAmbiguous = true;
  result.candidates = [];
  result.completeOnly = false;
  return result;
}

export function interpretUnit(unit: PrintedUnit, withIncomplete = false, settings: Readonly<ParserSettings> = PARSER_SETTINGS): UnitInterpretation {
  const n = unit.addresses.length;
  const result: UnitInterpretation = { unit, exact: null, candidates: [], tooAmbiguous: false, completeOnly: false };
  if (!unit.found) return result;
  // The numbering that may trail the row's last run belongs to the next label.
  const last = unit.slots.length - 1;
  const peeled = last >= 0 ? peelNumbering(unit.slots[last], unit.nextNumbering) : undefined;
  const slots = peeled === unit.slots[last] ? unit.slots : [...unit.slots.slice(0, last), peeled!];
  let blanks = 0;
  for (const t of slots) if (t.kind === 'blank') blanks++;
  const values = blanks === 0 ? slots : slots.filter((t) => t.kind !== 'blank');
  const k = values.length;

  if (k === n) {
    result.exact = plain(values, 'read');
    return result;
  }
  if (k < n && k + blanks === n) {
    result.exact = plain(slots, 'blanks');
    return result;
  }

  const push = (interp: Interp): boolean => {
    result.candidates.push(interp);
    if (result.candidates.length > settings.maxCandidates) {
      result.tooAmbiguous = true;
      return false;
    }
    return true;
  };

  if (k > n) {
    const extra = k - n;
    if (extra > settings.maxExtra) {
      result.tooAmbiguous = true;
      return result;
    }
    choose(k, extra, (mask) => {
      const kept = values.filter((_, i) => !mask[i]);
      const interp = plain(kept, 'extra');
      interp.dropped = values.filter((_, i) => mask[i]);
      return push(interp);
    });
    return result;
  }

  // Too few values: some cells were not printed, or numbers ran together.
  const deficit = n - k;
  const splittable = values.map((t) => (t.kind === 'num' && t.digits.length >= 2 ? t.digits.length - 1 : 0));
  // Ways to cut token i into `parts` pieces, computed once. A run with more ways than the limit
  // leaves the row unread: a reading found among some of them would not be known to be the one.
  const splitMemo = new Map<number, string[][]>();
  let splitsCut = false;
  const splitsOf = (i: number, parts: number): string[][] => {
    const key = i * 64 + parts;
    let v = splitMemo.get(key);
    if (!v) {
      const s = splitDigits(values[i].digits, parts, settings.maxSplits);
      if (!s.complete) splitsCut = true;
      splitMemo.set(key, (v = s.splits));
    }
    return v;
  };
  // Digits that can still become extra cells from token i on (for pruning complete readings).
  const capacity = new Array<number>(values.length + 1).fill(0);
  for (let i = values.length - 1; i >= 0; i--) capacity[i] = capacity[i + 1] + splittable[i];
  const sequences: Piece[][] = [];
  const build = (i: number, extraLeft: number, acc: Piece[], completeOnly: boolean) => {
    if (sequences.length > settings.maxCandidates || splitsCut) return;
    if (completeOnly && capacity[i] < extraLeft) return;
    if (i === values.length) {
      if (!completeOnly || extraLeft === 0) sequences.push(acc.slice());
      return;
    }
    const t = values[i];
    if (!mustSplit(t)) {
      acc.push({ token: t, value: tokenValue(t), piece: null });
      build(i + 1, extraLeft, acc, completeOnly);
      acc.pop();
    }
    for (let e = 1; e <= Math.min(extraLeft, splittable[i]); e++) {
      const sign = signOf(t);
      for (const parts of splitsOf(i, e + 1)) {
        parts.forEach((p, at) => acc.push({ token: t, value: at === 0 ? sign * Number(p) : Number(p), piece: at === 0 && sign < 0 ? `-${p}` : p }));
        build(i + 1, extraLeft - e, acc, completeOnly);
        acc.length -= parts.length;
      }
    }
  };
  // Readings that fill every cell come first; when there are any, the others wait until asked.
  build(0, deficit, [], true);
  if (splitsCut) return tooAmbiguous(result);
  if (sequences.length > 0 && !withIncomplete) {
    result.completeOnly = true;
    for (const seq of sequences) {
      const interp: Interp = { values: [], tokens: [], pieces: [], dropped: [], how: seq.some((p) => p.piece !== null) ? 'split' : 'short' };
      for (const p of seq) {
        interp.values.push(p.value);
        interp.tokens.push(p.token);
        interp.pieces.push(p.piece);
      }
      if (!push(interp)) break;
    }
    return result;
  }
  sequences.length = 0;
  build(0, deficit, [], false);
  if (splitsCut) return tooAmbiguous(result);
  const complete = sequences.filter((seq) => seq.length === n);
  const incomplete = sequences.filter((seq) => seq.length < n);
  for (const seq of [...complete, ...incomplete]) {
    const unknowns = n - seq.length;
    if (unknowns < 0) continue;
    const split = seq.some((p) => p.piece !== null);
    let stop = false;
    choose(n, unknowns, (mask) => {
      const interp: Interp = { values: [], tokens: [], pieces: [], dropped: [], how: split ? 'split' : 'short' };
      let j = 0;
      for (let c = 0; c < n; c++) {
        if (mask[c]) {
          interp.values.push(undefined);
          interp.tokens.push(null);
          interp.pieces.push(null);
        } else {
          const p = seq[j++];
          interp.values.push(p.value);
          interp.tokens.push(p.token);
          interp.pieces.push(p.piece);
        }
      }
      if (!push(interp)) {
        stop = true;
        return false;
      }
      return true;
    });
    if (stop) break;
  }
  return result;
}

/** Is `v` a valid value for a cell of this type? */
export function validFor(type: ColumnType, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (type === 'decimal') return v >= 0;
  if (type === 'signed_integer') return Number.isInteger(v);
  return v >= 0 && Number.isInteger(v);
}
