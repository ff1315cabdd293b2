// Genuine inputs the hostile cases start from (small files in test/fixtures, hand-checked there).

import { resolve } from 'node:path';
import { ROOT } from '../../support/seeds.ts';

const fixture = (kind: string, file: string) => resolve(ROOT, 'test/fixtures', kind, file);

/** A UTF-8 text report (pdftotext -layout of a fixture whose every cell is written down by hand). */
export const FIXTURE_TEXT = fixture('text', 'heting-scjg-2021.pdftotext-layout.txt');
/** Its hand-written expectation. */
export const FIXTURE_EXPECTED = fixture('html', 'heting-scjg-2021.expected.json');
export const FIXTURE_HTML = fixture('html', 'heting-scjg-2021.html');
export const FIXTURE_DOC = fixture('doc', 'word-merged.doc');
export const FIXTURE_DOCX = fixture('docx', 'word-merged.docx');
export const FIXTURE_PDF = fixture('pdf', 'heting-scjg-2021.pdf');
