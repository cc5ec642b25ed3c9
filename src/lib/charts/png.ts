import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE_INDEXED = 3;
const MAX_PALETTE = 256;

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const red = (colour: number) => colour >>> 16;
const green = (colour: number) => (colour >>> 8) & 0xff;
const blue = (colour: number) => colour & 0xff;

function distance(a: number, b: number): number {
  return (red(a) - red(b)) ** 2 + (green(a) - green(b)) ** 2 + (blue(a) - blue(b)) ** 2;
}

/**
 * Palette index of every colour: the 256 most frequent colours keep their own entry, and any
 * rarer one (a few anti-aliasing shades where two colours meet) takes the nearest of them.
 */
function buildPalette(histogram: Map<number, number>): {
  palette: number[];
  index: Map<number, number>;
} {
  const byFrequency = [...histogram.entries()]
    .sort(([colourA, countA], [colourB, countB]) => countB - countA || colourA - colourB)
    .map(([colour]) => colour);
  const palette = byFrequency.slice(0, MAX_PALETTE);
  const index = new Map(palette.map((colour, i) => [colour, i]));
  for (const colour of byFrequency.slice(MAX_PALETTE)) {
    let best = 0;
    for (let i = 1; i < palette.length; i++) {
      if (distance(colour, palette[i]!) < distance(colour, palette[best]!)) best = i;
    }
    index.set(colour, best);
  }
  return { palette, index };
}

/**
 * An 8-bit palette PNG of opaque RGBA pixels. Charts are flat colours plus anti-aliasing: most
 * have under 256 colours and come out with exactly the same pixels; the rest lose only rare
 * edge shades. Either way the file is a quarter to a fifth of the RGBA PNG the canvas encodes.
 */
export function encodeIndexedPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const pixels = width * height;
  const view = new DataView(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const colours = new Uint32Array(pixels);
  const histogram = new Map<number, number>();
  // Counted per run of equal pixels: charts are mostly long runs, and a Map update per pixel
  // would dominate the encoding time.
  let runColour = -1;
  let runLength = 0;
  for (let i = 0; i < pixels; i++) {
    // Every image here paints an opaque background; transparency would need another format.
    if (rgba[i * 4 + 3] !== 0xff) throw new Error('encodeIndexedPng needs opaque pixels');
    const colour = view.getUint32(i * 4) >>> 8;
    colours[i] = colour;
    if (colour === runColour) {
      runLength += 1;
    } else {
      if (runLength) histogram.set(runColour, (histogram.get(runColour) ?? 0) + runLength);
      runColour = colour;
      runLength = 1;
    }
  }
  histogram.set(runColour, (histogram.get(runColour) ?? 0) + runLength);
  const { palette, index } = buildPalette(histogram);
  const rowLength = width + 1;
  // Each row starts with filter type 0 (none): for palette indices the other filters only
  // scramble runs that deflate already finds.
  const rows = Buffer.alloc(height * rowLength);
  let lastColour = -1;
  let lastIndex = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = colours[y * width + x]!;
      if (colour !== lastColour) {
        lastColour = colour;
        lastIndex = index.get(colour)!;
      }
      rows[y * rowLength + 1 + x] = lastIndex;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = COLOUR_TYPE_INDEXED;
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((colour, i) => plte.writeUIntBE(colour, i * 3, 3));
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', plte),
    // Level 9 saves about 6 % more bytes but takes ten times as long as 6.
    chunk('IDAT', deflateSync(rows, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
