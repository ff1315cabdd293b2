// The whole pipeline for one input: bytes (or text) → source document → report → diagnostics.

import { withChecks } from './check/index.ts';
import { readInput } from './ingest/index.ts';
import { readFileBounded } from './ingest/limits.ts';
import { textDocument } from './ingest/text.ts';
import type { Report } from './interchange/types.ts';
import { parseDocumentWithCells, type ParseOptions } from './parse/index.ts';

export interface PipelineOptions extends ParseOptions {
  /** File name for messages and the report's source (default: 输入). */
  name?: string | undefined;
  /** Run the checker (default true). */
  check?: boolean | undefined;
}

/** Parse a report from bytes of any supported kind (text, HTML, Word, PDF, interchange JSON). */
export async function parseReport(input: Uint8Array | string, options: PipelineOptions = {}): Promise<Report> {
  const name = options.name ?? '输入';
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const read = await readInput(bytes, name);
  if (read.report) return options.check === false ? read.report : withChecks(read.report);
  const { report, cells } = parseDocumentWithCells(read.document!, options);
  return options.check === false ? report : withChecks(report, cells);
}

/** Synchronous parse of text already in memory (text sources only). */
export function parseText(text: string, options: PipelineOptions = {}): Report {
  const doc = textDocument(text, options.name ?? '输入');
  const { report, cells } = parseDocumentWithCells(doc, options);
  return options.check === false ? report : withChecks(report, cells);
}

export async function parseFile(path: string, options: PipelineOptions = {}): Promise<Report> {
  const name = options.name ?? path;
  return parseReport(await readFileBounded(path, name), { ...options, name });
}
