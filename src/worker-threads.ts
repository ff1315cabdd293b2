// Worker threads that run one of the project's modules: the built JavaScript (.js), or, when the
// sources run as TypeScript through tsx (tests, `npm run gongkai`), the .ts file, with tsx
// registered in the worker first — the main thread's loader hooks do not reach worker threads.
// Used by the PDF sandbox, the import's parse worker and the CLI's pool; the pool may run the
// same modules as child processes instead (`startModuleProcess`).

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/** The environment variable that carries `data` to a module started by startModuleProcess. */
export const PROCESS_DATA_ENV = 'GONGKAI_PROCESS_DATA';

/**
 * A child process running `module` with these Node/V8 options (a process has its own JIT and
 * garbage collector threads, which its options can size to its share of the cores); `data`
 * reaches it as JSON in PROCESS_DATA_ENV. It talks to its parent over IPC (structured clone); its
 * stdout is dropped (the parent prints), its stderr is the parent's.
 */
export function startModuleProcess(module: URL, options: { execArgv?: string[]; data?: unknown } = {}): ChildProcess {
  const tsx = module.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  return fork(fileURLToPath(module), [], {
    execArgv: [...tsx, ...(options.execArgv ?? [])],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, [PROCESS_DATA_ENV]: JSON.stringify(options.data ?? null) },
  });
}
