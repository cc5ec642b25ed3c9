/**
 * The seeded layout fuzzer: a layout is drawn at random from its seed (what the report says,
 * how it prints it, which producer draws it and with which habits), printed, read back with the
 * ingest's reader, and compared with the truth it was printed from. Every layout must read
 * exactly as its truth, or be refused with the page and the reason; a wrong value is a failure
 * whatever the pass rate.
 */
import type { Browser } from 'playwright-core';
import { readDdorPdf } from '../../../src/lib/ingest/pdf/ddor.ts';
import type { ReadPdfOptions } from '../../../src/lib/ingest/pdf/ddor.ts';
import type { DdorReport } from '../../../src/lib/ingest/pdf/ddor-report.ts';
import { PdfReportError } from '../../../src/lib/ingest/pdf/errors.ts';
import { chromiumDdor } from './chromium.ts';
import type { ChromiumOptions } from './chromium.ts';
import { makeTruth } from './generate.ts';
import type { TruthOptions } from './generate.ts';
import type { FontFamily } from './pdf-lib.ts';
import { pdfLibDdor } from './pdf-lib.ts';
import { pdfKitDdor } from './pdfkit.ts';
import type { PdfKitOptions } from './pdfkit.ts';
import { expectedReport } from './truth.ts';
import type { DdorTruth, ExpectedReport } from './truth.ts';

export type Producer = 'pdfkit' | 'pdf-lib' | 'chromium';
export const PRODUCERS: readonly Producer[] = ['pdfkit', 'pdf-lib', 'chromium'];

export interface FuzzLayout {
  seed: number;
  producer: Producer;
  truth: TruthOptions;
  /** For pdfkit and pdf-lib. */
  hand: PdfKitOptions;
  /** For Chromium. */
  html: ChromiumOptions;
}

/** mulberry32, as the truth generator uses. */
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

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const RUNNING_HEADERS = [
  'U.S. Immigration and Customs Enforcement – Declined Detainer Outcome Report',
  'ENFORCEMENT AND REMOVAL OPERATIONS',
  'Law Enforcement Sensitive – For Official Use Only',
];
const FOOTER_LABELS = [
  'Declined Detainer Outcome Report',
  'ERO Weekly Report',
  'U.S. Immigration and Customs Enforcement',
];
const HTML_FONTS = [
  "'Liberation Serif', serif",
  "'Liberation Sans', sans-serif",
  "'Liberation Sans Narrow', sans-serif",
  "'DejaVu Sans', sans-serif",
  "'DejaVu Serif', serif",
  "'Liberation Mono', monospace",
];

/** Every knob chosen at random from the seed, alone and in combination. */
export function randomLayout(seed: number, producers: readonly Producer[] = PRODUCERS): FuzzLayout {
  const rand = random(seed * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const chance = (p: number) => rand() < p;
  const start = addDays('2016-01-02', Math.floor(rand() * 3650));
  const withRunDate = chance(0.8);
  const runDate = withRunDate ? addDays(start, 7 + Math.floor(rand() * 60)) : null;
  const truth: TruthOptions = {
    seed,
    randomPlaces: true,
    start,
    runDate,
    sectionIIRows: 3 + Math.floor(rand() * 90),
    sectionIIIRows: 2 + Math.floor(rand() * 16),
    sectionIRows: 3 + Math.floor(rand() * 10),
    stateStyle: pick(['usps', 'full', 'upper-full'] as const),
    nameCase: pick(['mixed', 'upper'] as const),
    leadingZeros: pick(['always', 'never', 'mixed'] as const),
    groupRepeats: chance(0.4),
    orientation: pick(['portrait', 'landscape'] as const),
    headingStyle: pick(['Section I:', 'SECTION I -', 'I.', 'title', 'Section I / title'] as const),
    periodStyle: pick([
      'abbreviated-dot',
      'abbreviated',
      'full-shared-month',
      'numeric',
      'iso',
    ] as const),
    sectionIRank: chance(0.4),
    sectionIITotal: pick(['sentence', 'total-row', 'none'] as const),
    sectionITotal: pick(['sentence', 'total-row', 'none'] as const),
    sectionISplit: chance(0.25),
    countyWord: pick(['keep', 'drop', 'default'] as const),
    dateStyle: chance(0.2) ? 'iso' : 'slashed',
    titleWording: pick(['week1', 'week3'] as const),
    proseMention: chance(0.5),
  };
  const runningHeader = chance(0.5) ? pick(RUNNING_HEADERS) : null;
  const runningHeaderRight =
    runDate && chance(0.35)
      ? `RUN DATE: ${runDate.slice(5, 7)}/${runDate.slice(8)}/${runDate.slice(0, 4)}`
      : null;
  const footer = pick(['none', 'page-of', 'number', 'dashed', 'label-page'] as const);
  const footerLabel = pick(FOOTER_LABELS);
  const rules = pick(['none', 'grid', 'rows', 'zebra', 'header', 'frame'] as const);
  const headerLines = chance(0.3) ? 2 : 1;
  const headerAlign = pick(['left', 'center'] as const);
  const repeatHeader = chance(0.6);
  const headingAlone = chance(0.15) ? pick(['II', 'III'] as const) : null;
  const oneLineCells = chance(0.12);
  const hiddenText = chance(0.2);
  const paper = pick(['letter', 'a4'] as const);
  // Most producers pad their cells; a report writer may not (and then, with no rules, a table
  // whose cells wrap can be read two ways, and is refused).
  const padding = chance(0.1) ? 0 : pick([1, 2, 3, 4]);
  const valign = pick(['top', 'middle', 'bottom'] as const);
  const hand: PdfKitOptions = {
    family: pick(['times', 'helvetica', 'courier'] as const satisfies readonly FontFamily[]),
    paper,
    bodySize: 9 + Math.round(rand() * 4) / 2,
    tableSize: 7 + Math.round(rand() * 5) / 2,
    headingSize: 11 + Math.round(rand() * 4) / 2,
    margin: 36 + Math.floor(rand() * 36),
    cellPadding: padding,
    repeatHeader,
    runningHeader,
    runningHeaderRight,
    footer,
    footerLabel,
    headerAlign,
    headerLines,
    rules,
    valign,
    headingAlone,
    headerAlone: chance(0.1),
    oneLineCells,
    hiddenText,
    habit: {
      split: pick(['lines', 'words', 'glyphs', 'row-strings'] as const),
      order: pick(['rows', 'columns', 'shuffled'] as const),
      strokeRules: chance(0.5),
      overprint: chance(0.2),
      seed,
    },
  };
  const html: ChromiumOptions = {
    fontFamily: pick(HTML_FONTS),
    bodySize: 9 + Math.round(rand() * 4) / 2,
    tableSize: 7 + Math.round(rand() * 5) / 2,
    verticalAlign: valign,
    rowBreak: pick(['auto', 'avoid'] as const),
    rules,
    padding,
    headerAlign,
    headerLines,
    repeatHeader,
    headingAlone,
    hiddenText,
    footer,
    footerLabel,
    runningHeader,
    runningHeaderRight,
    paper,
  };
  return { seed, producer: pick(producers), truth, hand, html };
}

/** The knobs that matter for the layout's producer, in one line, for reports. */
export function describeLayout(layout: FuzzLayout): string {
  const t = layout.truth;
  const truth = [
    t.orientation,
    `II×${t.sectionIIRows}`,
    `states ${t.stateStyle}`,
    t.nameCase,
    `county ${t.countyWord}`,
    `dates ${t.dateStyle}/${t.leadingZeros}`,
    t.groupRepeats ? 'grouped' : '',
    `heading "${t.headingStyle}"`,
    `period ${t.periodStyle}`,
    t.sectionIRank ? 'rank' : '',
    t.sectionISplit ? 'I split' : '',
    `I total ${t.sectionITotal}`,
    `II total ${t.sectionIITotal}`,
    t.titleWording,
    t.proseMention ? 'prose mention' : '',
  ];
  const knobs =
    layout.producer === 'chromium'
      ? Object.entries(layout.html)
      : Object.entries(layout.hand).map(([k, v]) =>
          k === 'habit'
            ? [k, `${(v as { split: string }).split}/${(v as { order: string }).order}`]
            : [k, v],
        );
  return [
    layout.producer,
    ...truth.filter(Boolean),
    ...knobs.filter(([, v]) => v !== null && v !== false).map(([k, v]) => `${k}=${String(v)}`),
  ].join(', ');
}

export interface Printed {
  truth: DdorTruth;
  bytes: Uint8Array;
}

/** Prints a layout with its producer; Chromium layouts need the browser. */
export async function printLayout(layout: FuzzLayout, browser: Browser | null): Promise<Printed> {
  const truth = makeTruth(layout.truth);
  if (layout.producer === 'chromium') {
    if (!browser) throw new Error('a Chromium layout needs a browser');
    return { truth, bytes: await chromiumDdor(browser, truth, layout.html) };
  }
  const make = layout.producer === 'pdfkit' ? pdfKitDdor : pdfLibDdor;
  return { truth, bytes: (await make(truth, layout.hand)).bytes };
}

/** Where a report read from a PDF first differs from its truth, or null when it does not. */
export function firstDifference(report: DdorReport, expected: ExpectedReport): string | null {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const withoutPage = <T extends { page: number }>(row: T) => {
    const rest: Partial<T> = { ...row };
    delete rest.page;
    return rest;
  };
  const checks: [string, unknown, unknown][] = [
    ['title', report.title, expected.title],
    ['period', report.period, expected.period],
    ['detainersIssued', report.detainersIssued?.value ?? null, expected.detainersIssued],
    ['sectionTitles', report.sectionTitles, expected.sectionTitles],
    [
      'sectionI.printedTotal',
      report.sectionI?.printedTotal?.value ?? null,
      expected.sectionIPrintedTotal,
    ],
    [
      'sectionII.printedTotal',
      report.sectionII?.printedTotal?.value ?? null,
      expected.sectionIIPrintedTotal,
    ],
    // Section IV's text must be whole; where its paragraphs break at a page break is prose
    // layout no PDF settles (a full line ending a sentence at a page's foot).
    ['sectionIV', report.sectionIV?.paragraphs.join(' ') ?? null, expected.sectionIV.join(' ')],
    ['runDate', report.runDate, expected.runDate],
  ];
  for (const [field, actual, wanted] of checks) {
    if (!same(actual, wanted))
      return `${field}: read ${JSON.stringify(actual)}, printed ${JSON.stringify(wanted)}`;
  }
  const tables: [string, object[], object[]][] = [
    ['Section I', (report.sectionI?.rows ?? []).map(withoutPage), expected.sectionI],
    ['Section II', (report.sectionII?.rows ?? []).map(withoutPage), expected.sectionII],
    ['Section III', (report.sectionIII?.rows ?? []).map(withoutPage), expected.sectionIII],
  ];
  for (const [name, actual, wanted] of tables) {
    for (let i = 0; i < Math.max(actual.length, wanted.length); i++) {
      if (!same(actual[i], wanted[i])) {
        return `${name} row ${i + 1}: read ${JSON.stringify(actual[i] ?? null)}, printed ${JSON.stringify(wanted[i] ?? null)}`;
      }
    }
  }
  if (report.warnings.length) return `warnings: ${report.warnings.join('; ')}`;
  return null;
}

export type Outcome =
  | { kind: 'read' }
  | { kind: 'refused'; page: number; reason: string }
  | { kind: 'wrong'; difference: string }
  | { kind: 'unexplained refusal'; reason: string };

/** Reads a printed layout back and judges it against its truth. */
export async function judge(printed: Printed, options: ReadPdfOptions = {}): Promise<Outcome> {
  let report: DdorReport;
  try {
    report = await readDdorPdf(printed.bytes, options);
  } catch (error) {
    if (!(error instanceof PdfReportError)) throw error;
    return error.page === null
      ? { kind: 'unexplained refusal', reason: error.message }
      : { kind: 'refused', page: error.page, reason: error.reason };
  }
  const difference = firstDifference(report, expectedReport(printed.truth));
  return difference ? { kind: 'wrong', difference } : { kind: 'read' };
}

/** A refusal's or difference's wording with its particulars blanked, to group by cause. */
export function causeOf(outcome: Outcome): string {
  if (outcome.kind === 'read') return 'read';
  const text =
    outcome.kind === 'wrong' ? outcome.difference.replace(/: read .*/, '') : outcome.reason;
  return `${outcome.kind}: ${text
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 160)}`;
}
