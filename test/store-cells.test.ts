// Cells kept as one row of arrays per version, on both backends: printed text with quotes,
// backslashes, commas, braces and the word NULL comes back exactly, a blank cell stays null with
// status 'blank' (never 0 or ''), and the long-form view lists every cell of the format. The
// corpus list leaves out its total when asked to.

import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { parseText } from '../src/pipeline.ts';
import { arrayLiteral, insertMany } from '../src/store/bulk.ts';
import { getFormat } from '../src/model/load.ts';
import { insertVersions, loadReport, versionRows } from '../src/store/reports.ts';
import { countReports, listReports } from '../src/store/search.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';
import { readFileSync, readdirSync } from 'node:fs';

const SEEDS = new URL('../../shared/seeds/', import.meta.url);
const seed = readdirSync(SEEDS).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort()[0];
const ADMIN = { role: 'admin' as const, userId: '00000000-0000-0000-0000-000000000000', login: 't', regionPrefix: null, agencyId: null };

test('array literals quote and escape every string, and write NULL for nothing', () => {
  assert.equal(arrayLiteral([1, null, 'a"b', 'c\\d', undefined, 'NULL', '{x,y}']), '{1,null,"a\\"b","c\\\\d",null,"NULL","{x,y}"}');
  // A line break is not JSON's escape in an array literal: such arrays are written element by element.
  assert.equal(arrayLiteral(['a\nb', null, 2]), '{"a\nb",NULL,2}');
  assert.equal(arrayLiteral([]), '{}');
});

/** Arrays whose literals take each way (JSON, element by element), and the text PostgreSQL reads back. */
const AWKWARD_ARRAYS: (string | null)[][] = [
  ['a"b', 'c\\d', null, 'NULL', 'null', '{x,y}', '', ' 空格 ', '引号"与反斜杠\\'],
  ['行一\n行二', 'tab\tx', null, '\\n', 'emoji 😀', '"'],
  [],
];

for (const backend of BACKENDS) {
  describe(`cell sets on ${backend}`, () => {
    let store: TestStore;
    before(async () => {
      store = await freshStore(backend);
    });
    after(async () => {
      await store.close();
    });

    test('array literals read back as the same arrays', async () => {
      for (const values of AWKWARD_ARRAYS) {
        const { rows } = await sql<{ a: (string | null)[] }>`SELECT ${arrayLiteral(values)}::text[] AS a`.execute(store.db);
        assert.deepEqual(rows[0].a, values);
      }
      // As a row's array in a many-row insert: each array a quoted element of its column's literal.
      const rows = AWKWARD_ARRAYS.map((values, i) => ({ id: `awkward-${i}`, table_ids: values, row_ids: values.toReversed(), col_ids: values.map((v) => (v === null ? null : `（${v}）`)) }));
      await insertMany(store.db, 'cell_layouts', { id: 'text', table_ids: 'text[]', row_ids: 'text[]', col_ids: 'text[]' }, rows);
      const back = await store.db.selectFrom('cell_layouts').select(['id', 'table_ids', 'row_ids', 'col_ids']).where('id', 'like', 'awkward-%').orderBy('id').execute();
      assert.deepEqual(back, rows);
    });

    test('values, statuses and awkward printed text read back exactly', async () => {
      const report = parseText(readFileSync(new URL(seed, SEEDS), 'utf8'), { name: seed });
      const [first, second] = getFormat(report.format).cells;
      report.cells[first.address] = { raw: '引号"、反斜杠\\、逗号,{括号} NULL', line: 7, status: 'read', page: 2, table: 1, row: 3, col: 4 };
      report.tables[first.table.id][first.row.id][first.column.id] = 12.5;
      report.cells[second.address] = { raw: null, line: null, status: 'blank' };
      report.tables[second.table.id][second.row.id][second.column.id] = null;
      const id = '0190b000-0000-7000-8000-000000000001';
      await store.db
        .insertInto('reports')
        .values({ id, year: 2022, format: report.format, status: 'checked', current_version: 1, published: true })
        .execute();
      await insertVersions(store.db, [versionRows({ reportId: id, version: 1, report, kind: 'import', documentSha256: null, createdBy: null })]);
      const loaded = await loadReport(store.db, id);
      assert.deepEqual(loaded?.report.cells[first.address], { raw: '引号"、反斜杠\\、逗号,{括号} NULL', line: 7, status: 'read', page: 2, table: 1, row: 3, col: 4 });
      assert.equal(loaded?.report.tables[first.table.id][first.row.id][first.column.id], 12.5);
      assert.deepEqual(loaded?.report.cells[second.address], { raw: null, line: null, status: 'blank' });
      assert.equal(loaded?.report.tables[second.table.id][second.row.id][second.column.id], null);
      // The long form has one row per cell of the format, with the same values.
      const rows = await store.db.selectFrom('cells').select(['table_id', 'row_id', 'col_id', 'value', 'status']).where('report_id', '=', id).execute();
      assert.equal(rows.length, getFormat(report.format).cells.length);
      assert.deepEqual(
        rows.find((r) => r.table_id === second.table.id && r.row_id === second.row.id && r.col_id === second.column.id),
        { table_id: second.table.id, row_id: second.row.id, col_id: second.column.id, value: null, status: 'blank' },
      );
    });

    test('many rows at once: awkward text, arrays of text, JSON and times come back exactly', async () => {
      const id = '0190b000-0000-7000-8000-000000000002';
      await store.db.insertInto('reports').values({ id, year: 2023, format: '2021', status: 'checked', current_version: 1, published: false }).execute();
      const awkward = ['', 'NULL', '"', '\\', '\\"', '{a,b}', ' 前后空格 ', '逗号,引号"反斜杠\\', 'a\nb', "单'引号"];
      const meta = { source: { name: awkward.join('|'), sha256: '', kind: 'text' }, note: { nested: awkward } };
      await insertMany(
        store.db,
        'report_versions',
        { report_id: 'uuid', version: 'int4', kind: 'text', agency_printed: 'text', year: 'int4', format: 'text', published_on: 'date', meta: 'jsonb' },
        [{ report_id: id, version: 1, kind: 'import', agency_printed: 'NULL', year: 2023, format: '2021', published_on: '2024-01-31', meta }],
      );
      const at = new Date('2024-03-01T12:34:56.789Z');
      const rows = awkward.map((text, i) => ({
        report_id: id, version: 1, position: i, rule: 'r', severity: 'info', origin: 'check', message: text,
        cells: i === 0 ? null : i === 1 ? [] : [text, 'NULL', null, awkward[(i + 3) % awkward.length]], finding_key: `k${i}`,
        state: i === 2 ? 'confirmed' : 'open', decided_at: i === 2 ? at : null,
      }));
      await insertMany(
        store.db,
        'diagnostics',
        { report_id: 'uuid', version: 'int4', position: 'int4', rule: 'text', severity: 'text', origin: 'text', message: 'text', cells: 'text[]', finding_key: 'text', state: 'text', decided_at: 'timestamptz' },
        rows,
      );
      const back = await store.db.selectFrom('diagnostics').select(['position', 'message', 'cells', 'decided_at']).where('report_id', '=', id).orderBy('position').execute();
      assert.deepEqual(back.map((r) => r.message), awkward);
      assert.deepEqual(back.map((r) => r.cells), rows.map((r) => r.cells));
      assert.equal(back[2].decided_at?.getTime(), at.getTime());
      const version = await store.db.selectFrom('report_versions').select(['meta', 'agency_printed', 'published_on']).where('report_id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(version, { meta, agency_printed: 'NULL', published_on: '2024-01-31' });
      await store.db.deleteFrom('diagnostics').where('report_id', '=', id).execute();
      await store.db.deleteFrom('report_versions').where('report_id', '=', id).execute();
      await store.db.deleteFrom('reports').where('id', '=', id).execute();
    });

    test('the list leaves out its total when asked, and counts it apart', async () => {
      const without = await listReports(store.db, ADMIN, {}, { limit: 10, total: false });
      assert.equal(without.total, null);
      assert.equal(without.items.length, 1);
      const withTotal = await listReports(store.db, ADMIN, {}, { limit: 10 });
      assert.equal(withTotal.total, 1);
      assert.equal(await countReports(store.db, ADMIN, { year: 2021 }), 0);
    });
  });
}
