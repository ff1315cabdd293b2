// The report as Markdown for plain-text use (mail, chat, a wiki, a code review of the data): the
// title and part headings as # headings, paragraphs as text, each table as a pipe table over the
// grid of the national layout. Pipe tables cannot merge cells: a merged cell prints its text in
// its first position and leaves the positions it covers empty, which both Markdown viewers and
// Gongkai's own text reader take as the national table.

import type { Report } from '../interchange/types.ts';
import { documentParts, type DocPart } from './document.ts';
import { escapeMarkdown } from './escape.ts';
import { expandGrid, type TableLayoutGrid } from './table-layout.ts';

export interface MarkdownOptions {
  /** A draft: a 草稿 notice under the title. */
  draft?: boolean;
}

/** Text for a pipe-table cell: one line, escaped (pipes included). */
export function markdownCell(text: string): string {
  return escapeMarkdown(text);
}

/** A paragraph: one line, escaped, nothing at its start that Markdown would read as structure. */
export function markdownParagraph(text: string): string {
  return escapeMarkdown(text);
}

function tableMarkdown(layout: TableLayoutGrid): string {
  const grid = expandGrid(layout);
  const lines = grid.map((row, r) => {
    const cells = row.map((cell, c) => (cell && cell.row === r && cell.col === c ? markdownCell(cell.text) : ''));
    return `| ${cells.join(' | ')} |`;
  });
  // Markdown wants one header row: the first grid row; the remaining header rows follow it.
  const separator = `|${' --- |'.repeat(layout.columns)}`;
  return [lines[0], separator, ...lines.slice(1)].join('\n');
}

function partMarkdown(part: DocPart): string {
  switch (part.kind) {
    case 'title':
      return `# ${markdownParagraph(part.text)}`;
    case 'heading':
      return `${part.level === 1 ? '##' : '###'} ${markdownParagraph(part.text)}`;
    case 'paragraph':
      return markdownParagraph(part.text);
    case 'table':
      return tableMarkdown(part.layout);
    case 'signature':
      return [part.agency, part.date]
        .filter((x): x is string => !!x)
        .map(markdownParagraph)
        .join('\n\n');
  }
}

/** The report as Markdown text. */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const blocks = documentParts(report).map(partMarkdown).filter(Boolean);
  if (opts.draft) blocks.splice(1, 0, '> **草稿**：未经发布核查，不得作为正式文本发布。');
  return blocks.join('\n\n') + '\n';
}
