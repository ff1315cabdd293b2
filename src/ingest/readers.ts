// One reader per document kind, all yielding the same intermediate (SourceDocument). Readers are
// loaded on first use (and only then), so reading text does not pay for the PDF engine.

import type { DetectedKind } from './detect.ts';
import type { SourceDocument } from './types.ts';
import { once } from '../util/once.ts';
import { readText } from './text.ts';

export type Reader = (bytes: Uint8Array, name: string) => SourceDocument | Promise<SourceDocument>;

export const READERS: Partial<Record<DetectedKind, () => Promise<Reader>>> = {
  text: () => Promise.resolve(readText),
  html: once(async () => (await import('./html.ts')).readHtml),
  pdf: once(async () => (await import('./pdf/index.ts')).readPdf),
  docx: once(async () => (await import('./docx.ts')).readDocx),
  doc: once(async () => (await import('./doc.ts')).readDoc),
  odt: once(async () => (await import('./odt.ts')).readOdt),
  ofd: once(async () => (await import('./ofd.ts')).readOfd),
};
