import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/lib/contract/load.ts';

// Expected figures are the published ones, as sourced in the project's domain notes
// (shared/domain.md §0 and §2): the data must reproduce them, and never add to them.
describe('the shipped 2017 data', () => {
  const data = loadDataset('data');
  const report = (start: string) => data.reports.find((r) => r.start === start)!;
  const row = (start: string, id: string) =>
    report(start).jurisdictions.find((j) => j.jurisdiction === id);

  it('holds the three weekly reports with their periods and publication dates', () => {
    expect(data.reports.map((r) => [r.start, r.meta.period_end, r.meta.published])).toEqual([
      ['2017-01-28', '2017-02-03', '2017-03-20'],
      ['2017-02-04', '2017-02-10', '2017-03-29'],
      ['2017-02-11', '2017-02-17', '2017-04-06'],
    ]);
    expect(report('2017-02-11').meta.published_note).toMatch(/inferred/i);
  });

  it('gives the headline totals, and leaves the unknown week-3 total blank', () => {
    const figures = (start: string) => report(start).meta.figures;
    expect(figures('2017-01-28').detainers_issued.value).toBe(3083);
    expect(figures('2017-01-28').declined_total.value).toBe(206);
    expect(figures('2017-01-28').states_with_declines.value).toBe(16);
    expect(figures('2017-01-28').pages.value).toBe(35);
    expect(figures('2017-02-04').detainers_issued.value).toBe(2825);
    expect(figures('2017-02-04').declined_total.value).toBe(47);
    expect(figures('2017-02-11').detainers_issued.value).toBe(2868);
    expect(figures('2017-02-11').declined_total.value).toBeNull();
    for (const r of data.reports) {
      for (const figure of Object.values(r.meta.figures)) {
        if (figure.value !== null) expect(figure.source).toMatch(/^https?:\/\//);
      }
    }
  });

  it('keeps the Section I top ten as issued detainers summing to 157, apart from declines', () => {
    const sectionI = report('2017-01-28').jurisdictions.filter((j) => j.issued_rank !== null);
    expect(sectionI.map((j) => [j.issued_rank, j.jurisdiction, j.issued])).toEqual([
      [1, 'nv-clark-county', 51],
      [2, 'ny-nassau-county', 38],
      [3, 'il-cook-county', 13],
      [4, 'ia-montgomery-county', 12],
      [5, 'wa-snohomish-county', 12],
      [6, 'ny-franklin-county', 9],
      [7, 'or-washington-county', 7],
      [8, 'fl-alachua-county', 5],
      [9, 'ia-franklin-county', 5],
      [10, 'pa-franklin-county', 5],
    ]);
    expect(sectionI.reduce((n, j) => n + j.issued!, 0)).toBe(157);
    expect(report('2017-01-28').meta.figures.section_i_total.value).toBe(157);
    // Issued counts are never recorded as declines (the "157 of 206" misreading).
    expect(row('2017-01-28', 'ny-nassau-county')!.declined).toBeNull();
  });

  it('records the per-jurisdiction declines the sources give, and no invented total', () => {
    expect(row('2017-01-28', 'tx-travis-county')!.declined).toBe(142);
    expect(row('2017-01-28', 'tx-williamson-county')!.declined).toBe(4);
    expect(row('2017-01-28', 'tx-bastrop-county')!.declined).toBe(3);
    expect(row('2017-02-04', 'ny-new-york-city')!.declined).toBe(12);
    expect(row('2017-02-04', 'tx-travis-county')!.declined).toBe(2);
    expect(row('2017-02-04', 'ca-kern-county')!.issued).toBe(65);
    for (const r of data.reports) expect(r.meta.coverage).toBe('partial');
  });

  it('keeps the Franklin counties apart by state and FIPS code', () => {
    const franklins = data.gazetteer.filter((j) => j.name === 'Franklin County');
    expect(franklins.map((j) => [j.state, j.fips]).sort()).toEqual([
      ['IA', '19069'],
      ['NY', '36033'],
      ['PA', '42055'],
    ]);
  });

  it('records ICE correction and the Travis County disputes against the published figures', () => {
    const about = (id: string, field: string) =>
      data.corrections.filter(
        (c) => c.report === '2017-01-28' && c.jurisdiction === id && c.field === field,
      );
    expect(
      about('pa-franklin-county', 'issued').map((c) => [c.kind, c.by, c.stated_value]),
    ).toContainEqual(['correction', expect.stringContaining('ICE'), '0']);
    expect(about('tx-williamson-county', 'declined').map((c) => c.kind)).toContain('withdrawal');
    expect(
      about('tx-travis-county', 'declined')
        .filter((c) => c.kind === 'dispute')
        .map((c) => c.stated_value)
        .sort(),
    ).toEqual(['128', '143']);
  });
});
