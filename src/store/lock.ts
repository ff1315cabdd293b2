// An exclusive lock on a PGlite data directory: PGlite does not lock its directory, and two
// processes writing the same files would corrupt it. The lock is a file created with O_EXCL that
// holds the owner's pid; a lock whose process is gone is stale and taken over.

import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DirLock {
  path: string;
  release(): void;
}

const LOCK_NAME = 'gongkai.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDirLock(dir: string): DirLock {
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { path, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`无法在数据目录 ${dir} 建立锁文件：${(e as Error).message}`);
      const owner = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
        throw new Error(`数据目录 ${dir} 正被另一个 gongkai 进程（pid ${owner}）使用；请先结束该进程，或用 DATABASE_URL 连接 PostgreSQL 服务器以便多个进程同时使用`);
      }
      if (owner === process.pid) throw new Error(`数据目录 ${dir} 已被本进程打开`);
      unlinkSync(path); // stale: its process is gone
    }
  }
  throw new Error(`无法锁定数据目录 ${dir}`);
}
