// Errors of the render stage, with messages in Chinese for the user.

import type { Diagnostic } from '../interchange/types.ts';

/** A report could not be rendered (missing browser, unknown target, renderer not available). */
export class RenderError extends Error {
  override name = 'RenderError';
}

/** Rendering for publication was refused: the checker still finds errors in the report. */
export class PublicationRefusedError extends RenderError {
  override name = 'PublicationRefusedError';
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(refusalMessage(diagnostics));
    this.diagnostics = diagnostics;
  }
}

function refusalMessage(errors: Diagnostic[]): string {
  const lines = errors.map((d, i) => `  ${i + 1}. ${d.message}${d.line ? `（原文第 ${d.line} 行）` : ''} [${d.rule}]`);
  return `报告还有 ${errors.length} 个错误，不能生成发布稿：\n${lines.join('\n')}\n请先修正这些错误。草稿不受此限制，随时可以生成（带“草稿”水印）。`;
}
