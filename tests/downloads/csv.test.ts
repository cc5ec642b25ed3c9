import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { siteDownloads, weekDownloads } from '../../src/lib/output/files.ts';
import { paths } from '../../src/lib/output/urls.ts';
import { buildSiteModel } from '../../src/lib/model/site-model.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import {
  correctionsTable,
  declinedTable,
  gazetteerTable,
  policiesTable,
  reportJurisdictionsTable,
} from '../../src/lib/contract/schema.ts';
import type { AnyRow, TableSpec } from '../../src/lib/contract/schema.ts';
import { FIXTURE_DATA, FIXTURE_DIST, readPage, readText } from '../helpers/site.ts';
import { isFormulaLike } from '../../src/lib/output/csv-export.ts';

const dataset = loadDataset(FIXTURE_DATA);
const { gazetteer } = buildSiteModel(dataset);

/** A built CSV as its header and records, parsed independently of the serialiser. */
function parseCsv(path: string): { header: string[]; records: string[][] } {
  const { data, errors } = Papa.parse<string[]>(readText(FIXTURE_DIST, path), {
    skipEmptyLines: true,
  });
  expect(errors).toEqual([]);
  const [header = [], ...records] = data;
  return { header, records };
}

const columns = (table: TableSpec) => table.fields.map((f) => f.name);

/**
 * A source row as a download shows it: blanks empty, lists joined, and the one documented change,
 * a leading `'` on formula-like cells.
 */
function asCells(row: AnyRow, names: readonly string[]): string[] {
  return names.map((name) => {
    const value = row[name];
    const text = value === null ? '' : Array.isArray(value) ? value.join('|') : String(value);
    return isFormulaLike(text) ? `'${text}` : text;
  });
}

describe('per-week CSV downloads', () => {
  it('round-trip to the loader rows, in the schema column order', () => {
    for (const report of dataset.reports) {
      const jurisdictions = parseCsv(`weeks/${report.start}/jurisdictions.csv`);
      expect(jurisdictions.header).toEqual(columns(reportJurisdictionsTable));
      expect(jurisdictions.records).toEqual(
        report.jurisdictions.map((row) => asCells(row, jurisdictions.header)),
      );
      const declinedPath = `weeks/${report.start}/declined.csv`;
      expect(existsSync(join(FIXTURE_DIST, declinedPath))).toBe(report.declined !== null);
      if (report.declined) {
        const declined = parseCsv(declinedPath);
        expect(declined.header).toEqual(columns(declinedTable));
        expect(declined.records).toEqual(
          report.declined.map((row) => asCells(row, declined.header)),
        );
      }
    }
  });

  it('are the same files the Data Package mirror serves under data/reports/', () => {
    for (const report of dataset.reports) {
      for (const file of [
        'report.json',
        'jurisdictions.csv',
        ...(report.declined ? ['declined.csv'] : []),
        ...(report.meta.original ? ['report.pdf'] : []),
      ]) {
        expect(readFileSync(join(FIXTURE_DIST, `data/reports/${report.start}/${file}`))).toEqual(
          readFileSync(join(FIXTURE_DIST, `weeks/${report.start}/${file}`)),
        );
      }
    }
  });

  it('serve a kept PDF byte for byte, as report.json describes it, and no other', () => {
    const kept = dataset.reports.filter((report) => report.meta.original);
    expect(kept.length).toBeGreaterThan(0);
    for (const report of dataset.reports) {
      const served = join(FIXTURE_DIST, `weeks/${report.start}/report.pdf`);
      expect(existsSync(served), report.start).toBe(report.meta.original !== null);
      if (!report.meta.original) continue;
      const bytes = readFileSync(served);
      expect(bytes).toEqual(readFileSync(join(FIXTURE_DATA, `reports/${report.start}/report.pdf`)));
      expect(bytes.length).toBe(report.meta.original.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.meta.original.sha256);
    }
  });

  it('link a kept PDF from its week page as the report as ICE published it', () => {
    for (const report of dataset.reports) {
      const links = [...readPage(FIXTURE_DIST, `weeks/${report.start}/`).querySelectorAll('a')]
        .filter((a) => a.textContent?.trim() === 'The report as ICE published it')
        .map((a) => a.getAttribute('href'));
      // At the top of the page, among its copies, and among its downloads.
      const expected = report.meta.original ? [`/weeks/${report.start}/report.pdf`] : [];
      expect(new Set(links), report.start).toEqual(new Set(expected));
      expect(links.length, report.start).toBe(expected.length * 3);
    }
  });

  it('neutralise formula-like cells so spreadsheets show them as text', () => {
    const note = parseCsv('weeks/2020-01-04/jurisdictions.csv').records[2]!.at(-1);
    expect(note).toBe("'=1+1 formula-like note");
    const activity = parseCsv('weeks/2020-01-04/declined.csv').records[6]![6];
    expect(activity).toBe("'@SUM(1) charge");
    // A quoted multi-line cell stays one cell.
    expect(parseCsv('weeks/2020-01-04/declined.csv').records[4]![6]).toBe('Burglary\ncharge');
  });

  it('JSON twins hold the loader rows unchanged, formula-like text included', () => {
    const report = dataset.reports[0]!;
    expect(JSON.parse(readText(FIXTURE_DIST, 'weeks/2020-01-04/jurisdictions.json'))).toEqual(
      report.jurisdictions,
    );
    expect(JSON.parse(readText(FIXTURE_DIST, 'weeks/2020-01-04/declined.json'))).toEqual(
      report.declined,
    );
    expect(JSON.parse(readText(FIXTURE_DIST, 'weeks/2020-01-04/report.json'))).toEqual(report.meta);
  });
});

describe('combined CSV downloads', () => {
  it('all-declined.csv holds every Section II row with its report first', () => {
    const { header, records } = parseCsv('data/all-declined.csv');
    expect(header).toEqual(['report', ...columns(declinedTable)]);
    expect(records).toEqual(
      dataset.reports.flatMap((r) =>
        (r.declined ?? []).map((row) => [r.start, ...asCells(row, columns(declinedTable))]),
      ),
    );
    expect(records.some((r) => r[7] === "'@SUM(1) charge")).toBe(true);
  });

  it("all-jurisdictions.csv holds every week's rows with the gazetteer's name and state", () => {
    const { header, records } = parseCsv('data/all-jurisdictions.csv');
    const [id, ...rest] = columns(reportJurisdictionsTable);
    expect(header).toEqual(['report', id, 'name', 'state', ...rest]);
    const gazetteer = new Map(dataset.gazetteer.map((g) => [g.id, g]));
    expect(records).toEqual(
      dataset.reports.flatMap((r) =>
        r.jurisdictions.map((row) => {
          const place = gazetteer.get(row.jurisdiction)!;
          return [r.start, row.jurisdiction, place.name, place.state, ...asCells(row, rest)];
        }),
      ),
    );
    expect(records.filter((r) => r[1] === 'tx-travis-county').map((r) => r[7])).toEqual([
      '5',
      '1',
      '1',
    ]);
  });

  it('the gazetteer, policies and corrections round-trip in the order of their files', () => {
    const tables: [string, TableSpec, readonly AnyRow[]][] = [
      ['data/jurisdictions.csv', gazetteerTable, dataset.gazetteer],
      ['data/policies.csv', policiesTable, dataset.policies],
      ['data/corrections.csv', correctionsTable, dataset.corrections],
    ];
    for (const [path, table, rows] of tables) {
      const { header, records } = parseCsv(path);
      expect(header, path).toEqual(columns(table));
      expect(records, path).toEqual(rows.map((row) => asCells(row, header)));
    }
    const [travis] = parseCsv('data/jurisdictions.csv').records.filter(
      (r) => r[0] === 'tx-travis-county',
    );
    expect(travis![7]).toBe('Travis, TX|Travis County, Texas');
    expect(parseCsv('data/jurisdictions.csv').records.some((r) => r[4] === '06037')).toBe(true);
  });
});

describe('download lists', () => {
  it('name only files the build produced', () => {
    const listed = [
      ...siteDownloads(dataset, gazetteer),
      ...dataset.reports.flatMap((r) => weekDownloads(r, paths.weekTwin(r.start))),
    ];
    for (const { path } of listed) expect(existsSync(join(FIXTURE_DIST, path)), path).toBe(true);
  });

  it('offer declined.* only for weeks with transcribed rows', () => {
    const [withRows, withoutRows] = ['2020-01-04', '2020-01-11'].map((start) =>
      dataset.reports.find((r) => r.start === start)!,
    );
    expect(withRows!.declined).not.toBeNull();
    expect(withoutRows!.declined).toBeNull();
    const names = (report: typeof withRows) =>
      weekDownloads({ ...report!, start: '2020-01-11' }, 'twin.json').map((d) => d.path);
    expect(names(withoutRows)).not.toContain('weeks/2020-01-11/declined.csv');
    expect(names(withRows)).toEqual(
      expect.arrayContaining(['weeks/2020-01-11/declined.csv', 'weeks/2020-01-11/declined.json']),
    );
  });
});
