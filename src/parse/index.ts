// The parse stage: a source document (blocks from the ingest stage) → an interchange report with
// per-cell provenance and the parser's own diagnostics. Pure: no I/O.

import { createHash } from 'node:crypto';
import type { Block, SourceDocument } from '../ingest/types.ts';
import { IngestError } from '../ingest/errors.ts';
import type { FlatCells } from '../interchange/flat-cells.ts';
import { REPORT_SCHEMA, type Report } from '../interchange/types.ts';
import { getFormat } from '../model/load.ts';
import { buildTables } from './build-tables.ts';
import { plainLine } from './markup.ts';
import { detectFormat } from './detect-format.ts';
import { readMeta } from './meta.ts';
import { readTables, type TableReading } from './read-tables.ts';
import { classifyHeading, readSections } from './sections.ts';
import { parserSettings, type ParserSettings } from './settings.ts';
import { TextStream } from './stream.ts';
import { tokenize } from './tokenize.ts';
import type { Token } from './tokens.ts';

export interface ParseOptions {
  /** Force a format version instead of detecting it. */
  format?: string | undefined;
  /** Overrides of the parser's thresholds and search limits (settings.ts), for tuning and tests. */
  settings?: Partial<ParserSettings> | undefined;
}

/** Blocks whose every token lies inside a table region. */
function tableBlocks(tokens: Token[], readings: TableReading[], blockCount: number): Uint8Array {
  const inside = new Uint8Array(blockCount);
  const outside = new Uint8Array(blockCount);
  // Tokens inside any table's range, marked by token index.
  const inRange = new Uint8Array(tokens.length);
  for (const r of readings) {
    if (!r.found || r.start < 0) continue;
    inRange.fill(1, r.start, Math.min(r.end + 1, tokens.length));
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'break') continue;
    if (inRange[i]) inside[t.block] = 1;
    else outside[t.block] = 1;
  }
  const result = new Uint8Array(blockCount);
  for (let b = 0; b < blockCount; b++) result[b] = inside[b] && !outside[b] ? 1 : 0;
  return result;
}

/** The document's paragraphs without Markdown marks (tables untouched). */
function plainBlocks(blocks: Block[]): Block[] {
  let out: Block[] | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type !== 'paragraph') continue;
    const text = plainLine(b.text);
    if (text === b.text) continue;
    out ??= blocks.slice();
    out[i] = { ...b, text };
  }
  return out ?? blocks;
}

export function parseDocument(source: SourceDocument, options: ParseOptions = {}): Report {
  return parseDocumentWithCells(source, options).report;
}

/** parseDocument, with the report's cells also by the format's cell index (for checkReport). */
export function parseDocumentWithCells(source: SourceDocument, options: ParseOptions = {}): { report: Report; cells: FlatCells } {
  const doc = { ...source, blocks: plainBlocks(source.blocks) };
  const tokens = tokenize(doc.blocks);
  const stream = new TextStream(tokens);
  let decision = options.format
    ? { format: getFormat(options.format), evidence: 0, via: 'labels' as const }
    : detectFormat(stream, null);
  let readings = readTables(tokens, stream, decision.format);
  let inTable = tableBlocks(tokens, readings, doc.blocks.length);
  const isTable = (b: number) => doc.blocks[b].type === 'table' || inTable[b] === 1;

  let firstHeading = -1;
  for (let b = 0; b < doc.blocks.length && firstHeading < 0; b++) {
    const blk = doc.blocks[b];
    if (blk.type === 'paragraph' && !isTable(b) && classifyHeading(blk.text, decision.format)) firstHeading = b;
  }
  const meta = readMeta(doc.blocks, isTable, firstHeading, doc.metadata);
  if (!options.format && decision.via !== 'labels' && meta.year) {
    const again = detectFormat(stream, meta.year);
    if (again.format !== decision.format) {
      decision = again;
      readings = readTables(tokens, stream, decision.format);
      inTable = tableBlocks(tokens, readings, doc.blocks.length);
    }
  }
  const format = decision.format;
  const { sections } = readSections(doc.blocks, format, isTable, new Set([...meta.titleBlocks, ...meta.signatureBlocks, ...meta.chromeBlocks]));

  const anyTable = readings.some((r) => r.found);
  if (!anyTable && !sections.some((s) => s.id)) {
    throw new IngestError(
      'no_report',
      doc.name,
      '没有找到政府信息公开工作年度报告的内容：既没有“一、总体情况”等六部分的标题，也没有第二十条统计表、申请情况表或复议诉讼表',
    );
  }

  const built = buildTables(format, readings, parserSettings(options.settings));
  const report: Report = {
    schema: REPORT_SCHEMA,
    source: { name: doc.name, sha256: doc.sha256, kind: doc.kind, ...(doc.encoding ? { encoding: doc.encoding } : {}) },
    agency: meta.agency,
    year: meta.year,
    format: format.id,
    published: meta.published,
    sections,
    tables: built.tables,
    cells: built.cells,
    diagnostics: built.diagnostics,
    origin: meta.origin,
  };
  return { report, cells: built.flat };
}

/** sha256 of a string's UTF-8 bytes (for reports parsed from text given directly). */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
