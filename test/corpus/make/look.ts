// How an agency lays out its report (the "look" of a document in the corpus), drawn from a seed:
// fonts and sizes, column widths that wrap row labels, group labels printed one character per
// line (vertical), ruled or unruled tables, page footers, repeated table headers; and what the
// agency or its tools did to the content: damaged labels, a group printed as one row, a sentence
// stating the table's figures beside the table.

import { seeded, type Source } from '../../support/random.ts';

export interface Look {
  /** CSS font family of the whole document. */
  font: string;
  bodyPt: number;
  tablePt: number;
  /** Table borders drawn. */
  ruled: boolean;
  /** Width of the row-label columns, in characters of the table font (narrow ones wrap). */
  labelChars: number;
  /** Width of a value column, in characters. */
  valueChars: number;
  /** Group labels (三、本年度办理结果, （三）不予公开 …) printed one character per line. */
  vertical: boolean;
  /** Page footer, with N for the page number; '' for none. */
  footer: string;
  /** Header rows repeated on every page (thead). */
  repeatHeader: boolean;
  /** Some row labels damaged (a character dropped or changed, a space or break inside, 2019 wording). */
  damagedLabels: boolean;
  /** 2021 表三's （六）其他处理 printed as one row without its sub-rows. */
  groupOneRow: boolean;
  /** A sentence stating 表四's figures right above it. */
  narrativeFigures: boolean;
}

const FONTS = ['AR PL UMing CN', 'WenQuanYi Zen Hei', 'Noto Serif CJK SC', 'Noto Sans CJK SC', 'AR PL UKai CN'];
const FOOTERS = ['- N -', '— N —', '第 N 页', '-N-', ''];

export function drawLook(seed: number, format: '2021' | '2019'): Look {
  const src: Source = seeded(seed ^ 0x1f2e3d4c);
  return {
    font: src.pick(FONTS),
    bodyPt: src.pick([12, 14, 16]),
    tablePt: src.pick([9, 10.5, 11, 12]),
    ruled: src.chance(0.8),
    labelChars: src.pick([6, 8, 10, 14, 24]),
    valueChars: src.pick([2, 3, 4, 6]),
    vertical: src.chance(0.6),
    footer: src.pick(FOOTERS),
    repeatHeader: src.chance(0.5),
    damagedLabels: src.chance(0.5),
    groupOneRow: format === '2021' && src.chance(0.4),
    narrativeFigures: src.chance(0.5),
  };
}

export function describeLook(l: Look): string {
  const parts = [
    l.font,
    `${l.tablePt}pt`,
    l.ruled ? '有表线' : '无表线',
    `标签列 ${l.labelChars} 字宽`,
    `数值列 ${l.valueChars} 字宽`,
    l.vertical ? '组标签竖排' : '',
    l.footer ? `页脚“${l.footer}”` : '',
    l.repeatHeader ? '表头跨页重复' : '',
    l.damagedLabels ? '标签受损' : '',
    l.groupOneRow ? '（六）印成一行' : '',
    l.narrativeFigures ? '表前正文复述数字' : '',
  ];
  return parts.filter(Boolean).join('，');
}
