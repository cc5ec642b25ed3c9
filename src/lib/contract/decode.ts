import type { Issue } from './issues.ts';

const BOM = '\uFEFF';

/** Line and column (both 1-based) of a character offset in a text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Byte offset of the first malformed UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const length =
      byte < 0x80
        ? 1
        : byte >> 5 === 0b110
          ? 2
          : byte >> 4 === 0b1110
            ? 3
            : byte >> 3 === 0b11110
              ? 4
              : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (bytes[i + k]! >> 6 !== 0b10) return i;
    i += length;
  }
  return -1;
}

/**
 * Decodes a data file: UTF-8 with or without a byte-order mark, LF or CRLF line ends.
 * Returns the text with the BOM removed, or an issue naming the first bad byte.
 */
export function decodeDataFile(
  file: string,
  bytes: Uint8Array,
): { text: string } | { issue: Issue } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text: text.startsWith(BOM) ? text.slice(BOM.length) : text };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line += 1;
        lineStart = i + 1;
      }
    }
    const hex = bytes[offset]?.toString(16).padStart(2, '0') ?? '??';
    return {
      issue: {
        file,
        line,
        column: offset - lineStart + 1,
        message: `the file is not valid UTF-8 (byte 0x${hex}); save it as UTF-8`,
      },
    };
  }
}
