// The parser's thresholds and search limits, named and documented in one place (pdfplumber's
// TableSettings is the model). Every limit on a search is loud: a row or table whose search
// reaches it is left undecided with a diagnostic that says so, never read from a partial answer.
// parseDocument takes overrides (ParseOptions.settings) for tuning and for tests that exhaust a
// limit on a small input.

export interface ParserSettings {
  /**
   * Ways of cutting one run of glued digits into numbers that are enumerated at most
   * (interpret.ts, splitDigits). A run with more (22 digits into 15 cells: 116,280) leaves its
   * row unread: structure.row_missing/tooAmbiguous. As many as the readings of a row considered:
   * a lower cap would cut runs whose readings the row could still weigh.
   */
  maxSplits: number;
  /** Readings of one printed row considered at most; beyond, the row is unread (tooAmbiguous). */
  maxCandidates: number;
  /** Numbers a row may print beyond its cells (page numbers, footers) and still be read. */
  maxExtra: number;
  /**
   * Readings that assume both runs of digits and lost cells are considered for a row only while
   * there are at most this many; beyond that the relations could not single one out anyway, and
   * the row is unread (tooAmbiguous).
   */
  widenLimit: number;
  /**
   * Options the relation solver tries at most for one table (solve.ts). A search stopped there
   * leaves the table's ambiguous rows unread: structure.row_missing/searchExhausted.
   */
  nodeBudget: number;
  /**
   * Options the solver enumerates before it turns to probing each row's readings one by one
   * (solve.ts): enumerating is the cheapest while combinations are few, probing when there are
   * millions. Both count towards nodeBudget. The outcome does not depend on it (only the time
   * does): tables of PDF text whose rows each lost cells (pdftotext, pdfminer) have a few
   * thousand combinations, all allowed, and probing settles them in a fraction of the time that
   * enumerating 2,000 of them first took (10 ms of such a report's 11).
   */
  enumerateNodes: number;
  /** Stream characters before a table's first row label where its header may start. */
  headerLookback: number;
  /** Row labels this short (其他, 总计) are matched with their numbering, or as a cell of their own. */
  shortLabel: number;
  /** Longest section heading, in normalised characters. */
  maxHeading: number;
}

export const PARSER_SETTINGS: Readonly<ParserSettings> = Object.freeze({
  maxSplits: 20_000,
  maxCandidates: 20_000,
  maxExtra: 3,
  widenLimit: 500,
  nodeBudget: 20_000,
  enumerateNodes: 500,
  headerLookback: 400,
  shortLabel: 3,
  maxHeading: 45,
});

/** The settings with the given overrides. */
export function parserSettings(overrides: Partial<ParserSettings> = {}): Readonly<ParserSettings> {
  return Object.keys(overrides).length ? { ...PARSER_SETTINGS, ...overrides } : PARSER_SETTINGS;
}
