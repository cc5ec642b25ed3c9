/**
 * A Declined Detainer Outcome Report, from its PDF text to a DdorReport: the title and period,
 * the Summary's headline figure, the four sections. See ddor-report.ts for what is returned
 * and errors.ts for how a report is refused.
 */
import type { DdorReport, PrintedFigure } from './ddor-report.ts';
import {
  readSectionI,
  readSectionII,
  readSectionIII,
  TABLES,
  tableWarnings,
} from './ddor-tables.ts';
import { PdfReportError } from './errors.ts';
import { removeFurniture } from './furniture.ts';
import { pageLines } from './lines.ts';
import type { Line } from './lines.ts';
import { findRunDate, parseDateRange } from './period.ts';
import { readPdf } from './read-pdf.ts';
import type { PdfText } from './read-pdf.ts';
import { findSections, flowOf, NUMERALS, paragraphsOf } from './sections.ts';
import type { Numeral, Section } from './sections.ts';
import { looksLikeHeaderLine, matchHeader } from './table-header.ts';
import { COUNT_PATTERN, joinWrapped, parseCount } from './text.ts';

const NOT_A_DDOR =
  "this is not a Declined Detainer Outcome Report: no title 'Weekly Declined Detainer Outcome Report … For Recorded Declined Detainers <dates>' found";

/** The report's name, then (within a few words) the phrase its dates follow. */
const TITLE_LEAD =
  /declined\s+detainer\s+outcome\s+report[^]{0,40}?for\s+recorded\s+declined\s+detainers?\s*/i;

/** Title lines are set close together: each within this many font sizes of the next. */
const TITLE_LINE_STEP = 2.2;

/** The title block on page 1, ending with the period "For Recorded Declined Detainers …". */
function readTitle(lines: readonly Line[]) {
  const page1 = lines.filter((l) => l.page === 1);
  const flow = flowOf(page1);
  const lead = TITLE_LEAD.exec(flow.text);
  if (!lead) throw new PdfReportError(1, NOT_A_DDOR);
  const datesAt = lead.index + lead[0].length;
  const range = parseDateRange(flow.text.slice(datesAt));
  if (!range) {
    const printed = flow.text.slice(datesAt, datesAt + 40);
    throw new PdfReportError(
      1,
      `the title gives the period as "${printed}", which is not a date range this parser reads (e.g. "Jan. 28 – Feb. 3, 2017")`,
    );
  }
  // The block starts at the first of the lines set directly above the report's name.
  let first = flow.lineAt(lead.index);
  while (first > 0) {
    const [above, line] = [page1[first - 1]!, page1[first]!];
    if (line.y - above.y > TITLE_LINE_STEP * Math.max(line.size, above.size)) break;
    first--;
  }
  const titleEnd = datesAt + range.length;
  const last = flow.lineAt(titleEnd - 1);
  // The title as printed (curly quotes and all), cut where its dates end.
  const printed = joinWrapped(page1.slice(first, last + 1).map((l) => l.text));
  const printedLead = TITLE_LEAD.exec(printed);
  const printedRange =
    printedLead && parseDateRange(printed.slice(printedLead.index + printedLead[0].length));
  const cut =
    printedLead && printedRange
      ? printedLead.index + printedLead[0].length + printedRange.length
      : -1;
  return {
    title:
      cut > 0
        ? printed.slice(0, cut).trim()
        : flow.text.slice(Math.max(0, flow.offsetOf(first)), titleEnd).trim(),
    period: range.period,
    /** Index (in all lines) of the first line after the title. */
    after: lines.indexOf(page1[last]!) + 1,
  };
}

/** "ICE issued 3,083 detainers throughout the United States", worded a few ways. */
function readDetainersIssued(prose: readonly Line[]): PrintedFigure | null {
  const flow = flowOf(prose);
  const patterns = [
    new RegExp(`\\bissued\\s+(?:a\\s+total\\s+of\\s+)?(${COUNT_PATTERN})\\s+detainers\\b`, 'i'),
    new RegExp(`\\b(${COUNT_PATTERN})\\s+detainers\\s+(?:were\\s+)?issued\\b`, 'i'),
  ];
  const hit = patterns
    .map((p) => p.exec(flow.text))
    .filter((m) => m !== null)
    .sort((a, b) => a.index - b.index)[0];
  const value = hit ? parseCount(hit[1]!) : null;
  return hit && value !== null
    ? { value, page: flow.pageAt(hit.index + hit[0].indexOf(hit[1]!)) }
    : null;
}

/**
 * Reads a DDOR from PDF text (see readPdf). Throws PdfReportError, naming the page, when the
 * PDF is not a DDOR, when a section's table header is missing, when a row's dates or counts are
 * not dates or counts, and when a table disagrees with the total the report prints for it.
 */
export function parseDdor(document: PdfText): DdorReport {
  try {
    return readReport(document);
  } catch (error) {
    if (error instanceof PdfReportError) throw error;
    // A fault in the parser, not a fault found in the PDF: say so, and keep the original.
    throw new PdfReportError(
      null,
      `the parser failed on this PDF (${(error as Error).message}); keep the PDF and report it as a parser bug`,
      error,
    );
  }
}

function readReport(document: PdfText): DdorReport {
  const headerLike = (line: Line) => TABLES.some((t) => looksLikeHeaderLine(line, t.columns));
  const lines = removeFurniture(document.pages.map(pageLines), headerLike).flat();
  const title = readTitle(lines);
  const startsTable = (at: number) =>
    TABLES.some((t) => matchHeader(lines, at, t.columns) !== null);
  const sections = findSections(lines, startsTable).filter((s) => s.headingAt >= title.after);
  const section = (n: Numeral) => sections.find((s) => s.numeral === n);
  const body = (s: Section) => lines.slice(s.bodyAt, s.end);
  const summary = lines.slice(title.after, sections[0]?.headingAt ?? lines.length);
  const warnings: string[] = [];

  const s1 = section('I');
  const sectionI = s1 ? readSectionI(body(s1), s1.page) : null;
  const s2 = section('II');
  const sectionII = s2 ? readSectionII(body(s2), s2.page, summary) : null;
  const s3 = section('III');
  const sectionIII = s3 ? readSectionIII(body(s3), s3.page) : null;
  const s4 = section('IV');
  if (sectionI) warnings.push(...tableWarnings('Section I', sectionI.table));
  if (sectionII) warnings.push(...tableWarnings('Section II', sectionII.table));
  if (sectionIII) warnings.push(...tableWarnings('Section III', sectionIII.table));

  const issuedProse = [
    ...summary,
    ...(sectionI ? [...sectionI.table.before, ...sectionI.table.after] : s1 ? body(s1) : []),
  ];
  // Furniture included: a run date is often printed in the page footer.
  const runDate = findRunDate(flowOf(document.pages.flatMap(pageLines)).text)?.date ?? null;
  const created = document.info.creationDate;
  return {
    title: title.title,
    period: title.period,
    pageCount: document.pageCount,
    detainersIssued: readDetainersIssued(issuedProse),
    sectionTitles: Object.fromEntries(
      NUMERALS.map((n) => [n, section(n)?.title ?? null]),
    ) as Record<Numeral, string | null>,
    sectionI:
      sectionI && s1
        ? { page: s1.page, rows: sectionI.rows, printedTotal: sectionI.printedTotal }
        : null,
    sectionII:
      sectionII && s2
        ? { page: s2.page, rows: sectionII.rows, printedTotal: sectionII.printedTotal }
        : null,
    sectionIII: sectionIII && s3 ? { page: s3.page, rows: sectionIII.rows } : null,
    sectionIV: s4
      ? {
          page: s4.page,
          paragraphs: paragraphsOf(body(s4).filter((l) => findRunDate(l.text)?.index !== 0)),
        }
      : null,
    runDate,
    metadataDate: created && /^\d{4}-\d{2}-\d{2}/.test(created) ? created.slice(0, 10) : null,
    producer: document.info.producer,
    warnings,
  };
}

/** readPdf, then parseDdor: PDF bytes as ICE publishes them → the report, or a PdfReportError. */
export async function readDdorPdf(bytes: Uint8Array): Promise<DdorReport> {
  return parseDdor(await readPdf(bytes));
}
