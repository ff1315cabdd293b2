// The ingest stage's output: a document as a sequence of paragraphs and tables, whatever it was
// read from. Text sources give one paragraph per line (tabs and spacing kept, so the parser can
// see cell separators); HTML, Word and PDF readers give real tables as grids of cells.

import type { SourceKind } from '../interchange/types.ts';
import type { MixedLines } from './decode.ts';

export interface ParagraphBlock {
  type: 'paragraph';
  /** The text as read; for text sources the raw line (tabs kept, no line terminator). */
  text: string;
  /** 1-based line in the source text, or paragraph number for structured sources. */
  line?: number;
  page?: number;
}

export interface TableCell {
  text: string;
  /** 0-based position in the table grid after spans are resolved. */
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
  page?: number;
  line?: number;
}

export interface TableBlock {
  type: 'table';
  /** 1-based number of the table in the document. */
  table: number;
  page?: number;
  /** Rows of origin cells (cells covered by another cell's span are left out). */
  rows: TableCell[][];
  /** The table's own title (HTML <caption>): not narrative text. */
  caption?: string;
}

export type Block = ParagraphBlock | TableBlock;

/** Facts a source states outside the report body (web page metadata tables, document properties). */
export interface SourceMetadata {
  agency?: string;
  published?: string;
  indexNo?: string;
  title?: string;
}

export interface SourceDocument {
  name: string;
  kind: SourceKind;
  sha256: string;
  size: number;
  encoding?: string;
  /** Text sources: lines read in another encoding than the rest, or with bytes no encoding reads. */
  mixed?: MixedLines;
  blocks: Block[];
  metadata?: SourceMetadata;
}
