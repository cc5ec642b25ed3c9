import type { Issue } from './issues.ts';

const BOM = '\uFEFF';

export interface Position {
  /** 1-based; a line ends at LF, CRLF or a lone CR. */
  line: number;
  /** 1-based, in characters (Unicode code points), as editors count them. */
  column: number;
}

/** Code points of a string, counting a surrogate pair once. */
function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff || i + 1 === text.length) count++;
    else {
      const next = text.charCodeAt(i + 1);
      count++;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}

/**
 * A function from a UTF-16 offset in a text to its line and column, for many look-ups in one
 * text: the line starts are found once, then each offset by binary search.
 */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x0a || (char === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: codePoints(text.slice(starts[low], offset)) + 1 };
  };
}

/** Line and column of a UTF-16 offset in a text (see `lineIndex` for many offsets). */
export function positionAt(text: string, offset: number): Position {
  return lineIndex(text)(offset);
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
    // Everything before the bad byte is valid UTF-8, so it can be decoded and counted in characters.
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const { line, column } = positionAt(before, before.length);
    const hex = bytes[offset]?.toString(16).padStart(2, '0') ?? '??';
    return {
      issue: {
        file,
        line,
        column,
        message: `the file is not valid UTF-8 (byte 0x${hex}); save it as UTF-8`,
      },
    };
  }
}
