// A report as an ordered document in the national layout: title, the six parts with their
// headings and text, each table inside its part, and the signature. Renderers (Word, HTML/PDF,
// Markdown) walk these parts; none of them decides order or wording on its own.

import type { Report } from '../interchange/types.ts';
import { getFormat } from '../model/load.ts';
import { tableLayout, type TableLayoutGrid } from './table-layout.ts';

export type DocPart =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; layout: TableLayoutGrid }
  | { kind: 'signature'; agency: string | null; date: string | null };

/** 2023-01-16 → 2023年1月16日 */
export function chineseDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export function reportTitle(report: Report): string {
  return `${report.agency ?? ''}${report.year ? `${report.year}年` : ''}政府信息公开工作年度报告`;
}

const SUBHEADING = /^[（(][一二三四五六七八九十]+[)）]\S{1,30}$/;

function paragraphs(text: string): DocPart[] {
  return text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (SUBHEADING.test(t) && !/[。；]/.test(t) ? { kind: 'heading', level: 2, text: t } : { kind: 'paragraph', text: t }) as DocPart);
}

/**
 * The report's parts in the national order. Text under headings of the report's own making (id
 * null) is kept: it follows the official part it came after in the source, under its own title
 * (its numbering dropped, which would clash with the official one), or the preface when it came
 * first. Nothing the report says is lost; the author can move it.
 */
export function documentParts(report: Report): DocPart[] {
  const format = getFormat(report.format);
  const parts: DocPart[] = [{ kind: 'title', text: reportTitle(report) }];
  const own = new Map<string | null, DocPart[]>();
  let current: string | null = null;
  for (const s of report.sections) {
    if (s.id) {
      current = s.id;
      continue;
    }
    const list = own.get(current) ?? [];
    if (s.title) list.push({ kind: 'heading', level: 2, text: s.title.replace(/^\s*(?:[一二三四五六七八九十]+|\d{1,2})?\s*[、.．]\s*/, '') || s.title });
    list.push(...paragraphs(s.text));
    own.set(current, list);
  }
  parts.push(...(own.get(null) ?? []));
  for (const section of format.sections) {
    parts.push({ kind: 'heading', level: 1, text: `${section.numeral}、${section.label}` });
    const texts = report.sections.filter((s) => s.id === section.id).map((s) => s.text).filter(Boolean);
    for (const t of texts) parts.push(...paragraphs(t));
    for (const table of format.tables.filter((t) => t.section === section.id)) {
      parts.push({ kind: 'table', layout: tableLayout(table, { values: report.tables[table.id], cells: report.cells }) });
    }
    parts.push(...(own.get(section.id) ?? []));
  }
  parts.push({ kind: 'signature', agency: report.agency, date: chineseDate(report.published) });
  return parts;
}
