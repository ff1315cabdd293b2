// The report as PDF: the HTML page printed by headless Chromium on A4, page numbers — 1 — in the
// footer, fonts embedded by the browser (Noto CJK / AR PL from Debian when the official fonts are
// not installed). The page may fetch nothing: every request is blocked.

import type { Report } from '../interchange/types.ts';
import { withPage } from './browser.ts';
import { PAGE_MARGINS, renderHtml } from './html.ts';

export interface PdfOptions {
  draft?: boolean;
}

export interface PrintOptions {
  /** Receives the URL of every request the page tried to make (all are blocked). */
  onBlockedRequest?: (url: string) => void;
}

const FOOTER = `<div style="width:100%;text-align:center;font-size:14pt;font-family:'Times New Roman','Liberation Serif','AR PL UMing CN',serif;color:#000;">— <span class="pageNumber"></span> —</div>`;

/** Print a self-contained HTML page to A4 PDF bytes. */
export async function printHtml(html: string, opts: PrintOptions = {}): Promise<Uint8Array> {
  return withPage(async (page) => {
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: PAGE_MARGINS,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
      tagged: true,
      outline: true,
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }, opts.onBlockedRequest);
}

/** The report as PDF bytes. Uses the shared browser; call closeBrowser() when done rendering. */
export async function renderPdf(report: Report, opts: PdfOptions = {}): Promise<Uint8Array> {
  return printHtml(renderHtml(report, { draft: opts.draft, cssPageNumbers: false }));
}
