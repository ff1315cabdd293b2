// Lightweight markup in text sources: Markdown (from converters, from Gongkai's own Markdown
// output) marks headings with #, quotes with >, emphasis with ** and escapes with \. The words
// are what the parser reads; the marks are dropped before tokenizing, line numbers unchanged.

const MARKS = /[#>*_\\]/;
const HEADING = /^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$/g;
const QUOTE = /^ {0,3}>[ \t]?/;
const EMPHASIS = /\*\*(\S(?:.*?\S)?)\*\*|__(\S(?:.*?\S)?)__/g;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|>~])/g;

/** A text line without Markdown marks (unchanged when it has none). */
export function plainLine(text: string): string {
  if (!MARKS.test(text)) return text;
  let t = text.replace(QUOTE, '');
  if (/^ {0,3}#{1,6}[ \t]/.test(t)) t = t.replace(HEADING, '');
  t = t.replace(EMPHASIS, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '');
  // Escaped pipes stay escaped: the table splitter needs to tell them from cell separators.
  return t.replace(ESCAPE, (m, c: string) => (c === '|' ? m : c));
}
