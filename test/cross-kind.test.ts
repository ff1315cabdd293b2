// One report, five kinds of source: the same portal report as a web page, a Word document
// (.docx and .doc), a PDF and the PDF's text as pdftotext -layout extracts it parse to the same
// tables, agency, year and date (issue 3: kinds are read by their structure, not flattened).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseFile, type Report } from '../src/index.ts';
import { closePdfSandbox } from '../src/ingest/pdf/index.ts';

after(() => closePdfSandbox());

const REPORTS = ['heting-scjg-2021', 'shidi-town-2023', 'tangxi-jtys-2020', 'yunxiu-zrzy-2022'];
const KINDS: [string, string][] = [
  ['html', 'html'],
  ['docx', 'docx'],
  ['doc', 'doc'],
  ['pdf', 'pdf'],
  ['text', 'pdftotext-layout.txt'],
];

const fixture = (kind: string, file: string) => new URL(`./fixtures/${kind}/${file}`, import.meta.url).pathname;

interface Expected {
  agency: string;
  year: number;
  tables: Record<string, Record<string, (number | null)[]>>;
  status: Record<string, string>;
}

for (const name of REPORTS) {
  describe(`同一份报告的五种来源：${name}`, () => {
    const expected = JSON.parse(readFileSync(fixture('html', `${name}.expected.json`), 'utf8')) as Expected;
    const parsed = new Map<string, Report>();
    for (const [kind, ext] of KINDS) {
      it(`${kind}：每格取值与手写的期望值相同`, async () => {
        const r = await parseFile(fixture(kind, `${name}.${ext}`));
        parsed.set(kind, r);
        assert.equal(r.source.kind, kind === 'text' ? 'text' : kind);
        assert.equal(r.year, expected.year);
        for (const [table, rows] of Object.entries(expected.tables)) {
          for (const [row, values] of Object.entries(rows)) {
            const got = Object.entries(r.tables[table][row]);
            values.forEach((want, i) => {
              const [col, value] = got[i];
              const address = `${table}.${row}.${col}`;
              if (kind === 'text' && expected.status[address] === 'blank') {
                // Plain text cannot show an empty cell: it is either left empty, or derived
                // from the relations and marked as such, never read.
                const status = r.cells[address].status;
                assert.ok(value === null || status === 'reconstructed', `${address}: ${value} ${status}`);
                return;
              }
              assert.strictEqual(value, want, `${kind} ${address}`);
            });
          }
        }
      });
    }

    it('五种来源的机关、年度、日期一致', () => {
      const facts = [...parsed.values()].map((r) => JSON.stringify([r.agency, r.year, r.published]));
      assert.equal(new Set(facts).size, 1, facts.join(' / '));
      assert.equal([...parsed.values()][0].agency !== null, true);
    });
  });
}
