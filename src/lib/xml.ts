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
 * Text safe inside an XML or SVG element and inside a quoted attribute value. A lone surrogate
 * (not allowed in XML either) becomes U+FFFD.
 */
export function escapeXml(text: string): string {
  return text
    .toWellFormed()
    .replace(NOT_XML_CHAR, '')
    .replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
