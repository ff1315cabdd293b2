// The hostile corpus (cases.ts) through the built command line: each case ends within 20 s and
// 1 GB of memory, with the expected exit code, and says what is wrong in one Chinese line —
// no stack trace, no English engine text. `npm test` runs the small cases; `npm run test:hostile`
// (HOSTILE_FULL=1) runs them all.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CASES } from './cases.ts';
import { BOUNDS, ensureBuilt, permissionsHold, runCli } from './run.ts';

const full = process.env.HOSTILE_FULL === '1';
const root = mkdtempSync(join(tmpdir(), 'gongkai-hostile-'));
chmodSync(root, 0o755);

before(() => ensureBuilt());
after(() => {
  execFileSync('chmod', ['-R', 'u+rwx', root]);
  rmSync(root, { recursive: true, force: true });
});

/** Signs of a message that is not for users: stack frames, engine error names, English sentences. */
const LEAKS = [/^\s+at .+[(:]\d+/, /\b(TypeError|RangeError|ReferenceError|SyntaxError|Error):/, /\bnode:internal\b/, /\b[a-z]+ [a-z]+ [a-z]+ [a-z]+\b/i];

describe(`恶意和畸形输入（${full ? '全部' : '小'}用例）：有界、退出码正确、中文说明真实原因`, () => {
  for (const c of CASES) {
    if (c.full && !full) continue;
    it(`${c.id}：${c.title}`, async (t) => {
      if (c.needsPermissions && !permissionsHold()) {
        // Said in the test report, not silently: root reads whatever the permissions say.
        t.skip('以 root 运行且 nobody 无法读取本检出目录：无法让子进程遇到“没有读取权限”');
        return;
      }
      const dir = mkdtempSync(join(root, `${c.id}-`));
      chmodSync(dir, 0o777);
      const made = await c.make(dir);
      let args: string[];
      if (made instanceof Uint8Array) {
        const p = join(dir, c.file ?? 'input');
        writeFileSync(p, made);
        args = [p];
      } else args = made;
      const run = await runCli([...(c.command ?? ['check']), ...args], dir);
      t.diagnostic(`峰值内存 ${(run.peakRss / 1024 / 1024).toFixed(0)} MB，用时 ${(run.wallMs / 1000).toFixed(2)} 秒，退出码 ${run.code}`);
      const lines = run.stderr.split('\n').filter((l) => l.trim());
      const context = `\n标准错误：\n${run.stderr.slice(0, 2000)}`;
      assert.ok(!run.killed && run.wallMs < BOUNDS.wallMs, `用时 ${(run.wallMs / 1000).toFixed(1)} 秒，超过 ${BOUNDS.wallMs / 1000} 秒${context}`);
      assert.ok(run.peakRss < BOUNDS.peakRssBytes, `内存峰值 ${(run.peakRss / 1024 / 1024).toFixed(0)} MB，超过 1 GB${context}`);
      assert.ok((c.exit ?? [2]).includes(run.code ?? -1), `退出码 ${run.code}（信号 ${run.signal}），应为 ${(c.exit ?? [2]).join(' 或 ')}${context}`);
      for (const l of lines) {
        for (const leak of LEAKS) assert.doesNotMatch(l, leak, `标准错误中有不该给用户看的内容：${l}`);
        assert.match(l, /[\u4e00-\u9fa5]/, `标准错误中有不是中文的行：${l}`);
      }
      for (const m of c.messages ?? []) assert.ok(lines.some((l) => m.test(l)), `标准错误中找不到 ${m}${context}`);
      for (const m of c.never ?? []) assert.ok(!lines.some((l) => m.test(l)), `标准错误中不应有 ${m}${context}`);
      c.verify?.({ stdout: run.stdout, stderr: run.stderr }, dir);
    });
  }
});
