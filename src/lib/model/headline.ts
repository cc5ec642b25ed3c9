/** The headline figures of a report page, each with its change from the previous report. */
import { REPORT_FIGURES } from '../contract/schema.ts';
import type { Figure, ReportFigureName, ReportMeta } from '../contract/schema.ts';
import { formatChange } from '../text/format.ts';
import { previousReportName } from './sequence.ts';

/** One figure of a week page's headline list, with its change from the previous report. */
export interface HeadlineFigure {
  /** The figure's name in report.json, which corrections use; null for a derived count. */
  field: ReportFigureName | null;
  label: string;
  figure: Figure;
  /** "+12 from the previous report", "… not reported", "no previous report"; null: not compared. */
  change: string | null;
}

/** What the headline needs of a week's summary (site-model.ts's WeekFigures has it). */
interface RowCounts {
  start: string;
  /** Jurisdictions and states the week's transcribed rows name. */
  jurisdictions: number;
  states: number;
}

const derived = (value: number): Figure => ({ value, source: null, note: null });

/** The report's own figures that a week page compares with the previous report. */
const COMPARED_FIGURES: readonly ReportFigureName[] = [
  'detainers_issued',
  'declined_total',
  'states_with_declines',
];

/**
 * The headline list of a week page: the report's figures that readers compare week to week, then
 * the jurisdictions and states its transcribed rows name, each with its change from the previous
 * report ("no previous report" for the first; the earlier report named by its period where it is
 * not the week before). Counts of transcribed rows are compared only
 * between two complete transcriptions: otherwise the change would measure the transcription.
 */
export function headlineFigures(
  meta: ReportMeta,
  summary: RowCounts,
  previous: { meta: ReportMeta; summary: RowCounts } | null,
): HeadlineFigure[] {
  const against = previous && previousReportName(previous.summary.start, summary.start);
  const change = (current: number | null, before: number | null | undefined) =>
    against ? formatChange(current, before ?? null, against) : 'no previous report';
  const bothComplete = meta.coverage === 'complete' && previous?.meta.coverage === 'complete';
  const rowsChange = (current: number, before: number | undefined) =>
    change(bothComplete ? current : null, before);
  return [
    ...COMPARED_FIGURES.map((name) => ({
      field: name,
      label: figureLabel(name),
      figure: meta.figures[name],
      change: change(meta.figures[name].value, previous?.meta.figures[name].value),
    })),
    {
      field: null,
      label: 'Jurisdictions named in the transcribed rows',
      figure: derived(summary.jurisdictions),
      change: rowsChange(summary.jurisdictions, previous?.summary.jurisdictions),
    },
    {
      field: null,
      label: 'States of those jurisdictions',
      figure: derived(summary.states),
      change: rowsChange(summary.states, previous?.summary.states),
    },
  ];
}

/** The report's other figures (pages, jails, Section I and III totals), without a change. */
export function otherFigures(meta: ReportMeta): HeadlineFigure[] {
  return REPORT_FIGURES.filter(({ name }) => !COMPARED_FIGURES.includes(name)).map(
    ({ name, label }) => ({ field: name, label, figure: meta.figures[name], change: null }),
  );
}

function figureLabel(name: ReportFigureName): string {
  return REPORT_FIGURES.find((f) => f.name === name)!.label;
}
