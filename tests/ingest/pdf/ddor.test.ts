/**
 * parseDdor on hand-made page text: the report-level rules (title, sections, figures, carrying
 * state and county down, absent sections) in layouts no fixture producer makes.
 */
import { describe, expect, it } from 'vitest';
import { parseDdor } from '../../../src/lib/ingest/pdf/ddor.ts';
import { PdfReportError } from '../../../src/lib/ingest/pdf/errors.ts';
import { item, page, pdfText, textLines } from './synthetic.ts';
import type { Item } from './synthetic.ts';

const bold = (text: string, x: number, y: number, size = 11): Item => ({
  ...item(text, x, y, size),
  font: 'bold',
});
const X = [40, 70, 140, 260, 330, 390, 450];
const row = (y: number, cells: string[]) =>
  cells.flatMap((text, i) => (text ? [item(text, X[i]!, y, 8)] : []));
const sectionIIHeader = (y: number) => [
  ...['State', 'County', 'Facility', 'Citizenship'].map((h, i) => item(h, X[i]!, y + 5, 8)),
  item('Detainer', X[4]!, y, 8),
  item('Issued', X[4]!, y + 10, 8),
  item('Detainer', X[5]!, y, 8),
  item('Declined', X[5]!, y + 10, 8),
  item('Notable Criminal Activity', X[6]!, y + 5, 8),
];

function report(options: { withSectionI?: boolean; total?: string } = {}) {
  const page1 = [
    bold('ENFORCEMENT AND REMOVAL OPERATIONS', 180, 60, 13),
    bold('Weekly Declined Detainer Outcome Report', 170, 76, 13),
    bold('For Recorded Declined Detainers Feb 4 – Feb 10, 2017', 150, 92, 13),
    ...textLines(
      [
        'During the week of February 4, 2017 and February 10, 2017, ICE issued 2,825',
        'detainers throughout the United States. ICE expects these detainers to reflect as declined in',
        'Section II of future weekly reports. A total of 5 detainers were recorded as declined.',
      ],
      40,
      130,
    ),
    ...(options.withSectionI === false
      ? []
      : [
          bold(
            'Section I: Highest Volume of Detainers Issued between February 4, 2017 and',
            40,
            190,
          ),
          bold('February 10, 2017 to Jurisdictions which Restrict Cooperation with ICE', 40, 204),
          item('County, State', 60, 230, 9),
          item('Issued Detainers', 300, 230, 9),
          ...[
            ['Los Angeles County, CA', '162'],
            ['New York City, NY', '73'],
          ].flatMap(([name, n], i) => [
            item(name!, 60, 245 + i * 12, 9),
            item(n!, 340, 245 + i * 12, 9),
          ]),
          item(options.total ?? 'Total 235', 60, 270, 9),
        ]),
    bold('Section II: Jurisdictions with Recorded Declined Detainers', 40, 300),
    ...sectionIIHeader(320),
    ...row(345, [
      'NY',
      'Franklin County',
      'Franklin County Jail',
      'Ecuador',
      '1/1/2016',
      '2/5/2017',
      'Assault',
    ]),
    ...row(357, ['', '', 'Franklin County Jail', 'Mexico', '2/2/2016', '2/6/2017', 'DUI']),
    ...row(369, ['PA', '', 'Lebanon County Prison', 'Peru', '3/3/2016', '2/7/2017', 'Theft']),
  ];
  const page2 = [
    ...sectionIIHeader(50),
    // The group goes on from the last page: state and county are not printed again.
    ...row(75, ['', '', 'Lebanon County Prison', 'Peru', '3/4/2016', '2/8/2017', 'Burglary']),
    ...row(87, [
      'PA',
      'Franklin County',
      'Franklin County Jail',
      'Cuba',
      '4/4/2016',
      '2/9/2017',
      'Robbery',
    ]),
    bold('SECTION IV - Report Scope and Data Fidelity', 40, 130),
    ...textLines(
      [
        'Some field offices ceased issuing detainers to known uncooperative jurisdictions. ICE',
        'field offices have been recently instructed to issue detainers on all removable aliens.',
      ],
      40,
      150,
    ),
    ...textLines(
      ['As a result, the number of issued detainers is expected to increase over the next several'],
      40,
      190,
    ),
  ];
  const page3 = [
    ...textLines(['reporting periods.'], 40, 60),
    item('Run Date: 03/28/2017', 40, 90, 8),
  ];
  return pdfText([page(1, page1), page(2, page2), page(3, page3)]);
}

describe('parseDdor', () => {
  const parsed = parseDdor(report());

  it('reads the title, the period, and the headline figure wrapped over two lines', () => {
    expect(parsed.title).toBe(
      'ENFORCEMENT AND REMOVAL OPERATIONS Weekly Declined Detainer Outcome Report For Recorded Declined Detainers Feb 4 – Feb 10, 2017',
    );
    expect(parsed.period).toEqual({ start: '2017-02-04', end: '2017-02-10' });
    expect(parsed.detainersIssued).toEqual({ value: 2825, page: 1 });
  });

  it('finds the sections by their headings only, not by mentions in prose', () => {
    expect(parsed.sectionTitles).toEqual({
      I: 'Highest Volume of Detainers Issued between February 4, 2017 and February 10, 2017 to Jurisdictions which Restrict Cooperation with ICE',
      II: 'Jurisdictions with Recorded Declined Detainers',
      III: null,
      IV: 'Report Scope and Data Fidelity',
    });
    expect(parsed.sectionIII).toBeNull();
    expect(parsed.sectionII?.page).toBe(1);
    expect(parsed.sectionIV?.page).toBe(2);
  });

  it('reads Section I with its Total row', () => {
    expect(parsed.sectionI?.rows).toEqual([
      { rank: 1, printedName: 'Los Angeles County, CA', issued: 162, page: 1 },
      { rank: 2, printedName: 'New York City, NY', issued: 73, page: 1 },
    ]);
    expect(parsed.sectionI?.printedTotal).toEqual({ value: 235, page: 1 });
  });

  it('carries state and county down a group, across a page, but not a county into a new state', () => {
    expect(
      parsed.sectionII?.rows.map((r) => [r.page, r.state, r.county, r.facility, r.declinedDate]),
    ).toEqual([
      [1, 'NY', 'Franklin County', 'Franklin County Jail', '2017-02-05'],
      [1, 'NY', 'Franklin County', 'Franklin County Jail', '2017-02-06'],
      [1, 'PA', null, 'Lebanon County Prison', '2017-02-07'],
      [2, 'PA', null, 'Lebanon County Prison', '2017-02-08'],
      [2, 'PA', 'Franklin County', 'Franklin County Jail', '2017-02-09'],
    ]);
    expect(parsed.sectionII?.printedTotal).toEqual({ value: 5, page: 1 });
  });

  it('reads Section IV as paragraphs, one going on over a page break, and the run date', () => {
    expect(parsed.sectionIV?.paragraphs).toEqual([
      'Some field offices ceased issuing detainers to known uncooperative jurisdictions. ICE field offices have been recently instructed to issue detainers on all removable aliens.',
      'As a result, the number of issued detainers is expected to increase over the next several reporting periods.',
    ]);
    expect(parsed.runDate).toBe('2017-03-28');
    expect(parsed.metadataDate).toBe('2017-03-17');
    expect(parsed.warnings).toEqual([]);
  });

  it('gives null for a section that is not there', () => {
    const withoutI = parseDdor(report({ withSectionI: false }));
    expect(withoutI.sectionI).toBeNull();
    expect(withoutI.sectionTitles.I).toBeNull();
    expect(withoutI.sectionII?.rows).toHaveLength(5);
    expect(withoutI.detainersIssued?.value).toBe(2825);
  });

  it('refuses a Section I table whose rows disagree with its Total row', () => {
    expect(() => parseDdor(report({ total: 'Total 240' }))).toThrow(
      new PdfReportError(1, 'Section I rows add up to 235, but the report prints 240'),
    );
  });
});
