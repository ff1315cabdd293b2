// The original as the readers read it (text only, nothing from the document runs): lines and
// paragraphs with their numbers, tables as grids; the line or table cell a value came from is
// marked and scrolled into view.

import { useEffect, useRef } from 'react';
import type { Provenance, SourceBlock } from '../types.ts';

interface Props {
  blocks: SourceBlock[];
  target: Provenance | null;
  /** Provenance rows and columns are 1-based; the blocks' grid is 0-based. A line to mark when no cell is selected (a finding's line). */
  line: number | null;
}

export function SourceBlocks({ blocks, target, line }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('.marked')?.scrollIntoView({ block: 'center', behavior: 'instant' });
  }, [target, line]);
  const inTable = target?.table !== undefined && target.row !== undefined && target.col !== undefined;
  const markLine = inTable ? null : (target?.line ?? line);
  return (
    <div ref={ref} aria-label="原件内容">
      {blocks.map((b, i) => {
        if (b.type === 'paragraph') {
          const marked = markLine !== null && b.line === markLine;
          return (
            <div key={i} className={`source-line${marked ? ' marked' : ''}`} data-line={b.line} aria-current={marked ? 'true' : undefined}>
              <span className="ln" aria-hidden="true">
                {b.line}
              </span>
              <span>{b.text || '\u00a0'}</span>
            </div>
          );
        }
        return (
          <table key={i} className="source-table" aria-label={`原件表格 ${b.table}`}>
            <tbody>
              {b.rows.map((row, ri) => (
                <tr key={ri}>
                  {row.map((c) => {
                    const marked = inTable ? target.table === b.table && target.row === c.row + 1 && target.col === c.col + 1 : markLine !== null && c.line === markLine;
                    return (
                      <td key={c.col} rowSpan={c.rowSpan} colSpan={c.colSpan} className={marked ? 'marked' : undefined} aria-current={marked ? 'true' : undefined}>
                        {c.text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
