// The worker thread of the PDF sandbox (sandbox.ts): reads one document at a time with
// readLayersHere and posts back the page layouts, or the IngestError's code and message.

import { parentPort } from 'node:worker_threads';
import { IngestError } from '../errors.ts';
import { readLayersHere, type ReadOptions } from './document.ts';
import { pdfjs } from './engine.ts';

export interface SandboxRequest {
  id: number;
  bytes: Uint8Array;
  name: string;
  options: ReadOptions;
}

export type SandboxReply =
  | { id: 0; ready: true }
  | { id: number; ok: true; layers: Awaited<ReturnType<typeof readLayersHere>> }
  | { id: number; ok: false; error: { code: IngestError['code']; file: string; message: string } | { internal: string } };

parentPort?.on('message', async (req: SandboxRequest) => {
  let reply: SandboxReply;
  try {
    reply = { id: req.id, ok: true, layers: await readLayersHere(req.bytes, req.name, req.options) };
  } catch (e) {
    reply =
      e instanceof IngestError
        ? { id: req.id, ok: false, error: { code: e.code, file: e.file, message: e.message } }
        : { id: req.id, ok: false, error: { internal: (e as Error)?.message ?? String(e) } };
  }
  parentPort?.postMessage(reply);
});

// Load pdf.js before the first document, and say so: a document's time budget starts then.
await pdfjs();
parentPort?.postMessage({ id: 0, ready: true } satisfies SandboxReply);
