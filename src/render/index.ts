// The render stage: a report → a finished document (Word, PDF, web page, spreadsheet, Markdown),
// behind the publishing gate. For publication the checker runs first and any error refuses the
// render; a draft can always be rendered and carries a 草稿 watermark. Each renderer is loaded on
// first use, so rendering Markdown does not pay for the Word library or the browser.

import { withChecks } from '../check/index.ts';
import type { Diagnostic, Report } from '../interchange/types.ts';
import { PublicationRefusedError, RenderError } from './errors.ts';
import { once } from '../util/once.ts';

export { PublicationRefusedError, RenderError } from './errors.ts';
export { closeBrowser } from './browser.ts';

export const RENDER_TARGETS = ['docx', 'pdf', 'html', 'xlsx', 'md'] as const;
export type RenderTarget = (typeof RENDER_TARGETS)[number];

/** File extension and media type of each target. */
export const TARGET_INFO: Record<RenderTarget, { extension: string; mediaType: string; name: string }> = {
  docx: { extension: '.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'Word 文档' },
  pdf: { extension: '.pdf', mediaType: 'application/pdf', name: 'PDF' },
  html: { extension: '.html', mediaType: 'text/html; charset=utf-8', name: '网页' },
  xlsx: { extension: '.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'Excel 表格' },
  md: { extension: '.md', mediaType: 'text/markdown; charset=utf-8', name: 'Markdown 文本' },
};

export interface RenderOptions {
  to: RenderTarget;
  /** Render a draft: no publishing gate, watermarked 草稿. Default false (for publication). */
  draft?: boolean;
}

/** The error-severity diagnostics that stop a report from being published (checker rerun). */
export function publicationErrors(report: Report): Diagnostic[] {
  return withChecks(report).diagnostics.filter((d) => d.severity === 'error');
}

type Renderer = (report: Report, opts: { draft?: boolean }) => Promise<Uint8Array> | Uint8Array;

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Each renderer loaded on first use (and only then). */
const RENDERERS: Record<RenderTarget, () => Promise<Renderer>> = {
  docx: once(async () => (await import('./docx.ts')).renderDocx),
  pdf: once(async () => (await import('./pdf.ts')).renderPdf),
  html: once(async (): Promise<Renderer> => {
    const { renderHtml } = await import('./html.ts');
    return (r, o) => utf8(renderHtml(r, o));
  }),
  xlsx: once(async () => (await import('./xlsx.ts')).renderXlsx),
  md: once(async (): Promise<Renderer> => {
    const { renderMarkdown } = await import('./markdown.ts');
    return (r, o) => utf8(renderMarkdown(r, o));
  }),
};

/**
 * Render a report. For publication (draft false), throws PublicationRefusedError listing the
 * errors while the checker finds any. PDF uses a shared headless browser: call closeBrowser()
 * when done.
 */
export async function renderReport(report: Report, options: RenderOptions): Promise<Uint8Array> {
  const load = RENDERERS[options.to];
  if (!load) throw new RenderError(`不支持的输出格式“${String(options.to)}”；可选：${RENDER_TARGETS.join('、')}`);
  const draft = options.draft === true;
  if (!draft) {
    const errors = publicationErrors(report);
    if (errors.length) throw new PublicationRefusedError(errors);
  }
  let render: Renderer;
  try {
    render = await load();
  } catch (e) {
    throw new RenderError(`${TARGET_INFO[options.to].name}生成器无法加载：${(e as Error).message}`);
  }
  return render(report, { draft });
}
