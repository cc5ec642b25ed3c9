import { decodeDataFile } from '../contract/decode.ts';
import { IngestError } from './errors.ts';

/**
 * An error page is the usual impostor: a proxy or a CMS answers 200 with HTML. Its title, when
 * it has one, tells the maintainer what happened ("502 Bad Gateway", "Page not found").
 */
function htmlPageDescription(text: string, contentType: string | null): string | null {
  // A misconfigured server may label good CSV text/html, so the type alone does not condemn it.
  const looksLikeMarkup =
    /^\s*</.test(text) || (/html/i.test(contentType ?? '') && /<(html|head|body)\b/i.test(text));
  if (!looksLikeMarkup) return null;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  return title ? `an HTML page ("${title.replace(/\s+/g, ' ')}")` : 'an HTML or XML page';
}

/**
 * Decodes a fetched file and checks that it is what its name says: CSV or JSON text, not an
 * empty body, not binary, not an HTML error page. Returns the text without a byte-order mark.
 */
export function checkFileBody(
  location: string,
  bytes: Uint8Array,
  contentType: string | null,
): string {
  const kind = location.toLowerCase().endsWith('.json') ? 'JSON' : 'CSV';
  const decoded = decodeDataFile(location, bytes);
  if ('issue' in decoded) {
    throw new IngestError(
      `${location} is not ${kind}: ${decoded.issue.message} (line ${decoded.issue.line})`,
    );
  }
  const { text } = decoded;
  if (text.trim() === '') throw new IngestError(`${location} is empty; expected ${kind}`);
  const page = htmlPageDescription(text, contentType);
  if (page) {
    throw new IngestError(
      `${location} is ${page}, not ${kind}; the source may be down or the address wrong`,
    );
  }
  if (text.includes('\0')) throw new IngestError(`${location} is binary, not ${kind}`);
  if (kind === 'JSON') {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new IngestError(`${location} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return text;
}
