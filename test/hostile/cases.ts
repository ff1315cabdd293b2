// The hostile corpus: every case is built by a generator (nothing big is stored), run through
// the command line, and must end within the bounds (run.ts) with the expected exit code and one
// Chinese line naming the real cause. `full` cases are the big and slow ones: they run with
// `npm run test:hostile`; the others run in `npm test` too.

import { chpxListedOver, piecesOverSameText, truncatedDoc } from './make/doc.ts';
import { entityBomb, openProlog, nestedTables, nestedTextBoxes, runawayAttribute, truncatedDocx, unclosedFields, unclosedOpaque, unterminatedQuote, wideSpans, zeroedDeflate } from './make/docx.ts';
import { doubleFlate, fontBomb, hexFlate, lyingImage, lzwBomb, objectStreamBomb, sparseText, titleOnly } from './make/pdf.ts';
import { rowWithLongRun, emptyRows, gbkPageDeclaringBig5, reportWithCell, reportWithMarkup, shortLines, utf8WithBadBytes, utf8WithGbkSentence } from './make/text.ts';
import { FIXTURE_DOC, FIXTURE_DOCX, FIXTURE_EXPECTED, FIXTURE_HTML, FIXTURE_PDF, FIXTURE_TEXT } from './make/sources.ts';
import { readFileSync } from 'node:fs';
import { parseText } from '../../src/index.ts';
import type { Report } from '../../src/index.ts';
import { cutOff, scrambled } from './make/damage.ts';
import { fifo, linkedReport, linkLoops, loopArgument, procPagemap, sparseHuge, unreadableEntries } from './make/files.ts';

export interface HostileCase {
  id: string;
  /** What the case is, for the test name (Chinese). */
  title: string;
  /** Only in the full run (big or slow). */
  full?: boolean;
  /** Writes the case's files into `dir` (or returns bytes for one file) and gives the CLI arguments after the command. */
  make(dir: string): string[] | Uint8Array | Promise<string[] | Uint8Array>;
  /** File name for bytes returned by `make`. */
  file?: string;
  /** Command and options before the paths (default: check). */
  command?: string[];
  /** Exit codes allowed (default: 2, the input refused). */
  exit?: number[];
  /** Each must match some line of standard error. */
  messages?: RegExp[];
  /** Must match no line of standard error. */
  never?: RegExp[];
  /** Further assertions on the run (reports read, say). */
  verify?(run: { stdout: string; stderr: string }, dir: string): void;
  /** The case needs read permissions to be enforced on the child (it cannot run as root). */
  needsPermissions?: boolean;
}

/** The one report printed by `parse --json`. */
function onlyReport(stdout: string): Report {
  const lines = stdout.trim().split('\n').filter(Boolean);
  if (lines.length !== 1) throw new Error(`应输出一份报告，实际 ${lines.length} 行`);
  return JSON.parse(lines[0]) as Report;
}

/** The report read from a damaged copy of the text fixture has the fixture's hand-written values. */
function sameAsFixture(r: Report): void {
  const e = JSON.parse(readFileSync(FIXTURE_EXPECTED, 'utf8')) as { agency: string; tables: Record<string, Record<string, (number | null)[]>>; status: Record<string, string> };
  if (r.agency !== e.agency) throw new Error(`机关应为 ${e.agency}，实际 ${r.agency}`);
  for (const [t, rows] of Object.entries(e.tables)) {
    for (const [row, want] of Object.entries(rows)) {
      const got = Object.entries(r.tables[t][row]);
      want.forEach((w, i) => {
        const [col, v] = got[i];
        // plain text cannot show an empty cell: left empty or reconstructed, never read
        if (e.status[`${t}.${row}.${col}`] === 'blank') return;
        if (v !== w) throw new Error(`${t}.${row}.${col} 应为 ${w}，实际 ${v}`);
      });
    }
  }
}

/** A diagnostic of `rule` whose message matches `m`. */
function hasDiagnostic(r: Report, rule: string, m: RegExp): void {
  if (!r.diagnostics.some((d) => d.rule === rule && m.test(d.message))) throw new Error(`应有 ${rule} 诊断（${m}），实际：${r.diagnostics.map((d) => d.rule).join(' ')}`);
}

/** An interchange report of the text fixture, as JSON text, edited by `edit`. */
function interchange(edit: (json: string) => string): Uint8Array {
  const r = parseText(readFileSync(FIXTURE_TEXT, 'utf8'), { name: 'fixture.txt' });
  return Buffer.from(edit(JSON.stringify(r)));
}

/** An input the fuzzer found, kept in test/hostile/found/. */
const FOUND = (file: string) => new URL(`./found/${file}`, import.meta.url).pathname;

/** The refusal of an input that holds no annual report. */
const NO_REPORT = (file: string) => new RegExp(`${file.replace('.', '\\.')}：没有找到政府信息公开工作年度报告的内容`);

export const CASES: HostileCase[] = [
  // --- files and folders
  {
    id: 'fs-unreadable',
    title: '目录中有无法读取的子目录和文件：逐项说明，其余照常处理',
    needsPermissions: true,
    make: unreadableEntries,
    messages: [/locked：目录无法读取：没有读取权限/, /z-secret\.txt：没有读取权限/],
    verify: ({ stdout }) => {
      if (!/a-report\.txt/.test(stdout)) throw new Error('可读的报告应照常核查');
    },
  },
  {
    id: 'fs-linked-report',
    title: '目录中的报告是符号链接：照常读取',
    make: linkedReport,
    exit: [0, 1],
    never: [/没有找到要核查的文件/],
    verify: ({ stdout }) => {
      if (!/report\.txt/.test(stdout)) throw new Error('链接指向的报告应被核查');
    },
  },
  {
    id: 'fs-link-loops',
    title: '目录中的循环链接、失效链接、指回上层的链接：逐项说明，不会无限循环',
    make: linkLoops,
    messages: [/[/]a：符号链接形成循环/, /[/]b：符号链接形成循环/, /dangling\.txt：符号链接指向的文件不存在/, /up：与已读过的目录相同/],
    verify: ({ stdout }) => {
      if ((stdout.match(/report\.txt/g) ?? []).length !== 1) throw new Error('报告应只读一次');
    },
  },
  { id: 'fs-loop-argument', title: '命令行上的循环链接', make: loopArgument, messages: [/x：符号链接形成循环/], never: [/不存在/] },
  { id: 'fs-proc-pagemap', title: '声明大小为 0、实际读不完的特殊文件（/proc/self/pagemap）', make: procPagemap, messages: [/pagemap：文件过大（超过 40\.0 MB），超过 40\.0 MB 的上限/] },
  { id: 'fs-fifo', title: '命名管道', make: fifo, messages: [/pipe\.txt：不是普通文件/] },
  { id: 'fs-sparse', title: '50 MB 的稀疏文件在读入前拒绝', make: sparseHuge, messages: [/huge\.txt：文件过大（50\.0 MB）/] },

  // --- Word 97–2003
  { id: 'doc-chpx-400k', title: '.doc 字符格式表把同一格式页列出 40 万次', file: 'chpx.doc', make: () => chpxListedOver(400_000), messages: [/chpx\.doc：Word 文档（\.doc）已损坏.*字符格式/] },
  { id: 'doc-chpx-40k', title: '.doc 字符格式表把同一格式页列出 4 万次', file: 'chpx.doc', make: () => chpxListedOver(40_000), messages: [/chpx\.doc：Word 文档（\.doc）已损坏.*字符格式/] },
  { id: 'doc-pieces-2000', title: '.doc 文字块表把 2000 个文字块指向同一段文字', file: 'pieces.doc', make: () => piecesOverSameText(2000), messages: [/pieces\.doc：Word 文档（\.doc）已损坏.*文字块/] },
  { id: 'doc-truncated', title: '.doc 被截断', file: 'cut.doc', make: () => truncatedDoc(20_000), messages: [/cut\.doc：.*(已损坏|不完整)/] },

  // --- Word 2007+ (document.xml stored uncompressed: the ratio check lets it through)
  { id: 'docx-quote-2m', title: '.docx 属性引号不闭合，后跟 200 万个 >', file: 'quote.docx', make: () => unterminatedQuote(2_000_000), messages: [NO_REPORT('quote.docx')] },
  { id: 'docx-quote-8m', title: '.docx 属性引号不闭合，后跟 800 万个 >', full: true, file: 'quote.docx', make: () => unterminatedQuote(8_000_000), messages: [NO_REPORT('quote.docx')] },
  { id: 'docx-fields-200k', title: '.docx 20 万个不结束的域', file: 'fields.docx', make: () => unclosedFields(200_000), messages: [NO_REPORT('fields.docx')] },
  { id: 'docx-nested-tables', title: '.docx 表格嵌套 4 万层', file: 'nested.docx', make: () => nestedTables(40_000), messages: [/nested\.docx：Word 文档（\.docx）中的表格或文本框嵌套超过 32 层/] },
  { id: 'docx-nested-boxes', title: '.docx 文本框嵌套 4 万层', file: 'boxes.docx', make: () => nestedTextBoxes(40_000), messages: [/boxes\.docx：.*嵌套超过 32 层/] },
  { id: 'docx-unclosed-opaque', title: '.docx 20 万个不闭合的表格属性元素', file: 'opaque.docx', make: () => unclosedOpaque(200_000), messages: [NO_REPORT('opaque.docx')] },
  { id: 'docx-runaway-attribute', title: '.docx 一个 400 万字符、没有等号的属性', file: 'attr.docx', make: () => runawayAttribute(4_000_000), messages: [NO_REPORT('attr.docx')] },
  { id: 'docx-wide-spans', title: '.docx 一行 2000 个单元格、各跨 1000 列', file: 'wide.docx', make: () => wideSpans(2000), messages: [/wide\.docx：Word 文档（\.docx）已损坏.*表格超过 1000 列/] },
  { id: 'docx-entities', title: '.docx 带 DTD 的实体膨胀', file: 'lol.docx', make: entityBomb, messages: [/lol\.docx：.*DTD/] },
  { id: 'docx-truncated', title: '.docx 截断一半', file: 'cut.docx', make: () => truncatedDocx(0.5), messages: [/cut\.docx：.*(不完整|截断)/], never: [/ZIP 压缩包，不是年度报告/] },
  { id: 'docx-truncated-head', title: '.docx 只剩开头 3%', file: 'head.docx', make: () => truncatedDocx(0.03), messages: [/head\.docx：.*(不完整|截断)/], never: [/压缩包，不是年度报告/] },
  { id: 'docx-zeroed-deflate', title: '.docx 正文的压缩数据被清零', file: 'zero.docx', make: zeroedDeflate, messages: [/zero\.docx：Word 文档（\.docx）已损坏.*解压失败/], never: [/压缩炸弹/] },

  // --- PDF (unpacking budgets before pdf.js; the memory watch for what calls itself an image)
  { id: 'pdf-double-flate', title: 'PDF 页面内容压缩两次，解压为 2 GB', file: 'double.pdf', make: () => doubleFlate(2048), messages: [/double\.pdf：PDF 中的数据解压后过大（单个页面内容流超过 2\.0 MB）/] },
  { id: 'pdf-hex-flate', title: 'PDF 页面内容先十六进制再压缩，解压为 1 GB', file: 'hex.pdf', make: () => hexFlate(1024), messages: [/hex\.pdf：PDF 中的数据解压后过大（单个页面内容流/] },
  { id: 'pdf-font', title: 'PDF 字体程序解压为 1 GB', file: 'font.pdf', make: () => fontBomb(1024), messages: [/font\.pdf：PDF 中的数据解压后过大（一个字体程序超过 48\.0 MB）/] },
  { id: 'pdf-object-stream', title: 'PDF 对象流解压为 1 GB', file: 'objstm.pdf', make: () => objectStreamBomb(1024), messages: [/objstm\.pdf：PDF 中的数据解压后过大（一个数据流超过 48\.0 MB）/], never: [/扫描件/] },
  { id: 'pdf-lzw', title: 'PDF 页面内容 LZW 解压为数百 MB', file: 'lzw.pdf', make: lzwBomb, messages: [/lzw\.pdf：PDF 中的数据解压后过大（单个页面内容流/] },
  { id: 'pdf-lying-image', title: 'PDF 自称 1×1 图片、实为 1 GB 的页面内容', file: 'image.pdf', make: () => lyingImage(1024), messages: [/image\.pdf：读取 PDF 所需内存超过 512 MB 的上限/] },
  { id: 'pdf-sparse-text', title: '只有几个字、没有图片的 PDF 不是扫描件', file: 'sparse.pdf', make: () => sparseText(3), messages: [NO_REPORT('sparse.pdf')], never: [/扫描件/] },
  { id: 'pdf-title-only', title: '只有标题的 PDF 不是扫描件', file: 'title.pdf', make: titleOnly, messages: [NO_REPORT('title.pdf')], never: [/扫描件/] },

  // --- text
  { id: 'text-short-lines', title: '400 万行、每行一个数字的文本（8 MB）', file: 'lines.txt', make: () => shortLines(4_000_000), messages: [/lines\.txt：文本超过 200,000 行/] },
  {
    id: 'text-utf8-bad-bytes',
    title: 'UTF-8 报告中有 3 个无效字节：照常读取，提示所在行',
    file: 'bad.txt',
    make: utf8WithBadBytes,
    command: ['parse', '--json'],
    exit: [0],
    verify: ({ stdout }) => {
      const r = onlyReport(stdout);
      sameAsFixture(r);
      hasDiagnostic(r, 'source.encoding_mixed', /UTF-8 编码读取，第\d+(、\d+)*行有无法识别的字节/);
    },
  },
  {
    id: 'text-utf8-gbk-sentence',
    title: 'UTF-8 报告中粘贴了一句 GBK：照常读取，提示所在行',
    file: 'pasted.txt',
    make: utf8WithGbkSentence,
    command: ['parse', '--json'],
    exit: [0],
    verify: ({ stdout }) => {
      const r = onlyReport(stdout);
      sameAsFixture(r);
      hasDiagnostic(r, 'source.encoding_mixed', /其中第5行是 GBK/);
    },
  },
  ...(
    [
      ['text-400-digits', '9'.repeat(400), /整数部分有 400 位/],
      ['text-20-digits', '12345678901234567890', /整数部分有 20 位/],
      ['text-negative-zero', '-0', /带负号的零/],
    ] as const
  ).map(([id, value, why]): HostileCase => ({
    id,
    title: `表中一格印作 ${value.length > 20 ? `${value.length} 位数` : value}：不取值，报错说明`,
    file: 'cell.txt',
    make: () => reportWithCell(value),
    command: ['parse', '--json'],
    exit: [0],
    verify: ({ stdout }) => {
      const r = onlyReport(stdout);
      const cell = r.cells['applications.new_received.natural_person'];
      if (r.tables.applications.new_received.natural_person !== null || cell.status !== 'read' || cell.raw !== value) throw new Error(`该格应为空值、保留原文：${JSON.stringify(cell).slice(0, 200)}`);
      hasDiagnostic(r, 'cell.out_of_range', why);
    },
  })),

  // --- web pages
  {
    id: 'html-gbk-declared-big5',
    title: 'GBK 网页声明为 big5：按内容识别为 GBK',
    file: 'big5.html',
    make: gbkPageDeclaringBig5,
    command: ['parse', '--json'],
    exit: [0],
    verify: ({ stdout }) => {
      const r = onlyReport(stdout);
      if (r.source.encoding !== 'gb18030' || r.agency !== '鹤汀县市场监督管理局') throw new Error(`应按 GBK 读出：${r.source.encoding} ${r.agency}`);
    },
  },
  { id: 'html-empty-rows', title: '网页表格有 15 万个空行', file: 'rows.html', make: () => emptyRows(150_000), messages: [NO_REPORT('rows.html')], never: [/call stack/] },

  // --- interchange JSON
  { id: 'json-proto-key', title: '交换格式 JSON 的表格里有 __proto__ 键', file: 'proto.json', make: () => interchange((j) => j.replace('"new_received":{', '"new_received":{"__proto__":1,')), messages: [/proto\.json：不是有效的 gongkai\.report\/1 报告：.*“__proto__”/] },
  { id: 'json-constructor-key', title: '交换格式 JSON 的表格里有 constructor 表', file: 'ctor.json', make: () => interchange((j) => j.replace('"tables":{', '"tables":{"constructor":{},')), messages: [/ctor\.json：不是有效的 gongkai\.report\/1 报告：.*“constructor”/] },
  { id: 'json-extra-property', title: '交换格式 JSON 多了一个属性：中文说明', file: 'extra.json', make: () => interchange((j) => j.replace('{', '{"evil":1,')), messages: [/extra\.json：不是有效的 gongkai\.report\/1 报告：结构不符：报告的顶层不允许有额外的属性“evil”/] },
  { id: 'json-truncated', title: '交换格式 JSON 被截断', file: 'cut.json', make: () => interchange((j) => j.slice(0, 3000)), messages: [/cut\.json：JSON 格式有误：文件在中途结束/] },
  { id: 'json-huge-number', title: '交换格式 JSON 中一个 400 位的数', file: 'big.json', make: () => interchange((j) => j.replace(/"new_received":\{"natural_person":\d+/, `"new_received":{"natural_person":1${'0'.repeat(400)}`)), messages: [/big\.json：.*applications\.new_received\.natural_person 的取值 Infinity 不是有效的数/] },
  { id: 'json-deep', title: '交换格式 JSON 嵌套十万层', file: 'deep.json', make: () => Buffer.from(`{"schema":"gongkai.report/1","tables":${'['.repeat(100_000)}`), messages: [/deep\.json：JSON 格式有误/] },

  // --- rendering what a file said
  {
    id: 'render-md-markup',
    title: 'Markdown 输出不照抄机关名称和正文中的 <script>、<iframe>、<img onerror>、javascript: 链接',
    file: 'markup.txt',
    make: reportWithMarkup,
    command: ['render', '--to', 'md', '--draft', '-o', '-'],
    exit: [0],
    verify: ({ stdout }) => {
      for (const bad of [/<script/, /<iframe/, /<img/, /(?<!\\)\]\(javascript:/]) if (bad.test(stdout)) throw new Error(`Markdown 中出现了 ${bad}`);
      if (!stdout.includes('&lt;script&gt;')) throw new Error('机关名称中的标记应显示为文字');
    },
  },

  // --- found by fuzzing (test/fuzz), kept as they were found
  { id: 'found-docx-open-prolog-pi', title: '模糊测试发现：.docx 正文前有不结束的处理指令（曾无限循环）', file: 'pi.docx', make: () => openProlog('<?pi '), exit: [2] },
  { id: 'found-docx-open-prolog-comment', title: '模糊测试发现：.docx 正文前有不结束的注释（曾无限循环）', file: 'comment.docx', make: () => openProlog('<!-- '), exit: [2] },
  { id: 'found-long-digit-run', title: '模糊测试发现：一行只印出两个数和一串 6 万位数字（拆分读法曾用 29 秒）', file: 'run.txt', make: () => rowWithLongRun(60_000), exit: [0, 1] },
  { id: 'found-doc-damaged-property-stream', title: '模糊测试发现：.doc 的文档属性流损坏（曾显示为内部错误）', make: () => [FOUND('doc-damaged-property-stream.doc')], exit: [0, 1, 2], never: [/内部错误/] },
  { id: 'found-docx-table-in-open-cell', title: '模糊测试发现：表格在未闭合的单元格中结束（曾无限循环、内存耗尽崩溃）', make: () => [FOUND('docx-table-in-open-cell.docx')], exit: [0, 1, 2] },

  // --- every reader's input cut off and scrambled (full run): bounded, Chinese, never a crash
  ...(
    [
      ['doc', FIXTURE_DOC],
      ['docx', FIXTURE_DOCX],
      ['pdf', FIXTURE_PDF],
      ['html', FIXTURE_HTML],
      ['txt', FIXTURE_TEXT],
    ] as const
  ).flatMap(([ext, path]): HostileCase[] => [
    ...[0.1, 0.5, 0.9].map((share): HostileCase => ({ id: `cut-${ext}-${share * 100}`, title: `${ext} 只剩前 ${share * 100}%`, full: true, file: `cut.${ext}`, make: () => cutOff(path, share), exit: [0, 1, 2] })),
    ...[7, 101].map((every): HostileCase => ({ id: `scrambled-${ext}-${every}`, title: `${ext} 约每 ${every} 字节改坏一个`, full: true, file: `bad.${ext}`, make: () => scrambled(path, every, every), exit: [0, 1, 2] })),
  ]),
];
