// Worker threads that run one of the project's modules: the built JavaScript (.js), or, when the
// sources run as TypeScript through tsx (tests, `npm run gongkai`), the .ts file, with tsx
// registered in the worker first — the main thread's loader hooks do not reach worker threads.
// Used by the PDF sandbox, the import's parse worker and the CLI's pool.

import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((e) => { throw e; });
`;

/** The module `name` beside the caller (`import.meta.url`), as .ts when the caller runs as .ts. */
export function moduleBeside(callerUrl: string, name: string): URL {
  return new URL(`./${name}.${callerUrl.endsWith('.ts') ? 'ts' : 'js'}`, callerUrl);
}

/** A worker thread running `module`; `data` reaches it as `workerData.data`. */
export function startModuleWorker(module: URL, options: Omit<WorkerOptions, 'eval' | 'workerData'> & { data?: unknown } = {}): Worker {
  const { data, ...rest } = options;
  const tsx = module.pathname.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null;
  return new Worker(BOOTSTRAP, { ...rest, eval: true, workerData: { entry: module.href, tsx, data } });
}
