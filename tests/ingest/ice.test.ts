import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iceToContract, parseIceDate } from '../../src/lib/ingest/ice.ts';
import type { IceExport } from '../../src/lib/ingest/ice.ts';
import { readDataset } from '../../src/lib/contract/load.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import { EXPECTED_WEEK, ICE_WEEK, INGEST_FIXTURES, WEEK } from './helpers.ts';

const gazetteer = readDataset(folderSource(join(INGEST_FIXTURES, 'data'))).data.gazetteer.map(
  ({ row }) => row,
);
const exported: IceExport = {
  summary: readFileSync(join(ICE_WEEK, 'summary.json'), 'utf8'),
  sectionI: readFileSync(join(ICE_WEEK, 'section-i.csv'), 'utf8'),
  sectionII: readFileSync(join(ICE_WEEK, 'section-ii.csv'), 'utf8'),
};
const convert = (changes: Partial<IceExport>, week = WEEK) =>
  iceToContract(week, { ...exported, ...changes }, gazetteer, 'the export');

describe('parseIceDate', () => {
  it('turns M/D/YYYY into YYYY-MM-DD', () => {
    expect(parseIceDate('2/1/2017')).toBe('2017-02-01');
    expect(parseIceDate('10/16/2010')).toBe('2010-10-16');
    expect(parseIceDate(' 02/09/2017 ')).toBe('2017-02-09');
  });

  it('refuses other forms and dates that do not exist', () => {
    for (const text of ['2017-02-01', '2/1/17', '2/30/2017', '13/1/2017', 'Feb 1, 2017']) {
      expect(parseIceDate(text), text).toBeNull();
    }
  });
});

describe('iceToContract', () => {
  it('produces the contract files: ranks in Section I order, declines counted from Section II', () => {
    const files = convert({});
    for (const name of ['report.json', 'jurisdictions.csv', 'declined.csv']) {
      expect(files[name], name).toBe(readFileSync(join(EXPECTED_WEEK, name), 'utf8'));
    }
  });

  it('writes no declined.csv when Section II has no rows', () => {
    const files = convert({
      summary: exported.summary.replace('"declined_total": 5', '"declined_total": 0'),
      sectionII:
        'State,County,Facility,Citizenship,Detainer Issued,Detainer Declined,Notable Criminal Activity\n',
    });
    expect(Object.keys(files).sort()).toEqual(['jurisdictions.csv', 'report.json']);
    expect(files['jurisdictions.csv']).toContain('tx-travis-county,3,23,');
  });

  it('keeps a value that starts like a spreadsheet formula as printed', () => {
    const files = convert({
      sectionII: exported.sectionII.replace('DWI charge', '=DWI charge'),
    });
    expect(files['declined.csv']).toContain(',=DWI charge,');
  });

  it('reports every problem at once, located in the exported files', () => {
    const error = (() => {
      try {
        convert({
          summary: exported.summary.replace('"2/4/2017"', '"2017-02-04"'),
          sectionI: '"County, State",Issued\n"Kern County, CA",65\n',
          sectionII: exported.sectionII
            .replace('10/16/2010', '10/16/10')
            .replace(
              'TX,Travis,Travis County Jail,Guatemala',
              'Tejas,Travis,Travis County Jail,Guatemala',
            ),
        });
      } catch (thrown) {
        return (thrown as Error).message;
      }
      return '';
    })();
    expect(error.split('\n')).toEqual([
      'The ICE export at the export has 5 problem(s):',
      'summary.json:3:19: period_start must be a date as M/D/YYYY, as the report prints it; got "2017-02-04"',
      'section-i.csv:1:1: no column "Issued Detainers"; the table\'s headings must be "County, State", "Issued Detainers", found "County, State", "Issued"',
      'section-i.csv:1:2: unexpected column "Issued"; the table\'s headings are "County, State", "Issued Detainers"',
      'section-ii.csv:2:5: "Detainer Issued" must be a date as M/D/YYYY, got "10/16/10"',
      'section-ii.csv:5:1: "Tejas" is not a U.S. state or its USPS code',
    ]);
  });

  it('refuses an export of another week, and a Section II that lost rows', () => {
    expect(() => convert({}, '2017-02-11')).toThrow(
      'summary.json:1:1: the export is the report of the week starting 2017-02-04, not of the week requested (2017-02-11)',
    );
    const lastRow = /\r\nTexas,Williamson[^\r]*\r\n$/;
    expect(() => convert({ sectionII: exported.sectionII.replace(lastRow, '\r\n') })).toThrow(
      "section-ii.csv:1:1: Section II has 4 row(s), but the summary's declined_total is 5; the export may have lost rows",
    );
  });

  it('checks the Section I total row and refuses a jurisdiction named twice', () => {
    expect(() =>
      convert({ sectionI: exported.sectionI.replace('Total,142', 'Total,150') }),
    ).toThrow('section-i.csv:5:2: the Total row says 150, but the rows above add up to 142');
    expect(() =>
      convert({ sectionI: exported.sectionI.replace('"Clark, NV",54', '"Kern, CA",54') }),
    ).toThrow('section-i.csv:3:1: ca-kern-county is already named on line 2');
  });
});
