// Hand-built reports for rule tests: a complete, consistent report (all zeros, every part present)
// that a test then changes in the one place it is about.

import { REPORT_SCHEMA, type CellStatus, type Report } from '../../src/interchange/types.ts';
import { getFormat } from '../../src/model/index.ts';

export function baseReport(formatId = '2021', year = formatId === '2019' ? 2020 : 2023): Report {
  const format = getFormat(formatId);
  const tables: Report['tables'] = {};
  const cells: Report['cells'] = {};
  let line = 100;
  for (const t of format.tables) {
    tables[t.id] = {};
    for (const r of t.rows) {
      tables[t.id][r.id] = {};
      for (const c of r.columns) {
        tables[t.id][r.id][c.id] = 0;
        cells[`${t.id}.${r.id}.${c.id}`] = { raw: '0', line: line++, status: 'read' };
      }
    }
  }
  return {
    schema: REPORT_SCHEMA,
    source: { name: '测试报告.txt', sha256: '0'.repeat(64), kind: 'text' },
    agency: '某某县市场监督管理局',
    year,
    format: formatId,
    published: `${year + 1}-01-20`,
    sections: format.sections.map((s, i) => ({ id: s.id, title: `${s.numeral}、${s.label}`, text: '', line: 10 + i * 20 })),
    tables,
    cells,
    diagnostics: [],
  };
}

/** Set a cell's value (and status; read by default, with raw text following the value). */
export function setCell(report: Report, address: string, value: number | null, status: CellStatus = 'read'): Report {
  const [t, r, c] = address.split('.');
  report.tables[t][r][c] = value;
  report.cells[address] = {
    ...report.cells[address],
    status,
    raw: status === 'blank' ? '' : status === 'not_applicable' ? '/' : status === 'missing' ? null : value === null ? report.cells[address].raw : String(value),
    line: status === 'missing' ? null : report.cells[address].line,
  };
  return report;
}

/** Set a whole 表三 row: [natural_person, commercial, research, public_interest, legal_service, other_org, total]. */
export function setRow(report: Report, row: string, values: number[]): Report {
  const cols = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'];
  values.forEach((v, i) => setCell(report, `applications.${row}.${cols[i]}`, v));
  return report;
}

export function sectionText(report: Report, id: string, text: string): Report {
  const s = report.sections.find((x) => x.id === id);
  if (s) s.text = text;
  return report;
}
