// Command-line helpers of the 依申请公开 case domain for offices and scripts: working-day
// arithmetic on the shipped calendar, and the 信息处理费 of 国办函〔2020〕109号.

// The domain is loaded when one of these commands runs, not at every start of the CLI.

import type { Command } from 'commander';

/** A whole number ≥ 0 from an argument, or a Chinese usage error. */
function wholeNumber(program: Command, text: string, what: string): number {
  if (!/^\d{1,7}$/.test(text.trim())) program.error(`${what}应为非负整数，收到“${text}”`, { exitCode: 2 });
  return Number(text);
}

export function registerCaseCommands(program: Command): void {
  const workdays = program
    .command('workdays')
    .description('工作日计算（按国务院办公厅历年节假日安排通知；尚未公布安排的年份按法定节假日暂定）')
    .helpCommand('help [命令]', '显示某个命令的帮助');
  workdays
    .command('add')
    .description('DATE 之后第 N 个工作日（期间从 DATE 的次日起算）')
    .argument('<DATE>', '起算日期，如 2024-01-30')
    .argument('<N>', '工作日数，如 20')
    .option('--json', '输出 JSON：{date, provisional, provisionalYears}')
    .addHelpText('after', '\n输出 ISO 日期；结果所经过的日子有落在尚未公布节假日安排年份的，日期后注明“(暂定)”。\n例：gongkai workdays add 2024-01-30 20   # 2024-03-01')
    .action(async (date: string, n: string, opts: { json?: boolean }) => {
      const count = wholeNumber(program, n, '工作日数');
      const { DateError } = await import('../cases/calendar/iso-date.ts');
      const { CalendarError, WorkCalendar } = await import('../cases/calendar/work-calendar.ts');
      try {
        const r = WorkCalendar.shipped().addWorkingDays(date, count);
        if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
        else process.stdout.write(`${r.date}${r.provisional ? ' (暂定)' : ''}\n`);
        if (r.provisional && !opts.json) process.stderr.write(`提示：${r.provisionalYears.join('、')}年的节假日安排尚未公布，按法定节假日推算\n`);
      } catch (e) {
        if (!(e instanceof DateError || e instanceof CalendarError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = 2;
      }
    });

  program
    .command('fee')
    .description('信息处理费（国办函〔2020〕109号）：按件计收或按量计收，每件申请只用一种')
    .option('--month-count <K>', '按件：申请人本自然月的第 K 件申请，给出这一件的费用和本月累计')
    .option('--pages <P>', '按量：一件申请提供 P 页，给出费用')
    .option('--json', '输出 JSON')
    .addHelpText('after', '\n例：gongkai fee --month-count 35   # 第 35 件 200 元，本月累计 3000 元\n    gongkai fee --pages 150         # 1700 元')
    .action(async (opts: { monthCount?: string; pages?: string; json?: boolean }) => {
      if ((opts.monthCount === undefined) === (opts.pages === undefined)) {
        program.error('请给出 --month-count K（按件计收）或 --pages P（按量计收）之一；一件申请只能选择一种计收方式', { exitCode: 2 });
      }
      const { feeByPages, feeForApplication, feeSchedule, monthTotal } = await import('../cases/fees.ts');
      const m = feeSchedule().methods;
      if (opts.monthCount !== undefined) {
        const k = wholeNumber(program, opts.monthCount, '本月申请序号');
        if (k === 0) program.error('本月申请序号从 1 起算', { exitCode: 2 });
        const fee = feeForApplication(k);
        const total = monthTotal(k);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ method: 'per_application', count: k, fee, monthTotal: total.amount, parts: total.parts }) + '\n');
          return;
        }
        process.stdout.write(`${m.per_application.label}：本月第 ${k} 件申请 ${fee} 元；本月累计 ${total.amount} 元\n${total.basis.map((b) => `  ${b}\n`).join('')}`);
        return;
      }
      const pages = wholeNumber(program, opts.pages!, '页数');
      const r = feeByPages(pages);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ method: 'per_volume', pages, fee: r.amount, parts: r.parts }) + '\n');
        return;
      }
      process.stdout.write(`${m.per_volume.label}：${pages} 页 ${r.amount} 元\n${r.basis.map((b) => `  ${b}\n`).join('')}`);
    });
}
