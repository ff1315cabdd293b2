export * from './types.ts';
export { formats, getFormat, formatForYear, residual } from './load.ts';
export { normalizeLabel, stripNumbering, chineseNumeral, parseChineseNumeral } from './labels.ts';
export { rowName, columnName, cellName, cellNameOf } from "./names.ts";
