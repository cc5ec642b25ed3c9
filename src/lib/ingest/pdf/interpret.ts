/**
 * A page's operator list (PDF.js's parsed content stream) → glyphs with their positions and
 * visibility, and the page's rules and filled boxes. This follows the graphics and text state
 * as PDF.js's own canvas renderer does (display/canvas.js: showText, moveText, setFont…),
 * because PDF.js's text content gives runs of text, not where each glyph is, nor whether it can
 * be seen: a reader of tables needs both (words rebuilt from gaps between glyphs, text hidden
 * by render mode, colour or clipping left out), as pdfminer gives them to pdfplumber.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Fill, Glyph, HiddenGlyph, HiddenReason, Rule } from './document.ts';

export type Matrix = [number, number, number, number, number, number];

/** What the interpreter needs of a font (PDF.js's FontFaceObject has these). */
export interface FontFacts {
  fontMatrix?: number[] | undefined;
  vertical?: boolean | undefined;
  isType3Font?: boolean | undefined;
  name?: string | undefined;
  loadedName?: string | undefined;
}

interface PdfjsGlyph {
  unicode: string;
  width: number;
  isSpace: boolean;
}

/** Draw operations inside constructPath's path data (PDF.js's DrawOPS). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const FONT_IDENTITY = [0.001, 0, 0, 0.001, 0, 0];

/** m ∘ n: n is applied first (as ctx.transform(n) does after m). */
export function compose(m: readonly number[], n: readonly number[]): Matrix {
  return [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
}

const apply = (m: readonly number[], x: number, y: number): [number, number] => [
  m[0]! * x + m[2]! * y + m[4]!,
  m[1]! * x + m[3]! * y + m[5]!,
];

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const intersect = (a: Box | null, b: Box): Box =>
  a === null
    ? b
    : {
        x0: Math.max(a.x0, b.x0),
        y0: Math.max(a.y0, b.y0),
        x1: Math.min(a.x1, b.x1),
        y1: Math.min(a.y1, b.y1),
      };

interface State {
  ctm: Matrix;
  fillColor: string | null;
  strokeColor: string | null;
  fillAlpha: number;
  strokeAlpha: number;
  lineWidth: number;
  clip: Box | null;
  font: FontFacts | null;
  fontName: string;
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  renderMode: number;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
}

const initialState = (viewport: Matrix): State => ({
  ctm: viewport,
  fillColor: '#000000',
  strokeColor: '#000000',
  fillAlpha: 1,
  strokeAlpha: 1,
  lineWidth: 1,
  clip: null,
  font: null,
  fontName: '',
  fontSize: 0,
  fontDirection: 1,
  charSpacing: 0,
  wordSpacing: 0,
  hScale: 1,
  leading: 0,
  rise: 0,
  renderMode: 0,
  textMatrix: IDENTITY,
  x: 0,
  y: 0,
  lineX: 0,
  lineY: 0,
});

/** A glyph before its visibility against later painting is known. */
interface DrawnGlyph extends Glyph {
  color: string | null;
  /** Index in drawing order of everything painted, for "covered by a later fill". */
  order: number;
  hiddenBy: HiddenReason | null;
  /** The clipping box it was drawn in, and where it lies against it. */
  clip: Box | null;
  clipState: 'inside' | 'straddles' | 'outside' | null;
}

interface PaintedBox extends Box {
  color: string;
  order: number;
}

export interface InterpretedPage {
  glyphs: Glyph[];
  hidden: HiddenGlyph[];
  rules: Rule[];
  fills: Fill[];
  images: number;
  /** Glyphs cut through at a clipping edge with nothing after them. */
  cutOff: Glyph[];
  /** Whether some text runs on past its clipping edge: see PdfPage.clipsWholeText. */
  clipsWholeText: boolean;
}

export interface InterpretOptions {
  /** Maps PDF space to the page as seen, origin top-left (PDF.js's viewport.transform). */
  viewport: Matrix;
  width: number;
  height: number;
  font: (name: string) => FontFacts | null;
  /** Called with the glyph count so far; throws to stop a page that draws too much. */
  onGlyphs?: (count: number) => void;
}

/** "#rrggbb" → [r, g, b] in 0…1; null for anything else (a pattern, transparent). */
function rgb(color: string | null): [number, number, number] | null {
  if (!color || !/^#[0-9a-f]{6}$/i.test(color)) return null;
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** Colours a reader cannot tell apart. */
/** Colours closer than `tolerance` in every channel (0–1) look the same. */
function sameColor(a: string | null, b: string | null, tolerance = 0.12): boolean {
  const p = rgb(a);
  const q = rgb(b);
  if (!p || !q) return false;
  return Math.max(...p.map((v, i) => Math.abs(v - q[i]!))) < tolerance;
}

/**
 * Paint that cannot be told from the paper. Strict, unlike text on its background: the
 * palest zebra stripe (#f2f2f2) still shows where a row ends.
 */
const isWhite = (color: string | null) => sameColor(color, '#ffffff', 0.02);

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintSolidColorImageMask,
]);

/** A rule is at most this thick; a thicker filled box is a background, not a line. */
const RULE_THICKNESS = 2.5;

/**
 * Interprets one page. Glyphs come out in drawing order with their advance boxes; a glyph is
 * hidden when its render mode is invisible, it is (nearly) transparent, it is drawn in the
 * colour of the box beneath it, a later opaque box covers it, or it lies outside its clipping
 * area. A run that starts inside its clipping area keeps all its glyphs (a clipped cell still
 * holds its whole value).
 */
export function interpretPage(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  options: InterpretOptions,
): InterpretedPage {
  let state = initialState(options.viewport);
  const stack: State[] = [];
  let pendingClip = false;
  let run = 0;
  let order = 0;
  let images = 0;
  const drawn: DrawnGlyph[] = [];
  const painted: PaintedBox[] = [];
  const rules: Rule[] = [];

  const save = () => stack.push({ ...state });
  const restore = () => {
    const previous = stack.pop();
    if (previous) state = previous;
  };

  /** Path data (in the current user space) → device points, split into subpaths. */
  const subpaths = (data: ArrayLike<number> | null | undefined): [number, number][][] => {
    const paths: [number, number][][] = [];
    if (!data) return paths;
    let current: [number, number][] = [];
    for (let i = 0; i < data.length;) {
      const op = data[i++];
      if (op === DRAW.moveTo) {
        if (current.length) paths.push(current);
        current = [apply(state.ctm, data[i++]!, data[i++]!)];
      } else if (op === DRAW.lineTo) {
        current.push(apply(state.ctm, data[i++]!, data[i++]!));
      } else if (op === DRAW.curveTo) {
        // Curves (rounded corners, circles) bound no table cell: end the subpath there.
        i += 6;
        if (current.length) paths.push(current);
        current = [];
      } else if (op === DRAW.quadraticCurveTo) {
        i += 4;
        if (current.length) paths.push(current);
        current = [];
      } else if (op === DRAW.closePath) {
        if (current.length > 1) current.push(current[0]!);
        paths.push(current);
        current = current.length ? [current[0]!] : [];
      } else break;
    }
    if (current.length > 1) paths.push(current);
    return paths;
  };

  const boxOf = (points: readonly [number, number][]): Box => ({
    x0: Math.min(...points.map((p) => p[0])),
    y0: Math.min(...points.map((p) => p[1])),
    x1: Math.max(...points.map((p) => p[0])),
    y1: Math.max(...points.map((p) => p[1])),
  });

  /** An axis-aligned rectangle (4 corners, maybe closed), or null. */
  const rectangleOf = (points: readonly [number, number][]): Box | null => {
    const corners = points.length === 5 ? points.slice(0, 4) : points;
    if (corners.length !== 4) return null;
    const axisAligned = corners.every((p, i) => {
      const q = corners[(i + 1) % 4]!;
      return Math.abs(p[0] - q[0]) < 0.01 || Math.abs(p[1] - q[1]) < 0.01;
    });
    return axisAligned ? boxOf(corners) : null;
  };

  const clipped = (box: Box): Box | null => {
    const inside = state.clip ? intersect(state.clip, box) : box;
    return inside.x1 >= inside.x0 && inside.y1 >= inside.y0 ? inside : null;
  };

  const addRule = (box: Box) => {
    const visible = clipped(box);
    if (!visible) return;
    if (visible.y1 - visible.y0 <= visible.x1 - visible.x0) {
      const y = (visible.y0 + visible.y1) / 2;
      rules.push({ orientation: 'h', x0: visible.x0, y0: y, x1: visible.x1, y1: y });
    } else {
      const x = (visible.x0 + visible.x1) / 2;
      rules.push({ orientation: 'v', x0: x, y0: visible.y0, x1: x, y1: visible.y1 });
    }
  };

  const strokeWidth = () => {
    const [a, b, c, d] = state.ctm;
    return state.lineWidth * Math.sqrt(Math.abs(a * d - b * c)) || 0.5;
  };

  const paintPath = (op: number, data: ArrayLike<number> | null | undefined) => {
    const paths = subpaths(data);
    if (pendingClip) {
      const points = paths.flat();
      if (points.length) state.clip = intersect(state.clip, boxOf(points));
      pendingClip = false;
    }
    const fills =
      op === OPS.fill ||
      op === OPS.eoFill ||
      op === OPS.fillStroke ||
      op === OPS.eoFillStroke ||
      op === OPS.closeFillStroke ||
      op === OPS.closeEOFillStroke;
    const strokes =
      op === OPS.stroke ||
      op === OPS.closeStroke ||
      op === OPS.fillStroke ||
      op === OPS.eoFillStroke ||
      op === OPS.closeFillStroke ||
      op === OPS.closeEOFillStroke;
    if (strokes && state.strokeAlpha > 0.05 && !isWhite(state.strokeColor)) {
      const half = strokeWidth() / 2;
      for (const points of paths) {
        for (let i = 1; i < points.length; i++) {
          const [p, q] = [points[i - 1]!, points[i]!];
          if (Math.abs(p[1] - q[1]) < 0.5 && Math.abs(p[0] - q[0]) >= 1) {
            addRule({
              x0: Math.min(p[0], q[0]),
              x1: Math.max(p[0], q[0]),
              y0: p[1] - half,
              y1: p[1] + half,
            });
          } else if (Math.abs(p[0] - q[0]) < 0.5 && Math.abs(p[1] - q[1]) >= 1) {
            addRule({
              y0: Math.min(p[1], q[1]),
              y1: Math.max(p[1], q[1]),
              x0: p[0] - half,
              x1: p[0] + half,
            });
          }
        }
      }
    }
    if (fills && state.fillAlpha > 0.05 && state.fillColor !== null) {
      for (const points of paths) {
        const box = rectangleOf(points);
        if (!box) continue;
        const visible = clipped(box);
        if (!visible) continue;
        const thin = Math.min(visible.x1 - visible.x0, visible.y1 - visible.y0) <= RULE_THICKNESS;
        if (thin) {
          if (!isWhite(state.fillColor)) addRule(visible);
          continue;
        }
        // Opaque boxes cover what was drawn before them (for hidden text); coloured ones bound
        // cells (zebra stripes, header bands).
        if (state.fillAlpha >= 0.9) painted.push({ ...visible, color: state.fillColor, order });
        order++;
      }
    }
  };

  const showText = (glyphs: readonly (PdfjsGlyph | number)[]) => {
    const font = state.font;
    if (!font || state.fontSize === 0 || font.vertical) return;
    const fontMatrix = font.fontMatrix ?? FONT_IDENTITY;
    const hScale = state.hScale * state.fontDirection;
    const widthScale = state.fontSize * fontMatrix[0]!;
    // Text space → device: ctm ∘ textMatrix ∘ translate(x, y + rise) ∘ scale(hScale, 1).
    const base = compose(compose(state.ctm, state.textMatrix), [
      hScale,
      0,
      0,
      1,
      state.x,
      state.y + state.rise,
    ]);
    const [a, b, c, d] = base;
    const up = Math.hypot(c, d) * state.fontSize;
    const upright = a > 0 && Math.abs(b) <= 0.02 * a && d < 0 && Math.abs(c) <= 0.02 * -d;
    const mode = state.renderMode & 3;
    const invisible = mode === 3;
    const color = mode === 1 ? state.strokeColor : state.fillColor;
    const alpha = mode === 1 ? state.strokeAlpha : state.fillAlpha;
    const runId = run++;
    let x = 0;
    for (const glyph of glyphs) {
      if (typeof glyph === 'number') {
        x -= (glyph * state.fontSize) / 1000;
        continue;
      }
      const advance = glyph.width * widthScale;
      const spacing = (glyph.isSpace ? state.wordSpacing : 0) + state.charSpacing;
      const [x0, y] = apply(base, x, 0);
      const [x1] = apply(base, x + advance, 0);
      x += advance + spacing * state.fontDirection;
      const text = glyph.unicode ?? '';
      if (text === '') continue;
      let hiddenBy: HiddenReason | null = null;
      if (!upright) hiddenBy = 'not upright';
      else if (invisible) hiddenBy = 'invisible render mode';
      else if (alpha <= 0.05) hiddenBy = 'transparent';
      const clip = state.clip;
      let clipState: DrawnGlyph['clipState'] = null;
      if (clip) {
        const [left, right] = [Math.min(x0, x1), Math.max(x0, x1)];
        const [top, base] = [y - 0.7 * up, y];
        const centreX = (left + right) / 2;
        const centreY = y - 0.3 * up;
        const centreIn =
          centreX >= clip.x0 - 0.5 &&
          centreX <= clip.x1 + 0.5 &&
          centreY >= clip.y0 - 0.5 &&
          centreY <= clip.y1 + 0.5;
        const touches = right > clip.x0 && left < clip.x1 && base > clip.y0 && top < clip.y1;
        const wholly =
          left >= clip.x0 - 0.5 &&
          right <= clip.x1 + 0.5 &&
          top >= clip.y0 - 0.5 &&
          base <= clip.y1 + 0.5;
        clipState = wholly || centreIn ? 'inside' : touches ? 'straddles' : 'outside';
      }
      drawn.push({
        text,
        x0: Math.min(x0, x1),
        x1: Math.max(x0, x1),
        y,
        size: up,
        font: font.name ?? state.fontName,
        run: runId,
        color,
        order,
        hiddenBy,
        clip,
        clipState,
      });
    }
    order++;
    options.onGlyphs?.(drawn.length);
    state.x += x * hScale;
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = (argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save:
        save();
        break;
      case OPS.restore:
        restore();
        break;
      case OPS.transform:
        state.ctm = compose(state.ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin: {
        save();
        const [matrix, bbox] = args as [number[] | null, number[] | null];
        if (matrix) state.ctm = compose(state.ctm, matrix);
        if (bbox) {
          const corners = [
            apply(state.ctm, bbox[0]!, bbox[1]!),
            apply(state.ctm, bbox[2]!, bbox[3]!),
            apply(state.ctm, bbox[0]!, bbox[3]!),
            apply(state.ctm, bbox[2]!, bbox[1]!),
          ];
          state.clip = intersect(state.clip, boxOf(corners));
        }
        break;
      }
      case OPS.paintFormXObjectEnd:
        restore();
        break;
      case OPS.beginGroup:
        save();
        break;
      case OPS.endGroup:
        restore();
        break;
      case OPS.setLineWidth:
        state.lineWidth = Number(args[0]) || 0;
        break;
      case OPS.setGState:
        for (const [key, value] of args[0] as [string, unknown][]) {
          if (key === 'LW') state.lineWidth = Number(value) || 0;
          else if (key === 'CA') state.strokeAlpha = Number(value);
          else if (key === 'ca') state.fillAlpha = Number(value);
          else if (key === 'Font') {
            const [name, size] = value as [string, number];
            setFont(name, size);
          }
        }
        break;
      case OPS.setFillRGBColor:
        state.fillColor = typeof args[0] === 'string' ? args[0] : null;
        break;
      case OPS.setStrokeRGBColor:
        state.strokeColor = typeof args[0] === 'string' ? args[0] : null;
        break;
      case OPS.setFillTransparent:
        state.fillColor = null;
        break;
      case OPS.setStrokeTransparent:
        state.strokeColor = null;
        break;
      case OPS.setFillColorN:
        // A pattern or shading: a colour the reader sees, but not one to compare.
        state.fillColor = 'pattern';
        break;
      case OPS.setStrokeColorN:
        state.strokeColor = 'pattern';
        break;
      case OPS.constructPath: {
        const [op, data] = args as [number, [ArrayLike<number> | null]];
        paintPath(op, data?.[0]);
        break;
      }
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.beginText:
        state.textMatrix = IDENTITY;
        state.x = state.lineX = 0;
        state.y = state.lineY = 0;
        break;
      case OPS.setCharSpacing:
        state.charSpacing = Number(args[0]) || 0;
        break;
      case OPS.setWordSpacing:
        state.wordSpacing = Number(args[0]) || 0;
        break;
      case OPS.setHScale:
        state.hScale = (Number(args[0]) || 100) / 100;
        break;
      case OPS.setLeading:
        state.leading = -(Number(args[0]) || 0);
        break;
      case OPS.setFont:
        setFont(args[0] as string, Number(args[1]));
        break;
      case OPS.setTextRenderingMode:
        state.renderMode = Number(args[0]) || 0;
        break;
      case OPS.setTextRise:
        state.rise = Number(args[0]) || 0;
        break;
      case OPS.moveText:
        state.x = state.lineX += Number(args[0]);
        state.y = state.lineY += Number(args[1]);
        break;
      case OPS.setLeadingMoveText:
        state.leading = Number(args[1]);
        state.x = state.lineX += Number(args[0]);
        state.y = state.lineY += Number(args[1]);
        break;
      case OPS.setTextMatrix:
        state.textMatrix = Array.from(args[0] as ArrayLike<number>) as Matrix;
        state.x = state.lineX = 0;
        state.y = state.lineY = 0;
        break;
      case OPS.nextLine:
        state.x = state.lineX;
        state.y = state.lineY += state.leading;
        break;
      case OPS.showText:
        showText(args[0] as (PdfjsGlyph | number)[]);
        break;
      default:
        if (IMAGE_OPS.has(fn)) {
          images++;
          order++;
        }
    }
  }

  function setFont(name: string, size: number) {
    state.font = options.font(name);
    state.fontName = name;
    state.fontDirection = size < 0 ? -1 : 1;
    state.fontSize = Math.abs(size);
  }

  return finish(drawn, painted, rules, images, options.width);
}

/** The box painted last beneath a point before `order`, or the white page. */
function backgroundAt(boxes: readonly PaintedBox[], x: number, y: number, before: number) {
  let color = '#ffffff';
  for (const box of boxes) {
    if (box.order >= before) break;
    if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) color = box.color;
  }
  return color;
}

/**
 * Clipping, run by run. A run that starts inside its clipping box shows, and keeps its glyphs
 * past the edge (a cell's value goes on where the cell cuts it off; the PDF holds it whole).
 * A run that ends in a glyph the edge cuts through may have been cut short by a producer that
 * drops what a clip hides: that glyph is marked cut off, and whether any text runs on wholly
 * past its edge says which kind of producer this is. A run that starts
 * outside shows only where it carries on, on the same line and in the same box, text that
 * shows (a word drawn on its own after the cell's first words).
 */
function settleClipping(
  drawn: DrawnGlyph[],
  pageWidth: number,
): { cutOff: Glyph[]; clipsWholeText: boolean } {
  const runs = new Map<number, DrawnGlyph[]>();
  for (const g of drawn) if (g.clipState !== null) runs.set(g.run, [...(runs.get(g.run) ?? []), g]);
  const shown: DrawnGlyph[][] = [];
  const pending: DrawnGlyph[][] = [];
  for (const run of runs.values()) {
    const visible = run.filter((g) => g.text.trim() !== '');
    if (visible.length === 0) continue;
    if (visible[0]!.clipState === 'inside') {
      for (const g of run) if (g.clipState !== 'inside') g.clipped = true;
      shown.push(visible);
    } else pending.push(visible);
  }
  const sameBox = (a: Box | null, b: Box | null) =>
    a !== null && b !== null && a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1;
  const carriesOn = (before: DrawnGlyph[], after: DrawnGlyph[]) => {
    const [last, head] = [before.at(-1)!, after[0]!];
    return (
      sameBox(last.clip, head.clip) &&
      Math.abs(last.y - head.y) < 0.1 * head.size &&
      head.x0 >= last.x1 - 0.2 * head.size &&
      head.x0 - last.x1 <= 1.2 * head.size
    );
  };
  pending.sort((a, b) => a[0]!.x0 - b[0]!.x0);
  let admitted = true;
  while (admitted) {
    admitted = false;
    for (const run of [...pending]) {
      if (!shown.some((other) => carriesOn(other, run))) continue;
      for (const g of run) g.clipped = true;
      shown.push(run);
      pending.splice(pending.indexOf(run), 1);
      admitted = true;
    }
  }
  for (const run of pending) for (const g of run) g.hiddenBy ??= 'outside its clipping area';
  // A shown run that nothing carries on, ending in a glyph the edge cuts through, or flush
  // against the edge of a page-wide clip (a browser printing a table wider than its page
  // drops the glyphs that do not fit), was cut short by its producer.
  const cutOff: Glyph[] = [];
  for (const run of shown) {
    const last = run.at(-1)!;
    if (shown.some((other) => other !== run && carriesOn(run, other))) continue;
    const pageWide = last.clip !== null && last.clip.x1 - last.clip.x0 > 0.5 * pageWidth;
    if (last.clipState === 'straddles' || (pageWide && last.x1 > last.clip!.x1 - 0.75)) {
      cutOff.push(last);
    }
  }
  const clipsWholeText = shown.some((run) => run.some((g) => g.clipState === 'outside'));
  return { cutOff, clipsWholeText };
}

function finish(
  drawn: DrawnGlyph[],
  painted: readonly PaintedBox[],
  rules: Rule[],
  images: number,
  pageWidth: number,
): InterpretedPage {
  const { cutOff, clipsWholeText } = settleClipping(drawn, pageWidth);
  const boxes: Box[] = [];
  const boxId = (clip: Box | null) => {
    if (!clip) return undefined;
    let at = boxes.findIndex(
      (b) => b.x0 === clip.x0 && b.x1 === clip.x1 && b.y0 === clip.y0 && b.y1 === clip.y1,
    );
    if (at < 0) at = boxes.push(clip) - 1;
    return at;
  };
  const glyphs: Glyph[] = [];
  const hidden: HiddenGlyph[] = [];
  for (const glyph of drawn) {
    let reason = glyph.hiddenBy;
    if (reason === null && glyph.text.trim() !== '') {
      const cx = (glyph.x0 + glyph.x1) / 2;
      const cy = glyph.y - 0.3 * glyph.size;
      if (sameColor(glyph.color, backgroundAt(painted, cx, cy, glyph.order))) {
        reason = 'same colour as its background';
      } else if (
        painted.some(
          (box) =>
            box.order > glyph.order &&
            cx >= box.x0 &&
            cx <= box.x1 &&
            cy >= box.y0 &&
            cy <= box.y1 &&
            !sameColor(box.color, glyph.color),
        )
      ) {
        reason = 'covered by a later fill';
      }
    }
    const box = boxId(glyph.clip);
    const plain: Glyph = {
      ...strip(glyph),
      ...(glyph.clipped ? { clipped: true } : {}),
      ...(box === undefined ? {} : { box }),
    };
    if (reason === null) glyphs.push(plain);
    else hidden.push({ ...plain, reason });
  }
  const fills: Fill[] = painted
    .filter((box) => !isWhite(box.color))
    .map(({ x0, y0, x1, y1, color }) => ({ x0, y0, x1, y1, color }));
  return { glyphs, hidden, rules, fills, images, cutOff: cutOff.map(strip), clipsWholeText };
}

/** A glyph without what only the interpreter needs (colour, drawing order, clip state). */
function strip({ text, x0, x1, y, size, font, run }: Glyph): Glyph {
  return { text, x0, x1, y, size, font, run };
}
