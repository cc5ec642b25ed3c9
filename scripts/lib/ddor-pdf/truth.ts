/**
 * The one source of truth for a fixture DDOR: what the report says (rows, titles, figures) and
 * how it prints it (state style, capitals, leading zeros, grouping). The PDF producers print
 * from it, and `expectedReport` derives what the parser must read back, so no expected value
 * is typed twice.
 */
import { stateByUsps } from '../../../src/lib/contract/states.ts';
import type {
  SectionIIIRow,
  SectionIIRow,
  SectionIRow,
} from '../../../src/lib/ingest/pdf/ddor-report.ts';

export type StateStyle = 'usps' | 'full' | 'upper-full';
export type NameCase = 'mixed' | 'upper';
export type LeadingZeros = 'always' | 'never' | 'mixed';
/** "Section I: Title", "SECTION I - Title", "I. Title", the title alone, "Section I" above it. */
export type HeadingStyle = 'Section I:' | 'SECTION I -' | 'I.' | 'title' | 'Section I / title';
export type PeriodStyle =
  'abbreviated-dot' | 'abbreviated' | 'full-shared-month' | 'numeric' | 'iso';
/** How table cells print dates: M/D/YYYY (zeros per leadingZeros) or YYYY-MM-DD. */
export type DateStyle = 'slashed' | 'iso';
/** The section titles as week 1 printed them, or as week 3 did ("…Restrict Cooperation…"). */
export type TitleWording = 'week1' | 'week3';

export interface PrintStyle {
  stateStyle: StateStyle;
  nameCase: NameCase;
  leadingZeros: LeadingZeros;
  /** Print the state and county once per group of rows, blank below. */
  groupRepeats: boolean;
  orientation: 'portrait' | 'landscape';
  headingStyle: HeadingStyle;
  periodStyle: PeriodStyle;
  /** Print a Rank column in Section I. */
  sectionIRank: boolean;
  /** How Section II's total is printed: a sentence above the table, a Total row, or not at all. */
  sectionIITotal: 'sentence' | 'total-row' | 'none';
  /** How Section I's total is printed: in the sentence above the table, a Total row, or not. */
  sectionITotal: 'sentence' | 'total-row' | 'none';
  /** Section I with the state and county in columns of their own. */
  sectionISplit: boolean;
  /** "Travis County" or "Travis"; capitals drop it unless this says otherwise. */
  countyWord: 'keep' | 'drop' | 'default';
  dateStyle: DateStyle;
  titleWording: TitleWording;
  /** Section I's intro says, as week 1 did, "…reflect as declined in Section II of future…". */
  proseMention: boolean;
}

export interface Place {
  /** USPS code. */
  state: string;
  /** "Travis County". */
  county: string;
}

export interface SectionITruth {
  place: Place;
  issued: number;
}

export interface SectionIITruth {
  place: Place;
  facility: string;
  citizenship: string;
  /** ISO dates. */
  issued: string;
  declined: string;
  criminalActivity: string;
}

export interface SectionIIITruth {
  listedAs: string;
  dateEnacted: string;
  policy: string;
  criteria: string;
}

export interface DdorTruth {
  period: { start: string; end: string };
  titleLines: string[];
  summary: string[];
  detainersIssued: number;
  sectionTitles: { I: string; II: string; III: string; IV: string };
  sectionI: SectionITruth[];
  /** What "(N to these ten jurisdictions" prints: the rows' sum unless a test wants a mismatch. */
  sectionIPrintedTotal: number;
  sectionII: SectionIITruth[];
  /** What the report prints as Section II's total (when style.sectionIITotal is not 'none'). */
  sectionIIPrintedTotal: number;
  sectionIIIPreamble: string;
  sectionIII: SectionIIITruth[];
  sectionIV: string[];
  /** ISO date printed as "Run Date: M/D/YYYY", or null. */
  runDate: string | null;
  style: PrintStyle;
}

const upper = (text: string, style: PrintStyle) =>
  style.nameCase === 'upper' ? text.toUpperCase() : text;

/** The state as the report prints it: "TX", "Texas" or "TEXAS". */
export function printedState(usps: string, style: PrintStyle): string {
  const name = stateByUsps(usps)?.name ?? usps;
  if (style.stateStyle === 'usps') return usps;
  return style.stateStyle === 'upper-full' ? name.toUpperCase() : upper(name, style);
}

/** "Travis County", or "Travis"; in capitals by default the bare "TRAVIS", as ICE's systems print it. */
export function printedCounty(county: string, style: PrintStyle): string {
  const drop =
    style.countyWord === 'drop' || (style.countyWord === 'default' && style.nameCase === 'upper');
  return upper(drop ? county.replace(/ County$/, '') : county, style);
}

/** Section I's "County, State": "Clark County, NV", "CLARK, NEVADA". */
export const printedSectionIName = (place: Place, style: PrintStyle) =>
  `${printedCounty(place.county, style)}, ${printedState(place.state, style)}`;

/** M/D/YYYY, with leading zeros always, never, or on every other row; or YYYY-MM-DD. */
export function printedDate(iso: string, style: PrintStyle, row: number): string {
  if (style.dateStyle === 'iso') return iso;
  const [year, month, day] = iso.split('-');
  const zeros =
    style.leadingZeros === 'always' || (style.leadingZeros === 'mixed' && row % 2 === 1);
  const part = (p: string) => (zeros ? p : String(Number(p)));
  return `${part(month!)}/${part(day!)}/${year}`;
}

export const SECTION_II_COLUMNS = [
  'State',
  'County',
  'Facility',
  'Citizenship',
  'Detainer Issued',
  'Detainer Declined',
  'Notable Criminal Activity',
] as const;

/** Section II's cells as printed, row by row; a repeated state or county left blank when grouped. */
export function printedSectionII(truth: DdorTruth): string[][] {
  const { style } = truth;
  return truth.sectionII.map((row, i) => {
    const above = truth.sectionII[i - 1];
    const sameState = style.groupRepeats && above?.place.state === row.place.state;
    const sameCounty = sameState && above?.place.county === row.place.county;
    return [
      sameState ? '' : printedState(row.place.state, style),
      sameCounty ? '' : printedCounty(row.place.county, style),
      upper(row.facility, style),
      upper(row.citizenship, style),
      printedDate(row.issued, style, i),
      printedDate(row.declined, style, i),
      upper(row.criminalActivity, style),
    ];
  });
}

/** The sentence (or Total row) that states Section II's total, when the style prints one. */
export const sectionIITotalSentence = (truth: DdorTruth) =>
  `During the reporting period, ICE recorded ${truth.sectionIIPrintedTotal} declined detainers in the jurisdictions below.`;

export const sectionIIntro = (truth: DdorTruth, periodInWords: string): string[] => [
  `During the week of ${periodInWords}, ICE issued ${truth.detainersIssued.toLocaleString('en-US')} detainers throughout the United States.`,
  `The following table reflects the jurisdictions that do not comply with detainers on a routine basis, which had the highest volume of detainers issued during the reporting period${truth.style.sectionITotal === 'sentence' ? ` (${truth.sectionIPrintedTotal} to these ten jurisdictions during the reporting period)` : ''}. While these counties have a policy of non-cooperation, the outcome of these specific detainers is yet to be determined.${truth.style.proseMention ? ' Consistent with these counties’ policies, ICE expects these detainers to reflect as declined in Section II of future weekly reports.' : ''}`,
];

/** Section I's column headings, and its cells row by row, as printed. */
export function printedSectionI(truth: DdorTruth): { headings: string[]; rows: string[][] } {
  const { style } = truth;
  const rank = style.sectionIRank ? ['Rank'] : [];
  const headings = style.sectionISplit
    ? [...rank, 'State', 'County', 'Issued Detainers']
    : [...rank, 'County, State', 'Issued Detainers'];
  const rows = truth.sectionI.map((row, i) => {
    const above = truth.sectionI[i - 1];
    const sameState = style.groupRepeats && above?.place.state === row.place.state;
    return [
      ...(style.sectionIRank ? [String(i + 1)] : []),
      ...(style.sectionISplit
        ? [
            sameState ? '' : printedState(row.place.state, style),
            printedCounty(row.place.county, style),
          ]
        : [printedSectionIName(row.place, style)]),
      String(row.issued),
    ];
  });
  if (style.sectionITotal === 'total-row') {
    rows.push([
      ...(style.sectionIRank ? [''] : []),
      'Total',
      ...(style.sectionISplit ? [''] : []),
      String(truth.sectionIPrintedTotal),
    ]);
  }
  return { headings, rows };
}

/**
 * The section heading as printed, as lines: "Section II: Title", "SECTION II - Title",
 * "II. Title", the title alone, or "Section II" on a line above the title.
 */
export function printedHeading(numeral: string, title: string, style: PrintStyle): string[] {
  switch (style.headingStyle) {
    case 'I.':
      return [`${numeral}. ${title}`];
    case 'SECTION I -':
      return [`SECTION ${numeral} - ${title}`];
    case 'title':
      return [title];
    case 'Section I / title':
      return [`Section ${numeral}`, title];
    default:
      return [`Section ${numeral}: ${title}`];
  }
}

/** Everything the parser must read back, except page numbers (which depend on the producer). */
export interface ExpectedReport {
  title: string;
  period: { start: string; end: string };
  detainersIssued: number;
  sectionTitles: { I: string; II: string; III: string; IV: string };
  sectionI: Omit<SectionIRow, 'page'>[];
  sectionIPrintedTotal: number | null;
  sectionII: Omit<SectionIIRow, 'page'>[];
  sectionIIPrintedTotal: number | null;
  sectionIII: Omit<SectionIIIRow, 'page'>[];
  sectionIV: string[];
  runDate: string | null;
}

/** What a correct parser returns for a PDF printed from `truth`. */
export function expectedReport(truth: DdorTruth): ExpectedReport {
  const { style } = truth;
  const printed = printedSectionII(truth);
  return {
    title: truth.titleLines.join(' '),
    period: truth.period,
    detainersIssued: truth.detainersIssued,
    sectionTitles: truth.sectionTitles,
    sectionI: truth.sectionI.map((row, i) => ({
      rank: i + 1,
      printedName: printedSectionIName(row.place, style),
      issued: row.issued,
    })),
    sectionIPrintedTotal: style.sectionITotal === 'none' ? null : truth.sectionIPrintedTotal,
    sectionII: truth.sectionII.map((row, i) => ({
      state: printedState(row.place.state, style),
      county: printedCounty(row.place.county, style),
      facility: printed[i]![2]!,
      citizenship: printed[i]![3]!,
      issuedDate: row.issued,
      declinedDate: row.declined,
      criminalActivity: printed[i]![6]!,
    })),
    sectionIIPrintedTotal: style.sectionIITotal === 'none' ? null : truth.sectionIIPrintedTotal,
    sectionIII: truth.sectionIII.map((row) => ({
      listedAs: row.listedAs,
      dateEnacted: row.dateEnacted,
      policy: row.policy,
      criteria: row.criteria,
    })),
    sectionIV: truth.sectionIV,
    runDate: truth.runDate,
  };
}
