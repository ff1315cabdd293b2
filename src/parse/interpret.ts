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
import { exactValue } from './cells.ts';

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
  return t.kind === 'num' && !Number.isNaN(exactValue(t.value)) ? t.value : null;
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

/** Digits of the longest exact count (2^53 has 16): a longer piece is no value, so no split makes one. */
const MAX_PIECE_DIGITS = 16;

/**
 * All ways to cut a digit string into `parts` numbers without leading zeros and none longer than
 * an exact count, up to `limit` of them; `complete` is false when there were more (the list is
 * then not all of them).
 */
export function splitDigits(digits: string, parts: number, limit = PARSER_SETTINGS.maxSplits): { splits: string[][]; complete: boolean } {
  const out: string[][] = [];
  const L = digits.length;
  let complete = true;
  if (parts < 1 || parts > L || L > parts * MAX_PIECE_DIGITS) return { splits: out, complete };
  const cur: string[] = [];
  const rec = (pos: number, left: number) => {
    if (out.length >= limit) {
      complete = false;
      return;
    }
    // The rest must fit in the pieces left (found by fuzzing: pieces of thousands of digits, each
    // converted to a number, took a row 46 s).
    if (L - pos > left * MAX_PIECE_DIGITS) return;
    if (left === 1) {
      const piece = digits.slice(pos);
      if (piece.length === 1 || piece[0] !== '0') out.push([...cur, piece]);
      return;
    }
    const maxLen = Math.min(MAX_PIECE_DIGITS, L - pos - (left - 1));
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

/**
 * The number of cuts splitDigits(digits, parts) makes when not limited, counted without making
 * them; any number above `limit` is given as `limit + 1`.
 */
export function countSplits(digits: string, parts: number, limit = PARSER_SETTINGS.maxSplits): number {
  const L = digits.length;
  if (parts < 1 || parts > L || L > parts * MAX_PIECE_DIGITS) return 0;
  // ways[left][pos]: cuts of digits[pos..] into `left` pieces, by the rules of splitDigits.
  let prev = new Array<number>(L + 1).fill(0);
  for (let pos = 0; pos < L; pos++) if (L - pos <= MAX_PIECE_DIGITS && (L - pos === 1 || digits[pos] !== '0')) prev[pos] = 1;
  for (let left = 2; left <= parts; left++) {
    const cur = new Array<number>(L + 1).fill(0);
    for (let pos = 0; pos < L; pos++) {
      if (L - pos > left * MAX_PIECE_DIGITS) continue;
      const maxLen = Math.min(MAX_PIECE_DIGITS, L - pos - (left - 1));
      let ways = 0;
      for (let len = 1; len <= maxLen; len++) {
        if (len > 1 && digits[pos] === '0') break;
        ways += prev[pos + len];
      }
      cur[pos] = Math.min(ways, limit + 1);
    }
    prev = cur;
  }
  return prev[0];
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
  // From the print, not the value: a value that is no count (NaN, see exactValue) keeps its sign.
  return t.value < 0 || /^[-−－]/.test(t.raw) ? -1 : 1;
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

/**
 * `holds`: when given, readings that fill every cell are kept only if it accepts their values
 * (the row's own sums, solve.ts rowHolds): the relation solver would drop the others at once,
 * and a run of glued digits has thousands. They still count towards the limits.
 */
export function interpretUnit(
  unit: PrintedUnit,
  withIncomplete = false,
  settings: Readonly<ParserSettings> = PARSER_SETTINGS,
  holds?: (values: (number | null)[]) => boolean,
): UnitInterpretation {
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
  // Ways to cut token i into `parts` pieces (the cuts of splitDigits, in its order). A run with
  // more ways than the limit leaves the row unread: a reading found among some of them would not
  // be known to be the one. The cuts are counted first (countSplits, once per run and count) and
  // then walked without being listed: a run of glued digits has thousands, each of several
  // pieces, and a list of them all cost most of a slow row's time in allocation.
  const countMemo = new Map<number, number>();
  let splitsCut = false;
  const withinLimit = (i: number, parts: number): boolean => {
    const key = i * 65536 + parts;
    let c = countMemo.get(key);
    if (c === undefined) countMemo.set(key, (c = countSplits(values[i].digits, parts, settings.maxSplits)));
    if (c > settings.maxSplits) splitsCut = true;
    return !splitsCut;
  };
  // The piece of run i at digit `pos`, `len` digits long, made once (the same piece serves every
  // cut that has it). The first piece of a run carries the run's sign.
  const pieceMemo: (Piece | undefined)[][] = [];
  const pieceAt = (i: number, pos: number, len: number): Piece => {
    const memo = (pieceMemo[i] ??= []);
    const key = pos * (MAX_PIECE_DIGITS + 1) + len;
    let v = memo[key];
    if (!v) {
      const t = values[i];
      const p = t.digits.slice(pos, pos + len);
      const sign = pos === 0 ? signOf(t) : 1;
      memo[key] = v = { token: t, value: sign * Number(p), piece: sign < 0 ? `-${p}` : p };
    }
    return v;
  };
  /** Each cut of run i into `parts` pieces, pushed onto `acc` in turn while `then` runs. */
  const eachCut = (i: number, parts: number, acc: Piece[], then: () => void) => {
    const digits = values[i].digits;
    const L = digits.length;
    const rec = (pos: number, left: number) => {
      if (L - pos > left * MAX_PIECE_DIGITS) return;
      if (left === 1) {
        if (L - pos === 1 || digits[pos] !== '0') {
          acc.push(pieceAt(i, pos, L - pos));
          then();
          acc.pop();
        }
        return;
      }
      const maxLen = Math.min(MAX_PIECE_DIGITS, L - pos - (left - 1));
      for (let len = 1; len <= maxLen; len++) {
        if (len > 1 && digits[pos] === '0') break;
        acc.push(pieceAt(i, pos, len));
        rec(pos + len, left - 1);
        acc.pop();
      }
    };
    if (parts >= 1 && parts <= L && L <= parts * MAX_PIECE_DIGITS) rec(0, parts);
  };
  // Digits that can still become extra cells from token i on (for pruning complete readings).
  const capacity = new Array<number>(values.length + 1).fill(0);
  for (let i = values.length - 1; i >= 0; i--) capacity[i] = capacity[i + 1] + splittable[i];
  // Runs from token i on that cannot be one number ("0123"): each needs at least one extra cell.
  const needed = new Array<number>(values.length + 1).fill(0);
  for (let i = values.length - 1; i >= 0; i--) needed[i] = needed[i + 1] + (mustSplit(values[i]) ? 1 : 0);
  const sequences: Piece[][] = [];
  // Readings found by the current build. Readings that fill every cell become candidates as
  // they are found (`collect`), without a list of sequences in between; when the others are
  // asked for too, the first build only counts them (for its limits).
  let count = 0;
  let collect = false;
  const scratch = new Array<number | null>(n);
  const build = (i: number, extraLeft: number, acc: Piece[], completeOnly: boolean) => {
    if (count > settings.maxCandidates || splitsCut) return;
    if (needed[i] > extraLeft) return;
    if (completeOnly && capacity[i] < extraLeft) return;
    if (i === values.length) {
      if (completeOnly && extraLeft !== 0) return;
      count++;
      if (!completeOnly) sequences.push(acc.slice());
      else if (collect) {
        if (count > settings.maxCandidates) {
          result.tooAmbiguous = true;
          return;
        }
        for (let c = 0; c < n; c++) scratch[c] = acc[c].value;
        if (holds && !holds(scratch)) return;
        const interp: Interp = { values: scratch.slice(), tokens: new Array<Token | null>(n), pieces: new Array<string | null>(n), dropped: [], how: 'short' };
        for (let c = 0; c < n; c++) {
          const p = acc[c];
          interp.tokens[c] = p.token;
          interp.pieces[c] = p.piece;
          if (p.piece !== null) interp.how = 'split';
        }
        result.candidates.push(interp);
      }
      return;
    }
    const t = values[i];
    if (!mustSplit(t)) {
      acc.push({ token: t, value: tokenValue(t), piece: null });
      build(i + 1, extraLeft, acc, completeOnly);
      acc.pop();
    }
    for (let e = 1; e <= Math.min(extraLeft, splittable[i]); e++) {
      if (!withinLimit(i, e + 1)) return;
      eachCut(i, e + 1, acc, () => build(i + 1, extraLeft - e, acc, completeOnly));
    }
  };
  // Readings that fill every cell come first; when there are any, the others wait until asked.
  collect = !withIncomplete;
  build(0, deficit, [], true);
  if (splitsCut) return tooAmbiguous(result);
  if (count > 0 && !withIncomplete) {
    result.completeOnly = true;
    return result;
  }
  count = 0;
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
  if (Number.isNaN(exactValue(v))) return false;
  if (type === 'decimal') return v >= 0;
  if (type === 'signed_integer') return Number.isInteger(v);
  return v >= 0 && Number.isInteger(v);
}
