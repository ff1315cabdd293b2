// Resource limits for reading untrusted input, and reading bytes under them. Every way bytes come
// in (a file named on the command line, a file found in a directory, an upload to the server)
// goes through readBounded / readFileBounded: the cap is checked on the bytes actually read, never
// on a size the source states (special files report 0, a request may lie in Content-Length).

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { IngestError } from './errors.ts';

export const LIMITS = {
  /** Largest input file accepted at all, in bytes (PDF and Word files with images are big). */
  maxInputBytes: 40 * 1024 * 1024,
  /** Largest text or web page accepted, in bytes. A whole annual report is 10–200 KB of text. */
  maxTextBytes: 8 * 1024 * 1024,
  /** Longest line the tokenizer looks at; the rest of an absurd line is ignored. */
  maxLineChars: 100_000,
  /**
   * Most lines (text) or paragraphs (documents) read from one input. A long report has 2,000–5,000;
   * each line costs the parser a few hundred bytes, so millions of short lines would cost gigabytes.
   */
  maxLines: 200_000,
};

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

/** The Chinese error for an input over `limit` bytes (`seen`: bytes read or stated, when known). */
export function tooLarge(name: string, limit: number, seen?: number): IngestError {
  const size = seen === undefined ? `超过 ${formatBytes(limit)}` : `${formatBytes(seen)}`;
  return new IngestError('too_large', name, `文件过大（${size}），超过 ${formatBytes(limit)} 的上限`);
}

/**
 * All bytes of `source` (a stream such as an upload's request body, any async iterable of chunks,
 * or bytes already in memory), refused with a Chinese IngestError as soon as more than `limit`
 * bytes have arrived: no more than `limit` plus one chunk is ever held, whatever size the source
 * claimed. Breaking off the iteration destroys a Node stream.
 */
export async function readBounded(source: AsyncIterable<Uint8Array | string> | Uint8Array, name: string, limit = LIMITS.maxInputBytes): Promise<Uint8Array> {
  if (source instanceof Uint8Array) {
    if (source.length > limit) throw tooLarge(name, limit, source.length);
    return source;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += bytes.length;
    if (total > limit) throw tooLarge(name, limit);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

/** A file system error → what it means for the user, in Chinese. */
export function describeFsError(e: unknown, writing = false): string {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'ENOENT':
      return writing ? '所在目录不存在' : '文件不存在';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EROFS':
      return '文件系统是只读的';
    case 'ENOTDIR':
      return '路径中有一段不是目录，文件不存在';
    case 'EACCES':
    case 'EPERM':
      return writing ? '没有写入权限' : '没有读取权限';
    case 'ELOOP':
      return '符号链接形成循环（链接最终又指回自己），无法打开';
    case 'EISDIR':
      return '这是一个目录，不是文件';
    case 'ENAMETOOLONG':
      return '路径过长';
    case 'EMFILE':
    case 'ENFILE':
      return '同时打开的文件过多，无法打开';
    case 'EIO':
      return '读取时发生输入输出错误（磁盘或网络存储故障）';
    case 'ENXIO':
    case 'ENODEV':
      return '这是设备文件，不是普通文件';
    default:
      return writing ? '无法写入' : '无法打开或读取';
  }
}

const CHUNK = 1024 * 1024;

/**
 * The bytes of the file at `path`, read in chunks until more than `limit` have come:
 * a file that states a small size and goes on (/proc files, a file still growing) or a special
 * file that never ends (a FIFO, a device) costs no more than the limit. Refuses anything but a
 * regular file, with a Chinese IngestError naming the cause.
 */
export function readFileBounded(path: string, name = path, limit = LIMITS.maxInputBytes): Promise<Uint8Array> {
  try {
    return Promise.resolve(readFileBoundedSync(path, name, limit));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** readFileBounded, synchronously. */
export function readFileBoundedSync(path: string, name = path, limit = LIMITS.maxInputBytes): Uint8Array {
  // Synchronous calls: a batch reads one report at a time and parses it on this thread anyway,
  // and four promise round trips to the thread pool per file cost `gongkai check` more than
  // reading the file (about a tenth of a directory of 4,000 texts).
  let fd: number;
  try {
    // Non-blocking: opening a FIFO with no writer must not hang the batch (it is refused below).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new IngestError('unreadable', name, describeFsError(e));
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new IngestError('unreadable', name, describeFsError({ code: 'EISDIR' }));
    if (!info.isFile()) throw new IngestError('unreadable', name, '不是普通文件（是设备、管道或套接字），无法作为报告读取');
    if (info.size > limit) throw tooLarge(name, limit, info.size);
    const chunks: Buffer[] = [];
    let total = 0;
    // A file that states its size is read in one buffer of that size and one more byte (the read
    // that finds the end); one that states 0 (/proc files) in whole chunks, since some special
    // files only read in multiples of 8 bytes. At most one chunk is read past the limit.
    let size = info.size > 0 && info.size < CHUNK ? info.size + 1 : CHUNK;
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const bytesRead = readSync(fd, buf, 0, size, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw tooLarge(name, limit);
      // A short read of a chunk is copied out: special files answer a page at a time, and a kept view would hold the whole chunk.
      chunks.push(bytesRead === size || size < CHUNK ? buf.subarray(0, bytesRead) : Buffer.from(buf.subarray(0, bytesRead)));
      size = CHUNK;
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('unreadable', name, describeFsError(e));
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing to do: the bytes are read.
    }
  }
}
