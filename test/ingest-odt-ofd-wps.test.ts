// The OpenDocument, OFD and WPS readers: fixtures made from the hand-written reports (ODT by
// LibreOffice, OFD by test/fixtures/ofd/make-ofd.ts following GB/T 33190's structure, WPS as WPS
// Office marks a Word 97 binary file) parse to exactly the values typed into those reports; the
// kinds are told by content, not by name; broken and hostile packages get their own Chinese
// error, never a crash.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as CFB from 'cfb';
import { strToU8, zipSync } from 'fflate';
import { getFormat, parseReport, validateReport, type Report } from '../src/index.ts';
import { detectKind } from '../src/ingest/detect.ts';
import { IngestError } from '../src/ingest/errors.ts';
import { readInput } from '../src/ingest/index.ts';
import { inspectOfd } from '../src/ingest/ofd.ts';
import { deltas, pathOf } from '../src/ingest/ofd/page.ts';
import type { Expected } from './support/expected.ts';
import { ROOT } from './support/seeds.ts';

const FIXTURES = resolve(ROOT, 'test/fixtures');

function expectedFor(base: string): Expected {
  const own = resolve(FIXTURES, 'pdf', `${base}.expected.json`);
  const page = resolve(FIXTURES, 'html', `${base}.expected.json`);
  return JSON.parse(readFileSync(existsSync(own) ? own : page, 'utf8')) as Expected;
}

function assertValues(report: Report, e: Expected): void {
  assert.deepEqual(validateReport(report), []);
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
}

async function refused(bytes: Uint8Array, name: string): Promise<IngestError> {
  try {
    await readInput(bytes, name);
  } catch (e) {
    assert.ok(e instanceof IngestError, `应为中文的读取错误，实为 ${String(e)}`);
    assert.match(e.message, /[\u4e00-\u9fa5]/);
    assert.ok(e.message.startsWith(name), '错误信息先写文件名');
    return e;
  }
  assert.fail(`${name} 应被拒绝`);
}

/** A ZIP package; `first` is stored uncompressed as the first entry (ODF's mimetype). */
function zip(files: Record<string, string>, first?: string): Uint8Array {
  const entries: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  if (first) entries[first] = [strToU8(files[first]), { level: 0 }];
  for (const k of Object.keys(files)) if (k !== first) entries[k] = strToU8(files[k]);
  return zipSync(entries);
}

for (const kind of ['odt', 'ofd'] as const) {
  describe(`${kind.toUpperCase()} 样例：逐格取值`, () => {
    const dir = resolve(FIXTURES, kind);
    const files = readdirSync(dir).filter((f) => f.endsWith(`.${kind}`)).sort();
    it('有样例', () => assert.ok(files.length >= 4, `${dir} 中样例太少`));
    for (const f of files) {
      it(f, async () => {
        const bytes = new Uint8Array(readFileSync(resolve(dir, f)));
        assert.equal(detectKind(bytes), kind);
        const report = await parseReport(bytes, { name: f });
        assert.equal(report.source.kind, kind);
        assertValues(report, expectedFor(f.replace(/\.\w+$/, '')));
      });
    }
  });
}

describe('OFD：与 PDF 相同的各层', () => {
  it('表格有表线、跨页的表三合成一张，页码不计入正文', () => {
    const insp = inspectOfd(new Uint8Array(readFileSync(resolve(FIXTURES, 'ofd/qinghe-scjg-2023.ofd'))), 'qinghe.ofd');
    assert.equal(insp.pageCount, 3);
    assert.ok(insp.pages[0].graphics.rulings.length > 20, '表线读成第 2 层');
    const tables = insp.blocks.filter((b) => b.type === 'table');
    assert.equal(tables.length, 3);
    const pages = new Set(tables[1].rows.flat().map((c) => c.page));
    assert.deepEqual([...pages], [1, 2], '表三印在第1、2页，合成一张');
    assert.ok(insp.pages.some((p) => p.furniture.length > 0), '页码归入页眉页脚');
  });

  it('DeltaX 的 g 缩写、路径的简写命令', () => {
    assert.deepEqual(deltas('3.5 g 3 2 1', 100), [3.5, 2, 2, 2, 1]);
    assert.deepEqual(deltas('g 1000000 1', 5), [1, 1, 1, 1, 1], '重复次数有上限');
    const [sub] = pathOf('M 0 0 L 10 0 L 10 5 B 1 1 2 2 3 3 C');
    assert.deepEqual(sub.points, [[0, 0], [10, 0], [10, 5], [3, 3]]);
    assert.deepEqual(sub.straight, [true, true, true, false]);
    assert.equal(sub.closed, true);
  });

  it('缺少 DocRoot、缺少页面内容、只有图片：各有中文错误', async () => {
    const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
    const noRoot = zip({ 'OFD.xml': `<ofd:OFD ${ns}><ofd:DocBody/></ofd:OFD>` });
    assert.equal(detectKind(noRoot), 'ofd');
    assert.match((await refused(noRoot, 'a.ofd')).message, /DocRoot/);
    const doc = (pages: string) => `<ofd:Document ${ns}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>${pages}</ofd:Pages></ofd:Document>`;
    const root = `<ofd:OFD ${ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
    const missing = zip({ 'OFD.xml': root, 'Doc_0/Document.xml': doc('<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>') });
    assert.match((await refused(missing, 'b.ofd')).message, /第 1 页/);
    const scan = zip({
      'OFD.xml': root,
      'Doc_0/Document.xml': doc('<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'),
      'Doc_0/Pages/Page_0/Content.xml': `<ofd:Page ${ns}><ofd:Content><ofd:Layer ID="2"><ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="4"/></ofd:Layer></ofd:Content></ofd:Page>`,
    });
    assert.equal((await refused(scan, 'c.ofd')).code, 'scanned');
    const dtd = zip({ 'OFD.xml': `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><ofd:OFD ${ns}/>` });
    assert.match((await refused(dtd, 'd.ofd')).message, /DTD/);
  });

  it('页面嵌套过深：拒绝而不是耗尽栈', async () => {
    const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
    const deep = '<ofd:PageBlock>'.repeat(5000) + '</ofd:PageBlock>'.repeat(5000);
    const bytes = zip({
      'OFD.xml': `<ofd:OFD ${ns}><ofd:DocBody><ofd:DocRoot>D/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
      'D/Document.xml': `<ofd:Document ${ns}><ofd:Pages><ofd:Page ID="1" BaseLoc="P.xml"/></ofd:Pages></ofd:Document>`,
      'D/P.xml': `<ofd:Page ${ns}><ofd:Content><ofd:Layer>${deep}</ofd:Layer></ofd:Content></ofd:Page>`,
    });
    assert.equal((await refused(bytes, 'deep.ofd')).code, 'too_large');
  });
});

describe('ODT：类型按内容识别，其他 OpenDocument 与损坏的文件', () => {
  const manifest = '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>';
  it('电子表格、加密文档、缺少正文：各有中文错误', async () => {
    const ods = zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'META-INF/manifest.xml': manifest }, 'mimetype');
    assert.equal(detectKind(ods), 'odt');
    assert.match((await refused(ods, 'a.ods')).message, /电子表格/);
    const locked = zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'META-INF/manifest.xml': '<manifest:encryption-data/>', 'content.xml': '<x/>' }, 'mimetype');
    assert.equal((await refused(locked, 'b.odt')).code, 'encrypted');
    const empty = zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'META-INF/manifest.xml': manifest }, 'mimetype');
    assert.match((await refused(empty, 'c.odt')).message, /content\.xml/);
  });

  it('合并单元格、重复的行与格、嵌套表格、注释与修订不算正文', async () => {
    const content = `<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="b"><office:body><office:text>
      <text:h text:outline-level="1">一、总体情况</text:h>
      <text:p>第一段<text:s text:c="2"/>正文<office:annotation><text:p>批注</text:p></office:annotation><text:note><text:note-body><text:p>脚注</text:p></text:note-body></text:note></text:p>
      <text:tracked-changes><text:changed-region><text:deletion><text:p>删去的</text:p></text:deletion></text:changed-region></text:tracked-changes>
      <table:table><table:table-column table:number-columns-repeated="3"/>
        <table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>三、本年度办理结果</text:p></table:table-cell><table:table-cell><text:p>（一）予以公开</text:p></table:table-cell><table:table-cell><text:p>3</text:p></table:table-cell></table:table-row>
        <table:table-row><table:covered-table-cell/><table:table-cell><text:p>（二）部分公开</text:p></table:table-cell><table:table-cell><text:p>0</text:p><table:table><table:table-row><table:table-cell><text:p>内</text:p></table:table-cell><table:table-cell><text:p>表</text:p></table:table-cell></table:table-row></table:table></table:table-cell></table:table-row>
        <table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000000"/></table:table-row>
      </table:table>
      <text:list><text:list-item><text:p>列表项</text:p></text:list-item></text:list>
    </office:text></office:body></office:document-content>`;
    const odt = zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'META-INF/manifest.xml': manifest, 'content.xml': content }, 'mimetype');
    const read = await readInput(odt, 't.odt');
    const blocks = read.document!.blocks;
    const paras = blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    assert.deepEqual(paras, ['一、总体情况', '第一段  正文', '列表项']);
    const [table, inner] = blocks.filter((b) => b.type === 'table');
    const cells = table.rows.flat();
    assert.deepEqual(cells.find((c) => c.text === '三、本年度办理结果')?.rowSpan, 2);
    assert.deepEqual(cells.find((c) => c.text === '（二）部分公开')?.col, 1, '被合并的格占位');
    assert.ok(table.rows.length <= 70, `重复的行有上限：${table.rows.length}`);
    assert.deepEqual(inner.rows.flat().map((c) => c.text), ['内', '表'], '单元格里的表格跟在外表之后');
  });
});

describe('WPS 文字（.wps）：Word 97 兼容的复合文档', () => {
  /** A .doc fixture as WPS Office writes it: its build-version property in the summary information. */
  // A property set whose dictionary names WPS's property (as WPS writes it, in UTF-16).
  const summary = Buffer.concat([Buffer.alloc(48), Buffer.from('KSOProductBuildVer\0', 'utf16le'), Buffer.from('2052-11.1.0.14309', 'latin1')]);
  function asWps(doc: string): Uint8Array {
    const cfb = CFB.read(readFileSync(resolve(FIXTURES, 'doc', doc)), { type: 'buffer' });
    CFB.utils.cfb_add(cfb, '/\u0005DocumentSummaryInformation', summary);
    return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
  }
  /** A compound file of WPS's with no Word stream (the old, incompatible format's shape). */
  function oldWps(): Uint8Array {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/\u0005DocumentSummaryInformation', summary);
    CFB.utils.cfb_add(cfb, '/Contents', Buffer.alloc(4096, 1));
    return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
  }

  it('读出与 Word 相同的数，来源类型为 wps', async () => {
    const report = await parseReport(asWps('yunxiu-zrzy-2022.doc'), { name: 'yunxiu.wps' });
    assert.equal(report.source.kind, 'wps');
    assertValues(report, expectedFor('yunxiu-zrzy-2022'));
  });

  it('与 Word 不兼容的早期 WPS 格式：说明原因', async () => {
    const e = await refused(oldWps(), 'old.wps');
    assert.equal(e.code, 'unsupported');
    assert.match(e.message, /WPS/);
  });
});
