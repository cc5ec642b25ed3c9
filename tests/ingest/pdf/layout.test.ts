/**
 * Lines, page furniture, headers, columns and rows, on hand-made pages: the cases real
 * producers make that the fixture producers do not (split words, merged cells, centred cells,
 * ligatures, odd spaces).
 */
import { describe, expect, it } from 'vitest';
import { findFurniture } from '../../../src/lib/ingest/pdf/furniture.ts';
import { pageLines } from '../../../src/lib/ingest/pdf/lines.ts';
import type { Line } from '../../../src/lib/ingest/pdf/lines.ts';
import { SECTION_II_TABLE, SECTION_III_TABLE } from '../../../src/lib/ingest/pdf/ddor-tables.ts';
import { extractTable } from '../../../src/lib/ingest/pdf/table.ts';
import type { PrintedTableSpec } from '../../../src/lib/ingest/pdf/table.ts';
import { matchHeader } from '../../../src/lib/ingest/pdf/table-header.ts';
import { joinWrapped } from '../../../src/lib/ingest/pdf/text.ts';
import { item, noGraphics, page, widthOf } from './synthetic.ts';

const linesOf = (...pages: ReturnType<typeof page>[]) => pages.flatMap(pageLines);
const texts = (lines: Line[]) => lines.map((l) => l.text);
const tableOf = <K extends string>(lines: readonly Line[], spec: PrintedTableSpec<K>) =>
  extractTable(lines, spec, noGraphics)!;
/** The lines of each page, furniture left out. */
const withoutFurniture = (pages: Line[][], keep: (line: Line) => boolean) => {
  const furniture = findFurniture(pages, { keep });
  return pages.map((lines) => lines.filter((line) => !furniture.has(line)));
};

describe('lines and words', () => {
  it('joins strings split mid-word, spells out ligatures and plain-spaces odd spaces', () => {
    const lines = linesOf(
      page(1, [
        item('Detai', 72, 100),
        item('ner', 72 + widthOf('Detai', 10), 100),
        item('Oﬃce of the Sheriﬀ', 200, 100),
        item('Santa\u00A0Rita\u200B Jail', 72, 120),
      ]),
    );
    expect(texts(lines)).toEqual(['Detainer Office of the Sheriff', 'Santa Rita Jail']);
    expect(lines[0]!.words.map((w) => w.text)).toEqual([
      'Detainer',
      'Office',
      'of',
      'the',
      'Sheriff',
    ]);
  });

  it('splits a string at spaces, prints overprinted (fake bold) text once', () => {
    const lines = linesOf(
      page(1, [item('TX    Travis', 72, 100), item('Total', 72, 120), item('Total', 72.3, 120.2)]),
    );
    expect(lines[0]!.words.map((w) => w.text)).toEqual(['TX', 'Travis']);
    expect(lines[0]!.words[1]!.x0).toBeGreaterThan(72 + widthOf('TX  ', 10));
    expect(texts(lines)).toEqual(['TX Travis', 'Total']);
  });

  it('reads words drawn letter by letter, or without spaces, in any order, by their gaps', () => {
    const letters = [...'Travis County Jail'].flatMap((char, i, all) =>
      char === ' ' ? [] : [item(char, 72 + widthOf(all.slice(0, i).join(''), 10), 100)],
    );
    const shuffled = [...letters].sort((a, b) => (a.text < b.text ? -1 : 1));
    expect(texts(linesOf(page(1, shuffled)))).toEqual(['Travis County Jail']);
    const words = ['Franklin', 'County'].map((word, i) =>
      item(word, 72 + i * widthOf('Franklin ', 10), 100),
    );
    expect(texts(linesOf(page(1, words.reverse())))).toEqual(['Franklin County']);
  });

  it('keeps a superscript on its line, but text half a line lower on a line of its own', () => {
    const lines = linesOf(
      page(1, [item('Section II', 72, 100), item('1', 120, 97, 6), item('centred', 200, 106)]),
    );
    expect(texts(lines)).toEqual(['Section II 1', 'centred']);
  });

  it('joins wrapped lines with a space, but not after a word broken at a hyphen', () => {
    expect(joinWrapped(['non-', 'cooperative', 'jurisdictions –', 'all'])).toBe(
      'non-cooperative jurisdictions – all',
    );
    expect(joinWrapped(['detain\u00AD', 'ers', '  extra   spaces '])).toBe(
      'detainers extra spaces',
    );
  });
});

describe('page furniture', () => {
  const pageWith = (n: number, body: string) =>
    page(n, [
      item('ICE ERO – Weekly Declined Detainer Outcome Report', 72, 40, 8),
      item('State County Facility', 72, 70),
      item(body, 72, 90),
      item(`Page ${n} of 4`, 500, 760, 8),
    ]);
  const bodies = [
    'TX Travis 2/1/2017',
    'TX Hays 1/30/2017',
    'TX Travis 3/3/2017',
    'CA Kern 2/2/2017',
  ];
  const pages = [1, 2, 3, 4].map((n) => pageLines(pageWith(n, bodies[n - 1]!)));

  it('drops page numbers and running headers, keeps protected lines and the body', () => {
    const kept = withoutFurniture(pages, (l) => l.text.startsWith('State County')).flat();
    expect(texts(kept)).toEqual([
      'State County Facility',
      'TX Travis 2/1/2017',
      'State County Facility',
      'TX Hays 1/30/2017',
      'State County Facility',
      'TX Travis 3/3/2017',
      'State County Facility',
      'CA Kern 2/2/2017',
    ]);
  });

  it('without protection, a header repeated at the same place is furniture too', () => {
    expect(texts(withoutFurniture(pages, () => false).flat())).not.toContain(
      'State County Facility',
    );
  });

  it('finds a footer that carries a page number beside other text, on two pages', () => {
    const footer = (n: number) =>
      page(n, [
        item(n === 1 ? 'TX Travis 2/1/2017' : 'CA Kern 3/3/2017', 72, 100),
        item(
          `Declined Detainer Outcome Report | Page ${n} of 2 | Run Date: 03/17/2017`,
          72,
          760,
          8,
        ),
      ]);
    const two = withoutFurniture(
      [1, 2].map((n) => pageLines(footer(n))),
      () => false,
    ).flat();
    expect(texts(two)).toEqual(['TX Travis 2/1/2017', 'CA Kern 3/3/2017']);
  });

  it('keeps table rows that repeat at the same height on several pages, set close to the body', () => {
    const rows = (n: number) =>
      page(n, [
        item('TX Travis Jail Mexico 2/1/2017', 72, 700),
        item('TX Travis Jail Mexico 2/2/2017', 72, 712),
        item(`${n}`, 300, 770, 8),
      ]);
    const kept = withoutFurniture(
      [1, 2, 3].map((n) => pageLines(rows(n))),
      () => false,
    ).flat();
    expect(kept).toHaveLength(6);
  });
});

/** Section II, drawn by hand: header cells at `xs`, a header of one or two lines. */
const X = {
  state: 40,
  county: 80,
  facility: 150,
  citizenship: 270,
  issued: 340,
  declined: 400,
  activity: 460,
};

function header(y: number, size = 8, center = false): ReturnType<typeof item>[] {
  const cell = (text: string, x: number, yy: number) => item(text, center ? x + 10 : x, yy, size);
  return [
    // "State County" in one item: a producer merged two narrow header cells.
    item(`State${' '.repeat(1)}County`, X.state, y + 5, size),
    cell('Facility', X.facility, y + 5),
    cell('Citizenship', X.citizenship, y + 5),
    cell('Detainer', X.issued, y),
    cell('Issued', X.issued + 4, y + 10),
    cell('Detainer', X.declined, y),
    cell('Declined', X.declined, y + 10),
    cell('Notable Criminal', X.activity, y),
    cell('Activity', X.activity + 12, y + 10),
  ];
}

describe('table header', () => {
  it('finds headings wrapped onto two lines, several in one item, in capitals with odd spacing', () => {
    const lines = linesOf(page(1, header(100)));
    const match = matchHeader(lines, 0, SECTION_II_TABLE.columns);
    expect(match?.columns.map((c) => c.key)).toEqual([
      'state',
      'county',
      'facility',
      'citizenship',
      'issued',
      'declined',
      'activity',
    ]);
    expect(match?.lineCount).toBe(3);
    const upper = linesOf(
      page(
        1,
        header(100).map((i) => ({ ...i, text: i.text.toUpperCase().replace(' ', '   ') })),
      ),
    );
    expect(matchHeader(upper, 0, SECTION_II_TABLE.columns)?.columns).toHaveLength(7);
  });

  it('does not take prose that uses the same words for a header', () => {
    const prose = linesOf(
      page(1, [
        item(
          'The State and County of each Facility, the Citizenship, the Detainer Issued and Detainer Declined dates',
          40,
          100,
        ),
        item('and the Notable Criminal Activity are listed.', 40, 112),
      ]),
    );
    expect(matchHeader(prose, 0, SECTION_II_TABLE.columns)).toBeNull();
  });
});

describe('table rows', () => {
  const row = (y: number, cells: Partial<Record<keyof typeof X, string>>, size = 8) =>
    Object.entries(cells).map(([key, text]) => item(text, X[key as keyof typeof X], y, size));

  it('carries wrapped cells into their row, top-aligned, across a page break without a repeated header', () => {
    const lines = linesOf(
      page(1, [
        ...header(100),
        ...row(130, {
          state: 'TX',
          county: 'Travis',
          facility: 'Travis County',
          citizenship: 'Mexico',
          issued: '2/1/2017',
          declined: '2/1/2017',
          activity: 'Assault',
        }),
        ...row(140, { facility: 'Correctional Complex' }),
        ...row(155, {
          county: 'Williamson',
          facility: 'Williamson Jail',
          citizenship: 'Honduras',
          issued: '10/16/2010',
          declined: '02/02/2017',
          activity: 'Drug Possession',
        }),
        ...row(165, { facility: 'Annex and Central', activity: 'Charge' }),
      ]),
      // The row goes on at the top of the next page, as Chromium and Word split rows.
      page(2, [
        ...row(60, { facility: 'Booking Facility' }),
        ...row(75, {
          state: 'CA',
          county: 'Alameda',
          facility: 'Santa Rita Jail',
          citizenship: 'Cambodia',
          issued: '1/5/2017',
          declined: '1/30/2017',
          activity: 'Domestic Violence',
        }),
      ]),
    );
    const table = tableOf(lines, SECTION_II_TABLE);
    expect(
      table.rows.map((r) => [
        r.page,
        r.cells.state,
        r.cells.county,
        r.cells.facility,
        r.cells.activity,
      ]),
    ).toEqual([
      [1, 'TX', 'Travis', 'Travis County Correctional Complex', 'Assault'],
      [
        1,
        '',
        'Williamson',
        'Williamson Jail Annex and Central Booking Facility',
        'Drug Possession Charge',
      ],
      [2, 'CA', 'Alameda', 'Santa Rita Jail', 'Domestic Violence'],
    ]);
  });

  it('reads vertically centred cells: one-line cells sit beside the middle of wrapped ones', () => {
    // Each row 3 lines tall (11pt steps) plus padding; single-line cells on the middle line.
    const centred = (
      top: number,
      cells: Partial<Record<keyof typeof X, string>>,
      facility: string[],
    ) => [
      ...facility.map((text, i) =>
        item(text, X.facility, top + (i + (3 - facility.length) / 2) * 11, 8),
      ),
      ...row(top + 11, cells),
    ];
    const lines = linesOf(
      page(1, [
        ...header(100),
        ...centred(
          130,
          {
            state: 'NY',
            county: 'Franklin',
            citizenship: 'Ecuador',
            issued: '1/1/2016',
            declined: '1/30/2017',
            activity: 'Assault',
          },
          ['Franklin County', 'Correctional', 'Facility'],
        ),
        ...centred(
          170,
          {
            state: 'PA',
            county: 'Franklin',
            citizenship: 'Mexico',
            issued: '2/2/2016',
            declined: '1/31/2017',
            activity: 'DUI',
          },
          ['Franklin Jail', 'Annex'],
        ),
        ...centred(
          210,
          {
            state: 'PA',
            county: 'Lebanon',
            citizenship: 'Peru',
            issued: '3/3/2016',
            declined: '2/1/2017',
            activity: 'Theft',
          },
          ['Lebanon County', 'Correctional', 'Facility'],
        ),
      ]),
    );
    const table = tableOf(lines, SECTION_II_TABLE);
    expect(table.rows.map((r) => [r.cells.state, r.cells.facility, r.cells.declined])).toEqual([
      ['NY', 'Franklin County Correctional Facility', '1/30/2017'],
      ['PA', 'Franklin Jail Annex', '1/31/2017'],
      ['PA', 'Lebanon County Correctional Facility', '2/1/2017'],
    ]);
  });

  it('splits a string that runs over narrow gutters, and cells that touch, into their columns', () => {
    // A tight table: each column starts 4pt (half an em) after the widest text of the one
    // before, and the Hays row has the widest text of its columns.
    const T = {
      state: 40,
      county: 60,
      facility: 110,
      citizenship: 215,
      issued: 0,
      declined: 0,
      activity: 0,
    };
    T.issued = T.citizenship + Math.max(widthOf('Mexico', 8), widthOf('Citizen-', 8)) + 4;
    T.declined = T.issued + widthOf('12/1/2016', 8) + 4;
    T.activity = T.declined + widthOf('1/29/2017', 8) + 4;
    const at = (y: number, cells: Partial<Record<keyof typeof T, string>>) =>
      Object.entries(cells).map(([key, text]) => item(text, T[key as keyof typeof T], y, 8));
    const head = [
      ...at(100, {
        state: 'State',
        county: 'County',
        facility: 'Facility',
        activity: 'Notable Criminal Activity',
      }),
      ...at(95, { citizenship: 'Citizen-' }),
      ...at(105, { citizenship: 'ship' }),
      ...at(95, { issued: 'Detainer', declined: 'Detainer' }),
      ...at(105, { issued: 'Issued', declined: 'Declined' }),
    ];
    const lines = linesOf(
      page(1, [
        ...head,
        ...at(120, {
          state: 'TX',
          county: 'Travis',
          facility: 'Travis County Jail',
          citizenship: 'Cuba',
          issued: '2/1/2017',
          declined: '2/1/2017',
          activity: 'Assault',
        }),
        // One string from "Mexico" to the end of the second date, its cells placed by the
        // producer's own spacing.
        item('TX', T.state, 132, 8),
        item('Hays', T.county, 132, 8),
        item('Hays County Jail', T.facility, 132, 8),
        { ...item('Mexico', T.citizenship, 132, 8), run: 1 },
        { ...item('12/1/2016', T.issued, 132, 8), run: 1 },
        { ...item('1/29/2017', T.declined, 132, 8), run: 1 },
        item('DUI', T.activity, 132, 8),
        ...at(144, {
          state: 'TX',
          county: 'Bastrop',
          facility: 'Bastrop Jail',
          citizenship: 'Peru',
          issued: '1/3/2017',
          declined: '1/31/2017',
          activity: 'Theft',
        }),
        // Facility text that fills its cell and touches the citizenship: two items, no gap.
        item('TX', T.state, 156, 8),
        item('Hays', T.county, 156, 8),
        item(
          'Hays Correctional Complex',
          T.citizenship - widthOf('Hays Correctional Complex', 8),
          156,
          8,
        ),
        item('Peru', T.citizenship, 156, 8),
        ...at(156, { issued: '1/2/2017', declined: '1/28/2017', activity: 'Burglary' }),
      ]),
    );
    const table = tableOf(lines, SECTION_II_TABLE);
    expect(
      table.rows.map((r) => [
        r.cells.facility,
        r.cells.citizenship,
        r.cells.issued,
        r.cells.declined,
      ]),
    ).toEqual([
      ['Travis County Jail', 'Cuba', '2/1/2017', '2/1/2017'],
      ['Hays County Jail', 'Mexico', '12/1/2016', '1/29/2017'],
      ['Bastrop Jail', 'Peru', '1/3/2017', '1/31/2017'],
      ['Hays Correctional Complex', 'Peru', '1/2/2017', '1/28/2017'],
    ]);
  });

  it('ends the table at a paragraph, at a Total line, and keeps a note between rows as a note', () => {
    const lines = linesOf(
      page(1, [
        ...header(100),
        ...row(130, {
          state: 'TX',
          county: 'Travis',
          facility: 'Jail',
          citizenship: 'Mexico',
          issued: '2/1/2017',
          declined: '2/1/2017',
          activity: 'Assault',
        }),
        item(
          '* This entry was corrected on February 3, 2017 after the field office reported the transfer of custody to another agency.',
          40,
          150,
          8,
        ),
        ...row(170, {
          state: 'TX',
          county: 'Hays',
          facility: 'Jail',
          citizenship: 'Peru',
          issued: '2/2/2017',
          declined: '2/2/2017',
          activity: 'DUI',
        }),
        item('Total 2', 40, 185, 8),
        item(
          'ICE recorded 2 declined detainers in the week; the figures above are as recorded by ICE field offices and not verified.',
          40,
          205,
          10,
        ),
      ]),
    );
    const table = tableOf(lines, SECTION_II_TABLE);
    expect(table.rows.map((r) => r.cells.county)).toEqual(['Travis', 'Hays']);
    expect(texts(table.notes)).toEqual([expect.stringMatching(/^\* This entry was corrected/)]);
    expect(table.total?.text).toBe('Total 2');
    expect(texts(table.after)).toEqual([expect.stringMatching(/^ICE recorded 2 declined/)]);
  });

  it('reads a key cell that wraps ("September" / "2015") as one, not as two rows', () => {
    const C = { listedAs: 40, enacted: 200, policy: 250, criteria: 380 };
    const cell = (x: number, y: number, lines: string[]) =>
      lines.map((t, i) => item(t, x, y + i * 10, 8));
    const lines = linesOf(
      page(1, [
        item('Jurisdiction (AOR)', C.listedAs, 100, 8),
        item('Date', C.enacted, 95, 8),
        item('Enacted', C.enacted, 105, 8),
        item('Policy', C.policy, 100, 8),
        item('Criteria for Honoring Detainer', C.criteria, 100, 8),
        ...cell(C.listedAs, 125, ['Ithaca, New York (Buffalo)']),
        ...cell(C.enacted, 125, ['February', '2017']),
        ...cell(C.policy, 125, ['Municipal Code Change']),
        ...cell(C.criteria, 125, ['Will only honor warrantless', 'detainer requests']),
        ...cell(C.listedAs, 150, ['Boulder County, Colorado', '(Denver)']),
        ...cell(C.enacted, 150, ['2008']),
        ...cell(C.policy, 150, ['Sheriff’s Office Policy']),
        ...cell(C.criteria, 150, ['Court order required']),
      ]),
    );
    expect(
      tableOf(lines, SECTION_III_TABLE).rows.map((r) => [r.cells.listedAs, r.cells.enacted]),
    ).toEqual([
      ['Ithaca, New York (Buffalo)', 'February 2017'],
      ['Boulder County, Colorado (Denver)', '2008'],
    ]);
  });

  it('takes a header printed at the foot of a page and again overleaf as one header', () => {
    const full = {
      state: 'TX',
      county: 'Travis',
      facility: 'Jail',
      citizenship: 'Mexico',
      issued: '2/1/2017',
      declined: '2/1/2017',
      activity: 'Assault',
    };
    const lines = linesOf(page(1, header(740)), page(2, [...header(60), ...row(90, full)]));
    const table = tableOf(lines, SECTION_II_TABLE);
    expect(table.rows.map((r) => [r.page, r.cells.state, r.cells.activity])).toEqual([
      [2, 'TX', 'Assault'],
    ]);
  });

  it('keeps a column that is empty on one page empty, using the columns of the whole table', () => {
    // Headings centred over their cells, text left-aligned: "Los Angeles County" starts well
    // left of its heading. Page 2 has no state at all (printed once for the group), and a
    // gutter search of page 2 alone would hand "Los" to the empty State column.
    const centred = (y: number) => [
      item('State', 52, y, 8),
      item('County', 103, y, 8),
      item('Facility', 180, y, 8),
      item('Citizenship', 272, y, 8),
      item('Detainer Issued', 333, y, 8),
      item('Detainer Declined', 393, y, 8),
      item('Notable Criminal Activity', 460, y, 8),
    ];
    const first = (y: number, state: string, county: string) =>
      row(y, {
        state,
        county,
        facility: 'Jail',
        citizenship: 'Peru',
        issued: '1/1/2017',
        declined: '2/1/2017',
        activity: 'Theft',
      });
    const lines = linesOf(
      page(1, [
        ...centred(100),
        ...first(130, 'TX', 'Hays'),
        ...first(145, 'CA', 'Kern'),
        ...first(160, 'CA', 'Los Angeles County'),
      ]),
      page(2, [
        ...centred(60),
        ...first(90, '', 'Los Angeles County'),
        ...first(105, '', 'Los Angeles County'),
      ]),
    );
    const table = tableOf(lines, SECTION_II_TABLE);
    expect(table.rows.map((r) => [r.cells.state, r.cells.county])).toEqual([
      ['TX', 'Hays'],
      ['CA', 'Kern'],
      ['CA', 'Los Angeles County'],
      ['', 'Los Angeles County'],
      ['', 'Los Angeles County'],
    ]);
  });
});
