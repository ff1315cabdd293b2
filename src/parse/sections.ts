// Narrative sections: headings found by the format's section labels (with or without their
// numbering, 2、 for 二、, misprints), plus numbered headings that match no label (kept with
// id null). Text between headings, outside the tables, is the section's text.

import type { Section } from '../interchange/types.ts';
import { leadingNumbering, normalizeLabel, stripNumbering } from '../model/labels.ts';
import type { Format, SectionDef } from '../model/types.ts';
import type { Block } from '../ingest/types.ts';
import { allowedDistance, editDistance } from './fuzzy.ts';
import { PARSER_SETTINGS } from './settings.ts';

export interface HeadingInfo {
  block: number;
  line: number;
  title: string;
  id: string | null;
  /** Normalised numbering printed before the heading ('二、', '2、', '、', ''). */
  numbering: string;
}

const SECTION_NUMBERING = /^(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.]|[、.])$/;

function matchSection(bare: string, format: Format): SectionDef | null {
  const exact = format.sectionByKey.get(bare);
  if (exact) return exact;
  let best: SectionDef | null = null;
  let bestD = Infinity;
  for (const k of format.sectionKeys) {
    const max = allowedDistance(k.text.length);
    if (max === 0 || Math.abs(bare.length - k.text.length) > max) continue;
    // A misprinted heading keeps its beginning or its end; this spares most edit distances.
    if (bare.charCodeAt(0) !== k.text.charCodeAt(0) && bare.charCodeAt(bare.length - 1) !== k.text.charCodeAt(k.text.length - 1)) continue;
    const d = editDistance(bare, k.text);
    if (d <= max && d < bestD) {
      best = k.section;
      bestD = d;
    }
  }
  return best;
}

/** Is this line a section heading? Returns its id (null for a non-standard numbered heading). */
export function classifyHeading(text: string, format: Format): { id: string | null; numbering: string } | undefined {
  const t = text.trim();
  // Headings are short; long lines (most of the narrative) are not normalised at all.
  if (!t || t.length > PARSER_SETTINGS.maxHeading * 2) return undefined;
  const norm = normalizeLabel(t);
  if (norm.length === 0 || norm.length > PARSER_SETTINGS.maxHeading) return undefined;
  const numbering = leadingNumbering(norm);
  // （一） (1) number sub-headings, never sections.
  if (numbering && !SECTION_NUMBERING.test(numbering)) return undefined;
  const bare = stripNumbering(norm).replace(/[:：。.]$/, '');
  if (!bare) return undefined;
  const s = matchSection(bare, format);
  if (s) return { id: s.id, numbering };
  // A numbered line that matches no section: a heading the report chose itself.
  if (/^[一二三四五六七八九十]+[、.]$/.test(numbering) && bare.length <= 40 && !/[。；]/.test(bare.slice(0, -1))) {
    return { id: null, numbering };
  }
  return undefined;
}

/**
 * Headings and section texts. `inTable(b)` tells whether block b belongs to a table (its text is
 * table content, not narrative).
 */
export function readSections(blocks: Block[], format: Format, inTable: (b: number) => boolean, skip: Set<number>): { sections: Section[]; headings: HeadingInfo[] } {
  const headings: HeadingInfo[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current) {
      current.text = lines.join('\n').trim();
      sections.push(current);
    } else if (lines.some((l) => l.trim())) {
      sections.push({ id: null, title: '', text: lines.join('\n').trim() });
    }
    lines = [];
  };
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.type !== 'paragraph' || inTable(b) || skip.has(b)) continue;
    const text = block.text.replace(/\t+/g, ' ').trim();
    if (!text) continue;
    const h = classifyHeading(text, format);
    if (h) {
      flush();
      const line = block.line ?? b + 1;
      headings.push({ block: b, line, title: text, id: h.id, numbering: h.numbering });
      current = { id: h.id, title: text, text: '', line };
      continue;
    }
    lines.push(text);
  }
  flush();
  return { sections, headings };
}
