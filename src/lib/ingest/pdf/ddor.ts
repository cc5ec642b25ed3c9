/**
 * A Declined Detainer Outcome Report, from its PDF's pages to a DdorReport: the title and
 * period, the Summary's headline figure, the four sections, and the cross-checks the report
 * allows. See ddor-report.ts for what is returned and errors.ts for how a report is refused.
 * analyseDdor also says what it found where (furniture, sections, tables), for --explain.
 */
import type { PdfDocument } from './document.ts';
import type { DdorCheck, DdorReport, PrintedFigure } from './ddor-report.ts';
import {
  readSectionI,
  readSectionII,
  readSectionIII,
  TABLES,
  tableWarnings,
} from './ddor-tables.ts';
import type { TableContext } from './ddor-tables.ts';
import { PdfReportError } from './errors.ts';
import { findFurniture } from './furniture.ts';
import { DEFAULT_PDF_LIMITS } from './limits.ts';
import type { PdfLimits } from './limits.ts';
import { pageLines } from './lines.ts';
import type { Line } from './lines.ts';
import { findRunDate, parseDateRange } from './period.ts';
import { readPdf } from './read-pdf.ts';
import { findSections, flowOf, NUMERALS, paragraphsOf } from './sections.ts';
import type { Numeral, Section } from './sections.ts';
import type { TableResult } from './table.ts';
import { looksLikeHeaderLine, matchHeader } from './table-header.ts';
import type { LayoutTemplate } from './template.ts';
import { COUNT_PATTERN, joinWrapped, parseCount } from './text.ts';

const NOT_A_DDOR =
  "this is not a Declined Detainer Outcome Report: no title 'Weekly Declined Detainer Outcome Report … For Recorded Declined Detainers <dates>' found";

/** The report's name, then (within a few words) the phrase its dates follow. */
const TITLE_LEAD =
  /declined\s+detainer\s+outcome\s+report[^]{0,40}?for\s+recorded\s+declined\s+detainers?\s*/i;

/** Title lines are set close together: each within this many font sizes of the next. */
const TITLE_LINE_STEP = 2.2;

export interface ReadOptions {
  layout?: LayoutTemplate | undefined;
}

/** What the reader found, page by page, whether or not it could read the report. */
export interface ReadTrace {
  /** Every line of every page, furniture included. */
  lines: Line[];
  furniture: Set<Line>;
  sections: { numeral: Numeral; page: number; y: number }[];
  tables: { section: string; table: TableResult<string> }[];
}

export interface DdorAnalysis {
  trace: ReadTrace;
  report: DdorReport | null;
  error: PdfReportError | null;
}

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

/** Lines that are furniture by the template's patterns. */
const templateFurniture = (layout: LayoutTemplate | undefined) => {
  const patterns = (layout?.furniture ?? []).map((source) => new RegExp(source, 'i'));
  return (line: Line) => patterns.some((p) => p.test(line.text));
};

/**
 * Reads a DDOR from its pages. Never throws for a fault of the PDF: the result holds the report
 * or the refusal (naming the page and the problem), and in both cases what was found where.
 */
export function analyseDdor(document: PdfDocument, options: ReadOptions = {}): DdorAnalysis {
  const pages = document.pages.map(pageLines);
  const headerLike = (line: Line) => TABLES.some((t) => looksLikeHeaderLine(line, t.columns));
  const byTemplate = templateFurniture(options.layout);
  const furniture = findFurniture(pages, { keep: headerLike });
  for (const line of pages.flat()) if (byTemplate(line)) furniture.add(line);
  const trace: ReadTrace = { lines: pages.flat(), furniture, sections: [], tables: [] };
  try {
    return { trace, report: readReport(document, pages, trace, options), error: null };
  } catch (error) {
    if (error instanceof PdfReportError) return { trace, report: null, error };
    // A fault in the parser, not a fault found in the PDF: say so, and keep the original.
    return {
      trace,
      report: null,
      error: new PdfReportError(
        null,
        `the parser failed on this PDF (${(error as Error).message}); keep the PDF and report it as a parser bug`,
        error,
      ),
    };
  }
}

/**
 * Reads a DDOR from its pages. Throws PdfReportError, naming the page, when the PDF is not a
 * DDOR, when a section's table header is missing, when a row's dates or counts are not dates or
 * counts, and when a table disagrees with the total the report prints for it.
 */
export function parseDdor(document: PdfDocument, options: ReadOptions = {}): DdorReport {
  const { report, error } = analyseDdor(document, options);
  if (error) throw error;
  return report!;
}

/** The lines a template says a section's table is on; all of the section's lines otherwise. */
function sectionBody(lines: readonly Line[], section: Section, options: ReadOptions): Line[] {
  const pages = options.layout?.sections?.[section.numeral as 'I' | 'II' | 'III']?.pages;
  const body = lines.slice(section.bodyAt, section.end);
  if (!pages) return body;
  return body.filter((line) => line.page >= pages[0] && line.page <= pages[1]);
}

function readReport(
  document: PdfDocument,
  pages: readonly Line[][],
  trace: ReadTrace,
  options: ReadOptions,
): DdorReport {
  const lines = pages.flat().filter((line) => !trace.furniture.has(line));
  const title = readTitle(lines);
  const startsTable = (at: number) =>
    TABLES.some((t) => matchHeader(lines, at, t.columns) !== null);
  const sections = findSections(lines, startsTable).filter((s) => s.headingAt >= title.after);
  trace.sections = sections.map((s) => ({
    numeral: s.numeral,
    page: s.page,
    y: lines[s.headingAt]!.y,
  }));
  const section = (n: Numeral) => sections.find((s) => s.numeral === n);
  const summary = lines.slice(title.after, sections[0]?.headingAt ?? lines.length);
  const graphics = new Map(document.pages.map((p) => [p.number, p]));
  const clipsWholeText = document.pages.some((p) => p.clipsWholeText);
  const context = (numeral: 'I' | 'II' | 'III'): TableContext => {
    const layout = options.layout?.sections?.[numeral];
    return {
      graphicsOf: (page) => graphics.get(page) ?? { rules: [], fills: [] },
      clipsWholeText,
      layout: {
        ...(layout?.columns ? { boundaries: layout.columns } : {}),
        ...(layout?.align ? { align: layout.align } : {}),
      },
      record: (table) => trace.tables.push({ section: `Section ${numeral}`, table }),
    };
  };
  const warnings: string[] = [];
  const checks: DdorCheck[] = [];

  const s1 = section('I');
  const sectionI = s1 ? readSectionI(sectionBody(lines, s1, options), s1.page, context('I')) : null;
  const s2 = section('II');
  const sectionII = s2
    ? readSectionII(sectionBody(lines, s2, options), s2.page, summary, context('II'))
    : null;
  const s3 = section('III');
  const sectionIII = s3
    ? readSectionIII(sectionBody(lines, s3, options), s3.page, context('III'))
    : null;
  const s4 = section('IV');
  if (sectionI) warnings.push(...tableWarnings('Section I', sectionI.table));
  if (sectionII) warnings.push(...tableWarnings('Section II', sectionII.table));
  if (sectionIII) warnings.push(...tableWarnings('Section III', sectionIII.table));

  if (sectionI) {
    const sum = sectionI.rows.reduce((total, row) => total + row.issued, 0);
    checks.push({
      check: 'Section I rows against the total the report prints',
      result: sectionI.printedTotal
        ? `the ${sectionI.rows.length} rows add up to ${sum}, as printed on page ${sectionI.printedTotal.page}`
        : `the report prints no total; the ${sectionI.rows.length} rows add up to ${sum}`,
    });
  }
  if (sectionII) {
    checks.push({
      check: 'Section II rows against the number of declined detainers the report prints',
      result: sectionII.printedTotal
        ? `${sectionII.rows.length} rows, as printed on page ${sectionII.printedTotal.page}`
        : `the report prints no number; ${sectionII.rows.length} rows`,
    });
    const dated = checkDates(sectionII.rows);
    checks.push({ check: 'Section II dates', result: dated });
  }

  const issuedProse = [
    ...summary,
    ...(sectionI
      ? [...sectionI.table.before, ...sectionI.table.after]
      : s1
        ? lines.slice(s1.bodyAt, s1.end)
        : []),
  ];
  // Furniture included: a run date is often printed in the page footer.
  const runDate = findRunDate(flowOf(pages.flat()).text)?.date ?? null;
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
          paragraphs: paragraphsOf(
            lines.slice(s4.bodyAt, s4.end).filter((l) => findRunDate(l.text)?.index !== 0),
          ),
        }
      : null,
    runDate,
    metadataDate: created && /^\d{4}-\d{2}-\d{2}/.test(created) ? created.slice(0, 10) : null,
    producer: document.info.producer,
    checks,
    warnings,
  };
}

/** Every Section II row's dates read; a decline before its detainer was issued is refused. */
function checkDates(rows: NonNullable<DdorReport['sectionII']>['rows']): string {
  let both = 0;
  for (const row of rows) {
    if (row.issuedDate && row.declinedDate) {
      both++;
      if (row.declinedDate < row.issuedDate) {
        throw new PdfReportError(
          row.page,
          `a Section II row (${row.facility ?? row.county ?? 'no facility'}) reads as declined on ${row.declinedDate}, before its detainer was issued on ${row.issuedDate}; the row is misread or misprinted`,
        );
      }
    }
  }
  return `${both} of ${rows.length} rows give both dates, each declined on or after it was issued`;
}

export interface ReadPdfOptions extends ReadOptions {
  limits?: PdfLimits | undefined;
}

/** readPdf, then parseDdor: PDF bytes as ICE publishes them → the report, or a PdfReportError. */
export async function readDdorPdf(
  bytes: Uint8Array,
  options: ReadPdfOptions = {},
): Promise<DdorReport> {
  return parseDdor(await readPdf(bytes, options.limits ?? DEFAULT_PDF_LIMITS), options);
}
