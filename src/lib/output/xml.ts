/**
 * C0 controls other than tab, line feed and carriage return, and U+FFFE/U+FFFF: XML 1.0 does
 * not allow them even escaped, so they are dropped.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Only the characters XML 1.0 allows: forbidden controls dropped, a lone surrogate as U+FFFD. For
 * text that a library escapes itself but passes these through (@astrojs/rss).
 */
export function xmlChars(text: string): string {
  return text.toWellFormed().replace(NOT_XML_CHAR, '');
}

/** Text safe inside an XML or SVG element and inside a quoted attribute value. */
export function escapeXml(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

const HTML_TEXT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text as HTML text that shows it as written (quotes matter only inside attributes): for feed
 * titles and descriptions, which feed readers read as HTML once the feed's XML is undone.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => HTML_TEXT_ENTITIES[char]!);
}
