import type { ChartConfiguration } from 'chart.js';
import { addDays, daysBetween, PERIOD_DAYS, periodEnd } from '../contract/dates.ts';
import { joinNames } from '../text/words.ts';
import { daysInWords, formatPeriod } from '../text/dates.ts';
import { GRID, INK, MUTED_INK } from './palette.ts';

/** A table cell: text, a count, or null where the report gives no value ("not reported"). */
export type TableCell = string | number | null;

/** A chart's size in CSS pixels; the image is `pixelRatio` times larger. */
export interface ImageSize {
  width: number;
  height: number;
}

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: TableCell[][];
}

/** One drawing of a chart: its size in CSS pixels and what chart.js draws there. */
export interface Rendition {
  size: ImageSize;
  /** Plain data only (no functions), so that it can be hashed for the content cache. */
  config: ChartConfiguration;
}

/** Everything a page needs for one chart: what to draw, and its text alternatives. */
export interface ChartSpec {
  /** Names the sort of chart; prefixes the image file name so a cache folder is readable. */
  kind: string;
  title: string;
  /** The wide drawing (CSS pixels), shown where the column is at least its width. */
  size: ImageSize;
  /** Plain data only (no functions), so that it can be hashed for the content cache. */
  config: ChartConfiguration;
  /** The same chart laid out for a phone's column: narrower, taller, never smaller text. */
  narrow: Rendition;
  /** The chart's finding in words, computed from the data. */
  alt: string;
  /** What the chart leaves out (values not reported, rows beyond the top N), or null. */
  note: string | null;
  /** The data behind the chart, including what it leaves out, for the table beside it. */
  table: ChartTable;
}

export interface Series {
  label: string;
  colour: string;
  /** One value per category; null is not reported and draws nothing. */
  values: (number | null)[];
}

/**
 * How one rendition sets its type. The wide drawing is shown at its own size or larger (the
 * page switches to the narrow one below `NARROW_MEDIA`), so its 11 px source line stays 11 px.
 * The narrow one is drawn 320 px wide, within the 328 px column of a 360 px phone, so it is
 * shown at its own size there and every text keeps its 12 px or more.
 */
export interface Layout {
  width: number;
  titleFont: number;
  titleWrap: number;
  titleLines: number;
  sourceFont: number;
  sourceWrap: number;
  sourceLines: number;
  /** Ticks, axis titles, legend, bar names. */
  textFont: number;
  /** Roughly the width of the value axis with its title, left of the plot. */
  axisAllowance: number;
  narrow: boolean;
}

export const WIDE: Layout = {
  width: 640,
  titleFont: 16,
  titleWrap: 70,
  titleLines: 2,
  sourceFont: 11,
  sourceWrap: 105,
  sourceLines: 2,
  textFont: 13,
  axisAllowance: 96,
  narrow: false,
};

/** The smallest type a narrow drawing uses, in CSS pixels of the drawing. */
export const NARROW_MIN_FONT = 12;

export const NARROW: Layout = {
  width: 320,
  titleFont: 15,
  // Characters per line: Source Sans 3 averages about half an em, with room for wide letters.
  titleWrap: 34,
  titleLines: 4,
  sourceFont: NARROW_MIN_FONT,
  sourceWrap: 46,
  sourceLines: 4,
  textFont: 13,
  axisAllowance: 72,
  narrow: true,
};

/**
 * Where a page shows the narrow drawing: below this viewport width the column is under the wide
 * drawing's 640 px (the page's inline padding is 4vw, and a desktop scrollbar takes about 15 px),
 * so the wide image would be scaled down and its smallest text with it.
 */
export const NARROW_MEDIA = 'screen and (max-width: 719.98px)';

/** Room for title, legend, axis and source line around the bars of a horizontal chart. */
const HORIZONTAL_FRAME = 120;
const BAR_ROW = 26;
const VERTICAL_HEIGHT = 360;
/** Past this many bars or points, printed values would overlap; the table has them all. */
const MAX_VALUE_LABELS = 30;
const MAX_LABEL_LENGTH = 38;
/** Line height chart.js gives text (its default 1.2). */
const LINE = 1.2;

/**
 * Breaks text into lines of at most `width` characters at spaces, at most `maxLines` of them
 * (the last one shortened), since chart.js draws each title or tick as given.
 */
export function wrap(text: string, width: number, maxLines = 2): string[] {
  const lines: string[] = [];
  for (const word of glued(text)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), shorten(lines.slice(maxLines - 1).join(' '), width)];
}

/**
 * The words of a text, with a date kept on one line: a number goes with the word before it
 * ("Jan 4", "January 4, 2020") and a dash with the date after it ("– Jan 10, 2020").
 */
function glued(text: string): string[] {
  const words: string[] = [];
  for (const word of text.split(' ')) {
    const last = words.at(-1);
    if (last !== undefined && (/^\d/.test(word) || word === '–' || last.endsWith('–')))
      words[words.length - 1] += ` ${word}`;
    else words.push(word);
  }
  return words;
}

/** Shortens a name drawn on the chart; the alt text and the table keep it whole. */
function shorten(text: string, max = MAX_LABEL_LENGTH): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The entries sharing the largest value (ties are all leaders). */
export function leaders<T>(items: readonly T[], value: (item: T) => number): T[] {
  const max = Math.max(...items.map(value));
  return items.filter((item) => value(item) === max);
}

/** A note naming what has no value and is therefore left out of the chart. */
export function notReportedNote(
  what: string,
  names: readonly string[],
  consequence = 'not drawn',
): string | null {
  if (names.length === 0) return null;
  return `${what} not reported for ${joinNames(names)}; ${names.length === 1 ? 'it is' : 'they are'} ${consequence}.`;
}

export function joinNotes(...notes: (string | null)[]): string | null {
  const present = notes.filter((note): note is string => note !== null);
  return present.length ? present.join(' ') : null;
}

/** Title, source line and legend as one layout wraps them, with the height they take. */
function commonOptions(title: string, source: string, legendItems: number, layout: Layout) {
  const titleLines = wrap(title, layout.titleWrap, layout.titleLines);
  const sourceLines = wrap(source, layout.sourceWrap, layout.sourceLines);
  const textFont = { size: layout.textFont };
  // On a phone each legend item gets a row of its own: two report periods do not fit side by side.
  const legendRows = legendItems > 1 ? (layout.narrow ? legendItems : 1) : 0;
  const frame =
    8 +
    titleLines.length * layout.titleFont * LINE +
    (layout.narrow ? 20 : 12) +
    legendRows * (layout.textFont * LINE + 10) +
    sourceLines.length * layout.sourceFont * LINE +
    10;
  return {
    frame,
    options: {
      layout: { padding: { top: 4, right: layout.narrow ? 10 : 16, bottom: 4, left: 4 } },
      plugins: {
        title: {
          display: true,
          text: titleLines,
          align: 'start' as const,
          color: INK,
          font: { size: layout.titleFont, weight: 'bold' as const },
          // On a phone the first bar's name stands above the plot's top edge: room for it.
          padding: { top: 4, bottom: layout.narrow ? 16 : 8 },
        },
        subtitle: {
          display: true,
          text: sourceLines,
          position: 'bottom' as const,
          align: 'start' as const,
          color: MUTED_INK,
          font: { size: layout.sourceFont },
          padding: { top: 10, bottom: 0 },
        },
        legend: {
          display: legendItems > 1,
          position: 'top' as const,
          align: 'start' as const,
          labels: {
            usePointStyle: true,
            color: INK,
            font: textFont,
            // A row per item on a phone (see legendRows): the box is as wide as the drawing.
            ...(layout.narrow ? { boxWidth: layout.textFont, padding: 10 } : {}),
          },
          ...(layout.narrow ? { maxWidth: layout.width } : {}),
        },
        tooltip: { enabled: false },
      },
    },
  };
}

const valueAxis = (title: string, layout: Layout) => ({
  beginAtZero: true,
  // Room beyond the longest bar for its printed value.
  grace: '12%',
  title: { display: true, text: title, color: INK, font: { size: layout.textFont } },
  ticks: { precision: 0, color: INK, font: { size: layout.textFont } },
  grid: { color: GRID },
  border: { color: INK },
});

const categoryAxis = (title: string, layout: Layout) => ({
  title: { display: title !== '', text: title, color: INK, font: { size: layout.textFont } },
  ticks: { color: INK, autoSkip: true, font: { size: layout.textFont } },
  grid: { display: false },
  border: { color: INK },
});

/** Both renditions of a chart, as a spec module returns them. */
export interface ChartRenditions {
  config: ChartConfiguration;
  size: ImageSize;
  narrow: Rendition;
}

interface BarChartInput {
  title: string;
  source: string;
  categories: (string | string[])[];
  categoryTitle: string;
  valueTitle: string;
  series: Series[];
  horizontal: boolean;
}

/** Bar thickness on a phone: two series share a row, so each is a little thinner. */
const narrowBar = (seriesCount: number) => (seriesCount > 1 ? 12 : 16);

function barRendition(input: BarChartInput, layout: Layout): Rendition {
  const { series, categories } = input;
  // A phone's column cannot hold names beside the bars and the bars too: every chart becomes
  // horizontal bars with each name on a line of its own above its bar, and grows taller.
  const horizontal = input.horizontal || layout.narrow;
  const common = commonOptions(input.title, input.source, series.length, layout);
  const thickness = narrowBar(series.length);
  const group = thickness * series.length;
  const labelText = (label: string | string[]) =>
    typeof label !== 'string' ? label.join(' ') : horizontal ? shorten(label) : wrap(label, 16);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: categories.map((label) =>
        typeof label !== 'string' && !layout.narrow ? label : labelText(label),
      ),
      datasets: series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.colour,
        borderColor: INK,
        borderWidth: 1,
        pointStyle: 'rect',
        ...(layout.narrow ? { barThickness: thickness } : { maxBarThickness: 28 }),
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      ...common.options,
      plugins: {
        ...common.options.plugins,
        valueLabels: { display: categories.length * series.length <= MAX_VALUE_LABELS * 2 },
      },
      scales: horizontal
        ? {
            x: valueAxis(input.valueTitle, layout),
            y: layout.narrow
              ? {
                  ...categoryAxis('', layout),
                  ticks: {
                    color: INK,
                    autoSkip: false,
                    font: { size: layout.textFont },
                    // Inside the plot, left-aligned, lifted from the middle of the row to just
                    // above its bar (or pair of bars).
                    mirror: true,
                    crossAlign: 'near' as const,
                    padding: 4,
                    labelOffset: -(group / 2 + 4 + (layout.textFont * LINE) / 2),
                  },
                }
              : categoryAxis(input.categoryTitle, layout),
          }
        : { x: categoryAxis(input.categoryTitle, layout), y: valueAxis(input.valueTitle, layout) },
    },
  };
  // Below the plot: the value axis's ticks and title.
  const axis = 2 * layout.textFont * LINE + 16;
  const height = layout.narrow
    ? // A row holds the name line, a gap, the bars and a space before the next name.
      Math.ceil(common.frame + axis + categories.length * (group + layout.textFont * LINE + 16))
    : horizontal
      ? HORIZONTAL_FRAME + Math.ceil(categories.length * (series.length > 1 ? 1.5 : 1) * BAR_ROW)
      : VERTICAL_HEIGHT;
  return { config: config as ChartConfiguration, size: { width: layout.width, height } };
}

/**
 * Bars with their values printed beside them, each outlined so that a light colour keeps an edge
 * in black-and-white print.
 */
export function barChart(input: BarChartInput): ChartRenditions {
  const wide = barRendition(input, WIDE);
  return { ...wide, narrow: barRendition(input, NARROW) };
}

/* ---------------------------------------------------------------- time axis of reports */

/** A tick the renderer puts exactly here with exactly this label (see render.ts). */
export interface FixedTick {
  value: number;
  label: string | string[];
}

/** A stretch of the time axis cut short, drawn as a shaded band with its length in words. */
export interface AxisBreak {
  from: number;
  to: number;
  label: string[];
}

/** Weeks between two reports that no report covers. */
export interface ReportGap {
  before: string;
  after: string;
  /** Days no report covers, from the day after `before`'s period to the day before `after`. */
  missingDays: number;
  /** Whether the axis cuts this gap short (it is longer than `LONG_GAP_DAYS`). */
  broken: boolean;
}

/**
 * Gaps longer than this are cut short on the axis: drawn to scale, a report added years after
 * the rest would squeeze every other report into a sliver at one end.
 */
export const LONG_GAP_DAYS = 182;
/** Room on either side of the first and last report, in days: half a report's week. */
const AXIS_PAD = PERIOD_DAYS / 2;

const monthDay = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const monthOnly = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

export function reportGaps(starts: readonly string[]): ReportGap[] {
  const gaps: ReportGap[] = [];
  for (let i = 1; i < starts.length; i++) {
    const [before, after] = [starts[i - 1]!, starts[i]!];
    const days = daysBetween(before, after);
    if (days > PERIOD_DAYS) {
      gaps.push({ before, after, missingDays: days - PERIOD_DAYS, broken: days > LONG_GAP_DAYS });
    }
  }
  return gaps;
}

const periodName = (start: string) => `the report of ${formatPeriod(start, periodEnd(start))}`;

/**
 * The gaps in words for the alt text, since the axis shows them only to the eye: each gap (the
 * longest ones when there are many), how long, between which reports, and where the axis is
 * broken. `whose` names the reports ("reports", "reports that name it"). Empty when none.
 */
export function gapsSentence(gaps: readonly ReportGap[], whose: string): string {
  if (gaps.length === 0) return '';
  const describe = (gap: ReportGap) =>
    `${daysInWords(gap.missingDays)} with no report between ${periodName(gap.before)} and ${periodName(gap.after)}${gap.broken ? ' (the time axis is broken there)' : ''}`;
  const MAX_LISTED = 3;
  if (gaps.length <= MAX_LISTED) {
    return ` The ${whose} are not all consecutive weeks: ${joinNames(gaps.map(describe))}.`;
  }
  const longest = [...gaps].sort(
    (a, b) => b.missingDays - a.missingDays || a.before.localeCompare(b.before),
  )[0]!;
  return ` The ${whose} are not all consecutive weeks: there are ${gaps.length} gaps, the longest ${describe(longest)}.`;
}

export interface TimeAxis {
  /** Position on the axis of each report start, in days, long gaps cut short. */
  positions: Map<string, number>;
  min: number;
  max: number;
  ticks: FixedTick[];
  breaks: AxisBreak[];
  gaps: ReportGap[];
  /** About how many pixels a day takes, for sizing bars. */
  pxPerDay: number;
}

interface Segment {
  first: string;
  last: string;
  offset: number;
}

interface TickCandidate {
  value: number;
  date: string;
  /** Week ticks name the day; month ticks the month; year ticks only the year. */
  style: 'day' | 'month' | 'year';
  segment: number;
  /** A segment's only tick: kept over an ordinary one it would collide with. */
  forced: boolean;
}

/** Steps between ticks, finest first, with the fewest days any such step spans. */
const TICK_STEPS: readonly { months: number; minDays: number }[] = [
  { months: 1, minDays: 28 },
  { months: 2, minDays: 59 },
  { months: 3, minDays: 89 },
  { months: 6, minDays: 181 },
  { months: 12, minDays: 365 },
  { months: 24, minDays: 730 },
  { months: 60, minDays: 1826 },
  { months: 120, minDays: 3652 },
];

/** The first day of every `months`-th month (counted from January) within [from, to]. */
function monthStarts(from: string, to: string, months: number): string[] {
  const dates: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7)) - 1;
  for (;;) {
    const index = year * 12 + month;
    if (index % months === 0) {
      const date = `${year}-${String(month + 1).padStart(2, '0')}-01`;
      if (date > to) break;
      if (date >= from) dates.push(date);
    }
    month += 1;
    if (month === 12) [year, month] = [year + 1, 0];
    if (`${year}-${String(month + 1).padStart(2, '0')}-01` > to) break;
  }
  return dates;
}

/**
 * A time axis over report starts, in days, for a layout's width: gaps of missing weeks drawn to
 * scale, gaps longer than `LONG_GAP_DAYS` cut to a band of fixed width, ticks at weeks, months or
 * years as the room allows, each run of reports between breaks with at least one tick.
 */
export function reportTimeAxis(starts: readonly string[], layout: Layout): TimeAxis {
  const gaps = reportGaps(starts);
  const brokenAfter = new Set(gaps.filter((gap) => gap.broken).map((gap) => gap.after));
  const plot = layout.width - layout.axisAllowance;
  const breakCount = brokenAfter.size;
  // Wide enough for its two-line label; never more than half the plot, however many breaks.
  const breakPx = Math.min(layout.narrow ? 76 : 96, plot / 2 / Math.max(1, breakCount));
  let shownDays = 2 * AXIS_PAD;
  for (let i = 1; i < starts.length; i++) {
    shownDays += brokenAfter.has(starts[i]!)
      ? PERIOD_DAYS
      : daysBetween(starts[i - 1]!, starts[i]!);
  }
  let pxPerDay = (plot - breakCount * breakPx) / shownDays;
  let breakDays = breakPx / pxPerDay;
  // Where weeks are wide (few reports), a break of fixed width would be narrower than the space
  // between two weeks and read as a week or two missing: it is then two weeks wide.
  const minimum = 2 * PERIOD_DAYS;
  if (breakDays < minimum && breakCount * minimum <= shownDays) {
    breakDays = minimum;
    pxPerDay = plot / (shownDays + breakCount * minimum);
  }

  const positions = new Map<string, number>();
  const segments: Segment[] = [];
  const breaks: AxisBreak[] = [];
  let position = 0;
  starts.forEach((start, i) => {
    if (i > 0) {
      position += brokenAfter.has(start)
        ? breakDays + PERIOD_DAYS
        : daysBetween(starts[i - 1]!, start);
    }
    positions.set(start, position);
    if (i === 0 || brokenAfter.has(start)) {
      if (i > 0) {
        const gap = gaps.find((g) => g.after === start)!;
        // The band spans the break, from half a week after one report to half before the next.
        breaks.push({
          from: position - breakDays - AXIS_PAD,
          to: position - AXIS_PAD,
          label: ['no report', `for ${daysInWords(gap.missingDays)}`],
        });
      }
      segments.push({ first: start, last: start, offset: position });
    } else segments.at(-1)!.last = start;
  });

  const minSpacing = layout.narrow ? 50 : 56;
  const at = (segment: Segment, date: string) => segment.offset + daysBetween(segment.first, date);
  let candidates: TickCandidate[];
  if (PERIOD_DAYS * pxPerDay >= minSpacing) {
    candidates = starts.map((start) => ({
      value: positions.get(start)!,
      date: start,
      style: 'day',
      segment: segments.findIndex((s) => s.first <= start && start <= s.last),
      forced: false,
    }));
  } else {
    const { months } =
      TICK_STEPS.find((s) => s.minDays * pxPerDay >= minSpacing) ?? TICK_STEPS.at(-1)!;
    candidates = segments.flatMap((segment, index) =>
      monthStarts(segment.first, addDays(segment.last, PERIOD_DAYS - 1), months).map(
        (date): TickCandidate => ({
          value: at(segment, date),
          date,
          style: months >= 12 ? 'year' : 'month',
          segment: index,
          forced: false,
        }),
      ),
    );
    segments.forEach((segment, index) => {
      if (!candidates.some((c) => c.segment === index)) {
        candidates.push({
          value: segment.offset,
          date: segment.first,
          style: 'day',
          segment: index,
          forced: true,
        });
      }
    });
    candidates.sort((a, b) => a.value - b.value);
  }
  const kept: TickCandidate[] = [];
  for (const candidate of candidates) {
    const last = kept.at(-1);
    if (last && (candidate.value - last.value) * pxPerDay < minSpacing) {
      if (candidate.forced && !last.forced) kept[kept.length - 1] = candidate;
      continue;
    }
    kept.push(candidate);
  }
  const ticks = kept.map((tick, i): FixedTick => {
    const year = tick.date.slice(0, 4);
    if (tick.style === 'year') return { value: tick.value, label: year };
    const name = (tick.style === 'day' ? monthDay : monthOnly).format(utc(tick.date));
    const previous = kept[i - 1];
    // The year under the first tick and wherever it changes or the axis breaks.
    const showYear =
      !previous || previous.date.slice(0, 4) !== year || previous.segment !== tick.segment;
    return { value: tick.value, label: showYear ? [name, year] : [name] };
  });
  return {
    positions,
    min: -AXIS_PAD,
    max: position + AXIS_PAD,
    ticks,
    breaks,
    gaps,
    pxPerDay,
  };
}

const timeScale = (axis: TimeAxis, title: string, layout: Layout) => ({
  type: 'linear' as const,
  min: axis.min,
  max: axis.max,
  fixedTicks: axis.ticks,
  title: { display: true, text: title, color: INK, font: { size: layout.textFont } },
  ticks: { color: INK, autoSkip: false, maxRotation: 0, font: { size: layout.textFont } },
  // A bar chart offsets its index axis by half the tick spacing; the ticks here are far apart.
  offset: false,
  grid: { display: false, offset: false },
  border: { color: INK },
});

/** What the x axis of a chart over report periods says. */
export const TIME_AXIS_TITLE = 'Start of report period';

/* ------------------------------------------------------------------- panel line chart */

/**
 * An axis with no ticks that only holds the band between two panels. Hidden, so that chart.js
 * does not count it when it shares the width out among the vertical axes (on a phone the panels'
 * own axes would be squeezed until their titles ran into their ticks).
 */
const PANEL_GAP = {
  type: 'linear' as const,
  display: false,
  stack: 'panels',
  stackWeight: 1,
  position: 'left' as const,
  ticks: { display: false },
  grid: { display: false },
  border: { display: false },
};

interface PanelSeries extends Series {
  axisTitle: string;
  /** Told apart in print by dash and point shape as well as colour. */
  dashed: boolean;
  pointStyle: 'circle' | 'triangle';
}

export interface TimeChartInput {
  title: string;
  source: string;
  /** Report starts, oldest first, one per value of every series. */
  starts: string[];
}

/**
 * A series as points on the time axis, with an empty point in every gap so the line breaks
 * there instead of joining reports weeks or years apart as if they were neighbours.
 */
function timePoints(axis: TimeAxis, starts: readonly string[], values: readonly (number | null)[]) {
  const gapAfter = new Set(axis.gaps.map((gap) => gap.before));
  return starts.flatMap((start, i) => {
    const x = axis.positions.get(start)!;
    const point = { x, y: values[i] ?? null };
    const next = starts[i + 1];
    return gapAfter.has(start) && next
      ? [point, { x: (x + axis.positions.get(next)!) / 2, y: null }]
      : [point];
  });
}

/** A point's marker radius: lines of many points have none, except where a point stands alone. */
function pointRadii(points: readonly { y: number | null }[], radius: number): number | number[] {
  if (radius > 0) return radius;
  return points.map((point, i) =>
    point.y !== null && (points[i - 1]?.y ?? null) === null && (points[i + 1]?.y ?? null) === null
      ? 3
      : 0,
  );
}

function panelRendition(
  input: TimeChartInput & { panels: PanelSeries[] },
  layout: Layout,
): Rendition {
  const { panels, starts } = input;
  const common = commonOptions(input.title, input.source, panels.length, layout);
  const axis = reportTimeAxis(starts, layout);
  const axisId = (index: number) => `panel${index}`;
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: panels.map((panel, index) => {
        const points = timePoints(axis, starts, panel.values);
        return {
          label: panel.label,
          data: points,
          yAxisID: axisId(index),
          borderColor: panel.colour,
          backgroundColor: panel.colour,
          borderWidth: 2,
          borderDash: panel.dashed ? [6, 4] : [],
          pointStyle: panel.pointStyle,
          pointRadius: pointRadii(points, starts.length > 60 ? 0 : 4),
          // A missing week is a gap, never a line drawn through an invented value.
          spanGaps: false,
        };
      }) as ChartConfiguration<'line'>['data']['datasets'],
    },
    options: {
      ...common.options,
      plugins: {
        ...common.options.plugins,
        valueLabels: { display: starts.length <= MAX_VALUE_LABELS / 2 },
        axisBreaks: { breaks: axis.breaks, font: NARROW_MIN_FONT },
      },
      scales: {
        x: timeScale(axis, TIME_AXIS_TITLE, layout),
        ...Object.fromEntries(
          // chart.js stacks the first axis at the bottom; the first panel goes on top.
          panels
            .map((panel, index) => [
              [
                axisId(index),
                {
                  ...valueAxis(panel.axisTitle, layout),
                  grace: '25%',
                  stack: 'panels',
                  stackWeight: 4,
                },
              ],
              // An empty band between panels, so each reads as its own chart.
              ...(index > 0 ? [[`gap${index}`, PANEL_GAP]] : []),
            ])
            .reverse()
            .flat(),
        ),
      },
    },
  };
  const height = layout.narrow
    ? Math.ceil(common.frame + 60 + panels.length * 150)
    : 200 + panels.length * 140;
  return { config: config as ChartConfiguration, size: { width: layout.width, height } };
}

/**
 * One line per panel, panels stacked over a shared time axis. Issued detainers number in the
 * thousands and declined ones in the tens: on one axis the declined line would lie flat, and two
 * overlaid axes invite false comparisons.
 */
export function panelLineChart(input: TimeChartInput & { panels: PanelSeries[] }): ChartRenditions {
  const wide = panelRendition(input, WIDE);
  return { ...wide, narrow: panelRendition(input, NARROW) };
}

/* -------------------------------------------------------------------- time bar chart */

function timeBarRendition(
  input: TimeChartInput & { series: Series[]; valueTitle: string },
  layout: Layout,
): Rendition {
  const { series, starts } = input;
  const common = commonOptions(input.title, input.source, series.length, layout);
  const axis = reportTimeAxis(starts, layout);
  // A week's bars fill most of the week, side by side; at least 2 px, at most 28.
  const thickness = Math.max(
    2,
    Math.min(28, Math.floor((PERIOD_DAYS * axis.pxPerDay * 0.8) / series.length)),
  );
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      datasets: series.map((s) => ({
        label: s.label,
        data: starts.map((start, i) => ({ x: axis.positions.get(start)!, y: s.values[i] ?? null })),
        backgroundColor: s.colour,
        borderColor: INK,
        borderWidth: 1,
        pointStyle: 'rect',
        barThickness: thickness,
        // A report without an issued count has one bar, centred on its week.
        skipNull: true,
      })) as unknown as ChartConfiguration<'bar'>['data']['datasets'],
    },
    options: {
      ...common.options,
      plugins: {
        ...common.options.plugins,
        valueLabels: { display: starts.length * series.length <= MAX_VALUE_LABELS },
        axisBreaks: { breaks: axis.breaks, font: NARROW_MIN_FONT },
      },
      scales: {
        x: timeScale(axis, TIME_AXIS_TITLE, layout),
        y: valueAxis(input.valueTitle, layout),
      },
    },
  };
  const height = layout.narrow ? Math.ceil(common.frame + 300) : VERTICAL_HEIGHT;
  return { config: config as ChartConfiguration, size: { width: layout.width, height } };
}

/** Bars per report on a time axis: weeks apart are apart, years apart are a marked break. */
export function timeBarChart(
  input: TimeChartInput & { series: Series[]; valueTitle: string },
): ChartRenditions {
  const wide = timeBarRendition(input, WIDE);
  return { ...wide, narrow: timeBarRendition(input, NARROW) };
}
