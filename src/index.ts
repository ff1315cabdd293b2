// Gongkai as a library: ingest → parse → check, each stage usable alone.
//
//   import { parseReport, checkReport } from 'gongkai';
//   const report = await parseReport(bytes, { name: 'report.txt' });   // interchange JSON
//   const diagnostics = checkReport(report);                          // check-stage findings

export * from './interchange/types.ts';
export { validateReport, reportSchema } from './interchange/validate.ts';
export * as model from './model/index.ts';
export { formats, getFormat, formatForYear } from './model/index.ts';
export { ingest, readInput } from './ingest/index.ts';
export type { SourceDocument, Block, ParagraphBlock, TableBlock, TableCell, SourceMetadata } from './ingest/types.ts';
export { IngestError } from './ingest/errors.ts';
export { LIMITS, readBounded, readFileBounded } from './ingest/limits.ts';
export { parseDocument } from './parse/index.ts';
export { checkReport, withChecks, rules, rule, sortDiagnostics } from './check/index.ts';
export { parseReport, parseText, parseFile } from './pipeline.ts';
export { renderReport, publicationErrors, closeBrowser, PublicationRefusedError, RenderError, RENDER_TARGETS, TARGET_INFO } from './render/index.ts';
export type { RenderOptions, RenderTarget } from './render/index.ts';
