// Word (.docx) cases: packages built around a document.xml written to strain the reader (stored
// uncompressed, so the compression-ratio check lets them through to the XML scanner), and a
// genuine package cut off or with its compressed data zeroed.

import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { FIXTURE_DOCX } from './sources.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const para = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const TITLE = para('某某县教育局2023年政府信息公开工作年度报告');

/** A Word package whose body is `body` (stored, not compressed). */
export function wordPackage(body: string): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${TITLE}${body}</w:body></w:document>`;
  return zipSync(
    { '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(document) },
    { level: 0 },
  );
}

/** An attribute quote that never closes, then `count` '>' characters. */
export function unterminatedQuote(count: number): Uint8Array {
  return wordPackage(`<w:p w:rsidR="00A1${'>'.repeat(count)}`);
}

/** `count` field starts that never end, each followed by a run of text. */
export function unclosedFields(count: number): Uint8Array {
  return wordPackage(`<w:p>${'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>1</w:t></w:r>'.repeat(count)}</w:p>`);
}

/** Tables nested `depth` deep, each in the first cell of the one around it. */
export function nestedTables(depth: number): Uint8Array {
  const open = '<w:tbl><w:tr><w:tc><w:p/>';
  const close = '</w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
  return wordPackage(open.repeat(depth) + close.repeat(depth));
}

/** Text boxes nested `depth` deep. */
export function nestedTextBoxes(depth: number): Uint8Array {
  return wordPackage('<w:p><w:r><w:txbxContent><w:p>'.repeat(depth) + '</w:p></w:txbxContent></w:r></w:p>'.repeat(depth));
}

/** `count` opaque elements (table properties) that are never closed. */
export function unclosedOpaque(count: number): Uint8Array {
  return wordPackage('<w:tbl>' + '<w:tblPr><w:tblW w:w="0"/>'.repeat(count));
}

/** One start tag whose attribute part is `chars` name characters with no '=' (a runaway attribute). */
export function runawayAttribute(chars: number): Uint8Array {
  return wordPackage(`<w:fldChar ${'a'.repeat(chars)}/>`);
}

/** A table row of `cells` cells each claiming to span 1000 grid columns. */
export function wideSpans(cells: number): Uint8Array {
  const cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>';
  return wordPackage(`<w:tbl><w:tr>${cell.repeat(cells)}</w:tr><w:tr>${cell.repeat(cells)}</w:tr></w:tbl>`);
}

/** A processing instruction or comment before the root that never ends (found by fuzzing: the prolog scan looped). */
export function openProlog(opener: '<?pi ' | '<!-- '): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8"?>${opener}<w:document xmlns:w="${W}"><w:body>${TITLE}</w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(document) });
}

/** Many paragraphs with a list number format that repeats a letter for large values. */
export function entityBomb(): Uint8Array {
  const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
  const document = `<?xml version="1.0"?>${lol}<w:document xmlns:w="${W}"><w:body>${para('&lol2;')}</w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(document) });
}

/** The genuine package cut off after `share` of its bytes. */
export function truncatedDocx(share: number): Uint8Array {
  const b = readFileSync(FIXTURE_DOCX);
  return b.subarray(0, Math.floor(b.length * share));
}

/** The genuine package with the compressed data of word/document.xml overwritten with zeros. */
export function zeroedDeflate(): Uint8Array {
  const b = Buffer.from(readFileSync(FIXTURE_DOCX));
  // The central directory entry (the local header's sizes may be zero when a data descriptor follows).
  const name = Buffer.from('word/document.xml');
  let cd = b.lastIndexOf(name);
  while (cd >= 0 && b.readUInt32LE(cd - 46) !== 0x02014b50) cd = b.lastIndexOf(name, cd - 1);
  const size = b.readUInt32LE(cd - 46 + 20);
  const lh = b.readUInt32LE(cd - 46 + 42);
  const start = lh + 30 + b.readUInt16LE(lh + 26) + b.readUInt16LE(lh + 28);
  b.fill(0, start, start + size);
  return b;
}
