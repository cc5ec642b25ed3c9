/**
 * Colours from the Okabe–Ito palette, chosen in pairs whose grey values differ widely
 * (blue ≈ 34 % luma, orange ≈ 64 %), so a chart printed in black and white still tells the
 * series apart; lines also differ by dash and point shape, bars by an outline.
 */
export const DECLINED_COLOUR = '#0072B2';
export const ISSUED_COLOUR = '#E69F00';
/** The earlier of two reports side by side: Okabe–Ito sky blue, ≈ 64 % luma beside 34 %. */
export const EARLIER_COLOUR = '#56B4E9';
/** A hollow or dashed mark: values the report does not give. */
export const UNKNOWN_COLOUR = '#555555';
export const INK = '#1a1a1a';
export const MUTED_INK = '#4d4d4d';
export const PAPER = '#ffffff';
export const GRID = '#d9d9d9';
/** The band over a stretch of time axis cut short: light enough for lines and labels over it. */
export const BREAK_FILL = '#ececec';
