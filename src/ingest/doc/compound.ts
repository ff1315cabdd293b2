// The compound file (OLE2, [MS-CFB]) that holds a Word 97–2003 document's streams. Read here
// rather than with a library because every sector chain must be followed with a bound: a chain
// that loops or leaves the file is an error, not an endless read (the `cfb` package follows some
// chains without a loop check). Only the streams directly under the root are returned; embedded
// objects (ObjectPool) are not opened.

const ENDOFCHAIN = -2;
const FREESECT = -1;

export class CompoundError extends Error {}

export interface Compound {
  /** Names of the streams directly under the root. */
  names: Set<string>;
  /** A stream's bytes (read on demand), or null. */
  get(name: string): Uint8Array | null;
}

export function readCompound(bytes: Uint8Array): Compound {
  if (bytes.length < 512) throw new CompoundError('文件头不完整');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = v.getUint16(0x1e, true);
  const miniShift = v.getUint16(0x20, true);
  if ((shift !== 9 && shift !== 12) || miniShift !== 6) throw new CompoundError('扇区大小不对');
  const ssz = 1 << shift;
  const sectors = Math.floor((bytes.length - ssz) / ssz) + (bytes.length % ssz ? 1 : 0);
  const sector = (n: number): number => {
    if (n < 0 || n >= sectors) throw new CompoundError(`扇区 ${n} 超出文件`);
    return (n + 1) * ssz;
  };

  // FAT sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  const numFat = v.getUint32(0x2c, true);
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(v.getInt32(0x4c + i * 4, true));
  let difat = v.getInt32(0x44, true);
  const seenDifat = new Set<number>();
  while (fatSectors.length < numFat && difat !== ENDOFCHAIN && difat !== FREESECT) {
    if (seenDifat.has(difat)) throw new CompoundError('DIFAT 链循环');
    seenDifat.add(difat);
    const at = sector(difat);
    for (let i = 0; i < ssz / 4 - 1 && fatSectors.length < numFat; i++) fatSectors.push(v.getInt32(at + i * 4, true));
    difat = v.getInt32(at + ssz - 4, true);
  }
  const perSector = ssz / 4;
  const fatNext = (n: number): number => {
    const s = fatSectors[Math.floor(n / perSector)];
    if (s === undefined) throw new CompoundError(`扇区 ${n} 不在分配表中`);
    return v.getInt32(sector(s) + (n % perSector) * 4, true);
  };

  /** Bytes of the chain starting at `start` in the FAT, `size` bytes long (or whole chain). */
  const chain = (start: number, size: number): Uint8Array => {
    const out = new Uint8Array(size >= 0 ? size : 0);
    const parts: Uint8Array[] = [];
    const seen = new Set<number>();
    let n = start;
    let got = 0;
    while (n !== ENDOFCHAIN && (size < 0 || got < size)) {
      if (seen.has(n)) throw new CompoundError('扇区链循环');
      if (seen.size > sectors) throw new CompoundError('扇区链过长');
      seen.add(n);
      const at = sector(n);
      const piece = bytes.subarray(at, Math.min(at + ssz, bytes.length));
      if (size >= 0) out.set(piece.subarray(0, Math.min(piece.length, size - got)), got);
      else parts.push(piece);
      got += piece.length;
      n = fatNext(n);
    }
    if (size >= 0) {
      if (got < size) throw new CompoundError('流比声明的短');
      return out;
    }
    const all = new Uint8Array(got);
    let p = 0;
    for (const part of parts) {
      all.set(part, p);
      p += part.length;
    }
    return all;
  };

  const dir = chain(v.getInt32(0x30, true), -1);
  const entryCount = Math.floor(dir.length / 128);
  const d = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entry = (i: number) => {
    const o = i * 128;
    const nameLen = Math.min(64, d.getUint16(o + 64, true));
    let name = '';
    for (let k = 0; k + 2 < nameLen; k += 2) name += String.fromCharCode(d.getUint16(o + k, true));
    return {
      name,
      type: d.getUint8(o + 66),
      left: d.getInt32(o + 68, true),
      right: d.getInt32(o + 72, true),
      child: d.getInt32(o + 76, true),
      start: d.getInt32(o + 116, true),
      size: d.getUint32(o + 120, true),
    };
  };
  if (entryCount < 1) throw new CompoundError('没有目录');
  const root = entry(0);
  if (root.type !== 5) throw new CompoundError('根目录项不对');
  const cutoff = v.getUint32(0x38, true) || 4096;
  let mini: { stream: Uint8Array; fat: DataView } | null = null;
  const miniStream = () => {
    if (!mini) {
      const fatBytes = chain(v.getInt32(0x3c, true), -1);
      mini = { stream: chain(root.start, root.size), fat: new DataView(fatBytes.buffer, fatBytes.byteOffset, fatBytes.byteLength) };
    }
    return mini;
  };
  const miniChain = (start: number, size: number): Uint8Array => {
    const m = miniStream();
    const out = new Uint8Array(size);
    const seen = new Set<number>();
    let n = start;
    let got = 0;
    while (got < size) {
      if (n === ENDOFCHAIN || seen.has(n) || n < 0 || (n + 1) * 64 > m.stream.length || n * 4 + 4 > m.fat.byteLength) {
        throw new CompoundError('小扇区链损坏');
      }
      seen.add(n);
      out.set(m.stream.subarray(n * 64, n * 64 + Math.min(64, size - got)), got);
      got += 64;
      n = m.fat.getInt32(n * 4, true);
    }
    return out;
  };

  // Streams directly under the root: the root's child and its siblings (a red-black tree).
  const found = new Map<string, { start: number; size: number }>();
  const visited = new Set<number>();
  const stack = [root.child];
  while (stack.length) {
    const i = stack.pop()!;
    if (i < 0 || i >= entryCount || visited.has(i)) continue;
    visited.add(i);
    const e = entry(i);
    stack.push(e.left, e.right);
    if (e.type === 2 && !found.has(e.name)) found.set(e.name, { start: e.start, size: e.size });
  }
  return {
    names: new Set(found.keys()),
    get(name) {
      const e = found.get(name);
      if (!e) return null;
      if (e.size > bytes.length) throw new CompoundError(`流 ${name} 声明的大小超过文件本身`);
      return e.size < cutoff ? miniChain(e.start, e.size) : chain(e.start, e.size);
    },
  };
}
