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

function decodeName(name: string): string {
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
