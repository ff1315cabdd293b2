// `gongkai inspect` on a PDF and an OFD: the reader's layers a developer looks at when a table went
// wrong — glyph runs, ruling lines, text lines, tables with their cells, page furniture left out,
// then the blocks the parser receives. The fixture is the 2021-format report of 青禾县市场监督管理局
// (test/fixtures/pdf/source), three A4 pages; its 表二 has four sections of 4+3+4+3 rows.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inspectFile } from '../src/cli/inspect.ts';

const fixture = (p: string) => fileURLToPath(new URL(`fixtures/${p}`, import.meta.url));

describe('gongkai inspect on page documents', () => {
  test('a PDF shows every layer per page, the tables with their cells, and what the parser receives', async () => {
    const out = await inspectFile(fixture('pdf/qinghe-scjg-2023.pdf'), {});
    assert.match(out, /PDF：共 3 页，标题“青禾县市场监督管理局2023年政府信息公开工作年度报告”/);
    for (const p of [1, 2, 3]) assert.match(out, new RegExp(`== 第 ${p} 页（595\\.3×841\\.9 点）`));
    assert.match(out, /第 1 层 文字片段：\d+ 个/);
    assert.match(out, /第 2 层 表线：横线 \d+ 条，竖线 \d+ 条/);
    assert.match(out, /第 3 层 文字行/);
    // 表二 as a ruled table: 14 rows × 4 columns, its merged section headings spanning all four.
    assert.match(out, /有表线，14 行 × 4 列/);
    assert.match(out, /\[1,1→4\] "第二十条第（一）项"/);
    assert.match(out, /行政规范性文件 → 3 → 1 → 12/);
    // The page number is furniture, not text of the report.
    assert.match(out, /页码、页眉页脚（不计入正文）："— 1 —"/);
    assert.match(out, /== 第 5 层 交给解析器的段落与表格（跨页的表格已合并）/);
    // Without --runs only counts are shown; with it every run with its position and size.
    assert.doesNotMatch(out, /\(\d+(\.\d+)?,\d+(\.\d+)?\)–[\d.]+ 18pt "青禾县市场监督管理局"/);
    const runs = await inspectFile(fixture('pdf/qinghe-scjg-2023.pdf'), { runs: true, rulings: true });
    assert.match(runs, /\([\d.]+,[\d.]+\)–[\d.]+ 18pt "青禾县市场监督管理局"/);
    assert.ok(runs.length > out.length);
  });

  test('an OFD is shown through the same layers, named OFD', async () => {
    const out = await inspectFile(fixture('ofd/qinghe-scjg-2023.ofd'), { tokens: true });
    assert.match(out, /^OFD：共 3 页/m);
    assert.match(out, /第 4 层 表格：\d+ 张/);
    assert.match(out, /== 单元格（token）/);
    assert.match(out, /== 表三（applications）：第 \d+–\d+ 个单元格/);
  });
});
