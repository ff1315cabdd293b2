// Document properties (docProps/core.xml). Only the title is passed on: the author field names
// whoever made the file or its template (often "Administrator"), and its dates are when the file
// was saved, not when the report was published, so neither is evidence about the report.

import type { SourceMetadata } from '../types.ts';
import { parseXml, type XmlPart } from './xml.ts';

export function readProperties(xml: XmlPart | null): SourceMetadata | undefined {
  if (!xml) return undefined;
  let inTitle = false;
  let title = '';
  parseXml(xml, {
    open(name) {
      if (name === 'dc:title') inTitle = true;
    },
    close(name) {
      if (name === 'dc:title') inTitle = false;
    },
    text(s) {
      if (inTitle) title += s;
    },
  });
  title = title.trim();
  return title ? { title } : undefined;
}
