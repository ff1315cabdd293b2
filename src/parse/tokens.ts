// Tokens: the cells and numbers of a document in reading order, each with its position in the
// source. This is the layer between the ingest stage's blocks and the table aligner.

export type TokenKind = 'text' | 'num' | 'blank' | 'na' | 'break';

export interface Token {
  kind: TokenKind;
  /** Position in the document's token list. */
  index: number;
  /** Text as printed (trimmed). */
  raw: string;
  /** Normalised text for label matching (text tokens only). */
  norm: string;
  /** Parsed value (num tokens). */
  value: number;
  /** The number's digits when it is a plain digit string (candidate for splitting a run). */
  digits: string;
  /** The number touches text without a separator (a sign that separators were lost). */
  glued: boolean;
  /** The digits are directly followed by '.'/'、' and text: their tail may be the next label's numbering. */
  numberingFollows: boolean;
  /** The number has a decimal part. */
  decimal: boolean;
  /** Blank: an empty layout cell before a row's label, not a value. */
  structural: boolean;
  /** Break: the end of a printed row (a table row, or a line with several cells). Otherwise a blank line. */
  strong: boolean;
  /** Text: a whole sentence of the narrative (no table label is looked for in it). */
  prose: boolean;
  /** Index of the source block. */
  block: number;
  /** Source line (text sources) or paragraph number; 0 when unknown. */
  line: number;
  page: number;
  table: number;
  row: number;
  col: number;
}

export function makeToken(kind: TokenKind, raw: string, block: number, line: number): Token {
  return {
    kind,
    index: -1,
    raw,
    norm: '',
    value: NaN,
    digits: '',
    glued: false,
    numberingFollows: false,
    decimal: false,
    structural: false,
    strong: false,
    prose: false,
    block,
    line,
    page: 0,
    table: 0,
    row: 0,
    col: 0,
  };
}

/** Tokens that stand for a table cell's content. */
export function isValueToken(t: Token): boolean {
  return t.kind === 'num' || t.kind === 'na' || (t.kind === 'blank' && !t.structural);
}
