// The worker thread of the PDF sandbox (sandbox.ts): reads one document at a time with
// readLayersHere and posts back its blocks (for the reader) or all its layers (for inspection),
// or the IngestError's code and message.

import { parentPort } from 'node:worker_threads';
import { IngestError } from '../errors.ts';
import { assemble } from './assemble.ts';
import { readLayersHere, type PdfContent, type PdfInspection, type ReadOptions } from './document.ts';
import { pdfjs } from './engine.ts';
import { checkTextLayer } from './text-layer.ts';

export interface SandboxRequest {
  id: number;
  bytes: Uint8Array;
  name: string;
  options: ReadOptions;
  /** 'document': blocks only, text layer checked; 'layers': every layer, unchecked. */
  want: 'document' | 'layers';
}

export type SandboxReply =
  | { id: 0; ready: true }
  | { id: number; ok: true; result: PdfContent | PdfInspection }
  | { id: number; ok: false; error: { code: IngestError['code']; file: string; message: string } | { internal: string } };

parentPort?.on('message', (req: SandboxRequest) => void answer(req));

async function answer(req: SandboxRequest): Promise<void> {
  let reply: SandboxReply;
  try {
    const layers = await readLayersHere(req.bytes, req.name, req.options);
    const blocks = assemble(layers.pages);
    if (req.want === 'layers') {
      reply = { id: req.id, ok: true, result: { ...layers, blocks } };
    } else {
      checkTextLayer(layers, req.name);
      reply = { id: req.id, ok: true, result: { pageCount: layers.pageCount, title: layers.title, blocks } };
    }
  } catch (e) {
    reply =
      e instanceof IngestError
        ? { id: req.id, ok: false, error: { code: e.code, file: e.file, message: e.message } }
        : { id: req.id, ok: false, error: { internal: (e as Error)?.message ?? String(e) } };
  }
  parentPort?.postMessage(reply);
}

// Load pdf.js before the first document, and say so: a document's time budget starts then.
await pdfjs();
parentPort?.postMessage({ id: 0, ready: true } satisfies SandboxReply);
