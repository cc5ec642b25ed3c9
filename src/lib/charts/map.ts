/**
 * The week's map: a build-time SVG of the United States (us-atlas, pre-projected Albers USA) with
 * the report's jurisdictions marked by their declined count.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoPath } from 'd3-geo';
import type { GeoPermissibleObjects } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { DECLINED_COLOUR, INK, UNKNOWN_COLOUR } from './palette.ts';
import { escapeXml } from '../output/xml.ts';
import { formatCount } from '../text/format.ts';
import type { WeekReport } from '../contract/load.ts';
import type { GazetteerRow } from '../contract/schema.ts';
import { joinNames, plural } from '../text/words.ts';
import { formatPeriod } from '../text/dates.ts';
import { jurisdictionLabel } from '../text/names.ts';

/** The size us-atlas projects its Albers files to; the legend goes below. */
const MAP_WIDTH = 975;
const MAP_HEIGHT = 610;

/**
 * How one rendition of the map draws, in map units (the 975-wide projection). The wide map is
 * shown at up to 975 px and at least about 647 px (below that the page shows the narrow one), so
 * its 17-unit legend text is at least 11 CSS px. The narrow map declares itself 320 px wide, the
 * width it is shown at on a 360 px phone: a map unit is then 0.33 px, so its text, marks and
 * strokes are about three times larger in map units to read the same.
 */
interface MapLayout {
  /** The `width` the SVG declares, in CSS pixels; its height follows the view box. */
  width: number;
  font: number;
  maxRadius: number;
  minRadius: number;
  unknownRadius: number;
  /** Half the size of the cross that marks a reported zero. */
  cross: number;
  /** Stroke widths scale with the rest: one for lines, one for marks. */
  line: number;
  mark: number;
  /**
   * Outline points closer than this (in map units) to the previous one are dropped. At 1.5 the
   * state base is 22 KB (6 KB gzipped) instead of 59 KB, with no visible change at the wide
   * map's size; the narrow map, three times smaller on screen, can drop more.
   */
  simplify: number;
  /** Legend rows: every item on one row under the title, or one row each. */
  stacked: boolean;
}

const WIDE_MAP: MapLayout = {
  width: MAP_WIDTH,
  font: 17,
  maxRadius: 28,
  minRadius: 3,
  unknownRadius: 6,
  cross: 4,
  line: 0.75,
  mark: 1.5,
  simplify: 1.5,
  stacked: false,
};

const NARROW_MAP: MapLayout = {
  width: 320,
  font: 38,
  maxRadius: 44,
  minRadius: 8,
  unknownRadius: 14,
  cross: 11,
  line: 2,
  mark: 3.5,
  simplify: 4,
  stacked: true,
};

/** A character's width, as a share of the font size, with room for the reader's own font. */
const CHAR_WIDTH = 0.6;

interface Atlas {
  topology: Topology<{
    counties: GeometryCollection<{ name: string }>;
    states: GeometryCollection<{ name: string }>;
    nation: GeometryCollection;
  }>;
  byId: Map<string, GeometryObject>;
  /** State borders and the nation's outline as SVG path data, by simplification, built once. */
  bases: Map<number, { borders: string; outline: string }>;
}

/**
 * A d3-geo path context that writes integer, relative SVG path data and drops points within
 * `minStep` of the previous one.
 */
class SimplifyingPath {
  private readonly parts: string[] = [];
  private x = 0;
  private y = 0;
  private readonly minStep: number;

  constructor(minStep: number) {
    this.minStep = minStep;
  }

  moveTo(x: number, y: number): void {
    this.x = Math.round(x);
    this.y = Math.round(y);
    this.parts.push(`M${this.x},${this.y}`);
  }

  lineTo(x: number, y: number): void {
    const nextX = Math.round(x);
    const nextY = Math.round(y);
    if (Math.hypot(nextX - this.x, nextY - this.y) < this.minStep) return;
    this.parts.push(`l${nextX - this.x},${nextY - this.y}`);
    this.x = nextX;
    this.y = nextY;
  }

  closePath(): void {
    this.parts.push('z');
  }

  // d3-geo calls these for point geometries and canvas contexts; the base map has neither.
  arc(): void {}

  beginPath(): void {}

  toString(): string {
    return this.parts.join('');
  }
}

function simplifiedPath(object: GeoPermissibleObjects, minStep: number): string {
  const context = new SimplifyingPath(minStep);
  geoPath(null, context)(object);
  return context.toString();
}

let atlas: Atlas | null = null;

function loadAtlas(): Atlas {
  if (!atlas) {
    const path = createRequire(import.meta.url).resolve('us-atlas/counties-albers-10m.json');
    const topology = JSON.parse(readFileSync(path, 'utf8')) as Atlas['topology'];
    const { counties, states } = topology.objects;
    atlas = {
      topology,
      byId: new Map(
        [...counties.geometries, ...states.geometries].map((g) => [
          String(g.id),
          g as GeometryObject,
        ]),
      ),
      bases: new Map(),
    };
  }
  return atlas;
}

/** The light grey base of the map: the nation's outline and the state borders. */
function baseOf(minStep: number): { borders: string; outline: string } {
  const { topology, bases } = loadAtlas();
  let base = bases.get(minStep);
  if (!base) {
    const { states, nation } = topology.objects;
    base = {
      borders: simplifiedPath(
        mesh(topology, states, (a, b) => a !== b),
        minStep,
      ),
      outline: simplifiedPath(feature(topology, nation), minStep),
    };
    bases.set(minStep, base);
  }
  return base;
}

/**
 * Where a jurisdiction goes: a county at its centroid, a city or other place at the centroid of
 * the county it lies in (`map_fips`), a state at the state's centroid. Null where the gazetteer
 * gives no code or the atlas has no such shape (territories are not in us-atlas).
 */
function placeOf(jurisdiction: GazetteerRow): [number, number] | null {
  const fips =
    jurisdiction.kind === 'county' || jurisdiction.kind === 'state'
      ? jurisdiction.fips
      : (jurisdiction.map_fips ?? jurisdiction.fips);
  if (!fips) return null;
  const { topology, byId } = loadAtlas();
  const geometry = byId.get(fips);
  if (!geometry) return null;
  const [x, y] = geoPath().centroid(feature(topology, geometry));
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

/** Round numbers for the legend's reference circles: 1, 2 or 5 times a power of ten. */
export function legendValues(max: number): number[] {
  const niceFloor = (value: number) => {
    const power = 10 ** Math.floor(Math.log10(value));
    return [5, 2, 1].map((step) => step * power).find((nice) => nice <= value)!;
  };
  const values = [max, max / 4, max / 16].filter((value) => value >= 1).map(niceFloor);
  return [...new Set(values)].sort((a, b) => b - a);
}

/** One drawing of the map: the SVG text and the size it declares. */
export interface MapRendition {
  svg: string;
  width: number;
  height: number;
}

export interface WeekMap extends MapRendition {
  /** The map's title and description, for the `alt` of an `<img>` showing it. */
  alt: string;
  /** What the map leaves out (jurisdictions it cannot place), or null. */
  note: string | null;
  /** The same map for a phone's column: larger marks and legend in map units, fewer points. */
  narrow: MapRendition;
}

interface Mark {
  name: string;
  declined: number | null;
  x: number;
  y: number;
  id: string;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * A circle's radius for a count: its area is proportional to the count, the archive's largest
 * count (in any report) draws the largest circle, so a count has one size on every week's map.
 */
export function markRadius(count: number, archiveMax: number, layout = WIDE_MAP): number {
  return round(
    Math.max(layout.minRadius, layout.maxRadius * Math.sqrt(count / Math.max(1, archiveMax))),
  );
}

const styles = (layout: MapLayout) => ({
  known: `fill="${DECLINED_COLOUR}" fill-opacity="0.75" stroke="#fff" stroke-width="${layout.mark / 1.5}"`,
  zero: `stroke="${INK}" stroke-width="${layout.mark}"`,
  unknown: `fill="none" stroke="${UNKNOWN_COLOUR}" stroke-width="${layout.mark}" stroke-dasharray="${2 * layout.mark} ${(4 * layout.mark) / 3}"`,
});

const crossPath = (x: number, y: number, half: number) =>
  `M${round(x - half)},${round(y - half)}l${2 * half},${2 * half}m0,-${2 * half}l-${2 * half},${2 * half}`;

function markSvg(mark: Mark, layout: MapLayout, archiveMax: number): string {
  const style = styles(layout);
  const x = round(mark.x);
  const y = round(mark.y);
  const data = (variant: string) =>
    `class="mark ${variant}" data-jurisdiction="${escapeXml(mark.id)}"`;
  if (mark.declined === null) {
    const title = escapeXml(`${mark.name}: count not reported`);
    return `<circle ${data('unknown')} cx="${x}" cy="${y}" r="${layout.unknownRadius}" ${style.unknown}><title>${title}</title></circle>`;
  }
  const title = escapeXml(`${mark.name}: ${formatCount(mark.declined)} declined`);
  if (mark.declined === 0) {
    return `<path ${data('zero')} d="${crossPath(x, y, layout.cross)}" ${style.zero}><title>${title}</title></path>`;
  }
  const r = markRadius(mark.declined, archiveMax, layout);
  return `<circle ${data('count')} cx="${x}" cy="${y}" r="${r}" ${style.known}><title>${title}</title></circle>`;
}

/**
 * The legend, in a strip under the map so it never covers a mark. It is the same on every
 * week's map: reference circles at round values of the archive's largest count, the cross of a
 * reported zero and the hollow mark of a count not reported, whether or not this week has them.
 */
function legendSvg(layout: MapLayout, archiveMax: number): { svg: string; height: number } {
  const style = styles(layout);
  const { font } = layout;
  const width = (text: string) => text.length * CHAR_WIDTH * font;
  const gap = font;
  const items: string[] = [];
  let y = MAP_HEIGHT + font * 1.5;
  items.push(`<text x="20" y="${round(y)}" font-weight="bold">Declined detainers recorded</text>`);
  const rowHeight = Math.max(2 * layout.maxRadius, font) + font;
  y += font * 0.5 + rowHeight / 2;
  let x = 20;
  const label = (text: string) => {
    items.push(`<text x="${round(x)}" y="${round(y + font * 0.35)}">${text}</text>`);
    x += width(text) + 2 * gap;
  };
  const nextRow = (height: number) => {
    x = 20;
    y += height;
  };
  for (const value of archiveMax > 0 ? legendValues(archiveMax) : []) {
    const r = markRadius(value, archiveMax, layout);
    items.push(`<circle cx="${round(x + r)}" cy="${round(y)}" r="${r}" ${style.known}/>`);
    x += 2 * r + gap / 2;
    label(formatCount(value));
  }
  const symbolRow = 2 * Math.max(layout.cross, layout.unknownRadius) + font;
  if (layout.stacked) nextRow(rowHeight / 2 + symbolRow / 2);
  items.push(`<path d="${crossPath(x + layout.cross, y, layout.cross)}" ${style.zero}/>`);
  x += 2 * layout.cross + gap / 2;
  label('none recorded (0)');
  if (layout.stacked) nextRow(symbolRow);
  items.push(
    `<circle cx="${round(x + layout.unknownRadius)}" cy="${round(y)}" r="${layout.unknownRadius}" ${style.unknown}/>`,
  );
  x += 2 * layout.unknownRadius + gap / 2;
  label('count not reported');
  const bottom = y + Math.max(rowHeight, symbolRow) / 2 + font * 0.5;
  return {
    svg: `<g class="legend" font-size="${font}" fill="${INK}">${items.join('')}</g>`,
    height: Math.ceil(bottom - MAP_HEIGHT),
  };
}

/** Hollow marks underneath, then circles from largest to smallest so none hides a smaller one. */
function drawOrder(marks: readonly Mark[]): Mark[] {
  return [...marks].sort(
    (a, b) =>
      (a.declined === null ? -1 : 0) - (b.declined === null ? -1 : 0) ||
      (b.declined ?? 0) - (a.declined ?? 0) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * The map of one report's jurisdictions, or null when it names none that can be placed. Each
 * mark carries its own accessible name (a `<title>`), and every text from the data is escaped.
 * `archiveMax` is the largest declined count of any jurisdiction in any report
 * (`SiteModel.largestDeclined`): it sets the symbol scale, so that the maps of two weeks can be
 * compared. `idPrefix` keeps the `id`s unique when a page holds more than one map.
 */
export function weekMap(
  report: WeekReport,
  gazetteer: ReadonlyMap<string, GazetteerRow>,
  archiveMax: number,
  idPrefix = `map-${report.start}`,
): WeekMap | null {
  const marks: Mark[] = [];
  const unplaced: string[] = [];
  for (const row of report.jurisdictions) {
    const jurisdiction = gazetteer.get(row.jurisdiction);
    const name = jurisdiction ? jurisdictionLabel(jurisdiction) : row.jurisdiction;
    const place = jurisdiction ? placeOf(jurisdiction) : null;
    if (place)
      marks.push({ name, declined: row.declined, x: place[0], y: place[1], id: row.jurisdiction });
    else unplaced.push(name);
  }
  if (marks.length === 0) return null;
  const max = Math.max(0, ...marks.map((mark) => mark.declined ?? 0));
  // A caller's figure below this week's own would draw circles past the largest size.
  const scaleMax = Math.max(archiveMax, max);
  const unknown = marks.filter((mark) => mark.declined === null).length;
  const largest = marks.filter((mark) => mark.declined === max && max > 0);
  const period = formatPeriod(report.meta.period_start, report.meta.period_end);
  const safeId = idPrefix.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const titleId = `${safeId}-title`;
  const descId = `${safeId}-desc`;
  const title = `Map of the jurisdictions named in the report of ${period}, by declined detainers recorded`;
  const description = [
    `${plural(marks.length, 'jurisdiction')} marked.`,
    largest.length
      ? `Largest circle: ${joinNames(largest.map((mark) => mark.name))}, ${formatCount(max)} declined.`
      : '',
    unknown ? `${plural(unknown, 'hollow mark')}: count not reported.` : '',
    scaleMax > 0
      ? `Circles share one scale across every report, set by the largest count in any report (${formatCount(scaleMax)}).`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const ordered = drawOrder(marks);
  const render = (layout: MapLayout): MapRendition => {
    const { borders, outline } = baseOf(layout.simplify);
    const legend = legendSvg(layout, scaleMax);
    const height = MAP_HEIGHT + legend.height;
    const declaredHeight = Math.round((height * layout.width) / MAP_WIDTH);
    const svg = [
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${height}" width="${layout.width}" height="${declaredHeight}" role="img" aria-labelledby="${titleId} ${descId}" font-family="'Source Sans 3', sans-serif">`,
      `<title id="${titleId}">${escapeXml(title)}</title>`,
      `<desc id="${descId}">${escapeXml(description)}</desc>`,
      `<path d="${outline}" fill="#f2f2f2" stroke="#9e9e9e" stroke-width="${layout.line}" stroke-linejoin="round"/>`,
      `<path d="${borders}" fill="none" stroke="#bdbdbd" stroke-width="${layout.line}" stroke-linejoin="round"/>`,
      `<g class="marks">${ordered.map((mark) => markSvg(mark, layout, scaleMax)).join('')}</g>`,
      legend.svg,
      '</svg>',
    ].join('');
    return { svg, width: layout.width, height: declaredHeight };
  };
  return {
    ...render(WIDE_MAP),
    narrow: render(NARROW_MAP),
    alt: `${title}. ${description}`,
    note: unplaced.length
      ? `Not on the map (no county or state shape to place ${unplaced.length === 1 ? 'it' : 'them'} in): ${joinNames(unplaced)}.`
      : null,
  };
}
