#!/usr/bin/env node
// gongkai: parse and check 政府信息公开工作年度报告 from the command line.

import { Command, InvalidArgumentError, Option } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { rules } from '../check/index.ts';
import { describeFsError } from '../ingest/limits.ts';
import { formats } from '../model/load.ts';
import type { Report, Severity } from '../interchange/types.ts';
import { closeBrowser, PublicationRefusedError, RENDER_TARGETS, RenderError, renderReport, TARGET_INFO, type RenderTarget } from '../render/index.ts';
import { registerCaseCommands } from './cases.ts';
import { decodeResult, defaultJobs, encodeResult, needsReading, processFile, walkResult, workerFlags, type BatchOptions, type FileResult } from './batch.ts';
import { crashFailure, internalFailure, readFailure } from './errors.ts';
import { expandInputs, type InputFile } from './files.ts';
import { colorEnabled, formatRule, SEVERITY_LABEL, STAGE_LABEL } from './format.ts';
import { registerImport, registerServe, registerStart } from './corpus.ts';
import { runPool } from './pool.ts';
import { Progress } from './progress.ts';
import { BatchSummary } from './summary.ts';
import { moduleBeside } from '../worker-threads.ts';

const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** `--jobs`: a whole number of worker processes, at least 1. */
function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('进程数应为正整数（1 表示在本进程逐个处理，不用工作进程）');
  return n;
}


/**
 * Every input's result, in input order, with the progress line kept: one file at a time in this
 * process, or on a pool of worker processes (`jobs` > 1; by default one per core when there are
 * enough files). Both paths run the same `processFile`, so they print the same bytes.
 */
async function* results(files: InputFile[], opts: BatchOptions, jobs: number | undefined, progress: Progress): AsyncGenerator<{ file: InputFile; result: FileResult }> {
  const work = files.filter(needsReading);
  const size = jobs ?? defaultJobs(work.length);
  const pooled =
    size > 1 && work.length > 1
      ? runPool<InputFile, string>(work, {
          url: moduleBeside(import.meta.url, 'worker'),
          workerData: { options: opts, color: colorEnabled() },
          size,
          processes: { execArgv: workerFlags(size) },
          crashed: (file, reason) => encodeResult({ error: crashFailure(file.path, reason) }),
        })
      : null;
  try {
    for (const file of files) {
      let result: FileResult;
      if (!needsReading(file)) result = walkResult(file);
      else if (pooled) result = decodeResult((await pooled.next()).value as string);
      else result = await processFile(file, opts);
      progress.tick(1, result.error ? 1 : 0);
      yield { file, result };
    }
  } finally {
    await pooled?.return(undefined);
    progress.stop();
  }
}

const program = new Command();
program
  .name('gongkai')
  .description('政府信息公开工作年度报告：解析为结构化数据，核查勾稽关系、完整性和规范性，并按国家格式生成报告')
  .version(pkg.version, '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [命令]', '显示某个命令的帮助')
  .showHelpAfterError('（用 gongkai --help 查看用法）');

// The format versions the model declares (src/model/formats/*.yaml), newest first.
const formatOption = new Option('--format <版本>', '按指定的格式版本解析（默认根据表格标签自动识别）').choices(formats().map((f) => f.id));

program
  .command('parse')
  .description('解析年度报告，输出交换格式（gongkai.report/1）')
  .argument('<文件或目录...>', '报告文件（网页、Word .docx/.doc、WPS .wps、OpenDocument .odt、有文字层的 PDF、OFD、纯文本，或交换格式 JSON；按内容识别），目录则读取其中所有文件')
  .option('--json', '输出 JSON Lines：每行一份报告，按输入顺序')
  .option('--no-check', '只解析，不运行核查规则（诊断中只有解析阶段的发现）')
  .addOption(formatOption)
  .addOption(new Option('--jobs <进程数>', '同时处理文件的工作进程数（默认：要读的文件不少于 300 个时为 CPU 核数，机器忙时减为空闲核数加一；否则为 1；1 表示在本进程逐个处理）').argParser(parseJobs))
  .addHelpText('after', '\n退出码：0 全部读取成功（即使报告有错误）；2 有文件无法读取（错误信息写在标准错误，其余文件照常处理）。')
  .action(async (paths: string[], opts: { json?: boolean; check: boolean; format?: string; jobs?: number }) => {
    let failed = false;
    const files = await expandInputs(paths);
    const progress = new Progress(files.length, '解析', { gather: true });
    const batch: BatchOptions = { command: 'parse', json: opts.json, check: opts.check, format: opts.format };
    for await (const { result } of results(files, batch, opts.jobs, progress)) {
      if (result.skipped) {
        progress.print(`${result.skipped}\n`, process.stderr);
        continue;
      }
      if (result.error) {
        failed = true;
        progress.print(`无法读取：${result.error}\n`, process.stderr);
        continue;
      }
      progress.print(result.out!);
    }
    process.exitCode = failed ? 2 : 0;
  });

program
  .command('check')
  .description('核查年度报告，逐文件列出问题（中文，含表、行、列和原文行号）')
  .argument('<文件或目录...>', '报告文件（网页、Word .docx/.doc、WPS .wps、OpenDocument .odt、有文字层的 PDF、OFD、纯文本，或交换格式 JSON；按内容识别），目录则读取其中所有文件')
  .option('--json', '以 JSON Lines 输出：每行 {file, agency, year, diagnostics}')
  .addOption(new Option('--min-severity <级别>', '只显示不低于此级别的问题').choices(['error', 'warning', 'info']).default('info'))
  .addOption(formatOption)
  .addOption(new Option('--jobs <进程数>', '同时处理文件的工作进程数（默认：要读的文件不少于 300 个时为 CPU 核数，机器忙时减为空闲核数加一；否则为 1；1 表示在本进程逐个处理）').argParser(parseJobs))
  .addHelpText('after', '\n多个文件时最后给出汇总（文件数、跳过、无法读取、各类报告数、最常见的十个问题）；终端中在标准错误显示进度。\n文件很多时在多个工作进程上同时处理（--jobs），输出与逐个处理完全相同，按输入顺序。\n退出码：0 没有错误；1 有报告存在“错误”级别的问题；2 有文件无法读取（优先于 1）。')
  .action(async (paths: string[], opts: { json?: boolean; minSeverity: Severity; format?: string | undefined; jobs?: number }) => {
    let errors = false;
    let unreadable = false;
    let count = 0;
    const files = await expandInputs(paths);
    const progress = new Progress(files.length, '核查', { gather: true });
    const summary = new BatchSummary();
    summary.files = files.length;
    const batch: BatchOptions = { command: 'check', json: opts.json, minSeverity: opts.minSeverity, format: opts.format };
    for await (const { result } of results(files, batch, opts.jobs, progress)) {
      if (result.skipped) {
        summary.skipped++;
        progress.print(`${result.skipped}\n`, process.stderr);
        continue;
      }
      count++;
      if (result.error) {
        unreadable = true;
        summary.failed++;
        progress.print(`无法读取：${result.error}\n`, process.stderr);
        continue;
      }
      summary.addReport(result.marks!);
      if (result.marks!.some((d) => d.severity === 'error')) errors = true;
      progress.print(result.out!);
    }
    if (count === 0) process.stderr.write('没有找到要核查的文件\n');
    // The batch summary: after the results, on stdout (stderr with --json, to keep the lines JSON).
    else if (files.length > 1) (opts.json ? process.stderr : process.stdout).write(summary.text());
    process.exitCode = unreadable ? 2 : errors ? 1 : 0;
  });

program
  .command('rules')
  .description('列出全部核查规则（编号、级别、说明）；给出规则编号时显示这条规则的说明和它的每条消息及示例')
  .argument('[规则编号]', '只显示这条规则，例如 structure.row_missing')
  .option('--json', '以 JSON 输出规则目录（或这条规则）')
  .action((id: string | undefined, opts: { json?: boolean }) => {
    const list = rules().map((r) => r.meta);
    if (id !== undefined) {
      const meta = list.find((m) => m.id === id);
      if (!meta) {
        process.stderr.write(`没有编号为“${id}”的规则；gongkai rules 列出全部规则\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(opts.json ? JSON.stringify(meta, null, 2) + '\n' : formatRule(meta) + '\n');
      return;
    }
    if (opts.json) {
      process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return;
    }
    for (const m of list) {
      process.stdout.write(`${m.id.padEnd(30)} ${SEVERITY_LABEL[m.severity]}  ${STAGE_LABEL[m.stage]}  ${m.title}\n    ${m.description}\n`);
    }
  });

program
  .command('inspect')
  .description('查看解析过程：PDF 的各层（文字片段、表线、文字行、单元格），切分出的单元格、找到的行标签和每行读到的数（排查解析问题用）')
  .argument('<文件>', '报告文件')
  .option('--tokens', '同时列出全部单元格（token）')
  .option('--runs', 'PDF：列出每个文字片段及其坐标（第 1 层）')
  .option('--rulings', 'PDF：列出每条表线（第 2 层）')
  .addOption(formatOption)
  .action(async (path: string, opts: { tokens?: boolean; format?: string; runs?: boolean; rulings?: boolean }) => {
    try {
      const { inspectFile } = await import('./inspect.ts');
      process.stdout.write(await inspectFile(path, opts));
    } catch (e) {
      process.stderr.write(`无法读取：${readFailure(path, e)}\n`);
      process.exitCode = 2;
    }
  });

/** Default output path: next to the input, with the target's extension (never the input itself). */
function defaultOutput(input: string, to: RenderTarget, draft: boolean): string {
  const ext = TARGET_INFO[to].extension;
  const base = join(dirname(input), basename(input, extname(input)) + (draft ? '-草稿' : ''));
  return resolve(base + ext) === resolve(input) ? `${base}-生成${ext}` : base + ext;
}

program
  .command('render')
  .description('按国家格式生成报告：Word、PDF、网页、Excel 表格或 Markdown；发布稿须先通过核查')
  .argument('<文件>', '报告文件：gongkai parse 能读取的任何文件，或交换格式 JSON')
  .option('--to <格式>', `输出格式（必填）：${RENDER_TARGETS.join('、')}`)
  .option('-o, --output <文件>', '输出文件（默认与输入文件同目录、同名，换成相应扩展名；- 表示标准输出）')
  .option('--draft', '生成草稿：不做发布核查，每页带“草稿”水印')
  .addOption(formatOption)
  .addHelpText(
    'after',
    '\n不加 --draft 时生成发布稿：先运行全部核查规则，报告仍有“错误”级别的问题时拒绝生成并逐条列出。' +
      '\n退出码：0 已生成；1 报告有错误，拒绝生成发布稿；2 文件无法读取或无法生成。' +
      '\n例：gongkai render 去年的报告.pdf --to docx --draft   # 得到可编辑的 Word 稿',
  )
  .action(async (path: string, opts: { to?: string; output?: string; draft?: boolean; format?: string }) => {
    if (!RENDER_TARGETS.includes(opts.to as RenderTarget)) {
      program.error(`${opts.to ? `不支持的输出格式“${opts.to}”` : '缺少 --to 输出格式'}；可选：${RENDER_TARGETS.join('、')}（例：gongkai render 报告.txt --to docx）`, { exitCode: 2 });
    }
    const to = opts.to as RenderTarget;
    let report: Report;
    try {
      const { parseFile } = await import('../pipeline.ts');
      report = await parseFile(path, { format: opts.format });
    } catch (e) {
      process.stderr.write(`无法读取：${readFailure(path, e)}\n`);
      process.exitCode = 2;
      return;
    }
    const draft = opts.draft === true;
    let bytes: Uint8Array;
    try {
      bytes = await renderReport(report, { to, draft });
    } catch (e) {
      if (e instanceof PublicationRefusedError) {
        process.stderr.write(`${path}：${e.message}\n生成草稿：gongkai render ${path} --to ${to} --draft\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`无法生成：${e instanceof RenderError ? e.message : internalFailure('生成', e)}\n`);
        process.exitCode = 2;
      }
      return;
    } finally {
      await closeBrowser();
    }
    if (opts.output === '-') {
      process.stdout.write(bytes);
      return;
    }
    const out = opts.output ?? defaultOutput(path, to, draft);
    try {
      await writeFile(out, bytes);
    } catch (e) {
      process.stderr.write(`无法写入 ${out}：${describeFsError(e, true)}\n`);
      process.exitCode = 2;
      return;
    }
    const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
    process.stdout.write(`已生成${draft ? '草稿' : '发布稿'}（${TARGET_INFO[to].name}）：${out}\n`);
    if (warnings) process.stderr.write(`提示：报告有 ${warnings} 个警告，可用 gongkai check ${path} 查看\n`);
  });

registerImport(program);
registerServe(program);
registerStart(program);
registerCaseCommands(program);

await program.parseAsync(process.argv);
