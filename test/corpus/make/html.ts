// A generated report as an agency's own document: HTML in the layout the corpus's look asks for,
// written from the printed grids of test/support/grid.ts (not from src/render, whose output the
// corpus holds separately). LibreOffice turns it into PDF and Word; Chromium prints it to PDF.
// The truth of a document follows what it prints: a group printed as one row holds the group's
// sums in its catch-all sub-row, and its other sub-rows are not printed (null).

import { getFormat } from '../../../src/model/index.ts';
import type { GeneratedReport } from '../../support/generate.ts';
import { tableGrid, type Grid, type GridCell } from '../../support/grid.ts';
import { seeded, type Source } from '../../support/random.ts';
import type { TruthTables } from '../../support/corpus.ts';
import type { Look } from './look.ts';

export interface AgencyDocument {
  /** For LibreOffice: page footer as a Writer footer. */
  html: string;
  /** For a browser: the same without the Writer footer (the printer adds its own). */
  browserHtml: string;
  truth: TruthTables;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A cell of the HTML table, spans resolved. */
interface HtmlCell {
  cell: GridCell;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** Placeholders belong to the cell on their left (colspan) or above (rowspan). */
function resolveSpans(grid: Grid): HtmlCell[][] {
  const owner: (HtmlCell | null)[][] = [];
  const rows: HtmlCell[][] = [];
  grid.rows.forEach((row, r) => {
    owner.push([]);
    rows.push([]);
    row.cells.forEach((cell, c) => {
      let o: HtmlCell | null = null;
      if (cell.kind === 'colspan') o = owner[r][c - 1] ?? null;
      else if (cell.kind === 'rowspan') o = owner[r - 1]?.[c] ?? null;
      if (!o) {
        o = { cell, row: r, col: c, rowSpan: 1, colSpan: 1 };
        rows[r].push(o);
      } else {
        o.rowSpan = Math.max(o.rowSpan, r - o.row + 1);
        o.colSpan = Math.max(o.colSpan, c - o.col + 1);
      }
      owner[r][c] = o;
    });
  });
  return rows;
}

// --- what agencies and their tools do to labels -------------------------------------------------

const SWAPS: Record<string, string> = { 务: '物', 权: '杈', 秘: '泌', 理: '里', 处: '外', 政: '玫', 信: '言', 息: '自', 制: '製', 件: '仵', 请: '清', 密: '蜜' };

function damageLabel(text: string, src: Source): string {
  const m = /^([(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、])?/.exec(text);
  const head = m?.[0] ?? '';
  const body = text.slice(head.length);
  if (body.length < 4) return text;
  const at = src.int(1, body.length - 2);
  switch (src.pick(['drop', 'swap', 'space', 'break', 'drop-end'] as const)) {
    case 'drop':
      return head + body.slice(0, at) + body.slice(at + 1);
    case 'drop-end':
      return head + body.slice(0, -1);
    case 'swap': {
      const i = [...body].findIndex((ch) => SWAPS[ch]);
      return i >= 0 ? head + body.slice(0, i) + SWAPS[body[i]] + body.slice(i + 1) : head + body.slice(0, at) + body.slice(at + 1);
    }
    case 'space':
      return head + body.slice(0, at) + ' ' + body.slice(at);
    case 'break':
      return head + body.slice(0, at) + '\n' + body.slice(at);
  }
}

/** Wording of the other format's table, as agencies copy it from last year's report. */
const OTHER_WORDING: Record<string, Record<string, string>> = {
  '2021': { 行政规范性文件: '规范性文件', 本年处理决定数量: '处理决定数量', 本年制发件数: '本年新制作数量' },
  '2019': { 规范性文件: '行政规范性文件', 处理决定数量: '本年处理决定数量' },
};

function damageGrid(grid: Grid, format: string, src: Source): void {
  const wording = OTHER_WORDING[format] ?? {};
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      if (cell.kind !== 'label' && cell.kind !== 'header') continue;
      if (wording[cell.text] && src.chance(0.7)) cell.text = wording[cell.text];
      else if (cell.kind === 'label' && src.chance(0.2)) cell.text = damageLabel(cell.text, src);
    }
  }
}

/** 2021 表三: （六）其他处理 printed as one row holding the sums of its three sub-rows. */
function groupAsOneRow(grid: Grid, truth: TruthTables): void {
  const ids = ['other_no_correction', 'other_fee_unpaid', 'other_other'];
  const first = grid.rows.findIndex((r) => r.rows[0]?.id === ids[0]);
  if (first < 0) return;
  const parts = grid.rows.slice(first, first + 3);
  const values = parts[0].cells
    .map((c, i) => ({ c, i }))
    .filter((x) => x.c.kind === 'value')
    .map(({ c, i }) => {
      const sum = parts.reduce((s, p) => s + (p.cells[i].value ?? 0), 0);
      return { ...c, text: String(sum), value: sum, address: c.address!.replace(ids[0], ids[2]) };
    });
  const row = { kind: 'data' as const, rows: [parts[2].rows[0]], cells: [parts[0].cells[0], { kind: 'label' as const, text: '（六）其他处理' }, { kind: 'colspan' as const, text: '' }, ...values] };
  grid.rows.splice(first, 3, row);
  const app = truth.applications;
  for (const v of values) {
    const col = v.address.split('.')[2];
    app.other_other[col] = v.value;
    app.other_no_correction[col] = null;
    app.other_fee_unpaid[col] = null;
  }
}

// --- the document ---------------------------------------------------------------------------------

function tableHtml(grid: Grid, look: Look): string {
  const cells = resolveSpans(grid);
  const width = grid.rows[0].cells.length;
  const labelCols = grid.table.layout === 'rows' ? 3 : grid.table.layout === 'groups' ? 1 : 0;
  const px = (chars: number) => Math.round(chars * look.tablePt * 1.34 + 8);
  const colWidths = Array.from({ length: width }, (_, c) => {
    if (c >= labelCols) return px(look.valueChars);
    if (grid.table.layout === 'rows' && c === 0) return px(look.vertical ? 1 : Math.ceil(look.labelChars / 2));
    if (grid.table.layout === 'rows' && c === 1) return px(look.vertical ? 1.2 : Math.ceil(look.labelChars / 2));
    return px(look.labelChars);
  });
  const total = Math.min(640, colWidths.reduce((a, b) => a + b, 0));
  const border = look.ruled ? 'border:1px solid #000;' : '';
  const headerRows = grid.rows.findIndex((r) => r.kind === 'data');
  const html: string[] = [`<table width="${total}" cellpadding="3" cellspacing="0" style="border-collapse:collapse;font-size:${look.tablePt}pt;">`];
  html.push(`<colgroup>${colWidths.map((w) => `<col width="${w}">`).join('')}</colgroup>`);
  cells.forEach((line, r) => {
    if (look.repeatHeader && grid.table.layout !== 'groups' && r === 0) html.push('<thead>');
    if (look.repeatHeader && grid.table.layout !== 'groups' && r === headerRows) html.push('</thead><tbody>');
    const tr = line.map((h) => {
      const spans = (h.rowSpan > 1 ? ` rowspan="${h.rowSpan}"` : '') + (h.colSpan > 1 ? ` colspan="${h.colSpan}"` : '');
      const w = h.colSpan === 1 ? ` width="${colWidths[h.col]}"` : '';
      const vertical = look.vertical && h.rowSpan > 2 && h.cell.kind === 'label';
      let text = h.cell.text.split('\n').map(esc).join('<br>');
      if (vertical) text = [...h.cell.text].map(esc).join('<br>');
      const align = h.cell.kind === 'label' ? 'left' : 'center';
      return `<td${spans}${w} align="${align}" style="${border}font-family:'${look.font}';font-size:${look.tablePt}pt;">${text}</td>`;
    });
    html.push(`<tr>${tr.join('')}</tr>`);
  });
  if (look.repeatHeader && grid.table.layout !== 'groups') html.push('</tbody>');
  html.push('</table>');
  return html.join('\n');
}

function footerHtml(look: Look): string {
  if (!look.footer) return '';
  const field = '<sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield>';
  return `<div title="footer"><p align="center" style="font-family:'${look.font}';font-size:10.5pt;">${esc(look.footer).replace(/ /g, '&nbsp;').replace('N', field)}</p></div>`;
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function agencyDocument(g: GeneratedReport, look: Look, seed: number): AgencyDocument {
  const src = seeded(seed ^ 0x77aa55);
  const format = getFormat(g.format);
  const truth: TruthTables = JSON.parse(JSON.stringify(g.tables)) as TruthTables;
  const p = (text: string, indent = true) => `<p style="font-family:'${look.font}';font-size:${look.bodyPt}pt;${indent ? 'text-indent:2em;' : ''}">${esc(text)}</p>`;
  const body: string[] = [
    `<p align="center" style="font-family:'${look.font}';font-size:${look.bodyPt + 6}pt;"><b>${esc(g.agency)}${g.year}年政府信息公开工作年度报告</b></p>`,
  ];
  for (const section of g.sections) {
    const def = format.section(section.id);
    body.push(`<p style="font-family:'${look.font}';font-size:${look.bodyPt}pt;text-indent:2em;"><b>${def.numeral}、${esc(def.label)}</b></p>`);
    for (const para of section.paragraphs) body.push(p(para));
    const table = format.tables.find((t) => t.section === section.id);
    if (!table) continue;
    if (table.id === 'review_litigation' && look.narrativeFigures) {
      const rl = g.tables.review_litigation;
      const litigation = rl.litigation_direct.total + rl.litigation_after_review.total;
      body.push(
        p(
          `${g.year}年度，本机关发生政府信息公开行政复议${rl.review.total}件，其中结果维持${rl.review.upheld}件、结果纠正${rl.review.corrected}件、其他结果${rl.review.other}件、尚未审结${rl.review.pending}件；发生政府信息公开行政诉讼${litigation}件，其中结果维持${rl.litigation_direct.upheld + rl.litigation_after_review.upheld}件。具体情况如下：`,
        ),
      );
    }
    const grid = tableGrid(g, table.id);
    if (look.damagedLabels) damageGrid(grid, g.format, src);
    if (table.id === 'applications' && look.groupOneRow && g.format === '2021') groupAsOneRow(grid, truth);
    body.push(tableHtml(grid, look));
  }
  body.push(`<p align="right" style="font-family:'${look.font}';font-size:${look.bodyPt}pt;">${esc(g.agency)}</p>`);
  body.push(`<p align="right" style="font-family:'${look.font}';font-size:${look.bodyPt}pt;">${chineseDate(g.published)}</p>`);
  const head = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${esc(g.agency)}${g.year}年政府信息公开工作年度报告</title></head><body>`;
  return {
    html: `${head}\n${footerHtml(look)}\n${body.join('\n')}\n</body></html>\n`,
    browserHtml: `${head}\n${body.join('\n')}\n</body></html>\n`,
    truth,
  };
}
