// Speed of the PDF reader: the PDF report fixtures (test/fixtures/pdf, 2–4 pages each) parsed and
// checked in turn, one at a time; also the reader alone (bytes → paragraphs and tables). Timing:
// measure.ts (its CPU seconds include the reader's worker thread, busy while this one waits).

import { fixtureFiles, formatRate, methodNote, readAndParse, type Doc, type Rate } from './measure.ts';
import { parseReport, readPdf } from './subject.ts';

/** The PDF fixtures that are reports (not the scan or the encrypted file). */
export function pdfReports(): Doc[] {
  return fixtureFiles('pdf', (f) => f.endsWith('.pdf') && !/scan|encrypt/.test(f));
}

export interface PdfBench {
  documents: number;
  pages: number;
  /** Reports read, parsed and checked. */
  reports: Rate;
  /** Documents read into paragraphs and tables (reader alone). */
  reads: Rate;
}

export async function benchPdfDetail(n = 40): Promise<PdfBench> {
  const docs = pdfReports();
  let pages = 0;
  for (const d of docs) {
    const report = await parseReport(d.bytes, { name: d.name });
    if (!report.tables) throw new Error(`${d.name} 没有读出表格`);
    const doc = await readPdf(d.bytes, d.name);
    pages += Math.max(...doc.blocks.map((b) => b.page ?? 0));
  }
  const { reads, reports } = await readAndParse(docs, readPdf, n);
  return { documents: docs.length, pages, reports, reads };
}

/** Read, parse and check `n` PDF reports per round (the fixtures in turn); returns reports per CPU second. */
export async function benchPdf(n = 40): Promise<number> {
  return (await benchPdfDetail(n)).reports.cpu;
}

/** Lines for `npm run bench`. */
export async function pdfSection(n = 40): Promise<string[]> {
  const b = await benchPdfDetail(n);
  return [
    `PDF：读取、解析并核查 ${formatRate(b.reports, 1)}（目标 ≥ 20 份/秒）`,
    `  只读取（字节 → 段落与表格）：${formatRate(b.reads, 1)}`,
    `  ${b.documents} 份样例轮流（共 ${b.pages} 页，每份 ${(b.pages / b.documents).toFixed(1)} 页）；${methodNote(b.reports)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await pdfSection(Number(process.argv[2]) || 40)) console.log(line);
}
