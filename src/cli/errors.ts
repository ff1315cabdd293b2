// Failures the program did not foresee, told to the user in Chinese: the engine's own (English)
// message and stack trace are not for users; GONGKAI_DEBUG=1 prints them for a developer.

import { IngestError } from '../ingest/errors.ts';

/** The message for any failure while reading `path`: the reader's own, or a Chinese internal error. */
export function readFailure(path: string, e: unknown): string {
  if (e instanceof IngestError) return e.message;
  debug(e);
  if (e instanceof RangeError && /call stack|Invalid (array|string) length|Array buffer allocation/i.test(e.message)) {
    return `${path}：文件的结构过于庞大或嵌套过深，超出了程序能处理的范围（可能是损坏或恶意构造的文件）`;
  }
  return `${path}：读取时发生内部错误，请把此文件报告给开发者（设置环境变量 GONGKAI_DEBUG=1 可看到详细信息）`;
}

/** The message for an unforeseen failure while producing output. */
export function internalFailure(what: string, e: unknown): string {
  debug(e);
  return `${what}时发生内部错误，请报告给开发者（设置环境变量 GONGKAI_DEBUG=1 可看到详细信息）`;
}

function debug(e: unknown): void {
  if (process.env.GONGKAI_DEBUG === '1') process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
}

/** The message for a file whose worker thread died while reading it (the other files go on). */
export function crashFailure(path: string, e: unknown): string {
  debug(e);
  const oom = (e as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  // A worker process killed from outside (SIGKILL: most often the system, short of memory) or aborted (V8 out of memory).
  const killed = e instanceof Error && /\bSIG(KILL|ABRT)\b/.test(e.message);
  const why = oom ? '内存不足' : killed ? '被系统终止，常见原因是内存不足' : '内部错误';
  return `${path}：读取此文件时工作进程意外终止（${why}），其余文件照常处理；请把此文件报告给开发者（设置环境变量 GONGKAI_DEBUG=1 可看到详细信息）`;
}
