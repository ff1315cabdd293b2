// The extraction tools users really use, run as they come from Debian (see ../README.md for the
// packages): each takes a document file and returns the text it extracts. LibreOffice converts
// documents too. Chromium's innerText (what copy and paste gives) and printing go through
// playwright-core with the project's browser module.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { withPage } from '../../../src/render/browser.ts';

export type ToolId =
  | 'pdftotext'
  | 'pdftotext-layout'
  | 'pdftotext-raw'
  | 'pdf2txt'
  | 'pymupdf'
  | 'mutool'
  | 'pdfplumber'
  | 'tesseract'
  | 'converter-md'
  | 'no-separators'
  | 'lo-text'
  | 'pandoc-plain'
  | 'pandoc-md'
  | 'w3m'
  | 'lynx'
  | 'html2text'
  | 'innertext';

/** What each tool id stands for (the manifest's `tools`). */
export const TOOL_NAMES: Record<ToolId, string> = {
  pdftotext: 'pdftotext（poppler-utils，默认模式）',
  'pdftotext-layout': 'pdftotext -layout',
  'pdftotext-raw': 'pdftotext -raw',
  pdf2txt: 'pdf2txt（python3-pdfminer，默认参数）',
  pymupdf: 'PyMuPDF page.get_text()（python3-fitz）',
  mutool: 'mutool draw -F txt（mupdf-tools）',
  pdfplumber: 'pdfplumber extract_text 的仿制（本项目 PDF 读取器的字形层：行内字顶差 ≤ 3 pt，按 x 排序，间隙 > 3 pt 加空格）',
  tesseract: 'tesseract -l chi_sim（tesseract-ocr，页面经 pdftoppm 200 dpi 转图）',
  'converter-md': '“PDF 转 Markdown”转换器的仿制（本项目 PDF 读取器的单元格层：每组一张小表，通用表头 数据1…，标签单元格脱离数字）',
  'no-separators': '分隔符全部丢失（pdftotext -raw 的输出去掉行内全部空白）',
  'lo-text': 'LibreOffice 文本导出（soffice --convert-to txt）',
  'pandoc-plain': 'pandoc -t plain',
  'pandoc-md': 'pandoc -t markdown',
  w3m: 'w3m -dump',
  lynx: 'lynx -dump -nolist',
  html2text: 'html2text -utf8',
  innertext: 'Chromium innerText（复制粘贴所得）',
};

function run(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'], ...(input ? { input } : {}) });
}

let profile: string | null = null;

/** LibreOffice, headless, with a profile of its own; returns the path of the converted file. */
export function soffice(file: string, target: string, outDir: string, html = file.endsWith('.html')): string {
  profile ??= mkdtempSync(join(tmpdir(), 'gongkai-lo-'));
  const args = [`-env:UserInstallation=file://${profile}`, '--headless', ...(html ? ['--infilter=HTML (StarWriter)'] : []), '--convert-to', target, '--outdir', outDir, file];
  run('soffice', args);
  const ext = target.split(':')[0];
  return join(outDir, `${basename(file).replace(/\.[^.]+$/, '')}.${ext}`);
}

export function closeSoffice(): void {
  if (profile) rmSync(profile, { recursive: true, force: true });
  profile = null;
}

const PYMUPDF = `import sys, fitz
doc = fitz.open(sys.argv[1])
sys.stdout.write(''.join(page.get_text() for page in doc))`;

export function pdfTool(tool: ToolId, pdf: string): string {
  switch (tool) {
    case 'pdftotext':
      return run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
    case 'pdftotext-layout':
      return run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-']);
    case 'pdftotext-raw':
      return run('pdftotext', ['-enc', 'UTF-8', '-raw', pdf, '-']);
    case 'pdf2txt':
      return run('pdf2txt', [pdf]);
    case 'pymupdf':
      return run('/usr/bin/python3', ['-c', PYMUPDF, pdf]);
    case 'mutool':
      return run('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', pdf]);
    case 'tesseract':
      return ocr(pdf);
    default:
      throw new Error(`${tool} is not a PDF tool`);
  }
}

/** OCR of every page: rendered at 200 dpi in grey, read with the simplified Chinese model. */
function ocr(pdf: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-ocr-'));
  try {
    run('pdftoppm', ['-r', '200', '-gray', '-png', pdf, join(dir, 'p')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    return pages.map((p) => run('tesseract', [join(dir, p), '-', '-l', 'chi_sim'], undefined)).join('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function htmlTool(tool: ToolId, html: string): Promise<string> {
  switch (tool) {
    case 'pandoc-plain':
      return run('pandoc', ['-f', 'html', '-t', 'plain', html]);
    case 'pandoc-md':
      return run('pandoc', ['-f', 'html', '-t', 'markdown', html]);
    case 'w3m':
      return run('w3m', ['-dump', '-T', 'text/html', '-I', 'UTF-8', '-O', 'UTF-8', html]);
    case 'lynx':
      return run('lynx', ['-dump', '-nolist', '-assume_charset=utf-8', '-display_charset=utf-8', html]);
    case 'html2text':
      return run('html2text', ['-utf8', html]);
    case 'innertext':
      return innerText(readFileSync(html, 'utf8'));
    default:
      throw new Error(`${tool} is not an HTML tool`);
  }
}

export function wordTool(tool: ToolId, docx: string, outDir: string): string {
  switch (tool) {
    case 'lo-text':
      return readFileSync(soffice(docx, 'txt:Text (encoded):UTF8', outDir), 'utf8');
    case 'pandoc-plain':
      return run('pandoc', ['-f', 'docx', '-t', 'plain', docx]);
    case 'pandoc-md':
      return run('pandoc', ['-f', 'docx', '-t', 'markdown', docx]);
    default:
      throw new Error(`${tool} is not a Word tool`);
  }
}

/** What selecting the whole page in Chromium and copying it gives: the body's innerText. */
export async function innerText(html: string): Promise<string> {
  return withPage(async (page) => {
    await page.setContent(html, { waitUntil: 'load' });
    return page.evaluate(() => document.body.innerText);
  });
}

/** Chromium's print to PDF with a footer of the agency's own (N: the page number). */
export async function chromiumPdf(html: string, footer: string, font: string): Promise<Uint8Array> {
  return withPage(async (page) => {
    await page.setContent(html, { waitUntil: 'load' });
    const text = footer ? footer.replace(/&/g, '&amp;').replace('N', '<span class="pageNumber"></span>') : '';
    const pdf = await page.pdf({
      format: 'A4',
      margin: { top: '30mm', bottom: '28mm', left: '26mm', right: '24mm' },
      displayHeaderFooter: !!footer,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;text-align:center;font-size:11pt;font-family:'${font}';">${text}</div>`,
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  });
}

export function writeBytes(path: string, bytes: Uint8Array | string): string {
  writeFileSync(path, bytes);
  return path;
}
