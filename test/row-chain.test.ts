// Numbers before their label in one row and after it in the next, in the same table: text from a
// PDF whose extractor prints a vertically centred label after its numbers (pdftotext's default
// mode), a wrapped one before them. Each row takes its own numbers (row-chain.ts); when the
// numbers and the labels do not line up, nothing is guessed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseText } from '../src/index.ts';
import { table2 } from './support/table-text.ts';

/** 表二 of the 2021 format as pdftotext prints it: 行政事业性收费's amount above its label, the other rows' numbers below. */
const mixed = [
  '某局2023年政府信息公开工作年度报告',
  '二、主动公开政府信息情况',
  '第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数',
  '规章', '3', '1', '0',
  '行政规范性文件', '5', '0', '16',
  '第二十条第（五）项', '信息内容', '本年处理决定数量',
  '行政许可', '760',
  '第二十条第（六）项', '信息内容', '本年处理决定数量',
  '行政处罚', '9',
  '行政强制', '0',
  '第二十条第（八）项', '信息内容', '本年收费金额（单位：万元）',
  '12.5',
  '行政事业性收费',
  '三、收到和处理政府信息公开申请情况',
];

describe('逐行对齐：同一张表里数有的在标签前、有的在标签后', () => {
  it('每行读到自己的数，没有错位', () => {
    const r = parseText(mixed.join('\n'));
    assert.deepEqual(r.tables.active, {
      regulations: { issued: 3, repealed: 1, in_force: 0 },
      normative_documents: { issued: 5, repealed: 0, in_force: 16 },
      licensing: { decisions: 760 },
      penalty: { decisions: 9 },
      coercion: { decisions: 0 },
      admin_fees: { amount_wan: 12.5 },
    });
    assert.deepEqual(r.diagnostics.filter((d) => d.cells?.some((c) => c.startsWith('active.'))), []);
  });

  it('行的数不全、表前又多一个数：数与标签对不上，整表不读并报错，不错位', () => {
    // 规章 printed 1 and 2 (one cell lost), and a 9 above its label: 9 1 2 could be 规章's, or
    // the 9 a page number and a cell of 规章 lost. Neither reading may be guessed.
    const r = parseText(table2({ regulations: [1, 2] }).replace('规章\n', '9\n规章\n'));
    assert.ok(Object.values(r.tables.active).every((row) => Object.values(row).every((v) => v === null)), JSON.stringify(r.tables.active));
    const d = r.diagnostics.find((x) => x.messageId === 'unaligned');
    assert.ok(d, r.diagnostics.map((x) => x.message).join('\n'));
    assert.equal(d.rule, 'structure.row_missing');
    assert.equal(d.severity, 'error');
    assert.equal(d.line, 9); // the first row label's line
    assert.ok(d.cells?.includes('active.regulations.issued'));
  });

  it('空格（空行）在其中时不按链读：空格可能是某行的一格', () => {
    // The same table with an empty cell where 行政许可's number should be: read as before (the
    // blank is that row's cell), never as a chain that would give 行政许可 the next row's 9.
    const lines = [...mixed];
    lines.splice(lines.indexOf('760'), 1, '');
    const r = parseText(lines.join('\n'));
    const printed: Record<string, number | null> = { 'regulations.issued': 3, 'regulations.repealed': 1, 'regulations.in_force': 0, 'normative_documents.issued': 5, 'normative_documents.repealed': 0, 'normative_documents.in_force': 16, 'licensing.decisions': null, 'penalty.decisions': 9, 'coercion.decisions': 0, 'admin_fees.amount_wan': 12.5 };
    for (const [row, cols] of Object.entries(r.tables.active)) {
      for (const [col, v] of Object.entries(cols)) if (v !== null) assert.equal(v, printed[`${row}.${col}`], `${row}.${col}`);
    }
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && d.cells?.includes('active.licensing.decisions')));
  });
});
