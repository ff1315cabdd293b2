// Word fixtures (test/fixtures/docx, test/fixtures/doc) and their hand-written expectations:
// word-*.expected.json beside the Word files, or the portal page's html/NAME.expected.json for
// documents converted from a page.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { getFormat, type Report } from '../../src/index.ts';
import type { Expected } from './expected.ts';
import { ROOT } from './seeds.ts';

export const FIXTURES = resolve(ROOT, 'test/fixtures');

/** A Word fixture read as its expectation says: facts, parts, every cell, and no error. */
export function assertFixtureReport(report: Report, e: Expected, kind: 'docx' | 'doc'): void {
  assert.equal(report.source.kind, kind);
  assert.equal(report.agency, e.agency);
  assert.equal(report.year, e.year);
  assert.equal(report.format, e.format);
  assert.equal(report.published, e.published);
  assert.deepEqual(new Set(report.sections.map((s) => s.id).filter(Boolean)), new Set(e.sections));
  assertTables(report, e);
  assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), []);
}

/** Word files of one kind with their expectations, sorted by name. */
export function wordFixtures(kind: 'docx' | 'doc'): { file: string; expected: Expected }[] {
  const dir = resolve(FIXTURES, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(`.${kind}`))
    .sort()
    .flatMap((f) => {
      const base = f.slice(0, -kind.length - 1);
      const own = resolve(FIXTURES, 'docx', `${base}.expected.json`);
      const page = resolve(FIXTURES, 'html', `${base}.expected.json`);
      const path = existsSync(own) ? own : existsSync(page) ? page : null;
      return path ? [{ file: resolve(dir, f), expected: JSON.parse(readFileSync(path, 'utf8')) as Expected }] : [];
    });
}

/** Every cell's value and status as expected; the listed cells at their grid positions. */
export function assertTables(report: Report, e: Expected, withPositions = true): void {
  const format = getFormat(e.format);
  for (const t of format.tables) {
    for (const row of t.rows) {
      row.columns.forEach((col, ci) => {
        const want = e.tables[t.id]?.[row.id]?.[ci];
        const address = `${t.id}.${row.id}.${col.id}`;
        assert.strictEqual(report.tables[t.id][row.id][col.id], want ?? null, address);
        const status = e.status[address] ?? 'read';
        assert.equal(report.cells[address]?.status, status, `${address} 的状态`);
      });
    }
  }
  if (!withPositions) return;
  for (const [address, pos] of Object.entries(e.cellPositions)) {
    if (typeof pos === 'string') continue;
    const cell = report.cells[address];
    assert.deepEqual({ table: cell.table, row: cell.row, col: cell.col }, pos, `${address} 的位置`);
  }
}
