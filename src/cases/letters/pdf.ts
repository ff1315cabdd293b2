// A filled letter as PDF: its web page printed by the report renderer's shared headless browser
// (call closeBrowser() from the render stage when done).

import { printHtml } from '../../render/pdf.ts';
import type { LetterDocument } from './fill.ts';
import { renderLetterHtml } from './html.ts';

export async function renderLetterPdf(letter: LetterDocument): Promise<Uint8Array> {
  return printHtml(renderLetterHtml(letter));
}
