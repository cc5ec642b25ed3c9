import { atlasCounties, sameCountyName } from '../contract/counties.ts';
import type { GazetteerRow } from '../contract/schema.ts';
import { splitState, spellingKey, spellingsOf } from '../contract/spellings.ts';
import { STATES } from '../contract/states.ts';

/** A place a printed name may mean: in the gazetteer (with its id) or only in us-atlas. */
export interface NameCandidate {
  id: string | null;
  name: string;
  state: string;
  /** The county's FIPS code, or for a city the code of the county it lies in. */
  fips: string | null;
}

export type NameResolution =
  { id: string } | { problem: 'unknown' | 'ambiguous'; candidates: NameCandidate[] };

const stateByFips = new Map(STATES.map((s) => [s.fips, s.usps]));

interface NamedForm {
  row: GazetteerRow;
  name: string;
  state: string;
}

function formsOf(gazetteer: readonly GazetteerRow[]): NamedForm[] {
  return gazetteer.flatMap((row) =>
    spellingsOf(row).map((spelling) => ({ row, name: spelling.key, state: spelling.state })),
  );
}

const toCandidate = (row: GazetteerRow): NameCandidate => ({
  id: row.id,
  name: row.name,
  state: row.state,
  fips: row.fips ?? row.map_fips,
});

const uniqueRows = (forms: readonly NamedForm[]) => [...new Set(forms.map((f) => f.row))];

/**
 * Maps a name as the report prints it to a gazetteer id. An exact spelling (the name or an alias,
 * in the given state) wins; failing that, a county named with or without "County". Anything but
 * one match is a problem, returned with the candidates a maintainer needs to settle it: the
 * gazetteer rows it could mean, or, for a name the gazetteer lacks, the us-atlas counties.
 */
export function resolveJurisdiction(
  printed: string,
  gazetteer: readonly GazetteerRow[],
  givenState: string | null = null,
): NameResolution {
  const split = splitState(printed);
  const state = givenState ?? split.state;
  const name = spellingKey(split.name);
  const forms = formsOf(gazetteer);
  const inState = (form: NamedForm) => state === null || form.state === state;
  const exact = forms.filter((f) => f.name === name);
  const loose = forms.filter((f) => sameCountyName(f.name, name));
  for (const tier of [exact, loose]) {
    const rows = uniqueRows(tier.filter(inState));
    if (rows.length === 1) return { id: rows[0]!.id };
    if (rows.length > 1) return { problem: 'ambiguous', candidates: rows.map(toCandidate) };
  }
  const elsewhere = uniqueRows(loose).map(toCandidate);
  const known = new Set(elsewhere.map((c) => c.fips));
  const atlas = [...atlasCounties().values()]
    .filter((county) => sameCountyName(spellingKey(county.name), name))
    .map((county) => ({
      id: null,
      name: county.name,
      state: stateByFips.get(county.fips.slice(0, 2)) ?? '??',
      fips: county.fips,
    }))
    .filter((c) => (state === null || c.state === state) && !known.has(c.fips));
  return { problem: 'unknown', candidates: [...elsewhere, ...atlas] };
}

const MAX_LISTED = 40;

/** The lines a maintainer reads when a name cannot be resolved. */
export function describeNameProblem(
  printed: string,
  resolution: Extract<NameResolution, { problem: string }>,
): string {
  const lines = resolution.candidates.slice(0, MAX_LISTED).map((c) => {
    const fips = c.fips ? `FIPS ${c.fips}` : 'no FIPS code';
    return c.id
      ? `    ${c.id}: ${c.name}, ${c.state} (${fips})`
      : `    not in the gazetteer: ${c.name}, ${c.state} (${fips}, us-atlas)`;
  });
  if (resolution.candidates.length > MAX_LISTED) {
    lines.push(`    … and ${resolution.candidates.length - MAX_LISTED} more`);
  }
  if (resolution.problem === 'ambiguous') {
    return [
      `"${printed}" is ambiguous; it could be:`,
      ...lines,
      '  Add the state to the name in the export (e.g. "Franklin County, PA"), or make the spelling an alias of one row only in data/jurisdictions.csv.',
    ].join('\n');
  }
  return [
    `"${printed}" is not in the gazetteer (data/jurisdictions.csv).`,
    ...(lines.length
      ? ['  Places with that name:', ...lines]
      : ['  No county of that name exists in us-atlas either.']),
    '  Add a row for it (or an alias to an existing row) to data/jurisdictions.csv, then run the ingest again.',
  ].join('\n');
}
