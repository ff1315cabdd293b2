// `npm run bench`: every benchmark section in turn (most on one core, this thread; the import and
// the whole-process figures use every core), with the machine's
// Node version, measuring the built package (bench/subject.ts). A section is a module under bench/ exporting a function that returns the lines
// to print; add one by adding an entry to SECTIONS.
//
//   npm run bench                    all sections
//   npm run bench -- text html       only the sections named
//   npm run bench -- text=2000       a section with a size argument (number of reports)

import { availableParallelism } from 'node:os';

interface Section {
  id: string;
  title: string;
  run(size?: number): Promise<string[]>;
}

// Loaded on demand, so that one section that cannot load does not stop the others.
const SECTIONS: Section[] = [
  { id: 'text', title: '文本：解析与核查', run: async (n) => (await import('./text.ts')).textSection(n ?? 10_000) },
  { id: 'real', title: '真实版式（抽取语料、种子报告、样例）：逐份耗时与整个进程', run: async (n) => (await import('./real.ts')).realSection(n) },
  { id: 'html', title: 'HTML 网页：读取、解析与核查', run: async (n) => (await import('./html.ts')).htmlSection(n) },
  { id: 'word', title: 'Word（.docx/.doc）：读取、解析与核查', run: async (n) => (await import('./docx.ts')).wordSection(n) },
  { id: 'pdf', title: 'PDF：读取、解析与核查', run: async (n) => (await import('./pdf.ts')).pdfSection(n) },
  { id: 'render', title: '生成：HTML、Markdown、Excel、PDF', run: async (n) => (await import('./render.ts')).renderSection(n) },
  { id: 'render-docx', title: '生成：Word', run: async (n) => (await import('./render-docx.ts')).renderDocxSection(n) },
  { id: 'import', title: '导入：文本报告进入数据库（PGlite 与 PostgreSQL 服务器）', run: async (n) => (await import('./store.ts')).importSection(n ?? 1000) },
  { id: 'query', title: '查询：10 万份报告的列表与统计（PostgreSQL 服务器）', run: async (n) => (await import('./store.ts')).querySection(n ?? 100_000) },
  { id: 'web', title: '网页应用：首屏代码大小与 10 万份报告时的首次渲染（Chromium）', run: async (n) => (await import('./web.ts')).webSection(n ?? 100_000) },
  { id: 'cases', title: '依申请公开案件：推导期限与汇总表三表四', run: async (n) => (await import('./cases.ts')).casesSection(n) },
];

const args = process.argv.slice(2).map((a) => {
  const [id, size] = a.split('=');
  return { id, size: size ? Number(size) : undefined };
});
const chosen = args.length ? SECTIONS.filter((s) => args.some((a) => a.id === s.id)) : SECTIONS;
if (args.length && chosen.length === 0) {
  console.error(`没有这样的基准：${args.map((a) => a.id).join('、')}（可选：${SECTIONS.map((s) => s.id).join('、')}）`);
  process.exit(2);
}

console.log(`Gongkai 基准测试（Node ${process.version}，${process.platform}/${process.arch}，本机 ${availableParallelism()} 核：多数项按单核 CPU 时间计，导入与整个进程的测速用到全部核；测的是编译后的 dist/，即 npx gongkai 运行的代码）`);
for (const s of chosen) {
  console.log(`\n【${s.title}】`);
  const size = args.find((a) => a.id === s.id)?.size;
  try {
    for (const line of await s.run(size)) console.log(line);
  } catch (e) {
    console.log(`  未能完成：${(e as Error).message}`);
  }
}
