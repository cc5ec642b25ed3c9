import type { ChartConfiguration } from 'chart.js';
import { joinNames } from '../text/words.ts';
import { GRID, INK, MUTED_INK } from './palette.ts';
import type { ImageSize } from './render.ts';

/** A table cell: text, a count, or null where the report gives no value ("not reported"). */
export type TableCell = string | number | null;

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: TableCell[][];
}

/** Everything a page needs for one chart: what to draw, and its text alternatives. */
export interface ChartSpec {
  /** Names the sort of chart; prefixes the image file name so a cache folder is readable. */
  kind: string;
  title: string;
  size: ImageSize;
  /** Plain data only (no functions), so that it can be hashed for the content cache. */
  config: ChartConfiguration;
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

const CHART_WIDTH = 640;
/** Room for title, legend, axis and source line around the bars of a horizontal chart. */
const HORIZONTAL_FRAME = 120;
const BAR_ROW = 26;
const VERTICAL_HEIGHT = 360;
/** Past this many bars or points, printed values would overlap; the table has them all. */
const MAX_VALUE_LABELS = 30;
const MAX_LABEL_LENGTH = 38;

/**
 * Breaks text into lines of at most `width` characters at spaces, at most `maxLines` of them
 * (the last one shortened), since chart.js draws each title or tick as given.
 */
export function wrap(text: string, width: number, maxLines = 2): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), shorten(lines.slice(maxLines - 1).join(' '), width)];
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

function commonOptions(title: string, source: string, showLegend: boolean) {
  return {
    layout: { padding: { top: 4, right: 16, bottom: 4, left: 4 } },
    plugins: {
      title: {
        display: true,
        text: wrap(title, 70),
        align: 'start' as const,
        color: INK,
        font: { size: 16, weight: 'bold' as const },
        padding: { top: 4, bottom: 8 },
      },
      subtitle: {
        display: true,
        text: wrap(source, 105),
        position: 'bottom' as const,
        align: 'start' as const,
        color: MUTED_INK,
        font: { size: 11 },
        padding: { top: 10, bottom: 0 },
      },
      legend: {
        display: showLegend,
        position: 'top' as const,
        align: 'start' as const,
        labels: { usePointStyle: true, color: INK },
      },
      tooltip: { enabled: false },
    },
  };
}

const valueAxis = (title: string) => ({
  beginAtZero: true,
  // Room beyond the longest bar for its printed value.
  grace: '12%',
  title: { display: true, text: title, color: INK },
  ticks: { precision: 0, color: INK },
  grid: { color: GRID },
  border: { color: INK },
});

const categoryAxis = (title: string) => ({
  title: { display: true, text: title, color: INK },
  ticks: { color: INK, autoSkip: true },
  grid: { display: false },
  border: { color: INK },
});

interface BarChartInput {
  title: string;
  source: string;
  categories: (string | string[])[];
  categoryTitle: string;
  valueTitle: string;
  series: Series[];
  horizontal: boolean;
}

/**
 * Bars with their values printed beside them, each outlined so that a light colour keeps an edge
 * in black-and-white print.
 */
export function barChart(input: BarChartInput): { config: ChartConfiguration; size: ImageSize } {
  const { horizontal, series, categories } = input;
  const common = commonOptions(input.title, input.source, series.length > 1);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: categories.map((label) =>
        typeof label !== 'string' ? label : horizontal ? shorten(label) : wrap(label, 16),
      ),
      datasets: series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.colour,
        borderColor: INK,
        borderWidth: 1,
        pointStyle: 'rect',
        maxBarThickness: 28,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      ...common,
      plugins: {
        ...common.plugins,
        valueLabels: { display: categories.length * series.length <= MAX_VALUE_LABELS * 2 },
      },
      scales: horizontal
        ? { x: valueAxis(input.valueTitle), y: categoryAxis(input.categoryTitle) }
        : { x: categoryAxis(input.categoryTitle), y: valueAxis(input.valueTitle) },
    },
  };
  const rows = categories.length * (series.length > 1 ? 1.5 : 1);
  return {
    config: config as ChartConfiguration,
    size: {
      width: CHART_WIDTH,
      height: horizontal ? HORIZONTAL_FRAME + Math.ceil(rows * BAR_ROW) : VERTICAL_HEIGHT,
    },
  };
}

const PANEL_GAP = {
  type: 'linear' as const,
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

/**
 * One line per panel, panels stacked over a shared time axis. Issued detainers number in the
 * thousands and declined ones in the tens: on one axis the declined line would lie flat, and two
 * overlaid axes invite false comparisons.
 */
export function panelLineChart(input: {
  title: string;
  source: string;
  categories: (string | string[])[];
  categoryTitle: string;
  panels: PanelSeries[];
}): { config: ChartConfiguration; size: ImageSize } {
  const { panels, categories } = input;
  const common = commonOptions(input.title, input.source, true);
  const axisId = (index: number) => `panel${index}`;
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      labels: categories,
      datasets: panels.map((panel, index) => ({
        label: panel.label,
        data: panel.values,
        yAxisID: axisId(index),
        borderColor: panel.colour,
        backgroundColor: panel.colour,
        borderWidth: 2,
        borderDash: panel.dashed ? [6, 4] : [],
        pointStyle: panel.pointStyle,
        pointRadius: categories.length > 60 ? 0 : 4,
        // A missing week is a gap, never a line drawn through an invented value.
        spanGaps: false,
      })),
    },
    options: {
      ...common,
      plugins: {
        ...common.plugins,
        valueLabels: { display: categories.length <= MAX_VALUE_LABELS / 2 },
      },
      scales: {
        x: { ...categoryAxis(input.categoryTitle), offset: true },
        ...Object.fromEntries(
          // chart.js stacks the first axis at the bottom; the first panel goes on top.
          panels
            .map((panel, index) => [
              [
                axisId(index),
                { ...valueAxis(panel.axisTitle), grace: '25%', stack: 'panels', stackWeight: 4 },
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
  return {
    config: config as ChartConfiguration,
    size: { width: CHART_WIDTH, height: 200 + panels.length * 140 },
  };
}
