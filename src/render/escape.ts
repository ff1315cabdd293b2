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
