// Reading a ZIP package (the container of a .docx) without trusting it. The central directory is
// read and checked first (entry count, declared sizes, compression ratios); only the few parts the
// reader asks for are inflated, and inflation stops as soon as an entry produces more than it
// declared (zlib's maxOutputLength).

import { inflateRawSync } from 'node:zlib';
import { IngestError } from '../errors.ts';
import { formatBytes } from '../limits.ts';

export const ZIP_LIMITS = {
  /** Most entries a Word package may have (a report has 10–40; images add a few each). */
  maxEntries: 5000,
  /** Largest total of the declared uncompressed sizes of all entries. */
  maxTotalBytes: 100 * 1024 * 1024,
  /** Largest single part the reader inflates (document.xml of a long report is 0.2–5 MB). */
  maxPartBytes: 64 * 1024 * 1024,
  /** Highest compression ratio accepted for an entry larger than `ratioFloorBytes`. */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: Map<string, ZipEntry>;
  /** Inflate one entry; null when the archive has no such entry. */
  read(name: string): Uint8Array | null;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

/** Offset of the end of central directory record (in the last 64 KB + 22 bytes), or -1: a ZIP file cut off has none. */
export function endOfCentralDirectory(bytes: Uint8Array): number {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  }
  return -1;
}

/** Open a ZIP archive: read and check its central directory. Throws IngestError. */
export function openZip(bytes: Uint8Array, file: string, what = 'Word 文档（.docx）'): ZipArchive {
  const corrupt = (detail: string) => new IngestError('corrupt', file, `${what}已损坏，无法打开（${detail}）`);
  const eocd = endOfCentralDirectory(bytes);
  if (eocd < 0) throw corrupt('找不到 ZIP 目录，文件可能不完整');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // ZIP64: the locator sits right before the EOCD record.
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw corrupt('ZIP64 目录缺失');
    const rec = u64(bytes, loc + 8);
    if (rec + 56 > bytes.length || u32(bytes, rec) !== 0x06064b50) throw corrupt('ZIP64 目录损坏');
    count = u64(bytes, rec + 32);
    cdSize = u64(bytes, rec + 40);
    cdOffset = u64(bytes, rec + 48);
  }
  if (count > ZIP_LIMITS.maxEntries) {
    throw new IngestError('too_large', file, `${what}包含 ${count} 个部件，超过 ${ZIP_LIMITS.maxEntries} 的上限，疑似恶意构造的压缩包`);
  }
  if (cdOffset + cdSize > bytes.length) throw corrupt('ZIP 目录超出文件末尾，文件可能被截断');

  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw corrupt('ZIP 目录项损坏');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    if (p + 46 + nameLen + extraLen > bytes.length) throw corrupt('ZIP 目录项超出文件末尾');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extended information extra field (id 1): the 0xffffffff fields, in order.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 1) {
          let q = e + 4;
          if (size === 0xffffffff) {
            size = u64(bytes, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, q);
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
          break;
        }
        e += 4 + len;
      }
    }
    total += size;
    if (total > ZIP_LIMITS.maxTotalBytes) {
      throw new IngestError(
        'too_large',
        file,
        `${what}解压后超过 ${formatBytes(ZIP_LIMITS.maxTotalBytes)}（压缩包内各部件声明的大小之和），疑似“压缩炸弹”，已拒绝读取`,
      );
    }
    entries.set(name, { name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }

  function read(name: string): Uint8Array | null {
    const entry = entries.get(name);
    if (!entry) return null;
    if (entry.flags & 1) throw new IngestError('encrypted', file, `${what}中的部件 ${name} 设有密码，无法读取`);
    if (entry.size > ZIP_LIMITS.maxPartBytes) {
      throw new IngestError('too_large', file, `${what}中的部件 ${name} 过大（${formatBytes(entry.size)}），超过 ${formatBytes(ZIP_LIMITS.maxPartBytes)} 的上限`);
    }
    // Checked on the parts read only: a picture of one colour compresses a thousandfold and is never inflated.
    if (entry.size > ZIP_LIMITS.ratioFloorBytes && entry.size > entry.compressedSize * ZIP_LIMITS.maxRatio) {
      throw new IngestError(
        'too_large',
        file,
        `${what}中的部件 ${name} 压缩比异常（${formatBytes(entry.compressedSize)} 解压为 ${formatBytes(entry.size)}），疑似“压缩炸弹”，已拒绝读取`,
      );
    }
    const lh = entry.localOffset;
    if (lh + 30 > bytes.length || u32(bytes, lh) !== 0x04034b50) throw corrupt(`部件 ${name} 的位置不对`);
    const start = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw corrupt(`部件 ${name} 不完整，文件可能被截断`);
    const data = bytes.subarray(start, end);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw corrupt(`部件 ${name} 的大小不一致`);
      return data;
    }
    if (entry.method !== 8) throw corrupt(`部件 ${name} 使用了不支持的压缩方式 ${entry.method}`);
    return inflateBounded(data, entry.size, () => corrupt(`部件 ${name} 解压失败`), () =>
      new IngestError('too_large', file, `${what}中的部件 ${name} 解压后超过其声明的大小（${formatBytes(entry.size)}），疑似“压缩炸弹”，已拒绝读取`),
    );
  }

  return { entries, read };
}

/**
 * Inflate `data`, which must yield exactly `size` bytes. zlib stops as soon as the output would
 * pass `size`, so an entry that lies about its size costs no more than an honest one.
 */
function inflateBounded(data: Uint8Array, size: number, corrupt: () => Error, tooLarge: () => Error): Uint8Array {
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw corrupt();
  }
  if (out.length !== size) throw out.length > size ? tooLarge() : corrupt();
  return out;
}
