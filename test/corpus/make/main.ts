// `npm run corpus:make`: regenerates the extraction corpus (test/corpus/texts, truth, manifest).
// Generated reports of both formats are printed as documents — by Gongkai's renderers (HTML,
// Word, PDF through Chromium) and as an agency lays them out (look.ts, html.ts), through
// LibreOffice (PDF, Word) and Chromium (PDF) — and the tools users really use extract their text
// (tools.ts, emulate.ts). Needs the Debian packages listed in ../README.md; CI never runs it.
//
//   npm run corpus:make                    8 reports, OCR of 3
//   npm run corpus:make -- --reports 4 --ocr 0 --keep /tmp/docs

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inspectPdf, closePdfSandbox } from '../../../src/ingest/pdf/index.ts';
import { closeBrowser, renderReport } from '../../../src/render/index.ts';
import { renderHtml } from '../../../src/render/html.ts';
import { CORPUS_DIR, type CorpusText, type FailureClass, type Manifest, type Truth } from '../../support/corpus.ts';
import { generateReport, type FormatId } from '../../support/generate.ts';
import { converterMarkdown, pdfplumberText, withoutSeparators } from './emulate.ts';
import { agencyDocument } from './html.ts';
import { describeLook, drawLook, type Look } from './look.ts';
import { toReport, truthOf } from './report.ts';
import { chromiumPdf, closeSoffice, htmlTool, pdfTool, soffice, TOOL_NAMES, wordTool, type ToolId } from './tools.ts';

const { values: args } = parseArgs({
  options: { reports: { type: 'string', default: '8' }, ocr: { type: 'string', default: '3' }, keep: { type: 'string' }, seed: { type: 'string', default: '9001' } },
});
const REPORTS = Number(args.reports);
const OCR = Number(args.ocr);
const FIRST_SEED = Number(args.seed);

const PDF_TOOLS: ToolId[] = ['pdftotext', 'pdftotext-layout', 'pdftotext-raw', 'pdf2txt', 'pymupdf', 'mutool', 'pdfplumber'];
const HTML_TOOLS: ToolId[] = ['pandoc-plain', 'pandoc-md', 'w3m', 'lynx', 'html2text', 'innertext'];
const WORD_TOOLS: ToolId[] = ['lo-text', 'pandoc-md'];

/** Failure classes a tool's output shows whatever the document (issue 9's list). */
const TOOL_CLASSES: Partial<Record<ToolId, FailureClass[]>> = {
  pdftotext: ['pdf-wrapped'],
  'pdftotext-layout': ['pdf-wrapped'],
  'pdftotext-raw': ['pdf-wrapped'],
  pdf2txt: ['pdf-wrapped', 'cell-per-line'],
  pymupdf: ['pdf-wrapped', 'cell-per-line'],
  mutool: ['pdf-wrapped', 'cell-per-line'],
  pdfplumber: ['pdf-wrapped'],
  tesseract: ['pdf-wrapped', 'converter-markdown'],
  'converter-md': ['converter-markdown'],
  'no-separators': ['no-separators'],
  'lo-text': ['cell-per-line'],
  'pandoc-md': ['converter-markdown'],
};

function lookClasses(look: Look): FailureClass[] {
  const out: FailureClass[] = [];
  if (look.damagedLabels) out.push('damaged-labels');
  if (look.groupOneRow) out.push('group-one-row');
  if (look.narrativeFigures) out.push('narrative-figures');
  return out;
}

/** First line a program prints for its version (some print it on stderr). */
function version(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout}\n${r.stderr}`.trim().split('\n')[0].trim() || '?';
}

const texts: CorpusText[] = [];
const truthDir = join(CORPUS_DIR, 'truth');
const textDir = join(CORPUS_DIR, 'texts');
rmSync(truthDir, { recursive: true, force: true });
rmSync(textDir, { recursive: true, force: true });
mkdirSync(truthDir, { recursive: true });
const work = args.keep ? resolve(args.keep) : mkdtempSync(join(tmpdir(), 'gongkai-corpus-'));
mkdirSync(work, { recursive: true });

function saveTruth(t: Truth): void {
  writeFileSync(join(truthDir, `${t.id}.json`), JSON.stringify(t) + '\n');
}

function saveText(id: string, doc: string, documentName: string, tool: ToolId, text: string, truth: string, classes: FailureClass[]): void {
  const dir = join(textDir, id);
  mkdirSync(dir, { recursive: true });
  const file = `texts/${id}/${doc}.${tool}.txt`;
  writeFileSync(join(CORPUS_DIR, file), text.replace(/\r\n/g, '\n'));
  const all = [...new Set([...(TOOL_CLASSES[tool] ?? []), ...classes])];
  texts.push({ file, truth, tool, document: documentName, classes: all });
}

try {
  for (let i = 0; i < REPORTS; i++) {
    const format: FormatId = i % 2 === 0 ? '2021' : '2019';
    const seed = FIRST_SEED + i;
    const g = generateReport(seed, { format });
    const id = `${format}-${String(i + 1).padStart(2, '0')}`;
    const look = drawLook(seed, format);
    const dir = join(work, id);
    mkdirSync(dir, { recursive: true });
    console.log(`${id}：${g.agency}${g.year}年；版式：${describeLook(look)}`);

    // Gongkai's own documents: the national layout as the renderers print it.
    const report = toReport(g, `${id}.json`);
    saveTruth(truthOf(id, g, seed));
    const gkHtml = join(dir, 'gk.html');
    writeFileSync(gkHtml, renderHtml(report));
    const gkDocx = join(dir, 'gk.docx');
    writeFileSync(gkDocx, await renderReport(report, { to: 'docx' }));
    const gkPdf = join(dir, 'gk.pdf');
    writeFileSync(gkPdf, await renderReport(report, { to: 'pdf' }));

    // The agency's own layout, through LibreOffice and Chromium.
    const agency = agencyDocument(g, look, seed);
    const agencyTruth = `${id}-agency`;
    saveTruth(truthOf(agencyTruth, g, seed, agency.truth));
    const agHtml = join(dir, 'agency.html');
    writeFileSync(agHtml, agency.html);
    const agBrowserHtml = join(dir, 'agency-web.html');
    writeFileSync(agBrowserHtml, agency.browserHtml);
    const loPdf = soffice(agHtml, 'pdf:writer_pdf_Export', dir);
    const loDocx = soffice(agHtml, 'docx:MS Word 2007 XML', dir);
    const chPdf = join(dir, 'agency-chromium.pdf');
    writeFileSync(chPdf, await chromiumPdf(agency.browserHtml, look.footer, look.font));
    const classes = lookClasses(look);

    const pdfs: [string, string, string, string, FailureClass[]][] = [
      [gkPdf, 'gk-pdf', 'Gongkai 生成的 PDF（Chromium 打印）', id, []],
      [loPdf, 'agency-lo-pdf', `机关版式经 LibreOffice 导出的 PDF（${describeLook(look)}）`, agencyTruth, classes],
      [chPdf, 'agency-chromium-pdf', `机关版式经 Chromium 打印的 PDF（${describeLook(look)}）`, agencyTruth, classes],
    ];
    for (const [file, doc, name, truth, cls] of pdfs) {
      for (const tool of PDF_TOOLS) {
        const text = tool === 'pdfplumber' ? pdfplumberText(await inspectPdf(new Uint8Array(readFileSync(file)), file)) : pdfTool(tool, file);
        saveText(id, doc, name, tool, text, truth, cls);
      }
    }
    const [mdFile, mdDoc, mdName, mdTruth, mdClasses] = i % 2 === 0 ? pdfs[1] : pdfs[0];
    saveText(id, mdDoc, mdName, 'converter-md', converterMarkdown(await inspectPdf(new Uint8Array(readFileSync(mdFile)), mdFile)), mdTruth, mdClasses);
    const [sepFile, sepDoc, sepName, sepTruth, sepClasses] = i % 2 === 0 ? pdfs[0] : pdfs[2];
    saveText(id, sepDoc, sepName, 'no-separators', withoutSeparators(pdfTool('pdftotext-raw', sepFile)), sepTruth, sepClasses);
    if (i < OCR) {
      const [ocrFile, ocrDoc, ocrName, ocrTruth, ocrClasses] = i % 2 === 0 ? pdfs[1] : pdfs[0];
      saveText(id, ocrDoc, ocrName, 'tesseract', pdfTool('tesseract', ocrFile), ocrTruth, ocrClasses);
    }

    const htmls: [string, string, string, string, FailureClass[]][] = [
      [gkHtml, 'gk-html', 'Gongkai 生成的网页', id, []],
      [agBrowserHtml, 'agency-html', `机关版式的网页（${describeLook(look)}）`, agencyTruth, classes],
    ];
    for (const [file, doc, name, truth, cls] of htmls) {
      for (const tool of HTML_TOOLS) saveText(id, doc, name, tool, await htmlTool(tool, file), truth, cls);
    }
    const words: [string, string, string, string, FailureClass[]][] = [
      [gkDocx, 'gk-docx', 'Gongkai 生成的 Word 文档', id, []],
      [loDocx, 'agency-lo-docx', `机关版式经 LibreOffice 导出的 Word 文档（${describeLook(look)}）`, agencyTruth, classes],
    ];
    for (const [file, doc, name, truth, cls] of words) {
      for (const tool of WORD_TOOLS) saveText(id, doc, name, tool, wordTool(tool, file, dir), truth, cls);
    }
  }
} finally {
  await closeBrowser();
  closePdfSandbox();
  closeSoffice();
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}

const manifest: Manifest = {
  generated: `npm run corpus:make -- --reports ${REPORTS} --ocr ${OCR} --seed ${FIRST_SEED}`,
  tools: TOOL_NAMES,
  versions: {
    poppler: version('pdftotext', ['-v']),
    pdfminer: version('/usr/bin/python3', ['-c', 'import pdfminer; print("pdfminer.six", pdfminer.__version__)']),
    pymupdf: version('/usr/bin/python3', ['-c', 'import fitz; print("PyMuPDF", fitz.VersionBind)']),
    mupdf: version('mutool', ['-v']),
    libreoffice: version('soffice', ['--version']),
    pandoc: version('pandoc', ['--version']),
    w3m: version('w3m', ['-version']),
    lynx: version('lynx', ['-version']),
    html2text: version('html2text', ['-version']),
    tesseract: version('tesseract', ['--version']),
    chromium: version('chromium', ['--version']),
  },
  texts,
};
writeFileSync(join(CORPUS_DIR, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
console.log(`${texts.length} 份文本，${REPORTS} 份报告，写入 ${CORPUS_DIR}`);
