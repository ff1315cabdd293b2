// Zip archives given to the importer: expanded into their files, within limits (entry count,
// each file's size, the total), so that an archive cannot exhaust memory. Directories, hidden
// files and macOS resource forks are left out. Names inside are kept as paths for messages.

import { unzipSync } from 'fflate';
import { IngestError } from './errors.ts';
import { LIMITS, formatBytes } from './limits.ts';

/** Most files one archive may hold. */
export const MAX_ARCHIVE_ENTRIES = 20_000;
/** Most bytes an archive may expand to in all. */
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

export interface ArchiveEntry {
  name: string;
  bytes: Uint8Array;
}

/**
 * An entry's name as text. fflate decodes a name as UTF-8 only when the entry says so (flag bit
 * 11); otherwise it hands back one character per byte. Chinese Windows writes names in GBK
 * without that flag, so such a name is taken back to its bytes and decoded as UTF-8 when it is
 * valid UTF-8 (tools that forget the flag), else as GB18030 (GBK's superset).
 */
export function decodeName(name: string): string {
  if (/[\u0080-\u00ff]/.test(name) && !/[^\u0000-\u00ff]/.test(name)) {
    const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      name = new TextDecoder('gb18030').decode(bytes);
    }
  }
  return name.replace(/\\/g, '/');
}

export function expandArchive(bytes: Uint8Array, archiveName: string): ArchiveEntry[] {
  let count = 0;
  let total = 0;
  let problem: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const name = decodeName(f.name);
        if (name.endsWith('/') || name.split('/').some((p) => p.startsWith('.') || p === '__MACOSX')) return false;
        count++;
        total += f.originalSize;
        if (f.originalSize > LIMITS.maxInputBytes) problem ??= `压缩包中的 ${name} 过大（${formatBytes(f.originalSize)}）`;
        if (count > MAX_ARCHIVE_ENTRIES) problem ??= `压缩包中的文件超过 ${MAX_ARCHIVE_ENTRIES} 个`;
        if (total > MAX_ARCHIVE_BYTES) problem ??= `压缩包解压后超过 ${formatBytes(MAX_ARCHIVE_BYTES)}`;
        return !problem;
      },
    });
  } catch (e) {
    throw new IngestError('corrupt', archiveName, `ZIP 压缩包损坏或无法解压（${(e as Error).message}）`);
  }
  if (problem) throw new IngestError('too_large', archiveName, problem);
  return Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, data]) => ({ name: `${archiveName}/${decodeName(name)}`, bytes: data }));
}
