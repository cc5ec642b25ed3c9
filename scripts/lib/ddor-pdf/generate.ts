/**
 * A seeded generator of realistic DDOR truths: real county names (from us-atlas, through the
 * project's gazetteer helpers), a Franklin County in two states, long facility names and
 * criminal-activity entries that wrap onto two or three lines, dates with and without leading
 * zeros. The same seed always gives the same report.
 */
import { atlasCounties } from '../../../src/lib/contract/counties.ts';
import { STATES } from '../../../src/lib/contract/states.ts';
import type { DdorTruth, Place, PrintStyle, SectionIITruth } from './truth.ts';

/** mulberry32: small, fast and good enough to vary fixtures. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counties named in the 2017 reports; two Franklin Counties on purpose (PA and NY). */
const FIPS = [
  '48453',
  '48491',
  '48021',
  '06037',
  '06001',
  '06059',
  '42055',
  '36033',
  '17031',
  '41051',
  '41047',
  '53033',
  '53061',
  '12111',
  '36059',
  '32003',
  '19137',
  '41067',
  '12001',
  '19069',
];

function placeOf(fips: string, atlas: ReturnType<typeof atlasCounties>): Place {
  const state = STATES.find((s) => s.fips === fips.slice(0, 2))!;
  const name = atlas.get(fips)?.name;
  if (!name) throw new Error(`us-atlas has no county ${fips}`);
  return { state: state.usps, county: `${name} County` };
}

function places(): Place[] {
  const atlas = atlasCounties();
  return FIPS.map((fips) => placeOf(fips, atlas));
}

/**
 * Twenty counties drawn from all of us-atlas's (so names vary in length and spelling), the two
 * Franklin Counties always among them.
 */
function randomPlaces(rand: () => number): Place[] {
  const atlas = atlasCounties();
  const all = [...atlas.keys()].filter((fips) => STATES.some((s) => s.fips === fips.slice(0, 2)));
  const chosen = new Set(['42055', '36033']);
  while (chosen.size < 20) chosen.add(all[Math.floor(rand() * all.length)]!);
  const list = [...chosen].map((fips) => placeOf(fips, atlas));
  // The two Franklins somewhere in the list, not always first.
  return list.sort(() => rand() - 0.5);
}

const CITIZENSHIP = [
  'Mexico',
  'Guatemala',
  'El Salvador',
  'Honduras',
  'Dominican Republic',
  'Cambodia',
  'St. Vincent-Grenadines',
  'Ecuador',
  'Nigeria',
  'Vietnam',
];

const ACTIVITY = [
  'Assault Charge',
  'Domestic Violence Conviction',
  'Driving Under the Influence Charge',
  'Possession of a Controlled Substance Charge; Failure to Appear on a Misdemeanor Warrant',
  'Assault – Bodily Injury to a “Family Member” Conviction',
  'Burglary of a Habitation Charge',
  'Aggravated Assault with a Deadly Weapon Conviction; Unlawful Possession of a Firearm by a Felon Charge; Resisting Arrest Charge',
  'Sexual Assault Conviction',
];

const facilitiesOf = (county: string) => [
  `${county} Jail`,
  `${county} Correctional Complex and Central Booking Facility Annex`,
  `${county} Sheriff’s Office Detention Center`,
];

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

const LONG_DATE = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const inWords = (iso: string) => LONG_DATE.format(new Date(`${iso}T00:00:00Z`));

const SHORT_MONTHS = [
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];
const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The period as the title prints it, in one of the styles ICE used. */
export function printedPeriod(
  period: { start: string; end: string },
  style: PrintStyle['periodStyle'],
): string {
  const [sy, sm, sd] = period.start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = period.end.split('-').map(Number) as [number, number, number];
  const startYear = sy === ey ? '' : `, ${sy}`;
  if (style === 'abbreviated-dot')
    return `${SHORT_MONTHS[sm - 1]} ${sd}${startYear} – ${SHORT_MONTHS[em - 1]} ${ed}, ${ey}`;
  if (style === 'numeric') {
    const slashed = (y: number, m: number, d: number) => `${m}/${d}/${y}`;
    return `${slashed(sy, sm, sd)} - ${slashed(ey, em, ed)}`;
  }
  if (style === 'iso') return `${period.start} to ${period.end}`;
  if (style === 'abbreviated') {
    const short = (m: number) => FULL_MONTHS[m - 1]!.slice(0, 3);
    return `${short(sm)} ${sd}${startYear} – ${short(em)} ${ed}, ${ey}`;
  }
  const end = sm === em && sy === ey ? `${ed}` : `${FULL_MONTHS[em - 1]} ${ed}`;
  return `${FULL_MONTHS[sm - 1]} ${sd}${startYear} - ${end}, ${ey}`;
}

export interface TruthOptions extends Partial<PrintStyle> {
  seed: number;
  sectionIIRows?: number;
  /** Section III rows; at most one per place when `places` is given. */
  sectionIIIRows?: number;
  /**
   * The places the report names, instead of the built-in counties (for a report over a chosen
   * gazetteer): Section I ranks the first `sectionIRows`, Section II's declines come from the
   * first fourteen (most from the first), Section III lists each place at most once, in order.
   */
  places?: readonly Place[];
  /** How many places Section I ranks; ten by default, as ICE's report did. */
  sectionIRows?: number;
  /** First day of the week reported; 2017-01-28 by default (week 1). */
  start?: string;
  runDate?: string | null;
  /** Counties drawn at random from us-atlas instead of the built-in twenty. */
  randomPlaces?: boolean;
}

/** A whole report's truth, reproducible from its seed. */
export function makeTruth(options: TruthOptions): DdorTruth {
  const rand = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const start = options.start ?? '2017-01-28';
  const period = { start, end: addDays(start, 6) };
  const style: PrintStyle = {
    stateStyle: 'usps',
    nameCase: 'mixed',
    leadingZeros: 'mixed',
    groupRepeats: false,
    orientation: 'portrait',
    headingStyle: 'Section I:',
    periodStyle: 'abbreviated-dot',
    sectionIRank: false,
    sectionIITotal: 'sentence',
    sectionITotal: 'sentence',
    sectionISplit: false,
    countyWord: 'default',
    dateStyle: 'slashed',
    titleWording: 'week1',
    proseMention: false,
    ...Object.fromEntries(
      Object.entries(options).filter(([k, v]) => v !== undefined && k in defaultsProbe),
    ),
  } as PrintStyle;
  const all = options.places ?? (options.randomPlaces ? randomPlaces(rand) : places());
  const range = `${inWords(period.start)}, and ${inWords(period.end)}`;

  const sectionI = all
    .slice(0, options.sectionIRows ?? 10)
    .map((place, i) => ({ place, issued: 60 - i * 5 - Math.floor(rand() * 4) }));
  const declining = all.slice(0, 14);
  const sectionII: SectionIITruth[] = [];
  for (let i = 0; i < (options.sectionIIRows ?? 60); i++) {
    // Most declines come from a few places, as in week 1 (Travis County).
    const place = rand() < 0.4 ? declining[0]! : pick(declining);
    const declined = addDays(period.start, Math.floor(rand() * 7));
    sectionII.push({
      place,
      facility: pick(facilitiesOf(place.county)),
      citizenship: pick(CITIZENSHIP),
      issued: addDays(declined, -Math.floor(rand() * 2500)),
      declined,
      criminalActivity: pick(ACTIVITY),
    });
  }
  const order = (p: Place) => `${p.state} ${p.county}`;
  sectionII.sort((a, b) => order(a.place).localeCompare(order(b.place)));

  // The built-in list is walked in steps of 7 (coprime with its 20 places); a chosen one in order.
  const sectionIIIRows = options.places
    ? Math.min(options.sectionIIIRows ?? 12, all.length)
    : (options.sectionIIIRows ?? 12);
  const sectionIII = Array.from({ length: sectionIIIRows }, (_, i) => {
    const place = options.places ? all[i]! : all[(i * 7) % all.length]!;
    const stateName = STATES.find((s) => s.usps === place.state)!.name;
    return {
      listedAs: `${place.county}, ${stateName} (${pick(['San Antonio', 'Buffalo', 'Seattle', 'Los Angeles', 'Chicago', 'Philadelphia'])})`,
      dateEnacted: `${pick(FULL_MONTHS)} ${pick([2013, 2014, 2015, 2016, 2017])}`,
      policy: pick([
        'Municipal Code Change',
        'Sheriff’s Office Policy on Cooperation with U.S. Immigration and Customs Enforcement',
        'Board of Supervisors Resolution',
      ]),
      criteria: pick([
        'Will only honor “warrantless detainer requests from the federal government under limited, specified circumstances” such as violent or serious crimes or terrorist activities',
        'Willing to accept requests accompanied by a court order',
        'Willing to only accept some requests for notifications, I-247N form',
      ]),
    };
  });

  return {
    period,
    titleLines: [
      'ENFORCEMENT AND REMOVAL OPERATIONS',
      'Weekly Declined Detainer Outcome Report',
      `For Recorded Declined Detainers ${printedPeriod(period, style.periodStyle)}`,
    ],
    summary: [
      'Pursuant to section 9(b) of Executive Order 13768, Enhancing Public Safety in the Interior of the United States, and section H of the Secretary of Homeland Security’s subsequent implementation memo, Enforcement of the Immigration Laws to Serve the National Interest, U.S. Immigration and Customs Enforcement (ICE) Enforcement and Removal Operations (ERO) has produced this report.',
      `ICE compiled this report based on jurisdictions with detainers that were recorded as declined between ${range}, regardless of detainer issuance date. It should be noted that law enforcement agencies (LEA) do not generally advise ICE of when a detainer is not honored.`,
    ],
    detainersIssued: 3083 - (options.seed % 500),
    sectionTitles:
      style.titleWording === 'week1'
        ? {
            I: `Highest Volume of Detainers Issued to Non-Cooperative Jurisdictions between ${range}`,
            II: `Jurisdictions with Recorded Declined Detainers Broken Down by Individuals Released between ${range}`,
            III: 'Table of Jurisdictions that have Enacted Policies which Limit Cooperation with ICE',
            IV: 'Report Scope and Data Fidelity',
          }
        : {
            I: `Highest Volume of Detainers Issued between ${range} to Jurisdictions which Restrict Cooperation with ICE`,
            II: `Jurisdictions with Recorded Declined Detainers between ${range}`,
            III: 'Table of Jurisdictions that have Enacted Policies which Restrict Cooperation with ICE',
            IV: 'Report Scope and Data Fidelity',
          },
    sectionI,
    sectionIPrintedTotal: sectionI.reduce((sum, row) => sum + row.issued, 0),
    sectionII,
    sectionIIPrintedTotal: sectionII.length,
    sectionIIIPreamble:
      'All jurisdictions and their corresponding detainer ordinances listed in this document are based upon public announcements, news report statements, publicly disclosed policies, and/or information given directly to ICE personnel in the field. The entries below are sorted chronologically, with most recent first.',
    sectionIII,
    sectionIV: [
      'Some field offices ceased issuing detainers to known non-cooperative jurisdictions. ICE field offices have been recently instructed to issue detainers on all removable aliens in a LEA’s custody, regardless of prior non-cooperation.',
      'As a result, the number of issued detainers is expected to increase over the next several reporting periods. The declined date is the date ICE recorded the decline, not the date of release.',
      'This report represents declined detainers that ICE personnel have become aware of during their enforcement activities; it is not a complete account of every non-cooperative release.',
    ],
    runDate: options.runDate === undefined ? addDays(period.end, 42) : options.runDate,
    style,
  };
}

/** The print-style keys a TruthOptions may set. */
const defaultsProbe: Record<keyof PrintStyle, true> = {
  stateStyle: true,
  nameCase: true,
  leadingZeros: true,
  groupRepeats: true,
  orientation: true,
  headingStyle: true,
  periodStyle: true,
  sectionIRank: true,
  sectionIITotal: true,
  sectionITotal: true,
  sectionISplit: true,
  countyWord: true,
  dateStyle: true,
  titleWording: true,
  proseMention: true,
};

export { inWords };
