// The PDF, as a reader sees it: page count, the text layer read back with pdf.js (every official
// label of the format, in order, in Chinese), real embedded fonts, page numbers — n —, the
// draft watermark, and no network request from the page. Needs Chromium (/usr/bin/chromium, as
// .ci/run installs it): without it these tests fail (renderPdf says what is missing).

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { getFormat, parseFile, type Report } from '../src/index.ts';
import { closeBrowser } from '../src/render/browser.ts';
import { renderHtml } from '../src/render/html.ts';
import { printHtml, renderPdf } from '../src/render/pdf.ts';
import { parseReport } from '../src/pipeline.ts';
import { sampleReport } from './support/render-reports.ts';
import { seedPath } from './support/seeds.ts';

type PdfJs = typeof PdfJsModule;
const require = createRequire(import.meta.url);

async function pdfjs(): Promise<PdfJs> {
  const lib = (await import(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'))) as PdfJs;
  await import(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'));
  return lib;
}

/** Text of each page, in content order, whitespace removed. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const lib = await pdfjs();
  const doc = await lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join('').replace(/\s+/g, ''));
  }
  await doc.destroy();
  return pages;
}

/** Assert that the labels occur in the text in this order; returns where the last one ends. */
function assertInOrder(text: string, labels: string[], from = 0): number {
  let at = from;
  for (const label of labels) {
    const i = text.indexOf(label, at);
    assert.ok(i >= 0, `PDF 文字中（第 ${at} 字之后）找不到“${label}”`);
    at = i + label.length;
  }
  return at;
}

/** The official labels of a format in reading order: part headings, and for each table its headers and row labels. */
function officialLabels(report: Report): string[][] {
  const format = getFormat(report.format);
  return format.sections.map((s) => {
    const labels = [`${s.numeral}、${s.label}`];
    for (const t of format.tables.filter((x) => x.section === s.id)) {
      if (t.layout === 'groups') {
        for (const g of t.groups) labels.push(g.label, t.rowHeader ?? '', ...g.columns.map((c) => c.label), ...g.rows.map((r) => r.label));
      } else if (t.layout === 'rows') {
        labels.push(t.note ?? '', t.columnHeader ?? '');
        for (const r of t.rows) labels.push(...r.parents.filter((p) => !labels.includes(p)), r.label);
      } else {
        // 表四: the header (行政复议 / 行政诉讼 / 未经复议直接起诉 / 复议后起诉, each over 结果维持 … 总计)
        labels.push(t.rows[0].label, t.rows[1].group ?? '', t.rows[1].label, t.rows[2].label, ...t.columns.map((c) => c.label));
      }
    }
    return labels.filter(Boolean);
  });
}

/** Characters of the report's narrative (the 28 × 22 grid of a page holds 616 of them). */
function narrativeLength(report: Report): number {
  return report.sections.reduce((n, s) => n + s.text.replace(/\s+/g, '').length, 0);
}

/** Each report is printed once and shared by the tests that look at it. */
const printed = new Map<string, Promise<{ report: Report; pdf: Uint8Array; blocked: string[] }>>();
function rendered(key: string, make: () => Report | Promise<Report>, opts: { draft?: boolean } = {}) {
  if (!printed.has(key)) {
    printed.set(
      key,
      (async () => {
        const report = await make();
        const blocked: string[] = [];
        const html = renderHtml(report, { draft: opts.draft, cssPageNumbers: false });
        return { report, pdf: await printHtml(html, { onBlockedRequest: (u) => blocked.push(u) }), blocked };
      })(),
    );
  }
  return printed.get(key)!;
}

const GENERATED_2021 = () => sampleReport('2021', 6);
const GENERATED_2019 = () => sampleReport('2019', 12);
const SEED_004 = () => parseFile(seedPath('004'));

describe('PDF', () => {
  after(closeBrowser);

  describe('种子报告 001（2021年版）', () => {
    let report: Report;
    let pdf: Uint8Array;
    let pages: string[];
    before(async () => {
      report = await parseFile(seedPath('001'));
      pdf = await renderPdf(report);
      pages = await pageTexts(pdf);
    });

    it('是 A4 的 PDF，页数与正文和三张表的篇幅相符', async () => {
      assert.equal(new TextDecoder().decode(pdf.slice(0, 5)), '%PDF-');
      const lib = await pdfjs();
      const doc = await lib.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
      const [, , w, h] = (await doc.getPage(1)).view;
      await doc.destroy();
      assert.deepEqual([Math.round((w * 25.4) / 72), Math.round((h * 25.4) / 72)], [210, 297]);
      // body text at 28 characters × 22 lines a page, plus about two pages of tables
      const text = Math.ceil(narrativeLength(report) / 616);
      assert.ok(pages.length >= text + 1 && pages.length <= text + 4, `页数 ${pages.length}，正文约 ${text} 页`);
    });

    it('文字层按顺序含有格式规定的全部标签（中文可读出，不是乱码）', () => {
      const all = pages.join('');
      let at = assertInOrder(all, ['阿合奇县人民政府2021年政府信息公开工作年度报告']);
      for (const labels of officialLabels(report)) at = assertInOrder(all, labels, at);
      assertInOrder(all, ['阿合奇县人民政府', '2022年1月19日'], at);
    });

    it('正文逐段读回', () => {
      const all = pages.map((p) => p.replace(/—\d+—/g, '')).join('');
      for (const s of report.sections) {
        for (const para of s.text.split('\n')) {
          const t = para.replace(/\s+/g, '');
          if (t) assert.ok(all.includes(t), `找不到段落：${t.slice(0, 30)}…`);
        }
      }
    });

    it('每页页脚有页码 — n —', () => {
      pages.forEach((p, i) => assert.ok(p.endsWith(`—${i + 1}—`), `第 ${i + 1} 页页码`));
    });

    it('字体全部嵌入，没有 Type 3 字形图', () => {
      const raw = Buffer.from(pdf).toString('latin1');
      assert.doesNotMatch(raw, /\/Subtype\s*\/Type3/);
      const fonts = [...raw.matchAll(/\/BaseFont\s*\/([A-Z]{6}\+)?([^\s/>]+)/g)];
      assert.ok(fonts.length > 0);
      for (const f of fonts) assert.ok(f[1], `字体 ${f[2]} 未嵌入子集`);
    });
  });

  it('2019年版报告：按2019年格式的表格和标签', async () => {
    const { report, pdf } = await rendered('2019', GENERATED_2019);
    const pages = await pageTexts(pdf);
    const all = pages.join('');
    let at = 0;
    for (const labels of officialLabels(report)) at = assertInOrder(all, labels, at);
    assert.ok(all.includes('第二十条第（九）项') && all.includes('本年增/减'));
    // a short narrative: the tables take most of the 3 to 5 pages
    assert.ok(pages.length >= 3 && pages.length <= 5, `页数 ${pages.length}`);
  });

  it('草稿每页带“草稿”水印：画成图像，不混进文字层', async () => {
    const { pdf } = await rendered('004-draft', SEED_004, { draft: true });
    const lib = await pdfjs();
    const doc = await lib.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    for (let i = 1; i <= doc.numPages; i++) {
      const ops = await (await doc.getPage(i)).getOperatorList();
      assert.ok(ops.fnArray.includes(lib.OPS.paintImageXObject), `第 ${i} 页没有水印`);
    }
    await doc.destroy();
    const pages = await pageTexts(pdf);
    // the notice under the title says 草稿 in words; the watermark adds no text anywhere
    assert.equal(pages.join('').split('草稿').length - 1, 1);
    assert.ok(pages[0].includes('草稿'));
  });

  it('页面不发出任何网络请求：报告本身不请求，外部资源一律被拦截', async () => {
    assert.deepEqual((await rendered('2021', GENERATED_2021)).blocked, []);
    assert.deepEqual((await rendered('004-draft', SEED_004, { draft: true })).blocked, []);
    const blocked: string[] = [];
    const hostile = `<!DOCTYPE html><html lang="zh-CN"><head><link rel="stylesheet" href="http://192.0.2.1/a.css"></head><body><p>测试</p><img src="http://192.0.2.1/b.png"></body></html>`;
    const pdf = await printHtml(hostile, { onBlockedRequest: (u) => blocked.push(u) });
    assert.deepEqual(blocked.sort(), ['http://192.0.2.1/a.css', 'http://192.0.2.1/b.png']);
    assert.ok((await pageTexts(pdf))[0].includes('测试'));
  });

  describe('读回：parse(render(report)) 得到相同的表格', () => {
    const cases: [string, string, () => Report | Promise<Report>, boolean][] = [
      ['生成的2021年版报告', '2021', GENERATED_2021, false],
      ['生成的2019年版报告', '2019', GENERATED_2019, false],
      ['种子报告 004（草稿，带水印）', '004-draft', SEED_004, true],
    ];
    for (const [name, key, make, draft] of cases) {
      it(name, async () => {
        const { report, pdf } = await rendered(key, make, { draft });
        const back = await parseReport(pdf, { name: 'rendered.pdf' });
        assert.equal(back.format, report.format);
        assert.deepEqual(back.tables, report.tables);
        assert.equal(back.agency, report.agency);
        assert.equal(back.year, report.year);
        assert.equal(back.published, report.published);
      });
    }
  });
});
