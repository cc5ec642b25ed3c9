import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The one family every chart and social image draws with. A name of our own, not "Source Sans
 * 3", so a copy of the font installed on the machine can never stand in for the bundled files.
 */
export const CHART_FONT_FAMILY = 'DDA Chart Sans';

const FONT_FILES = [
  '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff2',
  '@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff2',
];

let fontDigest: string | null = null;

/**
 * Registers the bundled font once per process and returns a digest of its files, which goes
 * into every image's cache key: a new font release draws new images.
 */
export function registerChartFont(): string {
  if (fontDigest === null) {
    const require = createRequire(import.meta.url);
    const hash = createHash('sha256');
    for (const specifier of FONT_FILES) {
      const path = require.resolve(specifier);
      hash.update(readFileSync(path));
      GlobalFonts.registerFromPath(path, CHART_FONT_FAMILY);
    }
    if (!GlobalFonts.has(CHART_FONT_FAMILY)) {
      throw new Error(`could not register the chart font from ${FONT_FILES.join(', ')}`);
    }
    fontDigest = hash.digest('hex').slice(0, 16);
  }
  return fontDigest;
}
