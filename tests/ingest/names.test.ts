import { describe, expect, it } from 'vitest';
import { splitState } from '../../src/lib/contract/spellings.ts';
import { toUsps } from '../../src/lib/contract/states.ts';
import { describeNameProblem, resolveJurisdiction } from '../../src/lib/ingest/names.ts';
import type { GazetteerRow } from '../../src/lib/contract/schema.ts';

const row = (
  fields: Partial<GazetteerRow> & Pick<GazetteerRow, 'id' | 'name' | 'state'>,
): GazetteerRow => ({
  kind: 'county',
  fips: null,
  map_fips: null,
  aor: null,
  aliases: [],
  ...fields,
});

const gazetteer = [
  row({
    id: 'tx-travis-county',
    name: 'Travis County',
    state: 'TX',
    fips: '48453',
    aliases: ['Travis, TX'],
  }),
  row({ id: 'pa-franklin-county', name: 'Franklin County', state: 'PA', fips: '42055' }),
  row({ id: 'ny-franklin-county', name: 'Franklin County', state: 'NY', fips: '36033' }),
  row({ id: 'fl-st-lucie-county', name: 'St. Lucie County', state: 'FL', fips: '12111' }),
  row({ id: 'md-baltimore-county', name: 'Baltimore County', state: 'MD', fips: '24005' }),
  row({
    id: 'md-baltimore-city',
    name: 'Baltimore city',
    state: 'MD',
    kind: 'city',
    map_fips: '24510',
  }),
  row({
    id: 'ny-new-york-city',
    name: 'New York City',
    state: 'NY',
    kind: 'city',
    map_fips: '36061',
    aliases: ['NYC'],
  }),
];

describe('toUsps and splitState', () => {
  it('reads USPS codes and state names, in any case', () => {
    expect([toUsps('TX'), toUsps('tx'), toUsps(' Texas '), toUsps('Tex.')]).toEqual([
      'TX',
      'TX',
      'TX',
      null,
    ]);
  });

  it('splits a trailing state off a name, and leaves other commas alone', () => {
    expect(splitState('Travis County, TX')).toEqual({ name: 'Travis County', state: 'TX' });
    expect(splitState('Travis, Texas')).toEqual({ name: 'Travis', state: 'TX' });
    expect(splitState('Anaheim City Jail, Orange')).toEqual({
      name: 'Anaheim City Jail, Orange',
      state: null,
    });
  });
});

describe('resolveJurisdiction', () => {
  it('finds a county by its name, an alias, or its name without "County", with the state', () => {
    for (const printed of ['Travis County, TX', 'Travis, TX', 'travis county, texas', 'Travis']) {
      expect(resolveJurisdiction(printed, gazetteer), printed).toEqual({ id: 'tx-travis-county' });
    }
    expect(resolveJurisdiction('St Lucie', gazetteer, 'FL')).toEqual({ id: 'fl-st-lucie-county' });
    expect(resolveJurisdiction('NYC', gazetteer)).toEqual({ id: 'ny-new-york-city' });
  });

  it('prefers an exact spelling over a loose one', () => {
    expect(resolveJurisdiction('Baltimore County, MD', gazetteer)).toEqual({
      id: 'md-baltimore-county',
    });
    expect(resolveJurisdiction('Baltimore city, MD', gazetteer)).toEqual({
      id: 'md-baltimore-city',
    });
  });

  it('uses a state given apart from the name (Section II has its own State column)', () => {
    expect(resolveJurisdiction('Franklin', gazetteer, 'NY')).toEqual({ id: 'ny-franklin-county' });
  });

  it('calls a name without a state ambiguous when several places share it', () => {
    expect(resolveJurisdiction('Franklin County', gazetteer)).toEqual({
      problem: 'ambiguous',
      candidates: [
        { id: 'pa-franklin-county', name: 'Franklin County', state: 'PA', fips: '42055' },
        { id: 'ny-franklin-county', name: 'Franklin County', state: 'NY', fips: '36033' },
      ],
    });
  });

  it('lists gazetteer rows in other states and us-atlas counties for an unknown name', () => {
    const result = resolveJurisdiction('Franklin County, IA', gazetteer);
    expect(result).toMatchObject({ problem: 'unknown' });
    const candidates = (
      result as { candidates: { id: string | null; state: string; fips: string | null }[] }
    ).candidates;
    expect(candidates.slice(0, 2).map((c) => c.id)).toEqual([
      'pa-franklin-county',
      'ny-franklin-county',
    ]);
    expect(candidates.slice(2)).toEqual([
      { id: null, name: 'Franklin', state: 'IA', fips: '19069' },
    ]);
  });

  it('offers every us-atlas county of the name when no state is given', () => {
    const result = resolveJurisdiction('Montgomery County', gazetteer);
    const states = (result as { candidates: { state: string }[] }).candidates.map((c) => c.state);
    expect(states.length).toBeGreaterThan(15);
    expect(states).toContain('IA');
    expect(states).toContain('PA');
  });
});

describe('describeNameProblem', () => {
  it('tells the maintainer what to do, with each candidate on its own line', () => {
    const ambiguous = resolveJurisdiction('Franklin County', gazetteer);
    expect(describeNameProblem('Franklin County', ambiguous as never)).toBe(
      [
        '"Franklin County" is ambiguous; it could be:',
        '    pa-franklin-county: Franklin County, PA (FIPS 42055)',
        '    ny-franklin-county: Franklin County, NY (FIPS 36033)',
        '  Add the state to the name in the export (e.g. "Franklin County, PA"), or make the spelling an alias of one row only in data/jurisdictions.csv.',
      ].join('\n'),
    );
    const nowhere = resolveJurisdiction('Atlantis, NV', gazetteer);
    expect(describeNameProblem('Atlantis, NV', nowhere as never)).toContain(
      'No county of that name exists in us-atlas either.',
    );
  });
});
