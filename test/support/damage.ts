// Random damage to a rendered report, the way extraction and copying damage real ones: a cell
// lost, two numbers run together, a header line where it does not belong, a row label lost, a
// cell left empty, the text cut off. Damage to tables is done on the printed grid before the
// layout writes it, so it looks like what that layout's tools produce; truncation cuts the text.

import type { Grid, GridRow } from './grid.ts';
import type { Source } from './random.ts';

export const DAMAGE_KINDS = ['drop-cell', 'merge-pair', 'stray-header', 'delete-label', 'blank-cell', 'truncate'] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

export interface Damage {
  kind: DamageKind;
  /** Table the damage applies to (not for truncate). */
  table: string;
  /** Which data row / cell / position, as fractions drawn once (stable under re-rendering). */
  at: number;
  at2: number;
}

export function drawDamage(src: Source): Damage {
  return {
    kind: src.pick(DAMAGE_KINDS),
    table: src.pick(['applications', 'active', 'review_litigation']),
    at: src.int(0, 999) / 1000,
    at2: src.int(0, 999) / 1000,
  };
}

function dataRows(grid: Grid): GridRow[] {
  return grid.rows.filter((r) => r.kind === 'data' && r.cells.some((c) => c.kind === 'value'));
}

function pick<T>(items: T[], at: number): T {
  return items[Math.min(items.length - 1, Math.floor(at * items.length))];
}

/** Apply a table damage to a grid (a copy); other tables are returned unchanged. */
export function damageGrid(grid: Grid, d: Damage): Grid {
  if (d.kind === 'truncate' || grid.table.id !== d.table) return grid;
  const rows = grid.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c })) }));
  const out: Grid = { table: grid.table, rows };
  const data = dataRows(out);
  if (data.length === 0) return out;
  const row = pick(data, d.at);
  const values = row.cells.map((c, i) => (c.kind === 'value' ? i : -1)).filter((i) => i >= 0);
  switch (d.kind) {
    case 'drop-cell': {
      row.cells.splice(pick(values, d.at2), 1);
      break;
    }
    case 'blank-cell': {
      const c = row.cells[pick(values, d.at2)];
      c.kind = 'rowspan'; // printed as an empty cell (or not at all)
      c.text = '';
      break;
    }
    case 'merge-pair': {
      if (values.length < 2) break;
      const i = pick(values.slice(0, -1), d.at2);
      const next = values[values.indexOf(i) + 1];
      row.cells[i] = { ...row.cells[i], text: row.cells[i].text + row.cells[next].text };
      row.cells.splice(next, 1);
      break;
    }
    case 'delete-label': {
      for (const c of row.cells) if (c.kind === 'label') c.text = '';
      for (const c of row.cells) if (c.kind === 'label') c.kind = 'rowspan';
      break;
    }
    case 'stray-header': {
      const headers = out.rows.filter((r) => r.kind !== 'data');
      if (headers.length === 0) break;
      const copy = pick(headers, d.at2);
      rows.splice(rows.indexOf(row), 0, { ...copy, cells: copy.cells.map((c) => ({ ...c })) });
      break;
    }
  }
  return out;
}

/** Cut the text at a position after its first quarter. */
export function truncateText(text: string, d: Damage): string {
  if (d.kind !== 'truncate') return text;
  const from = Math.floor(text.length / 4);
  return text.slice(0, from + Math.floor(d.at * (text.length - from)));
}
