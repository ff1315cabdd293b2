// Upgrading a store that has data, on both backends: a database at migration 0011 holding a
// report whose cells are rows of the old `cells` table and whose figures are jsonb is migrated to
// the current schema; every cell's value, status and provenance reads back as it was (through the
// report and through the long-form view), the figures are rebuilt from the cells, and an import
// after the upgrade works on the same database.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { refreshFigures } from '../src/store/refresh-figures.ts';
import { migrate } from '../src/store/migrate.ts';
import { loadReport, reportHead } from '../src/store/reports.ts';
import { BACKENDS, freshStore } from './support/store.ts';

const REPORT = '0190a000-0000-7000-8000-000000000001';
const AGENCY = '0190a000-0000-7000-8000-0000000000a1';

for (const backend of BACKENDS) {
  describe(`upgrade with data on ${backend}`, () => {
    test('cells stored as rows before 0012 read back the same after it; figures rebuilt', async () => {
      const store = await freshStore(backend, { migrate: false });
      try {
        await migrate(store, { until: 11 });
        await store.exec(`
          INSERT INTO agencies (id, name, region_code, level, kind) VALUES ('${AGENCY}', '测试县财政局', '340104', 'county', 'department');
          INSERT INTO reports (id, agency_id, year, format, status, current_version, figures, figures_key, figure_values)
            VALUES ('${REPORT}', '${AGENCY}', 2022, '2021', 'checked', 2, '{"received": 99}', 'old', '{99}');
          INSERT INTO report_versions (report_id, version, kind, year, format, meta)
            VALUES ('${REPORT}', 1, 'import', 2022, '2021', '{"source":{"name":"a.txt","sha256":"","kind":"text"}}'),
                   ('${REPORT}', 2, 'correction', 2022, '2021', '{"source":{"name":"a.txt","sha256":"","kind":"text"}}');
          INSERT INTO cells (report_id, version, table_id, row_id, col_id, value, status, raw, line, page, src_table, src_row, src_col) VALUES
            ('${REPORT}', 1, 'applications', 'new_received', 'total', 12, 'read', '12', 40, NULL, 3, 2, 7),
            ('${REPORT}', 2, 'applications', 'new_received', 'total', 15, 'read', '12', 40, NULL, 3, 2, 7),
            ('${REPORT}', 2, 'applications', 'carried_over', 'total', NULL, 'blank', '', 41, 2, 3, 1, 7),
            ('${REPORT}', 2, 'active', 'regulations', 'issued', 3.5, 'reconstructed', NULL, NULL, NULL, NULL, NULL, NULL);`);
        const applied = await migrate(store);
        assert.ok(applied.includes(12) && applied.includes(13), `0012 and 0013 applied (${applied.join(', ')})`);

        // Version 2 as it was: values, statuses and provenance, cell by cell.
        const v2 = await loadReport(store.db, REPORT);
        assert.equal(v2?.version, 2);
        assert.deepEqual(v2?.report.tables, { applications: { new_received: { total: 15 }, carried_over: { total: null } }, active: { regulations: { issued: 3.5 } } });
        assert.deepEqual(v2?.report.cells, {
          'applications.new_received.total': { raw: '12', line: 40, status: 'read', table: 3, row: 2, col: 7 },
          'applications.carried_over.total': { raw: '', line: 41, status: 'blank', page: 2, table: 3, row: 1, col: 7 },
          'active.regulations.issued': { raw: null, line: null, status: 'reconstructed' },
        });
        // Version 1 is kept too.
        const v1 = await loadReport(store.db, REPORT, 1);
        assert.deepEqual(v1?.report.tables, { applications: { new_received: { total: 12 } } });

        // The long form is still queryable with the same columns.
        const rows = await store.db.selectFrom('cells').select(['version', 'table_id', 'row_id', 'col_id', 'value', 'status']).where('report_id', '=', REPORT).orderBy('version').orderBy('table_id').orderBy('row_id').execute();
        assert.deepEqual(rows, [
          { version: 1, table_id: 'applications', row_id: 'new_received', col_id: 'total', value: 12, status: 'read' },
          { version: 2, table_id: 'active', row_id: 'regulations', col_id: 'issued', value: 3.5, status: 'reconstructed' },
          { version: 2, table_id: 'applications', row_id: 'carried_over', col_id: 'total', value: null, status: 'blank' },
          { version: 2, table_id: 'applications', row_id: 'new_received', col_id: 'total', value: 15, status: 'read' },
        ]);

        // The jsonb figures are gone; the figures are rebuilt from version 2's cells: received 15,
        // carried over blank (no value: null, not 0).
        const columns = await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'reports' AND column_name = 'figures'`.execute(store.db);
        assert.equal(columns.rows.length, 0);
        await sql`UPDATE reports SET figures_key = NULL`.execute(store.db);
        assert.equal(await refreshFigures(store.db), 1);
        const head = await reportHead(store.db, REPORT);
        assert.equal(head?.figures?.received, 15);
        assert.equal(head?.figures?.carried_over, null);
        assert.equal(head?.figure_values?.[0], 15);
      } finally {
        await store.close();
      }
    });
  });
}
