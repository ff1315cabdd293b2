// Paragraph styles (word/styles.xml), only as far as list numbering needs them: a style may carry
// numbering (w:numPr), directly or through the styles it is based on.

import { parseXml, type XmlPart } from './xml.ts';

export interface NumPr {
  numId?: string;
  ilvl?: number;
}

interface StyleDef {
  basedOn?: string;
  numPr?: NumPr;
}

export interface ParagraphStyles {
  /** The default paragraph style's id. */
  defaultId?: string | undefined;
  /** Numbering of a paragraph style, following w:basedOn; undefined when it has none. */
  numPr(styleId: string | undefined): NumPr | undefined;
}

/** Elements whose content describes an earlier revision, not the document. */
export const REVISION_RECORDS = new Set([
  'w:pPrChange', 'w:rPrChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange',
  'w:sectPrChange', 'w:tblGridChange', 'w:tblPrExChange', 'w:numberingChange',
]);

export function readStyles(xml: XmlPart | null): ParagraphStyles {
  const styles = new Map<string, StyleDef>();
  let defaultId: string | undefined;
  if (xml) {
    let current: StyleDef | null = null;
    let inPPr = false;
    let skip = 0;
    parseXml(xml, {
      open(name, a) {
        if (skip) return void (skip += 1);
        if (REVISION_RECORDS.has(name)) return void (skip = 1);
        switch (name) {
          case 'w:style':
            if (a['w:type'] === 'paragraph' && a['w:styleId']) {
              current = {};
              styles.set(a['w:styleId'], current);
              if (a['w:default'] === '1' || a['w:default'] === 'true') defaultId = a['w:styleId'];
            } else current = null;
            break;
          case 'w:basedOn':
            if (current) current.basedOn = a['w:val'];
            break;
          case 'w:pPr':
            inPPr = true;
            break;
          case 'w:numId':
            if (current && inPPr) (current.numPr ??= {}).numId = a['w:val'];
            break;
          case 'w:ilvl':
            if (current && inPPr) (current.numPr ??= {}).ilvl = Number(a['w:val']) || 0;
            break;
        }
      },
      close(name) {
        if (skip) return void (skip -= 1);
        if (name === 'w:pPr') inPPr = false;
        else if (name === 'w:style') current = null;
      },
    });
  }
  const cache = new Map<string, NumPr | undefined>();
  function numPr(styleId: string | undefined): NumPr | undefined {
    if (!styleId) return undefined;
    if (cache.has(styleId)) return cache.get(styleId);
    let result: NumPr | undefined;
    const seen = new Set<string>();
    let id: string | undefined = styleId;
    while (id !== undefined && !seen.has(id)) {
      seen.add(id);
      const s = styles.get(id);
      if (!s) break;
      if (s.numPr) {
        result = { ...s.numPr, ...result };
        if (result.numId !== undefined && result.ilvl !== undefined) break;
      }
      id = s.basedOn;
    }
    cache.set(styleId, result);
    return result;
  }
  return { defaultId, numPr };
}
