import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_NAME, REPORT_PUBLISHER } from '../../src/lib/contract/citation.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import { bibtexText } from '../../src/lib/output/citation.ts';
import { formatDate } from '../../src/lib/text/dates.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readPage, readText } from '../helpers/site.ts';
import { SITE_URL } from '../helpers/views.ts';

const dataset = loadDataset(FIXTURE_DATA);
const first = dataset.reports[0]!;

/** A downloaded file's text, by the site-relative link to it. */
const fileOf = (href: string) => readText(FIXTURE_DIST, href.replace(/^\//, ''));

/** The fields of a one-entry BibTeX file, with their braces checked to balance. */
function bibtexFields(text: string): { type: string; key: string; fields: Record<string, string> } {
  const head = /^@(\w+)\{([\w-]+),\n/.exec(text)!;
  const fields: Record<string, string> = {};
  for (const line of text.slice(head[0].length).split('\n').slice(0, -2)) {
    const field = /^ {2}(\w+) = \{(.*)\},?$/.exec(line)!;
    let depth = 0;
    for (const [i, char] of [...field[2]!].entries()) {
      if (field[2]![i - 1] === '\\') continue;
      depth += char === '{' ? 1 : char === '}' ? -1 : 0;
      expect(depth, line).toBeGreaterThanOrEqual(0);
    }
    expect(depth, line).toBe(0);
    fields[field[1]!] = field[2]!;
  }
  return { type: head[1]!, key: head[2]!, fields };
}

function citationOf(path: string) {
  const page = readPage(FIXTURE_DIST, path);
  const links = [...page.querySelectorAll('.citation-files a')];
  const file = (extension: string) =>
    fileOf(links.find((a) => a.getAttribute('href')!.endsWith(extension))!.getAttribute('href')!);
  return {
    text: page.querySelector('p.citation')!.textContent!,
    bibtex: bibtexFields(file('.bib')),
    csl: JSON.parse(file('.json')) as Record<string, unknown>[],
  };
}

describe('Cite this page', () => {
  it('on a report page names the archive, the page, and the report as ICE published it', () => {
    const path = `/weeks/${first.start}/`;
    const { text, bibtex, csl } = citationOf(path);
    const url = `${SITE_URL}${path}`;
    expect(text).toContain(`${ARCHIVE_NAME}, “`);
    expect(text).toContain(url);
    expect(text).toContain(`${REPORT_PUBLISHER}, “${first.meta.title}”`);
    expect(text).toContain(`published ${formatDate(first.meta.published)}`);
    expect(text).toContain(
      first.meta.original
        ? `retrieved ${formatDate(first.meta.original.retrieved)}`
        : 'Date retrieved not recorded',
    );
    expect(bibtex.type).toBe('misc');
    expect(bibtex.fields['url']).toBe(url);
    expect(bibtex.fields['author']).toBe(`{${ARCHIVE_NAME}}`);
    expect(csl[0]).toMatchObject({ type: 'webpage', URL: url });
    expect(csl[1]).toMatchObject({
      type: 'report',
      title: first.meta.title,
      URL: first.meta.published_source,
      issued: { 'date-parts': [first.meta.published.split('-').map(Number)] },
    });
  });

  it('on a state and a jurisdiction page names the reports it draws on and the latest retrieval', () => {
    const retrieved = dataset.reports
      .map((report) => report.meta.original?.retrieved)
      .filter(Boolean)
      .sort()
      .at(-1);
    const jurisdiction = dataset.reports[0]!.jurisdictions[0]!.jurisdiction;
    for (const path of ['/states/tx/', `/jurisdictions/${jurisdiction}/`]) {
      const { text, bibtex, csl } = citationOf(path);
      expect(text, path).toContain(`${SITE_URL}${path}`);
      expect(text, path).toMatch(/Declined Detainer Outcome Report/);
      expect(csl[0]!['URL']).toBe(`${SITE_URL}${path}`);
      if (retrieved && text.includes('reports from'))
        expect(text).toContain(`retrieved ${formatDate(retrieved)}`);
      expect(text).toContain(`“${bibtex.fields['title']!.replace(/\\(.)/g, '$1')}”`);
    }
  });

  it('escapes what would end a BibTeX field or run as TeX', () => {
    const hostile = 'a}b{c\\d%e#f_g$h&i^j~k';
    const escaped = bibtexText(hostile);
    const unescaped = escaped.replace(
      /\\(?:textbackslash|textasciicircum|textasciitilde)\{\}|\\./g,
      '',
    );
    expect(unescaped).toBe('abcdefghijk');
    expect(bibtexFields(`@misc{k,\n  title = {${escaped}}\n}\n`).fields['title']).toBe(escaped);
  });

  it('is in the Data Package, naming the archive and every report it holds', () => {
    const descriptor = JSON.parse(readFileSync(join(FIXTURE_DATA, 'datapackage.json'), 'utf8')) as {
      citation: string;
    };
    expect(descriptor.citation).toContain(ARCHIVE_NAME);
    expect(descriptor.citation).toContain(`${dataset.reports.length} weekly reports`);
    expect(descriptor.citation).toContain(REPORT_PUBLISHER);
  });
});
