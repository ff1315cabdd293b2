// The hostile corpus: every case is built by a generator (nothing big is stored), run through
// the command line, and must end within the bounds (run.ts) with the expected exit code and one
// Chinese line naming the real cause. `full` cases are the big and slow ones: they run with
// `npm run test:hostile`; the others run in `npm test` too.

import { chpxListedOver, piecesOverSameText, truncatedDoc } from './make/doc.ts';
import { entityBomb, nestedTables, nestedTextBoxes, runawayAttribute, truncatedDocx, unclosedFields, unclosedOpaque, unterminatedQuote, wideSpans, zeroedDeflate } from './make/docx.ts';
import { doubleFlate, fontBomb, hexFlate, lyingImage, lzwBomb, objectStreamBomb, sparseText, titleOnly } from './make/pdf.ts';
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
}

/** The refusal of an input that holds no annual report. */
const NO_REPORT = (file: string) => new RegExp(`${file.replace('.', '\\.')}：没有找到政府信息公开工作年度报告的内容`);

export const CASES: HostileCase[] = [
  // --- files and folders
  {
    id: 'fs-unreadable',
    title: '目录中有无法读取的子目录和文件：逐项说明，其余照常处理',
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
];
