/**
 * What the parser reads out of a Declined Detainer Outcome Report PDF: everything as printed
 * (names, capitals, wording), unresolved against the gazetteer. Dates are ISO (YYYY-MM-DD).
 * A figure the report does not print is null, never estimated.
 */
import type { Period } from './period.ts';
import type { Numeral } from './sections.ts';

/** A number printed in the report, and the page it is printed on. */
export interface PrintedFigure {
  value: number;
  page: number;
}

/** Section I: detainers ISSUED to a jurisdiction (not declines). */
export interface SectionIRow {
  /** The printed rank, or the row's position when the table has no Rank column. */
  rank: number;
  /** "Clark County, NV", "CLARK, NEVADA": as printed. */
  printedName: string;
  issued: number;
  page: number;
}

/** Section II: one recorded declined detainer. */
export interface SectionIIRow {
  /** As printed; carried down from the row above when the report prints it once per group. */
  state: string | null;
  /** As printed; carried down like the state, but not into a new state's group. */
  county: string | null;
  facility: string | null;
  citizenship: string | null;
  issuedDate: string | null;
  declinedDate: string | null;
  criminalActivity: string | null;
  page: number;
}

/** Section III: a jurisdiction's policy on detainers. */
export interface SectionIIIRow {
  /** "Ithaca, New York (Buffalo)": the jurisdiction and, in brackets, ICE's area of responsibility. */
  listedAs: string;
  /** As printed ("February 2017"): the report gives months, not days. */
  dateEnacted: string | null;
  policy: string | null;
  criteria: string | null;
  page: number;
}

/** A cross-check that passed, and what it found, for the pull request's summary. */
export interface DdorCheck {
  check: string;
  result: string;
}

export interface DdorReport {
  /** The title lines joined, ending with the period as printed. */
  title: string;
  period: Period;
  pageCount: number;
  /** "ICE issued 3,083 detainers throughout the United States". */
  detainersIssued: PrintedFigure | null;
  /** Each section's title without its "Section I:" prefix; null for a section not in the report. */
  sectionTitles: Record<Numeral, string | null>;
  sectionI: {
    page: number;
    rows: SectionIRow[];
    /** "(157 to these ten jurisdictions …)" or a Total row. */
    printedTotal: PrintedFigure | null;
  } | null;
  sectionII: {
    page: number;
    rows: SectionIIRow[];
    /** A Total row, or "ICE recorded 206 declined detainers …". */
    printedTotal: PrintedFigure | null;
  } | null;
  sectionIII: { page: number; rows: SectionIIIRow[] } | null;
  sectionIV: { page: number; paragraphs: string[] } | null;
  /** A date the report prints for when it was produced ("Run Date: 03/17/2017"). */
  runDate: string | null;
  /** The date part of the PDF's CreationDate, as the producer wrote it. */
  metadataDate: string | null;
  producer: string | null;
  /** The cross-checks the report allows, each passed (a failed one refuses the report). */
  checks: DdorCheck[];
  /** Things read but worth a maintainer's look (an unknown column, a stray note); not errors. */
  warnings: string[];
}
