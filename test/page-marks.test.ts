// Page numbers, one definition for the PDF reader (page margins) and the text tokenizer (page
// breaks inside tables): src/ingest/page-marks.ts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPageMark } from '../src/ingest/page-marks.ts';
import { isPageNumber } from '../src/ingest/pdf/margins.ts';
import { parseText } from '../src/pipeline.ts';
import { table3 } from './support/table-text.ts';

const MARKS = ['— 3 —', '- 3 -', '－3－', '~ 3 ~', '～3～', '·3·', '• 12 •', '第3页', '第 3 页 共 6 页', '第3页，共6页', '第3页／共6页', '共6页 第3页', '3/6', '3／6', '3 / 6', 'Page 3 of 6', 'page 3/6', '  — 3 —  '];
const VALUES = ['3', '-20', '20', '3.5', '１２', '予以公开', '第三方', '2023年', '3-6', '共计6件'];

describe('页码', () => {
  it('各种印法都认作页码（正文中和页边上一样）', () => {
    for (const m of MARKS) {
      assert.ok(isPageMark(m), m);
      assert.ok(isPageNumber(m), `页边：${m}`);
    }
  });

  it('正文中的数和文字不是页码；页边上单独的数或一侧带横线的数是', () => {
    for (const v of VALUES) assert.ok(!isPageMark(v), v);
    assert.ok(isPageNumber('3'));
    assert.ok(isPageNumber('- 3'));
    assert.ok(!isPageNumber('予以公开'));
    assert.ok(!isPageNumber('2023年'));
  });

  it('表格中间的页码不当作数读入（PDF 文本里换页处）', () => {
    const one = [1, 0, 0, 0, 0, 0, 1];
    for (const mark of ['·3·', '~ 3 ~', '3／6', '第3页 共6页']) {
      const text = table3({ new_received: one, granted: one, results_total: one }).replace('（二）部分公开', `${mark}\n（二）部分公开`);
      const r = parseText(text, { check: false });
      assert.deepEqual(Object.values(r.tables.applications.granted), one, mark);
      assert.deepEqual(r.diagnostics, [], mark);
    }
  });
});
