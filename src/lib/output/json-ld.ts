/**
 * Serialises JSON-LD for a `<script type="application/ld+json">` element. Every `<`, `>` and `&`
 * becomes a JSON unicode escape, so no data can close the element (`</script>` in any letter
 * case) or open a comment; U+2028/U+2029 are escaped for old JavaScript parsers.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
