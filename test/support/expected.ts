// The shape of a fixture's hand-written expectation (test/fixtures/*/NAME.expected.json).

/** Where a cell was printed in the source document. */
export interface CellPosition {
  page?: number;
  table: number;
  row: number;
  col: number;
}

export interface Expected {
  fixture: string;
  agency: string | null;
  year: number;
  format: string;
  published: string | null;
  sections: string[];
  headings?: string[];
  tables: Record<string, Record<string, (number | null)[]>>;
  status: Record<string, string>;
  /** Positions by cell address; a string value is a comment (key "//"). */
  cellPositions: Record<string, CellPosition | string>;
}
