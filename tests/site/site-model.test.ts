import { describe, expect, it } from 'vitest';
import { periodEnd } from '../../src/lib/contract/dates.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import type { Dataset, WeekReport } from '../../src/lib/contract/load.ts';
import { REPORT_FIGURES } from '../../src/lib/contract/schema.ts';
import type {
  CorrectionRow,
  GazetteerRow,
  PolicyRow,
  ReportJurisdictionRow,
  ReportMeta,
} from '../../src/lib/contract/schema.ts';
import { buildSiteModel } from '../../src/lib/model/site-model.ts';
import { appearanceSentence, jurisdictionPaths } from '../../src/site/views/jurisdiction.ts';
import { statePaths } from '../../src/site/views/state.ts';
import { weekPaths } from '../../src/site/views/week.ts';
import { siteDataOf } from '../helpers/views.ts';
import { FIXTURE_DATA } from '../helpers/site.ts';
import { correctionOutcome, correctionsOf } from '../../src/lib/model/corrections.ts';
import { knownSum } from '../../src/lib/model/totals.ts';

const fixture = buildSiteModel(loadDataset(FIXTURE_DATA));
const week = (start: string) => fixture.weekByStart.get(start)!;
const headline = (start: string, label: string) =>
  week(start).headline.find((h) => h.label === label)!;

// Small hand-made datasets for the cases the fixture does not have.
const figure = (value: number | null) => ({
  value,
  source: value === null ? null : 'https://example.org/r',
  note: null,
});
function report(
  start: string,
  rows: Partial<ReportJurisdictionRow>[],
  declinedTotal: number | null = null,
): WeekReport {
  const figures = Object.fromEntries(
    REPORT_FIGURES.map((f) => [f.name, figure(null)]),
  ) as ReportMeta['figures'];
  figures.declined_total = figure(declinedTotal);
  return {
    start,
    meta: {
      period_start: start,
      period_end: periodEnd(start),
      title: `Report ${start}`,
      published: start,
      published_source: 'https://example.org/r',
      published_note: null,
      copies: [],
      figures,
      coverage: 'partial',
      coverage_note: null,
      section_titles: {},
      original: null,
      caveats: [],
    },
    jurisdictions: rows.map((row) => ({
      jurisdiction: 'tx-a',
      issued_rank: null,
      issued: null,
      issued_source: null,
      declined: null,
      declined_source: null,
      note: null,
      ...row,
    })),
    declined: null,
    originalPath: null,
  };
}
const place = (id: string, state: string): GazetteerRow => ({
  id,
  name: id,
  state,
  kind: 'county',
  fips: null,
  map_fips: null,
  aor: null,
  aliases: [],
});
const policy = (jurisdiction: string, first_report: string): PolicyRow => ({
  jurisdiction,
  listed_as: null,
  date_enacted: null,
  policy: null,
  criteria: null,
  first_report,
  source: 'https://example.org/p',
  note: null,
});
const correction = (fields: Partial<CorrectionRow>): CorrectionRow => ({
  id: 'c',
  date: '2020-02-01',
  kind: 'correction',
  report: '2020-01-04',
  table: 'jurisdictions',
  jurisdiction: null,
  row: null,
  field: null,
  published_value: null,
  stated_value: null,
  by: 'ICE',
  statement: 'A statement.',
  source: 'https://example.org/c',
  ...fields,
});
const dataset = (fields: Partial<Dataset>): Dataset => ({
  gazetteer: [place('tx-a', 'TX'), place('tx-b', 'TX'), place('ca-c', 'CA')],
  reports: [],
  policies: [],
  corrections: [],
  ...fields,
});

describe('week views', () => {
  it('orders the reports oldest first and links each to its neighbours', () => {
    expect(
      fixture.weeks.map((w) => [w.previous?.start ?? null, w.report.start, w.next?.start ?? null]),
    ).toEqual([
      [null, '2020-01-04', '2020-01-11'],
      ['2020-01-04', '2020-01-11', '2020-01-18'],
      ['2020-01-11', '2020-01-18', null],
    ]);
  });

  it('orders reports by period even when the dataset does not', () => {
    const model = buildSiteModel(
      dataset({ reports: [report('2020-01-11', []), report('2020-01-04', [])] }),
    );
    expect(model.weeks.map((w) => w.report.start)).toEqual(['2020-01-04', '2020-01-11']);
  });

  it('gives each headline figure its change from the previous report, and says when it is not reported', () => {
    expect(headline('2020-01-04', 'Detainers issued nationwide')).toMatchObject({
      field: 'detainers_issued',
      figure: { value: 1000, source: 'https://example.org/reports/1' },
      change: 'no previous report',
    });
    expect(headline('2020-01-11', 'Detainers issued nationwide').change).toBe(
      '−100 from the previous report',
    );
    expect(headline('2020-01-11', 'Declined detainers recorded').change).toBe(
      '+5 from the previous report',
    );
    expect(headline('2020-01-11', 'States with declined detainers').change).toBe(
      'change from the previous report not reported',
    );
    expect(headline('2020-01-18', 'States with declined detainers').change).toBe(
      'change from the previous report not reported',
    );
  });

  it('lists the other figures of the report apart, without a change', () => {
    expect(week('2020-01-11').headline.map((h) => h.field)).toEqual([
      'detainers_issued',
      'declined_total',
      'states_with_declines',
      null,
      null,
    ]);
    expect(week('2020-01-04').otherFigures.map((h) => [h.label, h.figure.value, h.change])).toEqual(
      [
        ['Jails with declined detainers', null, null],
        ['Detainers issued to the Section I jurisdictions', 30, null],
        ['Jurisdictions in the policy table (Section III)', null, null],
        ['Pages', 10, null],
      ],
    );
  });

  it('counts the jurisdictions and states named in the rows, compared only between complete transcriptions', () => {
    expect(headline('2020-01-04', 'Jurisdictions named in the transcribed rows').figure.value).toBe(
      3,
    );
    expect(headline('2020-01-18', 'States of those jurisdictions')).toMatchObject({
      field: null,
      figure: { value: 2, source: null },
      change: 'change from the previous report not reported',
    });
    const complete = (start: string, rows: Partial<ReportJurisdictionRow>[]) => {
      const r = report(start, rows);
      r.meta.coverage = 'complete';
      return r;
    };
    const model = buildSiteModel(
      dataset({
        reports: [
          complete('2020-01-04', [{ jurisdiction: 'tx-a' }, { jurisdiction: 'ca-c' }]),
          complete('2020-01-11', [
            { jurisdiction: 'tx-a' },
            { jurisdiction: 'tx-b' },
            { jurisdiction: 'ca-c' },
          ]),
        ],
      }),
    );
    expect(
      model.weeks[1]!.headline.filter((h) => h.field === null).map((h) => [
        h.label,
        h.figure.value,
        h.change,
      ]),
    ).toEqual([
      ['Jurisdictions named in the transcribed rows', 3, '+1 from the previous report'],
      ['States of those jurisdictions', 2, 'unchanged from the previous report'],
    ]);
  });

  it('lists Section I by rank, then by issued count, and leaves out rows without an issued count', () => {
    const model = buildSiteModel(
      dataset({
        reports: [
          report('2020-01-04', [
            { jurisdiction: 'tx-a', issued: 3 },
            { jurisdiction: 'tx-b', issued: 1, issued_rank: 2 },
            { jurisdiction: 'ca-c', issued: 9, issued_rank: 1 },
          ]),
        ],
      }),
    );
    expect(model.weeks[0]!.sectionI.map((r) => r.jurisdiction)).toEqual(['ca-c', 'tx-b', 'tx-a']);
    expect(week('2020-01-04').sectionI.map((r) => r.jurisdiction)).toEqual([
      'ny-nassau-county',
      'tx-travis-county',
    ]);
  });

  it('lists declined counts largest first, unknown counts last', () => {
    expect(week('2020-01-11').byDeclined.map((r) => [r.jurisdiction, r.declined])).toEqual([
      ['ny-new-york-city', 9],
      ['tx-travis-county', 1],
      ['or-washington-county', null],
    ]);
  });

  it('shows the policies whose first report is this week or earlier', () => {
    expect(week('2020-01-04').policies.map((p) => p.jurisdiction)).toEqual(['tx-travis-county']);
    expect(week('2020-01-11').policies.map((p) => p.jurisdiction)).toEqual([
      'tx-travis-county',
      'ny-new-york-city',
    ]);
    const model = buildSiteModel(
      dataset({
        reports: [report('2020-01-04', []), report('2020-01-11', []), report('2020-01-18', [])],
        policies: [
          policy('tx-b', '2020-01-18'),
          policy('tx-a', '2020-01-04'),
          policy('ca-c', '2020-01-11'),
        ],
      }),
    );
    expect(model.weeks.map((w) => w.policies.map((p) => p.jurisdiction))).toEqual([
      ['tx-a'],
      ['tx-a', 'ca-c'],
      ['tx-a', 'ca-c', 'tx-b'],
    ]);
  });

  it('gives each report the corrections that concern it', () => {
    expect(
      week('2020-01-04')
        .corrections.map((c) => c.id)
        .sort(),
    ).toEqual(['fixture-travis-dispute', 'fixture-williamson-withdrawal']);
    expect(week('2020-01-11').corrections).toEqual([]);
  });
});

describe('jurisdictions and states', () => {
  it('gives a jurisdiction its appearances, totals of the known counts, and first and last report', () => {
    const travis = fixture.jurisdictions.get('tx-travis-county')!;
    expect(travis.appearances.map((a) => a.report)).toEqual([
      '2020-01-04',
      '2020-01-11',
      '2020-01-18',
    ]);
    expect(travis).toMatchObject({
      declinedTotal: 7,
      declinedUnknown: 0,
      issuedTotal: 10,
      first: '2020-01-04',
      last: '2020-01-18',
    });
    expect(travis.policies).toHaveLength(1);
    expect(travis.corrections.map((c) => c.id)).toEqual(['fixture-travis-dispute']);
  });

  it('reads a total as unknown, not 0, where no report gives a count', () => {
    const washington = fixture.jurisdictions.get('or-washington-county')!;
    expect(washington).toMatchObject({
      declinedTotal: null,
      declinedUnknown: 1,
      issuedTotal: null,
    });
    const oregon = fixture.states.find((s) => s.usps === 'OR')!;
    expect(oregon).toMatchObject({ declinedTotal: null, declinedUnknown: 1, issuedTotal: null });
  });

  it('keeps a jurisdiction that only the policy table names, dated by that table', () => {
    const model = buildSiteModel(
      dataset({
        reports: [report('2020-01-04', [{ jurisdiction: 'tx-a', declined: 1 }])],
        policies: [policy('ca-c', '2020-01-04')],
      }),
    );
    expect([...model.jurisdictions.keys()].sort()).toEqual(['ca-c', 'tx-a']);
    expect(model.jurisdictions.get('ca-c')).toMatchObject({
      appearances: [],
      first: '2020-01-04',
      last: '2020-01-04',
    });
  });

  it('sums each state over its jurisdictions and sorts states and jurisdictions by name', () => {
    expect(fixture.states.map((s) => s.name)).toEqual([
      'California',
      'New York',
      'Oregon',
      'Texas',
    ]);
    const texas = fixture.states.find((s) => s.usps === 'TX')!;
    expect(texas.jurisdictions.map((j) => j.jurisdiction.name)).toEqual([
      'Travis County',
      'Williamson County',
    ]);
    expect(texas).toMatchObject({ declinedTotal: 9, issuedTotal: 10, declinedUnknown: 0 });
  });

  it('gives the static paths of every page from the model', () => {
    expect(weekPaths(siteDataOf()).map((p) => p.params)).toEqual([
      { date: '2020-01-04' },
      { date: '2020-01-11' },
      { date: '2020-01-18' },
    ]);
    expect(
      jurisdictionPaths(siteDataOf())
        .map((p) => p.params.id)
        .sort(),
    ).toEqual([
      'ca-los-angeles-county',
      'ny-nassau-county',
      'ny-new-york-city',
      'or-washington-county',
      'tx-travis-county',
      'tx-williamson-county',
    ]);
    expect(statePaths(siteDataOf()).map((p) => p.params.usps)).toEqual(['ca', 'ny', 'or', 'tx']);
  });
});

describe('corrections', () => {
  const target = (jurisdiction: string, field: string | null) =>
    ({ report: '2020-01-04', table: 'jurisdictions', jurisdiction, field }) as const;

  it('finds the corrections of one figure, not of its neighbours', () => {
    const index = fixture.correctionIndex;
    expect(
      correctionsOf(index, target('tx-williamson-county', 'declined')).map((c) => c.id),
    ).toEqual(['fixture-williamson-withdrawal']);
    expect(correctionsOf(index, target('tx-williamson-county', 'issued'))).toEqual([]);
    expect(correctionsOf(index, target('tx-travis-county', 'declined')).map((c) => c.id)).toEqual([
      'fixture-travis-dispute',
    ]);
    expect(
      correctionsOf(index, { ...target('tx-travis-county', 'declined'), report: '2020-01-11' }),
    ).toEqual([]);
  });

  it('marks every figure of a row corrected as a whole, and finds Section II rows and headline figures', () => {
    const model = buildSiteModel(
      dataset({
        corrections: [
          correction({ id: 'row', jurisdiction: 'tx-a' }),
          correction({ id: 'declined-row', table: 'declined', row: 4, field: 'citizenship' }),
          correction({ id: 'headline', table: 'report', field: 'declined_total' }),
        ],
      }),
    );
    const ids = (found: CorrectionRow[]) => found.map((c) => c.id);
    expect(ids(correctionsOf(model.correctionIndex, target('tx-a', 'issued')))).toEqual(['row']);
    expect(ids(correctionsOf(model.correctionIndex, target('tx-a', 'declined')))).toEqual(['row']);
    const sectionII = { report: '2020-01-04', table: 'declined', row: 4, field: null } as const;
    expect(ids(correctionsOf(model.correctionIndex, sectionII))).toEqual(['declined-row']);
    expect(correctionsOf(model.correctionIndex, { ...sectionII, row: 5 })).toEqual([]);
    const figureOf = (field: string) => ({ report: '2020-01-04', table: 'report', field }) as const;
    expect(ids(correctionsOf(model.correctionIndex, figureOf('declined_total')))).toEqual([
      'headline',
    ]);
    expect(correctionsOf(model.correctionIndex, figureOf('detainers_issued'))).toEqual([]);
  });

  it("states the fixture's withdrawal and dispute as the report pages show them", () => {
    expect(fixture.corrections.map((c) => [c.kind, correctionOutcome(c)])).toEqual([
      [
        'dispute',
        { asPublished: '5', asCorrected: 'stands as published; Travis County Sheriff gives 4' },
      ],
      [
        'withdrawal',
        { asPublished: '2', asCorrected: 'withdrawn by Publisher, no replacement given' },
      ],
    ]);
  });

  it('lists every correction newest first', () => {
    expect(fixture.corrections.map((c) => c.date)).toEqual(['2020-02-12', '2020-02-10']);
  });

  it('states each kind as published and as corrected', () => {
    const published = { published_value: '5', field: 'declined' };
    expect(correctionOutcome(correction({ ...published, stated_value: '4' }))).toEqual({
      asPublished: '5',
      asCorrected: '4',
    });
    expect(correctionOutcome(correction({ ...published, kind: 'withdrawal' }))).toEqual({
      asPublished: '5',
      asCorrected: 'withdrawn by ICE, no replacement given',
    });
    expect(
      correctionOutcome(
        correction({ ...published, kind: 'dispute', by: 'The sheriff', stated_value: '4' }),
      ),
    ).toEqual({
      asPublished: '5',
      asCorrected: 'stands as published; The sheriff gives 4',
    });
    expect(
      correctionOutcome(correction({ ...published, kind: 'dispute', by: 'The sheriff' }))
        .asCorrected,
    ).toBe('stands as published; The sheriff disputes it');
    expect(
      correctionOutcome(correction({ ...published, kind: 'transcription', stated_value: '6' })),
    ).toEqual({ asPublished: '5', asCorrected: '6' });
    expect(correctionOutcome(correction({ ...published })).asCorrected).toBe('not reported');
    expect(correctionOutcome(correction({ kind: 'withdrawal' })).asPublished).toBe('the whole row');
    expect(correctionOutcome(correction({ field: 'issued' })).asPublished).toBe('not reported');
  });
});

describe('knownSum', () => {
  it('adds the known values and is null, not 0, when none is known', () => {
    expect(knownSum([1, null, 2])).toBe(3);
    expect(knownSum([0, null])).toBe(0);
    expect(knownSum([null, null])).toBeNull();
    expect(knownSum([])).toBeNull();
  });
});

describe('appearanceSentence', () => {
  it('names the reports a jurisdiction appears in, or the policy table alone', () => {
    const sentence = (id: string, model = fixture) =>
      appearanceSentence(model.jurisdictions.get(id)!);
    expect(sentence('tx-travis-county')).toBe(
      'Named in 3 reports, from the report of Jan 4 – Jan 10, 2020 to the report of Jan 18 – Jan 24, 2020.',
    );
    expect(sentence('or-washington-county')).toBe('Named in the report of Jan 11 – Jan 17, 2020.');
    const policyOnly = buildSiteModel(
      dataset({ reports: [report('2020-01-04', [])], policies: [policy('ca-c', '2020-01-04')] }),
    );
    expect(sentence('ca-c', policyOnly)).toBe(
      'Listed in the policy table (Section III) from the report of Jan 4 – Jan 10, 2020 on; no other table of a report names it.',
    );
  });
});
