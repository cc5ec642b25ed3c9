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
const MAX_RADIUS = 28;
const MIN_RADIUS = 3;
const UNKNOWN_RADIUS = 6;
/**
 * Outline points closer than this (in map pixels) to the previous one are dropped. At 1.5 the
 * state base is 22 KB (6 KB gzipped) instead of 59 KB, with no visible change at the map's size.
 */
const SIMPLIFY_PX = 1.5;

interface Atlas {
  topology: Topology<{
    counties: GeometryCollection<{ name: string }>;
    states: GeometryCollection<{ name: string }>;
    nation: GeometryCollection;
  }>;
  byId: Map<string, GeometryObject>;
  /** State borders and the nation's outline as SVG path data, built once per process. */
  borders: string;
  outline: string;
}

/**
 * A d3-geo path context that writes integer, relative SVG path data and drops points within
 * `SIMPLIFY_PX` of the previous one.
 */
class SimplifyingPath {
  private readonly parts: string[] = [];
  private x = 0;
  private y = 0;

  moveTo(x: number, y: number): void {
    this.x = Math.round(x);
    this.y = Math.round(y);
    this.parts.push(`M${this.x},${this.y}`);
  }

  lineTo(x: number, y: number): void {
    const nextX = Math.round(x);
    const nextY = Math.round(y);
    if (Math.hypot(nextX - this.x, nextY - this.y) < SIMPLIFY_PX) return;
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

function simplifiedPath(object: GeoPermissibleObjects): string {
  const context = new SimplifyingPath();
  geoPath(null, context)(object);
  return context.toString();
}

let atlas: Atlas | null = null;

function loadAtlas(): Atlas {
  if (!atlas) {
    const path = createRequire(import.meta.url).resolve('us-atlas/counties-albers-10m.json');
    const topology = JSON.parse(readFileSync(path, 'utf8')) as Atlas['topology'];
    const { counties, states, nation } = topology.objects;
    atlas = {
      topology,
      byId: new Map(
        [...counties.geometries, ...states.geometries].map((g) => [
          String(g.id),
          g as GeometryObject,
        ]),
      ),
      borders: simplifiedPath(mesh(topology, states, (a, b) => a !== b)),
      outline: simplifiedPath(feature(topology, nation)),
    };
  }
  return atlas;
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

export interface WeekMap {
  svg: string;
  /** The map's title and description, for the `alt` of an `<img>` showing it. */
  alt: string;
  /** What the map leaves out (jurisdictions it cannot place), or null. */
  note: string | null;
  width: number;
  height: number;
}

interface Mark {
  name: string;
  declined: number | null;
  x: number;
  y: number;
  id: string;
}

const round = (value: number) => Math.round(value * 10) / 10;

const KNOWN_STYLE = `fill="${DECLINED_COLOUR}" fill-opacity="0.75" stroke="#fff" stroke-width="1"`;
const ZERO_STYLE = `stroke="${INK}" stroke-width="1.5"`;
const UNKNOWN_STYLE = `fill="none" stroke="${UNKNOWN_COLOUR}" stroke-width="1.5" stroke-dasharray="3 2"`;
const cross = (x: number, y: number) => `M${x - 4},${y - 4}l8,8m0,-8l-8,8`;

function markSvg(mark: Mark, radiusOf: (count: number) => number): string {
  const x = round(mark.x);
  const y = round(mark.y);
  const data = (variant: string) =>
    `class="mark ${variant}" data-jurisdiction="${escapeXml(mark.id)}"`;
  if (mark.declined === null) {
    const title = escapeXml(`${mark.name}: count not reported`);
    return `<circle ${data('unknown')} cx="${x}" cy="${y}" r="${UNKNOWN_RADIUS}" ${UNKNOWN_STYLE}><title>${title}</title></circle>`;
  }
  const title = escapeXml(`${mark.name}: ${formatCount(mark.declined)} declined`);
  if (mark.declined === 0) {
    return `<path ${data('zero')} d="${cross(x, y)}" ${ZERO_STYLE}><title>${title}</title></path>`;
  }
  const r = round(radiusOf(mark.declined));
  return `<circle ${data('count')} cx="${x}" cy="${y}" r="${r}" ${KNOWN_STYLE}><title>${title}</title></circle>`;
}

/** A strip under the map, so the legend never covers a mark. */
const LEGEND_HEIGHT = 2 * MAX_RADIUS + 24;

function legendSvg(
  max: number,
  radiusOf: (count: number) => number,
  hasZero: boolean,
  hasUnknown: boolean,
): string {
  const y = MAP_HEIGHT + LEGEND_HEIGHT / 2;
  let x = 20;
  const items: string[] = [
    `<text x="${x}" y="${y + 4}" font-weight="bold">Declined detainers recorded:</text>`,
  ];
  x += 200;
  const label = (text: string) => {
    items.push(`<text x="${x}" y="${y + 4}">${text}</text>`);
    x += text.length * 7 + 24;
  };
  for (const value of max > 0 ? legendValues(max) : []) {
    const r = round(radiusOf(value));
    items.push(`<circle cx="${x + r}" cy="${y}" r="${r}" ${KNOWN_STYLE}/>`);
    x += 2 * r + 6;
    label(formatCount(value));
  }
  if (hasZero) {
    items.push(`<path d="${cross(x + 4, y)}" ${ZERO_STYLE}/>`);
    x += 14;
    label('none recorded (0)');
  }
  if (hasUnknown) {
    items.push(
      `<circle cx="${x + UNKNOWN_RADIUS}" cy="${y}" r="${UNKNOWN_RADIUS}" ${UNKNOWN_STYLE}/>`,
    );
    x += 2 * UNKNOWN_RADIUS + 6;
    label('count not reported');
  }
  return `<g class="legend" font-size="14" fill="${INK}">${items.join('')}</g>`;
}

/**
 * The map of one report's jurisdictions, or null when it names none that can be placed. Each
 * mark carries its own accessible name (a `<title>`), and every text from the data is escaped.
 * `idPrefix` keeps the `id`s unique when a page holds more than one map.
 */
export function weekMap(
  report: WeekReport,
  gazetteer: ReadonlyMap<string, GazetteerRow>,
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
  const { borders, outline } = loadAtlas();
  const max = Math.max(0, ...marks.map((mark) => mark.declined ?? 0));
  const radiusOf = (count: number) => Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(count / max));
  // Hollow marks underneath, then circles from largest to smallest so none hides a smaller one.
  const drawOrder = [...marks].sort(
    (a, b) =>
      (a.declined === null ? -1 : 0) - (b.declined === null ? -1 : 0) ||
      (b.declined ?? 0) - (a.declined ?? 0) ||
      a.name.localeCompare(b.name),
  );
  const unknown = marks.filter((mark) => mark.declined === null).length;
  const known = marks.filter((mark) => mark.declined !== null);
  const largest = known.filter((mark) => mark.declined === max && max > 0);
  const period = formatPeriod(report.meta.period_start, report.meta.period_end);
  const height = MAP_HEIGHT + LEGEND_HEIGHT;
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
  ]
    .filter(Boolean)
    .join(' ');
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${height}" width="${MAP_WIDTH}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" font-family="'Source Sans 3', sans-serif">`,
    `<title id="${titleId}">${escapeXml(title)}</title>`,
    `<desc id="${descId}">${escapeXml(description)}</desc>`,
    `<path d="${outline}" fill="#f2f2f2" stroke="#9e9e9e" stroke-width="0.75" stroke-linejoin="round"/>`,
    `<path d="${borders}" fill="none" stroke="#bdbdbd" stroke-width="0.75" stroke-linejoin="round"/>`,
    `<g class="marks">${drawOrder.map((mark) => markSvg(mark, radiusOf)).join('')}</g>`,
    legendSvg(
      max,
      radiusOf,
      known.some((mark) => mark.declined === 0),
      unknown > 0,
    ),
    '</svg>',
  ].join('');
  return {
    svg,
    alt: `${title}. ${description}`,
    note: unplaced.length
      ? `Not on the map (no county or state shape to place ${unplaced.length === 1 ? 'it' : 'them'} in): ${joinNames(unplaced)}.`
      : null,
    width: MAP_WIDTH,
    height,
  };
}
