// The typography of Chinese official documents (GB/T 9704) as the Word renderer applies it: A4,
// margins, the text block, fonts with their fallbacks, sizes and line spacing.

import { TextRun, type IRunOptions } from 'docx';

/** Millimetres to twips (1/20 pt). */
export const mm = (x: number): number => Math.round((x * 1440) / 25.4);
/** Points to half-points (the unit of w:sz). */
export const pt = (x: number): number => Math.round(x * 2);

export const PAGE = { width: mm(210), height: mm(297) };
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
/** Width of the text block: 156 mm. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** Font names as printed in official documents, with the name Word falls back to when missing. */
export const FONT = {
  title: { name: '方正小标宋简体', alt: '宋体' },
  body: { name: '仿宋_GB2312', alt: '仿宋' },
  heading1: { name: '黑体', alt: 'SimHei' },
  heading2: { name: '楷体_GB2312', alt: '楷体' },
  pageNumber: { name: '宋体', alt: 'SimSun' },
} as const;

export type FontSpec = (typeof FONT)[keyof typeof FONT];

/** Sizes in points: 二号 22, 三号 16, 四号 14, 五号 10.5. */
export const SIZE = { title: 22, body: 16, pageNumber: 14, table: 10.5 } as const;
/** Fixed line spacing of the body: 22 lines on the 225 mm text block (28.95 pt). */
export const LINE = 579;
/** Line spacing inside tables (13 pt for 五号). */
export const TABLE_LINE = 260;
/** Left and right padding of table cells (1 mm). */
export const CELL_PAD = mm(1);

/** One font for every script, with East Asian as the hint for shared punctuation (“ ” — …). */
export function fonts(font: FontSpec) {
  return { ascii: font.name, hAnsi: font.name, eastAsia: font.name, cs: font.name, hint: 'eastAsia' };
}

export function run(text: string, font: FontSpec, size: number, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: fonts(font), size: pt(size), ...extra });
}
