// Text made safe for the documents Gongkai writes. Report text comes from outside (a parsed file,
// a form): it may hold markup, quotes, ampersands or control characters, and must print as text.

// C0 controls other than tab, line feed and carriage return, DEL, C1 controls, lone surrogates and
// the non-characters U+FFFE/U+FFFF: not allowed in XML and meaningless in a report.
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without characters that no document format can carry. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const MARKDOWN_HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text for Markdown (a paragraph, a heading's text or a pipe-table cell): one line, shown as the
 * text it is. Raw HTML (<script>, <iframe>, <img onerror=…>) becomes entities; the characters of
 * links, images, emphasis, code and tables are escaped with a backslash ([x](javascript:…) is no
 * link); and nothing at the line's start reads as a heading, list, quote or rule.
 */
export function escapeMarkdown(text: string): string {
  const line = printable(text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const inline = line.replace(/[\\`*_[\]|~]/g, '\\$&').replace(/[&<>]/g, (c) => MARKDOWN_HTML[c]);
  return inline.replace(/^(#{1,6}(?=\s|$)|[-+](?=\s|$)|=+$|-+$)/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
