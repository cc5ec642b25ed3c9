/**
 * How much a PDF may make the reader do. A weekly report is a few hundred kilobytes that
 * expand to a few megabytes; a hostile or broken file can be small and expand to gigabytes
 * (a decompression bomb) or draw millions of glyphs. Each limit has a setting, and a refusal
 * names both, as the download limit (INGEST_MAX_BYTES) does.
 */
import { constants, inflateSync } from 'node:zlib';
import { PdfReportError } from './errors.ts';

export interface PdfLimits {
  /** Pages read. */
  maxPages: number;
  /** Bytes that the file's compressed streams may expand to, all together. */
  maxDecodedBytes: number;
  /** Glyphs drawn, all pages together. */
  maxGlyphs: number;
  /** Memory the reader may add to the process, in bytes. */
  maxMemoryBytes: number;
  /** Time the reader may take, in milliseconds. */
  timeoutMs: number;
}

/** Each limit's environment setting, and how a refusal describes what went over it. */
export const PDF_LIMIT_SETTINGS: Record<keyof PdfLimits, { env: string; what: string }> = {
  maxPages: { env: 'INGEST_PDF_MAX_PAGES', what: 'pages' },
  maxDecodedBytes: { env: 'INGEST_PDF_MAX_DECODED_BYTES', what: 'bytes of decoded streams' },
  maxGlyphs: { env: 'INGEST_PDF_MAX_GLYPHS', what: 'glyphs' },
  maxMemoryBytes: { env: 'INGEST_PDF_MAX_MEMORY_BYTES', what: 'bytes of memory' },
  timeoutMs: { env: 'INGEST_PDF_TIMEOUT_MS', what: 'milliseconds' },
};

/** Far above any weekly report (35 pages, about 60,000 glyphs, 2 MB of streams, 1 s). */
export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxPages: 500,
  maxDecodedBytes: 200 * 1024 * 1024,
  maxGlyphs: 2_000_000,
  maxMemoryBytes: 1024 * 1024 * 1024,
  timeoutMs: 120_000,
};

/** A PDF that asks more of the reader than a limit allows. */
export class PdfLimitError extends PdfReportError {
  readonly limit: keyof PdfLimits;
  readonly value: number;
  readonly detail: string;

  constructor(limit: keyof PdfLimits, value: number, detail: string) {
    const { env, what } = PDF_LIMIT_SETTINGS[limit];
    super(
      null,
      `${detail}, more than the limit of ${value} ${what} (${env}); a weekly report is far smaller, so this PDF is not read`,
    );
    this.name = 'PdfLimitError';
    this.limit = limit;
    this.value = value;
    this.detail = detail;
  }
}

const latin1 = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from)).toString('latin1');

/** Where each stream's data starts and ends, and whether its first filter is Flate. */
function* streams(bytes: Uint8Array): Generator<{ from: number; to: number; flate: boolean }> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = 0;
  while (true) {
    const keyword = text.indexOf('stream', at, 'latin1');
    if (keyword < 0) return;
    at = keyword + 6;
    // "endstream" is not a stream's start.
    if (keyword >= 3 && latin1(bytes, keyword - 3, keyword) === 'end') continue;
    let from = at;
    if (bytes[from] === 0x0d) from++;
    if (bytes[from] !== 0x0a && bytes[at] !== 0x0d) continue;
    if (bytes[from] === 0x0a) from++;
    const end = text.indexOf('endstream', from, 'latin1');
    if (end < 0) return;
    // The stream's dictionary ends just before the keyword; its filter is named there.
    const dictionary = latin1(bytes, Math.max(0, keyword - 600), keyword);
    const own = dictionary.slice(dictionary.lastIndexOf('obj') + 1);
    const filter = /\/Filter\s*\[?\s*\/(\w+)/.exec(own)?.[1];
    yield { from, to: end, flate: filter === 'FlateDecode' || filter === 'Fl' };
    at = end + 9;
  }
}

/**
 * Expands every Flate stream of the file, stopping as soon as they come to more than the
 * decoded-bytes limit, which PDF.js would otherwise find out by running out of memory.
 * Streams that do not inflate (encrypted ones, damaged ones) are left to PDF.js.
 */
export function checkDecodedSize(bytes: Uint8Array, limits: PdfLimits): number {
  let total = 0;
  for (const stream of streams(bytes)) {
    if (!stream.flate) continue;
    const room = limits.maxDecodedBytes - total;
    try {
      total += inflateSync(bytes.subarray(stream.from, stream.to), {
        maxOutputLength: Math.max(1, room + 1),
        finishFlush: constants.Z_SYNC_FLUSH,
      }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue;
      total = limits.maxDecodedBytes + 1;
    }
    if (total > limits.maxDecodedBytes) {
      throw new PdfLimitError(
        'maxDecodedBytes',
        limits.maxDecodedBytes,
        `the PDF's compressed streams expand to at least ${total} bytes`,
      );
    }
  }
  return total;
}

/** The limits, with any the environment sets; a setting that is not a whole number is refused. */
export function pdfLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): PdfLimits {
  const limits = { ...DEFAULT_PDF_LIMITS };
  for (const key of Object.keys(PDF_LIMIT_SETTINGS) as (keyof PdfLimits)[]) {
    const text = env[PDF_LIMIT_SETTINGS[key].env];
    if (text === undefined || text === '') continue;
    if (!/^\d+$/.test(text) || Number(text) === 0) {
      throw new Error(
        `${PDF_LIMIT_SETTINGS[key].env} must be a whole number above 0, got "${text}"`,
      );
    }
    limits[key] = Number(text);
  }
  return limits;
}
