// Page numbers as documents print them, one definition for every reader: the PDF reader leaves
// them out of the page's margins, the text tokenizer drops them where a page break fell inside a
// table. "— 3 —", "- 3 -", "~ 3 ~", "·3·", "第3页", "第3页 共6页", "共6页 第3页", "3/6", "3／6",
// "Page 3 of 6". In a page's margin a number alone ("3") or with a dash on one side is one too;
// elsewhere those are values (a cell "3", 本年增/减 "-20").

/** Characters set around a page number. */
const DECOR = '\\-—–－_~～·•';
/** Decorated on both sides: — 3 —, ~ 3 ~, ·3·. */
const BOTH_SIDES = new RegExp(`^[${DECOR}]+\\s*\\d{1,4}\\s*[${DECOR}]+$`);
/** In a margin: decorated on either side, or not at all. */
const LOOSE = new RegExp(`^[${DECOR}\\s]*\\d{1,4}[${DECOR}\\s]*$`);
/** Page of pages: 第3页 共6页, 共6页 第3页, 3/6, Page 3 of 6. */
const OF_PAGES = [
  /^第\s*\d{1,4}\s*页\s*([,，/／]?\s*共\s*\d{1,4}\s*页)?$/,
  /^共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^page\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i,
];
/** First printed characters a page mark can have (besides digits). */
const FIRST = new Set([...'-—–－_~～·•第共Pp'].map((c) => c.charCodeAt(0)));

/** Characters String.prototype.trim removes (white space and line terminators). */
function isTrimmed(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Is this line a page number? `inMargin`: the line stands in a page's top or bottom margin,
 * where a bare number or one dashed on one side is a page number too.
 */
export function isPageMark(text: string, options: { inMargin?: boolean } = {}): boolean {
  if (text.length > 48) return false;
  // Decided on the first printed character before anything is allocated: most lines are cells.
  let i = 0;
  while (i < text.length && isTrimmed(text.charCodeAt(i))) i++;
  const c0 = text.charCodeAt(i);
  if (c0 >= 48 && c0 <= 57) {
    if (!options.inMargin && text.indexOf('/', i) < 0 && text.indexOf('／', i) < 0) return false;
  } else if (!FIRST.has(c0)) return false;
  const t = text.replace(/\t/g, ' ').trim();
  if (t.length > 24) return false;
  for (const re of OF_PAGES) if (re.test(t)) return true;
  return options.inMargin ? LOOSE.test(t) : BOTH_SIDES.test(t);
}
