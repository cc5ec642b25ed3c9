/**
 * Where a week's PDF comes from: `--source` names the PDF itself (a path or an address, with
 * `{start}` for the period start), or an HTML page that links the reports, on which the week's
 * report is found by its period. The PDF is fetched with the same bounded retries and limits as
 * any source file, read (pdf/), and its publication date found: from the listing where it gives
 * one, else a run date the report prints, else the PDF's metadata, else the day of retrieval.
 */
import { pathToFileURL } from 'node:url';
import { isRealDate } from '../contract/dates.ts';
import { hasPdfSignature } from '../contract/pdf-signature.ts';
import { isWebAddress } from '../contract/web-address.ts';
import { formatDate } from '../text/dates.ts';
import { IngestError } from './errors.ts';
import { pickLink } from './candidates.ts';
import { checkSourceTemplate, fetchSourceFile, isWebLocation, reachOf } from './fetch.ts';
import type { FetchDeps, FetchPolicy } from './fetch.ts';
import { findReportLinks } from './listing.ts';
import type { ReportLink } from './listing.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyseDdor,
  DEFAULT_PDF_LIMITS,
  PdfReportError,
  readPdf,
  renderPdf,
} from './pdf/index.ts';
import type {
  DdorAnalysis,
  DdorReport,
  LayoutTemplate,
  PdfDocument,
  PdfLimits,
} from './pdf/index.ts';
import { EXPLAIN_SCALE, explainReading, pictureName } from './pdf/explain.ts';
import type { Publication } from './pdf-week.ts';

export interface PdfSourceRequest {
  /** The PDF or the listing page; `{start}` stands for the period start. */
  source: string;
  /** The week wanted: given, or the one after the latest; null when neither is known. */
  week: string | null;
  /** The PDF's public address, for a PDF read from this machine. */
  sourceUrl: string | null;
  /** The publication date, when the maintainer gives it (`--published`). */
  published: string | null;
  today: string;
  reading: PdfReading;
}

export interface FetchedPdf {
  bytes: Uint8Array;
  report: DdorReport;
  /** The PDF's public address: the source of every value. */
  url: string;
  /** Where it was read from, for messages (a path or the address). */
  location: string;
  publication: Publication;
  /** The listing page it was found on, if any. */
  listing: string | null;
  /** Worth a reviewer's look: another link for the same week, for one. */
  notes: string[];
}

export type PdfLookup = { found: FetchedPdf } | { missing: { location: string; reason: string } };

const looksLikeHtml = (bytes: Uint8Array, contentType: string | null) =>
  /html/i.test(contentType ?? '') ||
  /^\s*(?:<!doctype html|<html|<head|<body|<!--|<\?xml)/i.test(
    new TextDecoder().decode(bytes.subarray(0, 512)),
  );

/** `{start}` filled in, for a source that names one file rather than a folder. */
function locationFor(template: string, week: string | null): string {
  checkSourceTemplate(template);
  if (!template.includes('{start}')) return template;
  if (week === null) {
    throw new IngestError(
      `The source "${template}" needs a period start for {start}, and the data folder has no report to count from: give one with --week YYYY-MM-DD.`,
    );
  }
  return template.replaceAll('{start}', week);
}

/** How the report's PDF is read: a layout template, where to explain the reading, the limits. */
export interface PdfReading {
  layout: LayoutTemplate | null;
  /** A folder for pictures of each page with what the reader found, and the rows as text. */
  explainDir: string | null;
  limits: PdfLimits;
}

export const DEFAULT_PDF_READING: PdfReading = {
  layout: null,
  explainDir: null,
  limits: DEFAULT_PDF_LIMITS,
};

/** Writes the explanation of a reading; the PDF is drawn only once it was read within limits. */
async function explain(
  dir: string,
  bytes: Uint8Array,
  location: string,
  reading: PdfReading,
  read: ReadPdf | null,
  refusal: PdfReportError | null,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (!read) {
    writeFileSync(
      join(dir, 'reading.txt'),
      `Reading of ${location}\n\nRefused: ${refusal!.message}\n`,
    );
    return;
  }
  const pictures = await renderPdf(bytes, EXPLAIN_SCALE, reading.limits);
  const files = await explainReading(read.analysis, read.document, pictures, location);
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
}

/** A PDF read within limits, and what the reader made of it. */
interface ReadPdf {
  analysis: DdorAnalysis;
  document: PdfDocument;
}

/**
 * Reads the PDF; a PdfReportError (page and problem) is told with where the PDF came from and,
 * with --explain, where the picture of that page is.
 */
async function readReport(
  bytes: Uint8Array,
  location: string,
  reading: PdfReading,
): Promise<DdorReport> {
  let read: ReadPdf | null = null;
  let refusal: PdfReportError | null;
  try {
    const document = await readPdf(bytes, reading.limits);
    const analysis = analyseDdor(document, { layout: reading.layout ?? undefined });
    read = { analysis, document };
    refusal = analysis.error;
  } catch (error) {
    if (!(error instanceof PdfReportError)) throw error;
    refusal = error;
  }
  let where = '';
  if (reading.explainDir) {
    await explain(reading.explainDir, bytes, location, reading, read, refusal);
    const picture = refusal?.page ? join(reading.explainDir, pictureName(refusal.page)) : null;
    where = ` The reading is explained in ${picture && read ? `${picture} (the page) and ` : ''}${join(reading.explainDir, 'reading.txt')}.`;
  }
  if (refusal)
    throw new IngestError(`${location}: ${refusal.message}. Nothing was written.${where}`);
  return read!.analysis.report!;
}

/** The publication date with its source and how it was found, in the order the issue names. */
function publicationOf(
  report: DdorReport,
  request: PdfSourceRequest,
  url: string,
  link: ReportLink | null,
  listing: string | null,
): Publication {
  const end = report.period.end;
  if (request.published !== null) {
    return {
      date: request.published,
      source: url,
      note: `Given by the maintainer who added the report (--published); the report does not print it.`,
    };
  }
  if (link?.published && listing && link.published >= end) {
    return { date: link.published, source: listing, note: null };
  }
  const plausible = (date: string | null): date is string =>
    date !== null && isRealDate(date) && date >= end && date <= request.today;
  if (plausible(report.runDate)) {
    return {
      date: report.runDate,
      source: url,
      note: `The report does not say when it was published; this is the run date it prints (${formatDate(report.runDate)}), the day it was produced, so it was published then or later.`,
    };
  }
  if (plausible(report.metadataDate)) {
    return {
      date: report.metadataDate,
      source: url,
      note: `The report does not say when it was published; this is the creation date in its PDF file's metadata (${formatDate(report.metadataDate)}), so it was published then or later.`,
    };
  }
  return {
    date: request.today,
    source: url,
    note: `The report does not say when it was published, and neither ${listing ? 'the page that links it nor ' : ''}its file gives a date; this is the day the archive retrieved it (${formatDate(request.today)}), so it was published then or earlier.`,
  };
}

/**
 * Fetches a linked PDF, which must be there: the page says it is. It and its redirects are held
 * to the origin of the listing's address and to the allowed hosts (hosts.ts).
 */
async function fetchLinked(
  link: ReportLink,
  page: string,
  pageAddress: string,
  policy: FetchPolicy,
  deps: FetchDeps,
): Promise<Uint8Array> {
  deps.log(`Fetching ${link.url}`);
  const reach = reachOf(pageAddress, policy, deps, page);
  const fetched = await fetchSourceFile(link.url, policy, deps, reach);
  if (!fetched.found) {
    throw new IngestError(
      `${page} links ${link.url} as the report of the week, but it answered ${fetched.reason}; the page may be ahead of the file. Nothing was written; run again later.`,
    );
  }
  if (!hasPdfSignature(fetched.bytes)) {
    throw new IngestError(
      `${link.url}, linked from ${page} as the report, is not a PDF (${looksLikeHtml(fetched.bytes, fetched.contentType) ? 'an HTML page' : 'no %PDF- signature'}); the source may be down. Nothing was written.`,
    );
  }
  return fetched.bytes;
}

/**
 * Finds, fetches and reads the week's PDF. Resolves to `missing` when the source does not have
 * the week yet (a 404, or a listing without it); rejects with an IngestError otherwise.
 */
export async function fetchPdf(
  request: PdfSourceRequest,
  policy: FetchPolicy,
  deps: FetchDeps,
): Promise<PdfLookup> {
  if (request.sourceUrl !== null && !isWebAddress(request.sourceUrl)) {
    throw new IngestError(
      `--source-url must be the web address the PDF is published at (https://…), got "${request.sourceUrl}"`,
    );
  }
  const location = locationFor(request.source, request.week);
  deps.log(`Fetching ${location}`);
  const fetched = await fetchSourceFile(location, policy, deps);
  if (!fetched.found) return { missing: { location, reason: fetched.reason } };
  const web = isWebLocation(location);

  if (hasPdfSignature(fetched.bytes)) {
    const url = request.sourceUrl ?? (web ? location : null);
    if (url === null) {
      throw new IngestError(
        `${location} is a PDF on this machine; give the address ICE published it at with --source-url URL, as every value's source. Nothing was written.`,
      );
    }
    const report = await readReport(fetched.bytes, location, request.reading);
    return {
      found: {
        bytes: fetched.bytes,
        report,
        url,
        location,
        publication: publicationOf(report, request, url, null, null),
        listing: null,
        notes: [],
      },
    };
  }

  if (!looksLikeHtml(fetched.bytes, fetched.contentType)) {
    throw new IngestError(
      `${location} is neither a PDF (no %PDF- signature) nor an HTML page that links reports; give the report's PDF or the page that lists the reports. Nothing was written.`,
    );
  }
  const page = web ? location : (request.sourceUrl ?? pathToFileURL(location).href);
  const links = findReportLinks(new TextDecoder().decode(fetched.bytes), page);
  if (request.week === null) {
    throw new IngestError(
      `${location} is a page that links reports, and the data folder has no report to count from: give the week with --week YYYY-MM-DD.`,
    );
  }
  const picked = pickLink(links, request.week, location);
  if ('missing' in picked) return picked;
  // Told at once, so that the log names the candidates whatever happens next.
  if (picked.account) deps.log(picked.account);
  let bytes: Uint8Array;
  let report: DdorReport;
  try {
    bytes = await fetchLinked(picked.link, location, page, policy, deps);
    report = await readReport(bytes, picked.link.url, request.reading);
  } catch (error) {
    if (picked.account === null || !(error instanceof IngestError)) throw error;
    throw new IngestError(`${error.message} ${picked.account}`);
  }
  const listing = web ? location : request.sourceUrl;
  return {
    found: {
      bytes,
      report,
      url: picked.link.url,
      location: picked.link.url,
      publication: publicationOf(report, request, picked.link.url, picked.link, listing),
      listing,
      notes: picked.account ? [`${picked.account} Check that it is the right one.`] : [],
    },
  };
}
