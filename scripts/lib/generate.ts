import { tableFileText } from '../../src/lib/contract/csv.ts';
import { addDays, periodEnd } from '../../src/lib/contract/dates.ts';
import { atlasCounties } from '../../src/lib/contract/counties.ts';
import {
  correctionsTable,
  declinedTable,
  gazetteerTable,
  policiesTable,
  REPORT_FIGURES,
  reportJurisdictionsTable,
} from '../../src/lib/contract/schema.ts';
import type {
  CorrectionRow,
  DeclinedRow,
  GazetteerRow,
  PolicyRow,
  ReportJurisdictionRow,
  ReportMeta,
} from '../../src/lib/contract/schema.ts';
import { STATES } from '../../src/lib/contract/states.ts';
import { generatedFiles, jsonFileText } from '../../src/lib/contract/datapackage.ts';
import { readDataset } from '../../src/lib/contract/load.ts';
import type { DataSource } from '../../src/lib/contract/source.ts';

/** A small, fast, seedable PRNG (mulberry32), so a seed always gives the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CITIZENSHIPS = [
  'Mexico',
  'Guatemala',
  'Honduras',
  'El Salvador',
  'Dominican Republic',
  'Ecuador',
  'Colombia',
  'China',
  'India',
  'Jamaica',
  'Haiti',
  'Cuba',
  'Nicaragua',
  'Vietnam',
  'Nigeria',
];
const ACTIVITIES = [
  'Assault charge',
  'Assault conviction',
  'Drug possession charge',
  'DUI charge',
  'Burglary charge',
  'Domestic violence conviction',
  'Theft charge',
  'Traffic offense',
];
const FIRST_START = '2017-01-28';

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface GenerateOptions {
  weeks: number;
  seed: number;
  /** How many jurisdictions the archive draws from (default: 3,000 real counties). */
  jurisdictions?: number;
  /** Declined rows per complete week, on average. */
  declinedPerWeek?: number;
}

/** Generates a complete, valid data folder as a map of relative path → file content. */
export function generateDataset(options: GenerateOptions): Record<string, string> {
  const rand = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const stateByFips = new Map(STATES.map((s) => [s.fips, s]));

  // Real counties, shuffled by the seed; the first ones become the "large" jurisdictions.
  const counties = [...atlasCounties().values()]
    .filter((c) => stateByFips.has(c.fips.slice(0, 2)))
    .map((c) => ({ c, order: rand() }))
    .sort((a, b) => a.order - b.order)
    .slice(0, options.jurisdictions ?? 3000)
    .map(({ c }) => c);
  // us-atlas names a Virginia or Maryland independent city like the county around it
  // ("Roanoke"); two rows spelled alike in one state are invalid, so the second is left out.
  const usedIds = new Set<string>();
  const gazetteer: GazetteerRow[] = counties.flatMap((county) => {
    const state = stateByFips.get(county.fips.slice(0, 2))!;
    const id = `${state.usps.toLowerCase()}-${slug(county.name)}-county`;
    if (usedIds.has(id)) return [];
    usedIds.add(id);
    return {
      id,
      name: `${county.name} County`,
      state: state.usps,
      kind: 'county',
      fips: county.fips,
      map_fips: null,
      aor: null,
      aliases: [`${county.name}, ${state.usps}`],
    };
  });
  // Heavy tail: the chance of jurisdiction k appearing falls off like 1/(k+1).
  const zipf = (n: number) => Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1));

  const files: Record<string, string> = {};
  const policies: PolicyRow[] = [];
  const corrections: CorrectionRow[] = [];
  const policyFor = new Set<string>();
  for (let w = 0; w < options.weeks; w++) {
    const start = addDays(FIRST_START, 7 * w);
    const end = periodEnd(start);
    const source = `https://example.org/generated/${start}`;
    // One week in ten is only partly transcribed, as real archives are.
    const complete = w % 10 !== 3;
    const target = Math.max(
      20,
      Math.round((options.declinedPerWeek ?? 200) * (0.6 + rand() * 0.8)),
    );

    const declinedBy = new Map<string, number>();
    for (let i = 0; i < target; i++) {
      const j = gazetteer[zipf(gazetteer.length)]!;
      declinedBy.set(j.id, (declinedBy.get(j.id) ?? 0) + 1);
    }
    const named = [...declinedBy.keys()];
    const sectionI = named
      .slice(0, 10)
      .map((id) => ({ id, issued: 5 + Math.floor(rand() * 60) }))
      .sort((a, b) => b.issued - a.issued);
    const issuedById = new Map(sectionI.map((s, rank) => [s.id, { ...s, rank: rank + 1 }]));

    const rows: ReportJurisdictionRow[] = named.map((id) => {
      const issued = issuedById.get(id);
      const unknown = !complete && rand() < 0.2;
      return {
        jurisdiction: id,
        issued_rank: issued?.rank ?? null,
        issued: issued?.issued ?? null,
        issued_source: issued ? source : null,
        declined: unknown ? null : declinedBy.get(id)!,
        declined_source: unknown ? null : source,
        note: unknown ? 'named in Section II; count not given' : null,
      };
    });
    const declinedRows: DeclinedRow[] = [];
    if (complete) {
      for (const [id, count] of declinedBy) {
        for (let k = 0; k < count; k++) {
          const declinedDate = addDays(start, Math.floor(rand() * 7));
          const age = rand() < 0.1 ? Math.floor(rand() * 2500) : Math.floor(rand() * 40);
          declinedRows.push({
            row: declinedRows.length + 1,
            jurisdiction: id,
            facility: null,
            citizenship: pick(CITIZENSHIPS),
            issued_date: addDays(declinedDate, -age),
            declined_date: declinedDate,
            criminal_activity: pick(ACTIVITIES),
            source,
            note: null,
          });
        }
      }
    }
    const figure = (value: number | null) => ({
      value,
      source: value === null ? null : source,
      note: null,
    });
    const figures = Object.fromEntries(
      REPORT_FIGURES.map((f) => [f.name, figure(null)]),
    ) as ReportMeta['figures'];
    figures.detainers_issued = figure(2400 + Math.floor(rand() * 1200));
    figures.declined_total = figure(target);
    figures.states_with_declines = figure(new Set(named.map((id) => id.slice(0, 2))).size);
    figures.section_i_total = figure(sectionI.reduce((n, s) => n + s.issued, 0));
    const meta: ReportMeta = {
      period_start: start,
      period_end: end,
      title: `Synthetic Weekly Declined Detainer Outcome Report, ${start} to ${end}`,
      published: addDays(end, 30 + Math.floor(rand() * 20)),
      published_source: source,
      published_note: null,
      copies: [{ label: 'Synthetic copy', url: `${source}.pdf` }],
      figures,
      coverage: complete ? 'complete' : 'partial',
      coverage_note: complete
        ? null
        : 'Some counts and all Section II rows are not transcribed (synthetic).',
      section_titles: {},
      original: null,
      caveats: [{ text: 'Synthetic data for benchmarks; not a real report.', source }],
    };
    files[`reports/${start}/report.json`] = jsonFileText(meta);
    files[`reports/${start}/jurisdictions.csv`] = tableFileText(reportJurisdictionsTable, rows);
    if (complete)
      files[`reports/${start}/declined.csv`] = tableFileText(declinedTable, declinedRows);

    for (const id of named.slice(0, 3)) {
      if (policyFor.has(id)) continue;
      policyFor.add(id);
      policies.push({
        jurisdiction: id,
        listed_as: null,
        date_enacted: `${2010 + Math.floor(rand() * 7)}`,
        policy: 'Synthetic policy',
        criteria: null,
        first_report: start,
        source,
        note: null,
      });
    }
    if (w % 20 === 5 && rows[0]!.declined !== null) {
      corrections.push({
        id: `generated-${start}`,
        date: meta.published,
        kind: 'dispute',
        report: start,
        table: 'jurisdictions',
        jurisdiction: rows[0]!.jurisdiction,
        row: null,
        field: 'declined',
        published_value: String(rows[0]!.declined),
        stated_value: null,
        by: 'Synthetic sheriff',
        statement: 'Synthetic dispute.',
        source,
      });
    }
  }
  files[gazetteerTable.path] = tableFileText(gazetteerTable, gazetteer);
  files[policiesTable.path] = tableFileText(policiesTable, policies);
  files[correctionsTable.path] = tableFileText(correctionsTable, corrections);

  const source: DataSource = {
    label: 'generated',
    files: () => Object.keys(files).sort(),
    read: (path) => (path in files ? new TextEncoder().encode(files[path]) : null),
  };
  Object.assign(files, generatedFiles(readDataset(source).data));
  return files;
}
