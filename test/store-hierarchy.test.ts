// hierarchy.sum through the store: a government's report that says it covers its area (全县…)
// against the sum of its departments' reports of the same year, as they arrive on import, in one
// drain (a department met earlier comes from memory) and in a later one (read back from the
// store). Expectations worked out by hand from the figures written below.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainQueue } from '../src/store/import.ts';
import { createBatch } from '../src/store/jobs.ts';
import { generateReport } from './support/generate.ts';
import { renderReport } from './support/layouts.ts';
import { BACKENDS, freshStore, type TestStore } from './support/store.ts';

/**
 * A report's text: the generator's report `seed`, renamed to `agency` and `year`, with `received`
 * new applications (all from 自然人). A department's other hierarchy cells (办理结果总计, 表四)
 * are 0, so that only 本年新收 can exceed the government's.
 */
function reportText(seed: number, agency: string, year: number, received: number, role: 'government' | 'department', claims = false): Uint8Array {
  const g = generateReport(seed, { format: '2021' });
  const swap = (t: string) => t.replaceAll(g.agency, agency).replaceAll(`${g.year}年`, `${year}年`);
  g.sections = g.sections.map((s) => ({ ...s, paragraphs: s.paragraphs.map(swap) }));
  if (claims) g.sections[0].paragraphs.push('本报告汇总了全县各部门的政府信息公开工作情况。');
  g.agency = agency;
  g.year = year;
  const columns = Object.keys(g.tables.applications.new_received);
  g.tables.applications.new_received = Object.fromEntries(columns.map((c) => [c, c === 'natural_person' || c === 'total' ? received : 0]));
  if (role === 'department') {
    g.tables.applications.results_total = Object.fromEntries(columns.map((c) => [c, 0]));
    for (const row of Object.keys(g.tables.review_litigation)) g.tables.review_litigation[row] = Object.fromEntries(Object.keys(g.tables.review_litigation[row]).map((c) => [c, 0]));
  }
  return new TextEncoder().encode(renderReport(g, 'tab-rows', seed).text);
}

for (const backend of BACKENDS) {
  describe(`hierarchy.sum on import (${backend})`, () => {
    let store: TestStore;
    before(async () => {
      store = await freshStore(backend);
    });
    after(async () => {
      await store.close();
    });

    const importFiles = async (files: { name: string; bytes: Uint8Array }[], chunkSize?: number) => {
      const batch = await createBatch(store.db, { source: 'api' }, files.map((f) => ({ name: f.name, upload: f.bytes })));
      await drainQueue(store, { batchId: batch, chunkSize });
      const items = await store.db.selectFrom('import_items').select(['name', 'state', 'report_id', 'message']).where('batch_id', '=', batch).execute();
      for (const i of items) assert.equal(i.state, 'imported', `${i.name}: ${i.message}`);
      return new Map(items.map((i) => [i.name, i.report_id!]));
    };
    const hierarchyFindings = async (reportId: string) =>
      store.db
        .selectFrom('diagnostics as d')
        .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 'd.report_id').onRef('r.current_version', '=', 'd.version'))
        .select(['d.message', 'd.cells'])
        .where('d.report_id', '=', reportId)
        .where('d.rule', '=', 'hierarchy.sum')
        .execute();

    let akqi = '';
    let wushi = '';
    test('a government that covers its county is checked again as each department arrives', async () => {
      const govs = await importFiles([
        { name: '阿合奇县2023.txt', bytes: reportText(101, '阿合奇县人民政府', 2023, 5, 'government', true) },
        { name: '乌什县2023.txt', bytes: reportText(102, '乌什县人民政府', 2023, 1, 'government') },
      ]);
      akqi = govs.get('阿合奇县2023.txt')!;
      wushi = govs.get('乌什县2023.txt')!;
      // No departments yet: nothing to add up.
      assert.deepEqual(await hierarchyFindings(akqi), []);
      // One chunk per file, in one drain: the departments met in earlier chunks come from the
      // import's memory (their cells, then the values noted from them).
      await importFiles(
        [
          { name: '阿合奇县市场监督管理局2023.txt', bytes: reportText(103, '阿合奇县市场监督管理局', 2023, 4, 'department') },
          { name: '乌什县教育局2023.txt', bytes: reportText(104, '乌什县教育局', 2023, 9, 'department') },
          { name: '阿合奇县教育局2022.txt', bytes: reportText(105, '阿合奇县教育局', 2022, 1, 'department') },
          { name: '阿合奇县财政局2023.txt', bytes: reportText(106, '阿合奇县财政局', 2023, 3, 'department') },
          { name: '阿合奇县卫生健康委员会2023.txt', bytes: reportText(109, '阿合奇县卫生健康委员会', 2023, 0, 'department') },
        ],
        1,
      );
      // 4 + 3 + 0 = 7 > 5; 阿合奇县教育局 has no report of 2023.
      const found = await hierarchyFindings(akqi);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.deepEqual(found[0].cells, ['applications.new_received.total']);
      assert.match(found[0].message, /为5，少于所属3个部门同年度报告之和7（另有1个部门没有该年度报告）/);
      // 乌什县's report does not say it covers the county: its department's 9 > 1 is not compared.
      assert.deepEqual(await hierarchyFindings(wushi), []);
    });

    test('a corrected government report is compared with its departments read back from the store', async () => {
      // A new drain: nothing of the departments is in memory.
      await importFiles([{ name: '阿合奇县2023更正.txt', bytes: reportText(107, '阿合奇县人民政府', 2023, 6, 'government', true) }]);
      const found = await hierarchyFindings(akqi);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.match(found[0].message, /为6，少于所属3个部门同年度报告之和7（另有1个部门没有该年度报告）/);
      // Corrected to cover no more than itself: the finding goes.
      await importFiles([{ name: '阿合奇县2023再更正.txt', bytes: reportText(108, '阿合奇县人民政府', 2023, 6, 'government') }]);
      assert.deepEqual(await hierarchyFindings(akqi), []);
    });
  });
}
