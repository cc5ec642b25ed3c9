import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { asCell, reportPath, valueAtPath } from '../../src/lib/contract/correction-targets.ts';
import type { Scalar } from '../../src/lib/contract/correction-targets.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import { REPORT_FIGURES } from '../../src/lib/contract/schema.ts';
import { ERROR_REPORT_LABEL, ERROR_REPORT_TEMPLATE } from '../../src/lib/intake/form.ts';
import { listPages } from '../helpers/built-site.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readPage, readText } from '../helpers/site.ts';

const dataset = loadDataset(FIXTURE_DATA);
const weeks = new Map(dataset.reports.map((week) => [week.start, week]));

/** The value a link's address names, looked up in the data; undefined where there is none. */
function valueAt(params: URLSearchParams): Scalar | string[] | undefined {
  const week = weeks.get(params.get('report') ?? '');
  const field = params.get('field');
  if (!week) return undefined;
  switch (params.get('table')) {
    case 'report':
      return field ? valueAtPath(week.meta, reportPath(field)) : undefined;
    case 'jurisdictions': {
      const row = week.jurisdictions.find((r) => r.jurisdiction === params.get('jurisdiction'));
      return row && field ? (row as Record<string, Scalar>)[field] : undefined;
    }
    case 'declined': {
      const row = week.declined?.find((r) => String(r.row) === params.get('row'));
      return row && field ? (row as Record<string, Scalar>)[field] : undefined;
    }
    case 'policies': {
      const row = dataset.policies.find(
        (r) => r.jurisdiction === params.get('jurisdiction') && r.first_report === week.start,
      );
      return row && field === null ? null : undefined;
    }
    default:
      return undefined;
  }
}

const linksOf = (path: string) =>
  [...readPage(FIXTURE_DIST, path).querySelectorAll('a.report-error')].map(
    (a) => new URL(a.getAttribute('href')!),
  );

describe('"Report an error" beside each published value', () => {
  const pages = listPages(FIXTURE_DIST);
  const links = pages.flatMap((path) => linksOf(path).map((url) => ({ path, url })));

  it('opens the issue form with the address of a value the data holds, as published', () => {
    expect(links.length).toBeGreaterThan(50);
    for (const { path, url } of links) {
      expect(url.pathname, path).toMatch(/\/issues\/new$/);
      expect(url.searchParams.get('template')).toBe(ERROR_REPORT_TEMPLATE);
      const value = valueAt(url.searchParams);
      expect(value, `${path}: ${url.search}`).not.toBeUndefined();
      expect(url.searchParams.get('published_value'), `${path}: ${url.search}`).toBe(asCell(value));
    }
  });

  it('stands beside every headline figure and every Section II value of a report page', () => {
    for (const week of dataset.reports) {
      const page = `/weeks/${week.start}/`;
      const named = linksOf(page).map((url) => url.searchParams);
      const headline = named.filter((p) => p.get('table') === 'report').map((p) => p.get('field'));
      // Every figure of report.json; the archive's own counts of rows are not published values.
      expect(headline.sort(), page).toEqual(REPORT_FIGURES.map((figure) => figure.name).sort());
      for (const row of week.declined ?? []) {
        const fields = named
          .filter((p) => p.get('table') === 'declined' && p.get('row') === String(row.row))
          .map((p) => p.get('field'))
          .sort();
        expect(fields, `${page} row ${row.row}`).toEqual(
          [
            'citizenship',
            'criminal_activity',
            'declined_date',
            'facility',
            'issued_date',
            'jurisdiction',
          ].sort(),
        );
      }
      const counts = named.filter((p) => p.get('table') === 'jurisdictions');
      const hasLink = (jurisdiction: string, field: string) =>
        counts.some((p) => p.get('jurisdiction') === jurisdiction && p.get('field') === field);
      for (const row of week.jurisdictions) {
        if (row.issued_rank !== null) expect(hasLink(row.jurisdiction, 'issued')).toBe(true);
        if (row.declined !== null) expect(hasLink(row.jurisdiction, 'declined')).toBe(true);
      }
    }
  });

  it('names its value for a screen reader, starting with the words it shows', () => {
    const page = readPage(FIXTURE_DIST, `/weeks/${dataset.reports[0]!.start}/`);
    for (const link of page.querySelectorAll('a.report-error')) {
      const name = link.getAttribute('aria-label')!;
      expect(name.startsWith(link.textContent!.trim())).toBe(true);
      expect(name.length).toBeGreaterThan(link.textContent!.trim().length + 5);
    }
  });
});

describe('reports still under review', () => {
  const isOpenReports = (href: string | null | undefined) => {
    const url = new URL(href ?? '', 'https://invalid.example');
    return (
      url.pathname.endsWith('/issues') &&
      url.searchParams.get('q') === `is:issue is:open label:${ERROR_REPORT_LABEL}`
    );
  };

  it('are linked from the corrections page', () => {
    const links = [...readPage(FIXTURE_DIST, '/corrections/').querySelectorAll('a')];
    expect(links.filter((a) => isOpenReports(a.getAttribute('href'))).length).toBe(1);
  });

  it('are named in the corrections feed', () => {
    const channel = parseHTML(readText(FIXTURE_DIST, 'corrections.xml')).document;
    const description = channel.querySelector('channel > description')!.textContent!;
    const url = /https:\/\/\S+\/issues\?\S+/.exec(description)?.[0];
    expect(isOpenReports(url?.replaceAll('&amp;', '&'))).toBe(true);
  });
});
