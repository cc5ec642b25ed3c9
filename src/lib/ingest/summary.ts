/**
 * The Markdown a reviewer reads: the body of the weekly data pull request, and the data diff in
 * CI's job summary. Works on data as read, valid or not, so CI can describe a broken pull request.
 */
import { periodEnd } from '../contract/dates.ts';
import { formatCount, formatDelta } from '../text/format.ts';
import type { LocatedDataset, LocatedWeek } from '../contract/located.ts';
import { REPORT_FIGURES } from '../contract/schema.ts';
import type { GazetteerRow, ReportFigureName } from '../contract/schema.ts';
import { formatDate, formatPeriod } from '../text/dates.ts';

/** A headline total this many times the highest earlier one is flagged for a second look. */
export const FAR_ABOVE_FACTOR = 2;
const WATCHED_FIGURES: readonly ReportFigureName[] = ['detainers_issued', 'declined_total'];

/**
 * A count changed sharply from the previous report when the larger of the two is at least
 * SHARP_CHANGE_FACTOR times the smaller and they differ by at least SHARP_CHANGE_MIN_DIFFERENCE.
 * The ratio alone would flag 2 → 5 declines, which weekly counts that small do all the time; the
 * difference alone would flag the nationwide total's ordinary week-to-week swing of hundreds. A
 * count that doubles or halves by ten or more is, in this archive, usually a digit misread or
 * dropped, or a column shifted.
 */
export const SHARP_CHANGE_FACTOR = 2;
export const SHARP_CHANGE_MIN_DIFFERENCE = 10;

export function changedSharply(now: number, before: number): boolean {
  return (
    Math.abs(now - before) >= SHARP_CHANGE_MIN_DIFFERENCE &&
    Math.max(now, before) >= SHARP_CHANGE_FACTOR * Math.min(now, before)
  );
}

/** The page count follows the length of the tables, so its changes say nothing of the counts. */
const COMPARED_FIGURES = REPORT_FIGURES.filter((f) => f.name !== 'pages');
const COMPARED_COLUMNS = [
  { column: 'issued', label: 'detainers issued' },
  { column: 'declined', label: 'declined detainers' },
] as const;

// In Markdown a dash stands for a figure the archive does not have, and a change is a bare
// signed difference, blank where either figure is unknown.
const countCell = (value: number | null | undefined) => formatCount(value, '—');
const changeCell = (now: number | null | undefined, before: number | null | undefined) =>
  now === null || now === undefined || before === null || before === undefined
    ? ''
    : formatDelta(now - before);

/** Text from the data goes into Markdown as text, never as markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s+/g, ' ');
}

const figureValue = (week: LocatedWeek, name: ReportFigureName) =>
  week.meta?.figures[name].value ?? null;

function jurisdictionLabel(gazetteer: Map<string, GazetteerRow>, id: string): string {
  const row = gazetteer.get(id);
  return row ? `${escapeMarkdown(row.name)}, ${row.state}` : `\`${id}\``;
}

function weekIds(week: LocatedWeek): string[] {
  const ids = [
    ...week.jurisdictions.map(({ row }) => row.jurisdiction),
    ...(week.declined ?? []).map(({ row }) => row.jurisdiction),
  ];
  return [...new Set(ids)];
}

const previousWeek = (data: LocatedDataset, start: string) =>
  data.weeks.filter((w) => w.start < start).at(-1) ?? null;

/** Ids named in the week that no other week of the archive names. */
function newcomersOf(data: LocatedDataset, week: LocatedWeek): string[] {
  const namedElsewhere = new Set(
    data.weeks.filter((w) => w.start !== week.start).flatMap((w) => weekIds(w)),
  );
  return weekIds(week).filter((id) => !namedElsewhere.has(id));
}

function sharpChange(what: string, now: number, before: number, previous: LocatedWeek): string {
  return `${what} changed sharply from the previous report (week of ${previous.start}): ${countCell(before)} → ${countCell(now)} (${formatDelta(now - before)}); check the transcription against both reports`;
}

/** Headline figures and jurisdiction counts that doubled or halved since the previous report. */
function sharpChanges(
  week: LocatedWeek,
  previous: LocatedWeek,
  label: (id: string) => string,
): string[] {
  const found: string[] = [];
  for (const figure of COMPARED_FIGURES) {
    const now = figureValue(week, figure.name);
    const before = figureValue(previous, figure.name);
    if (now !== null && before !== null && changedSharply(now, before)) {
      found.push(sharpChange(figure.label, now, before, previous));
    }
  }
  const earlier = new Map(previous.jurisdictions.map(({ row }) => [row.jurisdiction, row]));
  for (const { row } of week.jurisdictions) {
    const old = earlier.get(row.jurisdiction);
    for (const { column, label: counted } of COMPARED_COLUMNS) {
      const now = row[column];
      const before = old?.[column] ?? null;
      if (now !== null && before !== null && changedSharply(now, before)) {
        found.push(sharpChange(`${label(row.jurisdiction)}: ${counted}`, now, before, previous));
      }
    }
  }
  return found;
}

/** Partial coverage and absent optional files: what the week does not hold, said out loud. */
function gaps(week: LocatedWeek): string[] {
  const found: string[] = [];
  if (week.meta?.coverage === 'partial') {
    found.push(
      `Coverage is partial ("${escapeMarkdown(week.meta.coverage_note ?? '')}"); check that the note says what is missing, and whether more of the report can be transcribed`,
    );
  }
  if (week.declined === null) {
    const declined = week.jurisdictions.reduce((n, { row }) => n + (row.declined ?? 0), 0);
    found.push(
      declined > 0
        ? `declined.csv is absent: jurisdictions.csv counts ${countCell(declined)} declined detainers, but their Section II rows (facility, citizenship, dates) are not in the archive; check whether the report's Section II can be transcribed`
        : "declined.csv is absent: the week records no declined detainers, so it has no Section II rows; check that the report's Section II is empty",
    );
  }
  return found;
}

/**
 * What a reviewer should check before merging: figures out of the usual range or sharply
 * changed, odd rows, jurisdictions named for the first time, and what the week does not hold.
 */
export function findAnomalies(data: LocatedDataset, start: string): string[] {
  const week = data.weeks.find((w) => w.start === start);
  if (!week) return [`no report folder for ${start}`];
  const gazetteer = new Map(data.gazetteer.map(({ row }) => [row.id, row]));
  const label = (id: string) => jurisdictionLabel(gazetteer, id);
  const anomalies: string[] = [];
  if (!week.meta)
    anomalies.push('report.json could not be read, so the headline figures are missing');
  const others = data.weeks.filter((w) => w.start !== start);
  for (const name of WATCHED_FIGURES) {
    const value = figureValue(week, name);
    const highest = others
      .map((w) => ({ start: w.start, value: figureValue(w, name) }))
      .filter((o): o is { start: string; value: number } => o.value !== null)
      .sort((a, b) => b.value - a.value)[0];
    if (value !== null && highest && value > FAR_ABOVE_FACTOR * highest.value) {
      const figureLabel = REPORT_FIGURES.find((f) => f.name === name)!.label;
      anomalies.push(
        `${figureLabel}: ${countCell(value)} is more than ${FAR_ABOVE_FACTOR} times the highest in the archive (${countCell(highest.value)}, report of ${highest.start}); check the transcription`,
      );
    }
  }
  const previous = previousWeek(data, start);
  if (previous) anomalies.push(...sharpChanges(week, previous, label));
  for (const { row } of week.jurisdictions) {
    if (row.issued !== null && row.declined !== null && row.declined > row.issued) {
      anomalies.push(
        `${label(row.jurisdiction)}: ${countCell(row.declined)} declined but ${countCell(row.issued)} issued in the week; declines can concern detainers issued earlier, but check both figures against the report`,
      );
    }
  }
  for (const id of weekIds(week)) {
    if (!gazetteer.has(id))
      anomalies.push(`\`${id}\` is not in the gazetteer (data/jurisdictions.csv)`);
  }
  // In the first report every jurisdiction is new; saying so would say nothing.
  const newcomers = others.length ? newcomersOf(data, week) : [];
  if (newcomers.length) {
    anomalies.push(
      `New to the archive: ${newcomers.map(label).join('; ')}; check each name and state against the report, as a first appearance is often a misread name`,
    );
  }
  anomalies.push(...gaps(week));
  return anomalies;
}

/**
 * One week for the reviewer of its pull request, in Markdown: period, totals, change from the
 * previous report, news, anomalies.
 */
export function weekReviewMarkdown(data: LocatedDataset, start: string, headingLevel = 2): string {
  const week = data.weeks.find((w) => w.start === start);
  const heading = '#'.repeat(headingLevel);
  if (!week) return `${heading} Week starting ${start}\n\nNo report folder for this week.\n`;
  const meta = week.meta;
  const end = meta?.period_end ?? periodEnd(start);
  const previous = previousWeek(data, start);
  const gazetteer = new Map(data.gazetteer.map(({ row }) => [row.id, row]));
  const lines = [`${heading} Report of ${formatPeriod(start, end)} (week starting ${start})`, ''];

  if (meta) {
    const coverage =
      meta.coverage === 'complete'
        ? 'coverage complete'
        : `coverage partial: ${escapeMarkdown(meta.coverage_note ?? '')}`;
    const source = meta.published_source.replace(/\(/g, '%28').replace(/\)/g, '%29');
    lines.push(`Published ${formatDate(meta.published)} ([source](${source})); ${coverage}.`, '');
  }

  const rows: { label: string; now: number | null; before: number | null }[] =
    REPORT_FIGURES.filter(
      (f) =>
        figureValue(week, f.name) !== null || (previous && figureValue(previous, f.name) !== null),
    ).map((f) => ({
      label: f.label,
      now: figureValue(week, f.name),
      before: previous ? figureValue(previous, f.name) : null,
    }));
  rows.push({
    label: 'Jurisdictions named',
    now: week.jurisdictions.length,
    before: previous ? previous.jurisdictions.length : null,
  });
  if (previous) {
    const previousPeriod = formatPeriod(
      previous.start,
      previous.meta?.period_end ?? periodEnd(previous.start),
    );
    lines.push(
      `| Figure | This report | Previous report (${previousPeriod}) | Change |`,
      '| --- | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.label} | ${countCell(r.now)} | ${countCell(r.before)} | ${changeCell(r.now, r.before)} |`,
      ),
    );
  } else {
    lines.push(
      '| Figure | This report |',
      '| --- | ---: |',
      ...rows.map((r) => `| ${r.label} | ${countCell(r.now)} |`),
      '',
      'This is the first report in the archive.',
    );
  }
  lines.push('');

  const newcomers = newcomersOf(data, week);
  lines.push(
    newcomers.length
      ? `**New to the archive (${newcomers.length}):** ${newcomers.map((id) => jurisdictionLabel(gazetteer, id)).join('; ')}`
      : '**New to the archive:** none.',
    '',
  );

  const anomalies = findAnomalies(data, start);
  if (anomalies.length) {
    lines.push(`**Anomalies (${anomalies.length}):**`, '', ...anomalies.map((a) => `- ${a}`));
  } else {
    lines.push('**Anomalies:** none found.');
  }
  return `${lines.join('\n')}\n`;
}

const weekContent = (week: LocatedWeek, part: 'meta' | 'jurisdictions' | 'declined') =>
  JSON.stringify(part === 'meta' ? week.meta : (week[part] ?? []).map(({ row }) => row));

/**
 * What the data folder adds or changes compared with a base revision: a summary of each new
 * week, the published weeks that changed, new corrections and new gazetteer rows.
 */
export function changesSummary(
  base: LocatedDataset,
  current: LocatedDataset,
  baseLabel: string,
): string {
  const baseWeeks = new Map(base.weeks.map((w) => [w.start, w]));
  const added = current.weeks.filter((w) => !baseWeeks.has(w.start));
  const changed = current.weeks.flatMap((week) => {
    const before = baseWeeks.get(week.start);
    if (!before) return [];
    const files = (
      [
        ['meta', 'report.json'],
        ['jurisdictions', 'jurisdictions.csv'],
        ['declined', 'declined.csv'],
      ] as const
    )
      .filter(([part]) => weekContent(week, part) !== weekContent(before, part))
      .map(([, file]) => file);
    return files.length ? [`\`${week.start}\`: ${files.join(', ')}`] : [];
  });
  const removed = base.weeks.filter((w) => !current.weeks.some((c) => c.start === w.start));
  const baseCorrections = new Set(base.corrections.map(({ row }) => row.id));
  const newCorrections = current.corrections.filter(({ row }) => !baseCorrections.has(row.id));
  const baseGazetteer = new Set(base.gazetteer.map(({ row }) => row.id));
  const newPlaces = current.gazetteer.filter(({ row }) => !baseGazetteer.has(row.id));

  const lines = [`## Data changes against ${escapeMarkdown(baseLabel)}`, ''];
  if (
    !added.length &&
    !changed.length &&
    !removed.length &&
    !newCorrections.length &&
    !newPlaces.length
  ) {
    lines.push('No change to the reports, the corrections or the gazetteer.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `- New reports: ${added.length ? added.map((w) => `\`${w.start}\``).join(', ') : 'none'}`,
    `- Changed reports: ${changed.length ? changed.join('; ') : 'none'}`,
    ...(removed.length
      ? [`- Removed reports: ${removed.map((w) => `\`${w.start}\``).join(', ')}`]
      : []),
    `- New corrections: ${newCorrections.length ? newCorrections.map(({ row }) => `\`${row.id}\``).join(', ') : 'none'}`,
    `- New gazetteer rows: ${newPlaces.length ? newPlaces.map(({ row }) => `${escapeMarkdown(row.name)}, ${row.state}`).join('; ') : 'none'}`,
    '',
  );
  const sections = added.map((week) => weekReviewMarkdown(current, week.start, 3));
  return `${[...lines, ...sections].join('\n')}`;
}
