// Word's list numbering as readers of Chinese reports see it: "（一）", "壹", "①" are the numbers that
// tell the parser which row a label is, so each format must give the text Word shows.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber } from '../src/ingest/docx/number-format.ts';

const cases: [string, number, string][] = [
  ['chineseCounting', 1, '一'],
  ['chineseCounting', 10, '十'],
  ['chineseCounting', 11, '十一'],
  ['chineseCounting', 20, '二十'],
  ['chineseCounting', 101, '一百零一'],
  ['chineseCounting', 110, '一百一十'],
  ['chineseCountingThousand', 1005, '一千零五'],
  ['taiwaneseCounting', 3, '三'],
  ['japaneseCounting', 7, '七'],
  ['chineseLegalSimplified', 1, '壹'],
  ['chineseLegalSimplified', 10, '壹拾'],
  ['chineseLegalSimplified', 105, '壹佰零伍'],
  ['ideographDigital', 2021, '二〇二一'],
  ['taiwaneseDigital', 10, '一〇'],
  ['ideographTraditional', 1, '甲'],
  ['ideographTraditional', 11, '甲'],
  ['ideographZodiac', 13, '子'],
  ['decimalZero', 5, '05'],
  ['decimalZero', 12, '12'],
  ['decimalFullWidth', 12, '１２'],
  ['decimalFullWidth2', 3, '３'],
  ['upperLetter', 1, 'A'],
  ['upperLetter', 27, 'AA'],
  ['upperLetter', 28, 'BB'],
  ['lowerLetter', 2, 'b'],
  ['upperRoman', 4, 'IV'],
  ['upperRoman', 1994, 'MCMXCIV'],
  ['lowerRoman', 9, 'ix'],
  ['decimalEnclosedCircle', 1, '①'],
  ['decimalEnclosedCircleChinese', 20, '⑳'],
  ['ideographEnclosedCircle', 1, '㊀'],
  ['decimalEnclosedFullstop', 1, '⒈'],
  ['decimalEnclosedParen', 1, '⑴'],
  ['decimal', 7, '7'],
  ['none', 3, ''],
  ['bullet', 3, ''],
];

test('every list number format gives the text Word shows', () => {
  for (const [fmt, n, text] of cases) assert.equal(formatNumber(n, fmt), text, `${fmt} ${n}`);
});

test('values a format cannot show come out as plain digits, never as garbage or a huge string', () => {
  assert.equal(formatNumber(0, 'chineseCounting'), '0');
  assert.equal(formatNumber(10000, 'chineseCounting'), '10000');
  assert.equal(formatNumber(0, 'upperRoman'), '0');
  assert.equal(formatNumber(4000, 'upperRoman'), '4000');
  assert.equal(formatNumber(0, 'upperLetter'), '0');
  assert.equal(formatNumber(26 * 30 + 1, 'lowerLetter'), String(26 * 30 + 1));
  assert.equal(formatNumber(21, 'decimalEnclosedCircle'), '21');
  assert.equal(formatNumber(11, 'ideographEnclosedCircle'), '11');
  assert.equal(formatNumber(0, 'ideographTraditional'), '0');
  assert.equal(formatNumber(0, 'ideographZodiac'), '0');
  assert.equal(formatNumber(7, 'hebrew1'), '7');
});
