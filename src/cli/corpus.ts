// Commands of the corpus: import files into the database, serve the API (and the web app), and
// start (first run: accounts and the demo corpus; then serve).

import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { expandArchive } from '../ingest/archive.ts';
import { detectKind } from '../ingest/detect.ts';
import { IngestError } from '../ingest/errors.ts';
import type { NewItem } from '../store/jobs.ts';
import type { Store } from '../store/open.ts';
import { addDatabaseOptions, openFromOptions, type DatabaseOptions } from './database.ts';
import { expandInputs } from './files.ts';
import { Progress } from './progress.ts';
import { BatchSummary } from './summary.ts';

/** Files, directories and zip archives → import items (archives expanded into their files). */
async function importItems(paths: string[]): Promise<{ items: NewItem[]; errors: string[] }> {
  const items: NewItem[] = [];
  const errors: string[] = [];
  for (const f of await expandInputs(paths)) {
    if (f.error) {
      errors.push(`${f.path}：${f.error}`);
      continue;
    }
    const info = await stat(f.path);
    // Archives are opened here; other files are read by the worker (their bytes are not held).
    if (info.size >= 4 && info.size < 2 * 1024 * 1024 * 1024) {
      const head = await readFile(f.path).then((b) => (detectKind(b) === 'zip' ? b : null)).catch(() => null);
      if (head) {
        try {
          for (const e of expandArchive(head, f.path)) items.push({ name: e.name, upload: e.bytes });
        } catch (e) {
          errors.push(e instanceof IngestError ? e.message : `${f.path}：${(e as Error).message}`);
        }
        continue;
      }
    }
    items.push({ name: f.path, path: f.path });
  }
  return { items, errors };
}

/** The summary of a batch from the database: states of its items, states of its reports, rules. */
async function batchSummary(store: Store, batchId: string, files: number, unreadable: number): Promise<BatchSummary> {
  const s = new BatchSummary();
  s.files = files + unreadable;
  const { batchStatus } = await import('../store/jobs.ts');
  const status = await batchStatus(store.db, batchId);
  s.skipped = status?.counts.skipped ?? 0;
  s.failed = (status?.counts.failed ?? 0) + unreadable;
  s.duplicates = status?.counts.duplicate ?? 0;
  const rows = await store.db
    .selectFrom('import_items as i')
    .innerJoin('reports as r', 'r.id', 'i.report_id')
    .leftJoin('diagnostics as d', (j) => j.onRef('d.report_id', '=', 'r.id').onRef('d.version', '=', 'i.version'))
    .select(['i.id', 'r.status', 'd.rule', 'd.severity'])
    .where('i.batch_id', '=', batchId)
    .where('i.state', '=', 'imported')
    .execute();
  const byItem = new Map<string, { status: string; ds: { rule: string; severity: 'error' | 'warning' | 'info' }[] }>();
  for (const r of rows) {
    const e = byItem.get(r.id) ?? { status: r.status, ds: [] };
    if (r.rule && r.severity) e.ds.push({ rule: r.rule, severity: r.severity });
    byItem.set(r.id, e);
  }
  for (const e of byItem.values()) {
    s.addReport(e.ds);
    if (e.status === 'needs_decision') s.undecided++;
  }
  return s;
}

export function registerImport(program: Command): void {
  addDatabaseOptions(
    program
      .command('import')
      .description('把年度报告导入数据库（文件、目录或 zip 压缩包）：逐份解析、核查，并做跨报告核查；内容相同的文件不重复导入，中断后重新运行会接着完成')
      .argument('<文件或目录...>', '报告文件、目录（读取其中所有文件）或 zip 压缩包')
      .option('--publish', '导入的报告向公众公开')
      .option('--json', '逐文件输出 JSON Lines：{file, state, report_id, version, message}'),
  )
    .addHelpText(
      'after',
      '\n--json 时每行：{file, state, report_id, version, message}，state 为 imported（已导入）、duplicate（已导入过）、skipped（不是年度报告）、failed（无法读取）。' +
        '\n机关按报告所写名称与已有机关（含别名）匹配；名称与已有机关相近但不相同、或报告未写明机关和年度时，报告标为“待人工确认”并给出候选机关。' +
        '\n终端中在标准错误显示进度；结束时给出汇总。退出码：0 完成；2 有文件无法读取或用法有误。',
    )
    .action(async (paths: string[], opts: DatabaseOptions & { publish?: boolean; json?: boolean }) => {
      // An import of a directory or of several files is likely to parse in the worker thread: it
      // and this thread's word segmenter load while the store opens and the files are listed.
      if (paths.length > 1 || paths.some((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory())) {
        void import('../store/parse-pool.ts').then((m) => m.prepareParsing());
      }
      let store: Store;
      try {
        store = await openFromOptions(opts);
      } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        const { items, errors } = await importItems(paths);
        for (const e of errors) process.stderr.write(`无法读取：${e}\n`);
        if (!items.length) {
          if (!errors.length) process.stderr.write('没有找到要导入的文件\n');
          process.exitCode = 2;
          return;
        }
        const pending = Number(
          (await store.db.selectFrom('import_items').select((eb) => eb.fn.countAll().as('n')).where('state', 'in', ['queued', 'running']).executeTakeFirstOrThrow()).n,
        );
        if (pending) process.stderr.write(`先完成上次未完成的导入：${pending} 个文件\n`);
        // The store and the server are loaded by the commands that use them: `gongkai check`
        // starts without them (the database drivers and the web server take most of a start-up).
        const [{ createBatch }, { drainQueue }] = await Promise.all([import('../store/jobs.ts'), import('../store/import.ts')]);
        const batch = await createBatch(store.db, { source: 'cli', publish: opts.publish }, items);
        const progress = new Progress(items.length + pending, '导入');
        await drainQueue(store, {
          onChunk: (results) => {
            progress.tick(results.length, results.filter((r) => r.state === 'failed').length);
            for (const r of results) {
              if (opts.json) {
                progress.print(JSON.stringify({ file: r.name, state: r.state, report_id: r.report_id ?? null, version: r.version ?? null, message: r.message ?? null }) + '\n');
              } else if (r.state === 'failed') progress.print(`无法读取：${r.message}\n`, process.stderr);
              else if (r.state === 'skipped') progress.print(`${r.message}，已跳过\n`, process.stderr);
              else if (r.message && r.state === 'imported') progress.print(`待人工确认：${r.name}：${r.message}\n`);
            }
          },
        });
        progress.stop();
        const summary = await batchSummary(store, batch, items.length, errors.length);
        (opts.json ? process.stderr : process.stdout).write(summary.text());
        if (summary.failed) process.exitCode = 2;
      } finally {
        await store.close();
      }
    });
}

/** A server that cannot start: one Chinese line, exit code 2 (no stack trace). */
function failed(e: unknown): void {
  process.stderr.write(`无法启动：${(e as Error).message}\n`);
  process.exitCode = 2;
}

export function registerServe(program: Command): void {
  addDatabaseOptions(
    program
      .command('serve')
      .description('启动 HTTP 服务：接口在 /api（说明见 /api/openapi.json），已构建的网页应用（web/dist）在 /')
      .option('--port <端口>', '监听端口（环境变量 PORT）', process.env.PORT || '3000')
      .option('--host <地址>', '监听地址（环境变量 HOST；对外提供服务时用 0.0.0.0）', process.env.HOST || '127.0.0.1'),
  ).action(async (opts: DatabaseOptions & { port: string; host: string }) => {
    await import('./serve.ts').then(({ serve }) => serve(opts)).catch(failed);
  });
}

export function registerStart(program: Command): void {
  addDatabaseOptions(
    program
      .command('start')
      .description('一步启动：建立数据库结构；首次运行时创建管理员账户并载入示例数据（标注“示例数据”），打印网址和首次登录的账户；然后启动服务')
      .option('--port <端口>', '监听端口（环境变量 PORT）', process.env.PORT || '3000')
      .option('--host <地址>', '监听地址（环境变量 HOST）', process.env.HOST || '127.0.0.1')
      .option('--no-demo', '首次运行时不载入示例数据')
      .option('--reset-admin', '为管理员账户 admin 重新生成密码并打印'),
  ).action(async (opts: DatabaseOptions & { port: string; host: string; demo: boolean; resetAdmin?: boolean }) => {
    await import('./serve.ts').then(({ start }) => start(opts)).catch(failed);
  });
}
