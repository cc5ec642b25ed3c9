/**
 * "Cite this page": a citation of an archive page naming the archive, the page, the report or
 * reports as ICE published them and when their PDFs were retrieved, as plain text, BibTeX and
 * CSL-JSON (the format Zotero, Pandoc and citeproc read).
 */
import {
  ARCHIVE_NAME,
  latestRetrieval,
  REPORT_PUBLISHER,
  REPORT_SERIES,
} from '../contract/citation.ts';
import { formatDate, formatPeriod } from '../text/dates.ts';

/** A report as ICE published it. */
export interface CitedReport {
  start: string;
  end: string;
  title: string;
  published: string;
  /** Where the publication date comes from. */
  publishedSource: string;
  /** The day its PDF was retrieved, or null where the archive holds no copy. */
  retrieved: string | null;
}

export interface PageCitation {
  text: string;
  bibtex: string;
  /** CSL-JSON: the page, then the report (or the reports as one series entry). */
  csl: Record<string, unknown>[];
}

/** A date as CSL-JSON writes it. */
const cslDate = (...days: string[]) => ({
  'date-parts': days.map((day) => day.split('-').map(Number)),
});

/** Text in a BibTeX field: TeX's special characters escaped, so data cannot end the field. */
export function bibtexText(text: string): string {
  const escapes: Record<string, string> = {
    '\\': '\\textbackslash{}',
    '{': '\\{',
    '}': '\\}',
    $: '\\$',
    '&': '\\&',
    '%': '\\%',
    '#': '\\#',
    _: '\\_',
    '^': '\\textasciicircum{}',
    '~': '\\textasciitilde{}',
  };
  return text.replace(/\s+/g, ' ').replace(/[\\{}$&%#_^~]/g, (char) => escapes[char]!);
}

/** A URL in a BibTeX `url` field: only the characters that would end or break the field. */
const bibtexUrl = (url: string) => url.replace(/[{}\\%\s]/g, (char) => encodeURIComponent(char));

/**
 * The citation of a page (`title` at `url`) drawing on `reports`, oldest first; `key` names the
 * BibTeX entry and the CSL item (letters, digits and hyphens).
 */
export function pageCitation(page: {
  key: string;
  title: string;
  url: string;
  reports: readonly CitedReport[];
}): PageCitation {
  const { reports } = page;
  const first = reports[0];
  const last = reports.at(-1);
  const retrieved = latestRetrieval(reports.map((report) => report.retrieved));
  const only = reports.length === 1 ? first! : null;
  const source = only
    ? `${REPORT_PUBLISHER}, “${only.title}”, published ${formatDate(only.published)} (${only.publishedSource})`
    : first && last
      ? `${REPORT_PUBLISHER}, ${REPORT_SERIES}s, ${reports.length} reports from ${formatPeriod(first.start, first.end)} to ${formatPeriod(last.start, last.end)}`
      : `${REPORT_PUBLISHER}, ${REPORT_SERIES}`;
  const retrievedText = retrieved
    ? `${only ? 'PDF' : 'Latest PDF'} retrieved ${formatDate(retrieved)}.`
    : 'Date retrieved not recorded (transcribed from published copies).';
  const text = `${ARCHIVE_NAME}, “${page.title}”, ${page.url}. Source: ${source}. ${retrievedText}`;

  const bibtex = [
    `@misc{${page.key},`,
    `  author = {{${bibtexText(ARCHIVE_NAME)}}},`,
    `  title = {${bibtexText(page.title)}},`,
    `  howpublished = {\\url{${bibtexUrl(page.url)}}},`,
    `  url = {${bibtexUrl(page.url)}},`,
    ...(last ? [`  year = {${last.published.slice(0, 4)}},`] : []),
    ...(retrieved ? [`  urldate = {${retrieved}},`] : []),
    `  note = {${bibtexText(`Source: ${source}. ${retrievedText}`)}}`,
    '}',
  ].join('\n');

  const pageItem: Record<string, unknown> = {
    id: page.key,
    type: 'webpage',
    title: page.title,
    author: [{ literal: ARCHIVE_NAME }],
    'container-title': ARCHIVE_NAME,
    URL: page.url,
    ...(retrieved ? { accessed: cslDate(retrieved) } : {}),
    note: `Source: ${source}. ${retrievedText}`,
  };
  const reportItem: Record<string, unknown> | null = only
    ? {
        id: `${page.key}-source`,
        type: 'report',
        title: only.title,
        author: [{ literal: REPORT_PUBLISHER }],
        publisher: REPORT_PUBLISHER,
        'collection-title': REPORT_SERIES,
        issued: cslDate(only.published),
        URL: only.publishedSource,
        ...(only.retrieved ? { accessed: cslDate(only.retrieved) } : {}),
      }
    : first && last
      ? {
          id: `${page.key}-source`,
          type: 'report',
          title: `${REPORT_SERIES}s`,
          author: [{ literal: REPORT_PUBLISHER }],
          publisher: REPORT_PUBLISHER,
          issued: cslDate(first.published, last.published),
        }
      : null;
  return { text, bibtex, csl: reportItem ? [pageItem, reportItem] : [pageItem] };
}
