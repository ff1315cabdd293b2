#!/usr/bin/env node
// gongkai: parse and check 政府信息公开工作年度报告 from the command line.

import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { rules } from '../check/index.ts';
import { IngestError } from '../ingest/errors.ts';
import type { Report } from '../interchange/types.ts';
import { parseFile } from '../pipeline.ts';
import { expandInputs, type InputFile } from './files.ts';
import { describeReport, formatCheck, formatTables, SEVERITY_LABEL } from './format.ts';
import { inspectFile } from './inspect.ts';

const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

interface Outcome {
  file: InputFile;
  report?: Report;
  error?: string;
  /** A file found in a directory that is readable but is no annual report (a README, say). */
  skipped?: string;
}

/** Parse every input in order, one at a time; unreadable inputs give an error, not an exception. */
async function* run(files: InputFile[], opts: { format?: string; check?: boolean }): AsyncGenerator<Outcome> {
  const bar =
    process.stderr.isTTY && files.length >= 20
      ? new cliProgress.SingleBar({ format: '  {bar} {value}/{total} 份 · {file}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
      : null;
  bar?.start(files.length, 0, { file: '' });
  for (const file of files) {
    bar?.increment(1, { file: file.path.slice(-40) });
    if (file.error) {
      yield { file, error: `${file.path}：${file.error}` };
      continue;
    }
    try {
      yield { file, report: await parseFile(file.path, { format: opts.format, check: opts.check }) };
    } catch (e) {
      if (e instanceof IngestError && e.code === 'no_report' && file.fromDirectory) yield { file, skipped: `${file.path}：不是年度报告，已跳过` };
      else if (e instanceof IngestError) yield { file, error: e.message };
      else yield { file, error: `${file.path}：读取时发生内部错误（${(e as Error).message}），请把此文件报告给开发者` };
    }
  }
  bar?.stop();
}

const program = new Command();
program
  .name('gongkai')
  .description('政府信息公开工作年度报告：解析为结构化数据，并核查勾稽关系、完整性和规范性')
  .version(pkg.version, '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [命令]', '显示某个命令的帮助')
  .showHelpAfterError('（用 gongkai --help 查看用法）');

const formatOption = new Option('--format <版本>', '按指定的格式版本解析（默认根据表格标签自动识别）').choices(['2021', '2019']);

program
  .command('parse')
  .description('解析年度报告，输出交换格式（gongkai.report/1）')
  .argument('<文件或目录...>', '报告文件（文本、JSON），目录则读取其中所有文件')
  .option('--json', '输出 JSON Lines：每行一份报告，按输入顺序')
  .option('--no-check', '只解析，不运行核查规则（诊断中只有解析阶段的发现）')
  .addOption(formatOption)
  .addHelpText('after', '\n退出码：0 全部读取成功（即使报告有错误）；2 有文件无法读取（错误信息写在标准错误，其余文件照常处理）。')
  .action(async (paths: string[], opts: { json?: boolean; check: boolean; format?: string }) => {
    let failed = false;
    for await (const o of run(await expandInputs(paths), opts)) {
      if (o.skipped) {
        process.stderr.write(`${o.skipped}\n`);
        continue;
      }
      if (o.error) {
        failed = true;
        process.stderr.write(`无法读取：${o.error}\n`);
        continue;
      }
      const r = o.report!;
      if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
      else process.stdout.write(`${o.file.path}  ${describeReport(r)}\n${formatTables(r)}\n\n`);
    }
    process.exitCode = failed ? 2 : 0;
  });

program
  .command('check')
  .description('核查年度报告，逐文件列出问题（中文，含表、行、列和原文行号）')
  .argument('<文件或目录...>', '报告文件（文本、JSON），目录则读取其中所有文件')
  .option('--json', '以 JSON Lines 输出：每行 {file, agency, year, diagnostics}')
  .addOption(new Option('--min-severity <级别>', '只显示不低于此级别的问题').choices(['error', 'warning', 'info']).default('info'))
  .addOption(formatOption)
  .addHelpText('after', '\n退出码：0 没有错误；1 有报告存在“错误”级别的问题；2 有文件无法读取。')
  .action(async (paths: string[], opts: { json?: boolean; minSeverity: 'error' | 'warning' | 'info'; format?: string }) => {
    const rank = { error: 0, warning: 1, info: 2 };
    let errors = false;
    let unreadable = false;
    let count = 0;
    for await (const o of run(await expandInputs(paths), { format: opts.format })) {
      if (o.skipped) {
        process.stderr.write(`${o.skipped}\n`);
        continue;
      }
      count++;
      if (o.error) {
        unreadable = true;
        process.stderr.write(`无法读取：${o.error}\n`);
        continue;
      }
      const r = o.report!;
      if (r.diagnostics.some((d) => d.severity === 'error')) errors = true;
      const shown = { ...r, diagnostics: r.diagnostics.filter((d) => rank[d.severity] <= rank[opts.minSeverity]) };
      if (opts.json) {
        process.stdout.write(JSON.stringify({ file: o.file.path, agency: r.agency, year: r.year, format: r.format, diagnostics: shown.diagnostics }) + '\n');
      } else {
        process.stdout.write(formatCheck(o.file.path, shown) + '\n\n');
      }
    }
    if (count === 0) process.stderr.write('没有找到要核查的文件\n');
    process.exitCode = unreadable ? 2 : errors ? 1 : 0;
  });

program
  .command('rules')
  .description('列出全部核查规则（编号、级别、说明）')
  .option('--json', '以 JSON 输出规则目录')
  .action((opts: { json?: boolean }) => {
    const list = rules().map((r) => r.meta);
    if (opts.json) {
      process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return;
    }
    for (const m of list) {
      process.stdout.write(`${m.id.padEnd(30)} ${SEVERITY_LABEL[m.severity]}  ${m.stage === 'parse' ? '解析时' : '核查时'}  ${m.title}\n    ${m.description}\n`);
    }
  });

program
  .command('inspect')
  .description('查看解析过程：切分出的单元格、找到的行标签和每行读到的数（排查解析问题用）')
  .argument('<文件>', '报告文件')
  .option('--tokens', '同时列出全部单元格（token）')
  .addOption(formatOption)
  .action(async (path: string, opts: { tokens?: boolean; format?: string }) => {
    try {
      process.stdout.write(await inspectFile(path, opts));
    } catch (e) {
      process.stderr.write(`无法读取：${e instanceof IngestError ? e.message : (e as Error).message}\n`);
      process.exitCode = 2;
    }
  });

await program.parseAsync(process.argv);
