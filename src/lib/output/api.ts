/**
 * The JSON API: an index of every report, one file per report with its rows, and the
 * jurisdictions with their totals. Built from the site model, so its totals are the pages'.
 */
import { apiPaths } from './files.ts';
import { REPORT_FIGURES } from '../contract/schema.ts';
import type {
  CorrectionRow,
  DeclinedRow,
  GazetteerRow,
  ReportFigureName,
  ReportJurisdictionRow,
  ReportMeta,
} from '../contract/schema.ts';
import type { SiteModel, WeekModel } from '../model/site-model.ts';
import { paths } from './urls.ts';
import type { LinkFn } from './urls.ts';

export interface WeekIndexEntry {
  start: string;
  end: string;
  title: string;
  published: string;
  coverage: ReportMeta['coverage'];
  coverage_note: string | null;
  /** Headline figure values; null where no source gives one. */
  figures: Record<ReportFigureName, number | null>;
  jurisdictions: number;
  /** Section II rows transcribed, or null where none are. */
  declined_rows: number | null;
  corrections: number;
  page: string;
  api: string;
}

export interface WeeksIndex {
  /** Oldest first, like the data folder. */
  weeks: WeekIndexEntry[];
}

export interface WeekDetail {
  start: string;
  page: string;
  meta: ReportMeta;
  jurisdictions: ReportJurisdictionRow[];
  declined: DeclinedRow[] | null;
  corrections: CorrectionRow[];
}

export interface JurisdictionAppearance {
  report: string;
  issued_rank: number | null;
  issued: number | null;
  declined: number | null;
}

export interface JurisdictionEntry extends GazetteerRow {
  /**
   * Sums of the known counts, null where no report gives one (never 0 for unknown);
   * `declined_unknown` counts reports naming it without a declined count.
   */
  totals: {
    reports: number;
    issued: number | null;
    declined: number | null;
    declined_unknown: number;
  };
  appearances: JurisdictionAppearance[];
  page: string | null;
}

export interface JurisdictionsIndex {
  jurisdictions: JurisdictionEntry[];
}

function headlineValues(meta: ReportMeta): Record<ReportFigureName, number | null> {
  return Object.fromEntries(
    REPORT_FIGURES.map(({ name }) => [name, meta.figures[name].value]),
  ) as Record<ReportFigureName, number | null>;
}

export function weekIndexEntry(week: WeekModel, link: LinkFn): WeekIndexEntry {
  const { start, meta, jurisdictions, declined } = week.report;
  return {
    start,
    end: meta.period_end,
    title: meta.title,
    published: meta.published,
    coverage: meta.coverage,
    coverage_note: meta.coverage_note,
    figures: headlineValues(meta),
    jurisdictions: jurisdictions.length,
    declined_rows: declined && declined.length,
    corrections: week.corrections.length,
    page: link(paths.week(start)),
    api: link(apiPaths.week(start)),
  };
}

export function weeksIndex(model: SiteModel, link: LinkFn): WeeksIndex {
  return { weeks: model.weeks.map((week) => weekIndexEntry(week, link)) };
}

export function weekDetail(week: WeekModel, link: LinkFn): WeekDetail {
  const { start, meta, jurisdictions, declined } = week.report;
  return {
    start,
    page: link(paths.week(start)),
    meta,
    jurisdictions,
    declined,
    corrections: week.corrections,
  };
}

/** The whole gazetteer, with totals over every report (null where no report gives a count). */
export function jurisdictionsIndex(model: SiteModel, link: LinkFn): JurisdictionsIndex {
  return {
    jurisdictions: [...model.gazetteer.values()].map((jurisdiction): JurisdictionEntry => {
      const summary = model.jurisdictions.get(jurisdiction.id);
      const appearances = summary?.appearances ?? [];
      return {
        ...jurisdiction,
        totals: {
          reports: appearances.length,
          issued: summary?.issuedTotal ?? null,
          declined: summary?.declinedTotal ?? null,
          declined_unknown: summary?.declinedUnknown ?? 0,
        },
        appearances: appearances.map(({ report, row }) => ({
          report,
          issued_rank: row.issued_rank,
          issued: row.issued,
          declined: row.declined,
        })),
        page: summary ? link(paths.jurisdiction(jurisdiction.id)) : null,
      };
    }),
  };
}
