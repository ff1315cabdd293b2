// PDF reader: reports made with a real office suite parse to exactly the values typed into them,
// every cell with its page, table, row and column; tables broken across pages come out whole;
// numbers are never glued together or cut apart; scans, encrypted, corrupt and oversized files
// are refused with their own Chinese error, without hanging.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getFormat, parseFile, parseReport, validateReport, type Report } from '../src/index.ts';
import { IngestError, type IngestErrorCode } from '../src/ingest/errors.ts';
import { ingest } from '../src/ingest/index.ts';
import { fixRadicals } from '../src/ingest/pdf/glyphs.ts';
import { inspectPdf } from '../src/ingest/pdf/index.ts';
import { readInSandbox } from '../src/ingest/pdf/sandbox.ts';
import { isPageNumber } from '../src/ingest/pdf/margins.ts';
import type { Block, TableBlock, TableCell } from '../src/ingest/types.ts';
import { glyphByGlyph, writePdf, DIGIT_EM, type PdfOp } from './support/pdf-writer.ts';
import type { Expected } from './support/expected.ts';
import { ROOT } from './support/seeds.ts';

const FIXTURES = resolve(ROOT, 'test/fixtures');
const PDF_DIR = resolve(FIXTURES, 'pdf');

/**
 * PDF reports with hand-written expectations: pdf/NAME.expected.json (written for the PDF, with
 * positions on its pages) or html/NAME.expected.json (the page the PDF was made from; its
 * positions are those of the web page's tables, so only values are compared).
 */
function fixtures(): { file: string; expected: Expected; pdfPositions: boolean }[] {
  return readdirSync(PDF_DIR)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .flatMap((f) => {
      const base = f.slice(0, -4);
      const own = resolve(PDF_DIR, `${base}.expected.json`);
      const page = resolve(FIXTURES, 'html', `${base}.expected.json`);
      const path = existsSync(own) ? own : existsSync(page) ? page : null;
      return path ? [{ file: resolve(PDF_DIR, f), expected: JSON.parse(readFileSync(path, 'utf8')) as Expected, pdfPositions: path === own }] : [];
    });
}

function pdfBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(PDF_DIR, name)));
}

function tables(blocks: Block[]): TableBlock[] {
  return blocks.filter((b): b is TableBlock => b.type === 'table');
}
function paragraphs(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
}
/** All text of the blocks in reading order: table rows as lines of tab-separated cells. */
function allText(blocks: Block[]): string {
  return blocks.map((b) => (b.type === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join('\t')).join('\n'))).join('\n');
}
function cells(t: TableBlock): TableCell[] {
  return t.rows.flat();
}
function norm(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Run `f` and return the IngestError it throws (failing if it does not throw one). */
async function refusal(f: () => Promise<unknown>): Promise<IngestError> {
  try {
    await f();
  } catch (e) {
    assert.ok(e instanceof IngestError, `应为 IngestError，实际为 ${String(e)}`);
    return e;
  }
  assert.fail('应拒绝读取，却读取成功');
}

/**
 * A page drawing form F0, which draws F1 `fan` times, … down to `depth` levels: a file of a few
 * kilobytes that pdf.js expands into fan^(depth-1) copies of the last form's drawing.
 */
function formBomb(fan: number, depth: number): Uint8Array {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /F0 5 0 R >> >> >>'];
  const stream = (dict: string, body: string) => `<< ${dict} /Length ${body.length} >>\nstream\n${body}\nendstream`;
  objs.push(stream('', '/F0 Do'));
  for (let k = 0; k < depth; k++) {
    const last = k === depth - 1;
    const body = last ? '0 0 m 10 10 l S\n'.repeat(10) : `/F${k + 1} Do\n`.repeat(fan);
    objs.push(stream(`/Type /XObject /Subtype /Form /BBox [0 0 595 842] ${last ? '' : `/Resources << /XObject << /F${k + 1} ${6 + k} 0 R >> >>`}`, body));
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

async function assertRefused(bytes: Uint8Array, name: string, code: IngestErrorCode, words: RegExp): Promise<void> {
  const e = await refusal(() => parseReport(bytes, { name }));
  assert.equal(e.code, code, e.message);
  assert.ok(e.message.startsWith(`${name}：`), `错误信息应指明文件：${e.message}`);
  assert.match(e.message, words);
}

describe('PDF 样例：逐格取值与来源', () => {
  const all = fixtures();
  it('有样例（本读取器自带的和由网页转换的）', () => {
    assert.ok(all.some((f) => f.pdfPositions), '找不到 pdf/*.expected.json');
    assert.ok(all.length >= 3, `样例太少：${all.length}`);
  });
  for (const { file, expected: e, pdfPositions } of all) {
    it(e.fixture, async () => {
      const report: Report = await parseFile(file);
      assert.deepEqual(validateReport(report), []);
      assert.equal(report.source.kind, 'pdf');
      assert.equal(report.agency, e.agency);
      assert.equal(report.year, e.year);
      assert.equal(report.format, e.format);
      assert.equal(report.published, e.published);
      assert.deepEqual(new Set(report.sections.map((s) => s.id).filter(Boolean)), new Set(e.sections));
      for (const t of getFormat(e.format).tables) {
        for (const row of t.rows) {
          row.columns.forEach((col, ci) => {
            const address = `${t.id}.${row.id}.${col.id}`;
            assert.strictEqual(report.tables[t.id][row.id][col.id], e.tables[t.id]?.[row.id]?.[ci] ?? null, address);
            assert.equal(report.cells[address]?.status, e.status[address] ?? 'read', `${address} 的状态`);
          });
        }
      }
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), []);
      // Every cell read from a table says where it was printed.
      for (const [address, cell] of Object.entries(report.cells)) {
        if (cell.status !== 'read') continue;
        for (const k of ['page', 'table', 'row', 'col'] as const) assert.ok(Number.isInteger(cell[k]) && cell[k]! >= 1, `${address} 缺少 ${k}`);
      }
      if (!pdfPositions) return;
      for (const [address, pos] of Object.entries(e.cellPositions)) {
        if (typeof pos === 'string') continue;
        const cell = report.cells[address];
        assert.deepEqual({ page: cell.page, table: cell.table, row: cell.row, col: cell.col }, pos, `${address} 的位置`);
      }
    });
  }
});

describe('跨页的表格合成一张', () => {
  it('有表线、表头在下一页重复：表头不重复计入，被分页截断的合并单元格接回一格', async () => {
    const doc = await ingest(pdfBytes('qinghe-scjg-2023.pdf'), 'qinghe-scjg-2023.pdf');
    const [t2, t3, t4] = tables(doc.blocks);
    assert.equal(tables(doc.blocks).length, 3);
    assert.deepEqual([t2.table, t3.table, t4.table], [1, 2, 3]);
    const all = cells(t3);
    assert.deepEqual([...new Set(all.map((c) => c.page))], [1, 2], '表三印在第1、2页');
    assert.equal(all.filter((c) => c.text === '申请人情况').length, 1, '第2页重复的表头不再计入');
    const group = all.find((c) => norm(c.text) === '三、本年度办理结果');
    assert.ok(group, '分页截断的“三、本年度办理结果”接成一格');
    assert.equal(group.rowSpan, 22);
    assert.equal(group.page, 1);
    const at = (row: number, col: number) => all.find((c) => c.row === row && c.col === col);
    assert.deepEqual([at(6, 1)?.text, at(6, 3)?.text, at(6, 3)?.page], ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '4', 2]);
    assert.deepEqual([at(27, 0)?.text, at(27, 9)?.text], ['四、结转下年度继续办理', '5']);
    assert.equal(at(0, 0)?.rowSpan, 3);
    assert.equal(at(0, 0)?.colSpan, 3);
    assert.equal(at(1, 4)?.colSpan, 5);
  });

  it('无表线、表头不重复：跨页的一行接回一行，空格子保留为空', async () => {
    const doc = await ingest(pdfBytes('lanxi-zjj-2022.pdf'), 'lanxi-zjj-2022.pdf');
    const [t2, t3] = tables(doc.blocks);
    assert.deepEqual([...new Set(cells(t3).map((c) => c.page))], [1, 2]);
    const partial = cells(t3).find((c) => c.text.startsWith('（二）部分公开'));
    assert.equal(partial?.text, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    const row = (label: string, t: TableBlock) => t.rows.find((r) => r.some((c) => c.text === label))!.map((c) => c.text);
    assert.deepEqual(row('行政规范性文件', t2), ['行政规范性文件', '4', '', '23']);
    assert.deepEqual(row('规章', t2), ['规章', '/', '/', '/']);
    assert.deepEqual(row('行政许可', t2), ['行政许可', '12345']);
  });

  it('页码、页眉页脚不进入正文', async () => {
    for (const [name, furniture] of [
      ['qinghe-scjg-2023.pdf', /^[—-]\s*\d+\s*[—-]$/],
      ['lanxi-zjj-2022.pdf', /^第\s*\d+\s*页$/],
    ] as const) {
      const doc = await ingest(pdfBytes(name), name);
      const text = paragraphs(doc.blocks);
      assert.ok(!text.some((t) => furniture.test(t.trim())), `${name} 的页码混入正文`);
      assert.ok(!text.some((t) => isPageNumber(t)), name);
    }
    const lanxi = paragraphs((await ingest(pdfBytes('lanxi-zjj-2022.pdf'), 'lanxi.pdf')).blocks);
    // The running header repeats the title; only the title itself stays.
    assert.equal(lanxi.filter((t) => norm(t) === '兰溪县住房和城乡建设局2022年政府信息公开工作年度报告').length, 1);
  });
});

describe('页眉页脚与页码', () => {
  it('各页同一位置、与正文隔开的页眉和页码去掉；紧接正文的重复行（续表的表头）保留', async () => {
    const pages = [1, 2, 3].map((n) => [
      { kind: 'text', x: 300, y: 40, size: 9, text: '某局2023年政府信息公开工作年度报告', cjk: true },
      { kind: 'text', x: 72, y: 76, size: 12, text: '信息内容', cjk: true },
      { kind: 'text', x: 72, y: 92, size: 12, text: `第${n}页的正文`, cjk: true },
      { kind: 'text', x: 295, y: 800, size: 10, text: String(n) },
    ] as PdfOp[]);
    const r = await inspectPdf(writePdf(pages), 'furniture.pdf');
    assert.deepEqual(paragraphs(r.blocks), ['信息内容', '第1页的正文', '信息内容', '第2页的正文', '信息内容', '第3页的正文']);
    assert.deepEqual(r.pages.map((p) => p.furniture.map((l) => l.text)), [1, 2, 3].map((n) => ['某局2023年政府信息公开工作年度报告', String(n)]));
  });
});

describe('逐层可查（inspectPdf）', () => {
  it('文字片段、表线、文字行、表格单元格、文档块', async () => {
    const r = await inspectPdf(pdfBytes('qinghe-scjg-2023.pdf'), 'qinghe.pdf', { pages: [1] });
    assert.equal(r.pageCount, 3);
    const p = r.pages[0];
    assert.equal(p.page, 1);
    assert.ok(p.runs.some((x) => x.text === '青禾县市场监督管理局' && x.fontSize === 18));
    assert.ok(p.graphics.rulings.filter((x) => x.dir === 'h').length >= 14);
    assert.ok(p.lines.some((l) => l.text === '二、主动公开政府信息情况'));
    assert.ok(p.lines.some((l) => l.text === '规章\t0\t0\t0'), '表格里相邻格子的数以表线分开');
    const t = p.tables[0];
    assert.equal(t.grid.ruled, true);
    assert.deepEqual(t.grid.xs.length, 5);
    assert.deepEqual(t.cells.find((c) => c.text === '第二十条第（一）项')?.colSpan, 4);
    assert.ok(p.furniture.some((l) => isPageNumber(l.text)));
    assert.ok(r.blocks.some((b) => b.type === 'table'));
  });
});

/** One page of text lines and a grid of filled bars (cell borders as Word draws them). */
function gridPage(opts: { barWidth: number }): PdfOp[] {
  const ops: PdfOp[] = [{ kind: 'text', x: 72, y: 80, size: 14, text: '二、主动公开政府信息情况', cjk: true }];
  const xs = [70, 200, 300, 400];
  const ys = [100, 125, 150];
  for (const y of ys) ops.push({ kind: 'fill', x: xs[0], y, w: xs[3] - xs[0], h: opts.barWidth });
  for (const x of xs) ops.push({ kind: 'fill', x, y: ys[0], w: opts.barWidth, h: ys[2] - ys[0] });
  ops.push({ kind: 'text', x: 75, y: 117, size: 10.5, text: '信息内容', cjk: true });
  ops.push({ kind: 'text', x: 205, y: 117, size: 10.5, text: '本年制发件数', cjk: true });
  ops.push({ kind: 'text', x: 75, y: 142, size: 10.5, text: '规章', cjk: true });
  // Numbers right against the borders on both sides: only the lines keep them apart.
  ops.push(...glyphByGlyph('12', 300 - 2 - 2 * DIGIT_EM * 10.5, 142, 10.5, 0));
  ops.push(...glyphByGlyph('34', 300 + opts.barWidth + 1, 142, 10.5, 0));
  ops.push({ kind: 'text', x: 305 + 40, y: 142, size: 10.5, text: '5' });
  return ops;
}

describe('手工构造的 PDF：字符映射、表线、数字', () => {
  it('未嵌入的中文字体经 CJK 字符映射（UniGB-UCS2-H）读出', async () => {
    const bytes = writePdf([[{ kind: 'text', x: 72, y: 100, size: 16, text: '政府信息公开工作年度报告', cjk: true }, { kind: 'text', x: 72, y: 130, size: 12, text: '一、总体情况（2023年）', cjk: true }]]);
    const r = await inspectPdf(bytes, 'cmap.pdf');
    assert.deepEqual(paragraphs(r.blocks), ['政府信息公开工作年度报告', '一、总体情况（2023年）']);
  });

  it('细长的填充矩形是表线；紧贴表线两侧的数仍是两格', async () => {
    for (const barWidth of [0.5, 1.5]) {
      const r = await inspectPdf(writePdf([gridPage({ barWidth })]), 'bars.pdf');
      const [t] = tables(r.blocks);
      assert.ok(t, `线宽 ${barWidth}：应识别出表格`);
      assert.deepEqual(
        t.rows.map((row) => row.map((c) => c.text)),
        [
          ['信息内容', '本年制发件数', ''],
          ['规章', '12', '34\t5'],
        ],
      );
    }
  });

  it('斜置的水印文字（草稿、内部资料）不进入表格和正文', async () => {
    const ops = gridPage({ barWidth: 0.5 });
    // "草稿" at 45° across the table, drawn with a rotated text matrix (PDF space, bottom-up).
    const c = Math.SQRT1_2 * 60;
    ops.push({ kind: 'text', x: 0, y: 0, size: 60, text: '草稿', cjk: true, matrix: [c / 60, c / 60, -c / 60, c / 60, 150, 842 - 160] });
    const r = await inspectPdf(writePdf([ops]), 'watermark.pdf');
    const [t] = tables(r.blocks);
    assert.deepEqual(
      t.rows.map((row) => row.map((x) => x.text)),
      [
        ['信息内容', '本年制发件数', ''],
        ['规章', '12', '34\t5'],
      ],
    );
    assert.ok(!paragraphs(r.blocks).some((p) => p.includes('草') || p.includes('稿')));
    assert.ok(r.pages[0].runs.some((x) => x.diagonal), '第 1 层仍可看到水印');
  });

  it('挤在窄格里折行的一个数接回一个数，分两行写的两个数仍是两个', async () => {
    const ops: PdfOp[] = [];
    for (const y of [100, 140]) ops.push({ kind: 'line', x0: 70, y0: y, x1: 170, y1: y });
    for (const x of [70, 120, 170]) ops.push({ kind: 'line', x0: x, y0: 100, x1: x, y1: 140 });
    // Two short numbers on two lines of the first cell.
    ops.push({ kind: 'text', x: 74, y: 116, size: 10, text: '7' });
    ops.push({ kind: 'text', x: 74, y: 133, size: 10, text: '8' });
    // "12345" wrapped in the second, 50 pt wide: "123" runs to its right border, "45" below.
    ops.push(...glyphByGlyph('123', 170 - 2 - 3 * DIGIT_EM * 14, 116, 14, 0));
    ops.push(...glyphByGlyph('45', 122, 133, 14, 0));
    const r = await inspectPdf(writePdf([ops]), 'wrap.pdf');
    assert.deepEqual(r.pages[0].tables[0].cells.map((c) => c.text), ['7\n8', '12345']);
  });

  it('旋转的页面（/Rotate 90 的横向页）按正常方向读', async () => {
    const turned = (text: string, x: number, y: number, cjk = true): PdfOp => ({ kind: 'text', x: 0, y: 0, size: 12, text, cjk, matrix: [0, 1, -1, 0, x, y] });
    const r = await inspectPdf(writePdf([[turned('行政许可', 100, 100), turned('行政处罚', 120, 100), turned('12', 100, 300, false), turned('7', 120, 300, false)]], { rotate: 90 }), 'landscape.pdf');
    assert.deepEqual(paragraphs(r.blocks), ['行政许可\t12', '行政处罚\t7']);
  });

  it('康熙部首写成的汉字还原为通用汉字', () => {
    assert.equal(fixRadicals('\u2F00\u2F1A\u2F08'), '一厂人');
    assert.equal(fixRadicals('政府信息公开'), '政府信息公开');
  });

  it('双线外框不产生多余的行列', async () => {
    const ops: PdfOp[] = [];
    for (const d of [0, 2.5]) {
      ops.push({ kind: 'line', x0: 70 - d, y0: 100 - d, x1: 370 + d, y1: 100 - d }, { kind: 'line', x0: 70 - d, y0: 160 + d, x1: 370 + d, y1: 160 + d });
      ops.push({ kind: 'line', x0: 70 - d, y0: 100 - d, x1: 70 - d, y1: 160 + d }, { kind: 'line', x0: 370 + d, y0: 100 - d, x1: 370 + d, y1: 160 + d });
    }
    ops.push({ kind: 'line', x0: 70, y0: 130, x1: 370, y1: 130 }, { kind: 'line', x0: 220, y0: 100, x1: 220, y1: 160 });
    ops.push({ kind: 'text', x: 75, y: 120, size: 10.5, text: '行政处罚', cjk: true }, { kind: 'text', x: 225, y: 120, size: 10.5, text: '86' });
    ops.push({ kind: 'text', x: 75, y: 150, size: 10.5, text: '行政强制', cjk: true }, { kind: 'text', x: 225, y: 150, size: 10.5, text: '4' });
    const [t] = tables((await inspectPdf(writePdf([ops]), 'double.pdf')).blocks);
    assert.deepEqual(t.rows.map((row) => row.map((c) => c.text)), [['行政处罚', '86'], ['行政强制', '4']]);
  });

  it('相邻的数从不粘成一个，一个数（逐字摆放）从不拆成两个', async () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,4}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ n: digits, gapEm: fc.double({ min: 0.35, max: 4, noNaN: true }), innerEm: fc.double({ min: 0, max: 0.06, noNaN: true }) }), { minLength: 2, maxLength: 7 }),
        fc.double({ min: 8, max: 16, noNaN: true }),
        async (numbers, size) => {
          const ops: PdfOp[] = [{ kind: 'text', x: 40, y: 100, size: 12, text: '行政许可', cjk: true }];
          let x = 40 + 4 * 12 + 20;
          for (const { n, gapEm, innerEm } of numbers) {
            ops.push(...glyphByGlyph(n, x, 100, size, innerEm));
            x += n.length * (DIGIT_EM + innerEm) * size + gapEm * size;
          }
          const r = await inspectPdf(writePdf([ops]), 'numbers.pdf');
          assert.deepEqual(allText(r.blocks).split(/\s+/), ['行政许可', ...numbers.map((v) => v.n)]);
        },
      ),
      { numRuns: 25, seed: 20240101 },
    );
  });
});

describe('拒绝读取：扫描件、加密、损坏、过大（都不会卡住）', { timeout: 60_000 }, () => {
  it('扫描件（只有图片，没有文字层）', async () => {
    await assertRefused(pdfBytes('scanned-page.pdf'), 'scanned-page.pdf', 'scanned', /扫描件.*OCR/);
  });

  it('只有页码、没有正文也没有图片的文件不是扫描件：说明其中没有报告的内容', async () => {
    const pages = [1, 2, 3].map((n) => [{ kind: 'text', x: 290, y: 810, size: 10, text: `- ${n} -` }] as PdfOp[]);
    await assertRefused(writePdf(pages), 'blank.pdf', 'no_report', /没有找到政府信息公开工作年度报告的内容/);
  });

  it('设有打开密码', async () => {
    await assertRefused(pdfBytes('encrypted.pdf'), 'encrypted.pdf', 'encrypted', /密码/);
  });

  it('截断、乱码、结构损坏', async () => {
    const good = pdfBytes('qinghe-scjg-2023.pdf');
    const flipped = good.slice();
    for (let i = 1000; i < flipped.length; i += 97) flipped[i] ^= 0x5a;
    const garbage = new Uint8Array(6000);
    garbage.set(new TextEncoder().encode('%PDF-1.7\n'));
    for (let i = 9; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
    const damaged: [string, Uint8Array][] = [
      ['half.pdf', good.subarray(0, good.length >> 1)],
      ['tenth.pdf', good.subarray(0, (good.length / 10) | 0)],
      ['no-trailer.pdf', good.subarray(0, good.length - 300)],
      ['header-only.pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF\n')],
      ['garbage.pdf', garbage],
      ['flipped.pdf', flipped],
    ];
    for (const [name, bytes] of damaged) await assertRefused(bytes, name, 'corrupt', /损坏/);
  });

  it('页数超过上限', async () => {
    const pages = Array.from({ length: 201 }, () => [{ kind: 'text', x: 72, y: 100, size: 12, text: 'x' }] as PdfOp[]);
    await assertRefused(writePdf(pages), 'huge.pdf', 'too_large', /201 页/);
  });

  it('解压后过大的页面内容（几 KB 的文件展开成几百万条绘图指令）在解压前拒绝', async () => {
    const bomb = writePdf([[{ kind: 'raw', content: '0 0 m 100 100 l S\n'.repeat(400_000) }]], { compress: true });
    assert.ok(bomb.length < 40_000, `${bomb.length}`);
    await assertRefused(bomb, 'bomb.pdf', 'too_large', /解压后过大/);
    // Compressed content of ordinary size is read.
    const normal = writePdf([[{ kind: 'text', x: 72, y: 100, size: 12, text: '一、总体情况', cjk: true }, { kind: 'raw', content: '0 0 m 100 100 l S\n'.repeat(2000) }]], { compress: true });
    assert.deepEqual(paragraphs((await inspectPdf(normal, 'normal.pdf')).blocks), ['一、总体情况']);
  });

  it('几 KB 的文件让 pdf.js 一页里展开几百万条指令（表单套表单）：到时间预算就停下并拒绝', async () => {
    const e = await refusal(() => readInSandbox(formBomb(60, 4), 'forms.pdf', { timeBudgetMs: 1500 }, 'document'));
    assert.equal(e.code, 'too_large');
    assert.match(e.message, /^forms\.pdf：读取 PDF 超过 1\.5 秒/);
    // The reader works again afterwards (a fresh worker thread).
    const report = await parseReport(pdfBytes('lanxi-zjj-2022.pdf'), { name: 'lanxi.pdf' });
    assert.equal(report.tables.active.licensing.decisions, 12345);
  });

  it('类型按内容识别：扩展名不是 .pdf 也按 PDF 读', async () => {
    const report = await parseReport(pdfBytes('qinghe-scjg-2023.pdf'), { name: '附件1.txt' });
    assert.equal(report.source.kind, 'pdf');
    assert.equal(report.tables.applications.new_received.total, 49);
  });
});
