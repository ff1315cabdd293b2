// A report's cells as two arrays by the format's cell index (CellDef.index): the view the checker
// reads. The parser produces it beside the report; for any other report it is read off `tables`
// and `cells` here. Internal: not part of the package's API (src/index.ts does not export it).

import type { Format } from '../model/types.ts';
import type { CellProvenance, Report } from './types.ts';

export interface FlatCells {
  values: (number | null | undefined)[];
  provenance: (CellProvenance | undefined)[];
}

/** A report's values and provenance in the order of `format.cells`, read from its nested objects. */
export function flatten(report: Report, format: Format): FlatCells {
  const values = new Array<number | null | undefined>(format.cells.length);
  const provenance = new Array<CellProvenance | undefined>(format.cells.length);
  for (const def of format.cells) {
    values[def.index] = report.tables[def.table.id]?.[def.row.id]?.[def.column.id];
    provenance[def.index] = report.cells[def.address];
  }
  return { values, provenance };
}
