// The same hostile inputs through the library in this process (the command line runs them in a
// child, run.ts): every one is read or refused with a Chinese IngestError naming the file, never
// another exception; folders of unreadable entries and links expand with one entry each.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expandInputs } from '../../src/cli/files.ts';
import { readFailure } from '../../src/cli/errors.ts';
import { IngestError, parseReport } from '../../src/index.ts';
import { closePdfSandbox } from '../../src/ingest/pdf/index.ts';
import { CASES } from './cases.ts';
import { linkedReport, linkLoops } from './make/files.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-hostile-lib-'));
after(() => {
  closePdfSandbox();
  rmSync(dir, { recursive: true, force: true });
});

describe('恶意和畸形输入经库函数读取：读出报告或中文 IngestError', () => {
  for (const c of CASES) {
    if (c.full || !c.file || c.id === 'pdf-lying-image') continue;
    it(`${c.id}：${c.title}`, async () => {
      const made = await c.make(dir);
      assert.ok(made instanceof Uint8Array);
      try {
        const r = await parseReport(made, { name: c.file! });
        assert.equal(r.schema, 'gongkai.report/1');
      } catch (e) {
        assert.ok(e instanceof IngestError, `应为 IngestError：${(e as Error)?.stack}`);
        assert.ok(e.message.startsWith(`${c.file}：`), e.message);
        assert.match(e.message, /[\u4e00-\u9fa5]{4}/);
      }
    });
  }
});

describe('目录展开', () => {
  it('链接指向的报告、循环链接、失效链接、指回上层的链接：各一项', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const [root] = linkLoops(mkdtempSync(a));
    const [links] = linkedReport(mkdtempSync(b));
    const files = await expandInputs([root, links, join(dir, '没有.txt')]);
    const by = (end: string) => files.find((f) => f.path.endsWith(end));
    assert.match(by('/a')?.error ?? '', /符号链接形成循环/);
    assert.match(by('dangling.txt')?.error ?? '', /符号链接指向的文件不存在/);
    assert.match(by('/up')?.note ?? '', /与已读过的目录相同/);
    assert.ok(by('sub/report.txt') && !by('sub/report.txt')!.error);
    assert.ok(by('links/report.txt') && !by('links/report.txt')!.error);
    assert.equal(by('没有.txt')?.error, '文件或目录不存在');
  });

  it('未预料的错误：中文说明，不带引擎的英文', () => {
    assert.match(readFailure('x.txt', new RangeError('Maximum call stack size exceeded')), /^x\.txt：文件的结构过于庞大或嵌套过深/);
    assert.match(readFailure('x.txt', new TypeError('Cannot read properties of undefined')), /^x\.txt：读取时发生内部错误，请把此文件报告给开发者/);
    assert.equal(readFailure('x.txt', new IngestError('empty', 'x.txt', '文件是空的')), 'x.txt：文件是空的');
  });
});
