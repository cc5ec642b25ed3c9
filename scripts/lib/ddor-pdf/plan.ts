/**
 * A hand-placed page layout of a DDOR, the way a reporting tool (not a browser) would set it:
 * every line of text at a computed position, tables with wrapped cells, page breaks between
 * rows, a running header and "Page N of M" on every page. Pure: it only needs a way to measure
 * text, so pdf-lib and pdfkit can each draw the same plan.
 */
import { inWords } from './generate.ts';
import {
  printedDate,
  printedHeading,
  printedSectionII,
  printedSectionIName,
  sectionIIntro,
  sectionIITotalSentence,
  SECTION_II_COLUMNS,
} from './truth.ts';
import type { DdorTruth } from './truth.ts';
import { fitColumns, wrap } from './typeset.ts';

import type { FontWeight, Measure } from './typeset.ts';

export type { FontWeight, Measure } from './typeset.ts';

/** One line of text: `y` is its baseline, from the top of the page. */
export interface Run {
  page: number;
  x: number;
  y: number;
  text: string;
  weight: FontWeight;
  size: number;
}

export interface HandLayout {
  bodySize: number;
  tableSize: number;
  headingSize: number;
  margin: number;
  cellPadding: number;
  /** Print Section II's (and III's) header again at the top of each page the table runs onto. */
  repeatHeader: boolean;
  runningHeader: string | null;
  pageNumbers: boolean;
  headerAlign: 'left' | 'center';
  /** For the refusal test: Section II printed without its header row. */
  omitSectionIIHeader?: boolean;
  /** A report that ends after Section III (no "Report Scope and Data Fidelity"). */
  omitSectionIV?: boolean;
}

export interface Plan {
  width: number;
  height: number;
  pageCount: number;
  runs: Run[];
  /** The page each Section II row starts on, in order. */
  sectionIIRowPages: number[];
  /** The page each heading is printed on; 0 for a section left out. */
  headingPages: Record<'I' | 'II' | 'III' | 'IV', number>;
}

export interface Column {
  heading: string;
  width: number;
  align?: 'right';
}

export function planDdor(truth: DdorTruth, layout: HandLayout, measure: Measure): Plan {
  const landscape = truth.style.orientation === 'landscape';
  const [width, height] = landscape ? [792, 612] : [612, 792];
  const { margin } = layout;
  const top = margin + (layout.runningHeader ? 20 : 0);
  const bottom = height - margin - (layout.pageNumbers ? 22 : 0);
  const contentWidth = width - 2 * margin;
  const runs: Run[] = [];
  let page = 0;
  let y = 0;
  const newPage = () => {
    page++;
    y = top;
  };
  const put = (text: string, x: number, baseline: number, weight: FontWeight, size: number) =>
    runs.push({ page, x, y: baseline, text, weight, size });

  const paragraph = (
    text: string,
    weight: FontWeight,
    size: number,
    align: 'left' | 'center' = 'left',
  ) => {
    const leading = size * 1.3;
    for (const line of wrap(text, contentWidth, weight, size, measure)) {
      if (y + leading > bottom) newPage();
      const x = align === 'center' ? (width - measure(line, weight, size)) / 2 : margin;
      put(line, x, y + size, weight, size);
      y += leading;
    }
    y += size * 0.7;
  };

  const table = (columns: Column[], rows: string[][], withHeader: boolean, repeat: boolean) => {
    const pad = layout.cellPadding;
    const { size, widths } = fitColumns(
      columns,
      rows,
      contentWidth,
      layout.tableSize,
      pad,
      measure,
    );
    const leading = size * 1.2;
    const xs = widths.map((_, i) => margin + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const cellLines = (cells: string[], weight: FontWeight) =>
      cells.map((cell, i) => wrap(cell, widths[i]! - 2 * pad, weight, size, measure));
    const drawRow = (cells: string[], weight: FontWeight, center: boolean) => {
      const lines = cellLines(cells, weight);
      const rowHeight = Math.max(1, ...lines.map((l) => l.length)) * leading + 2 * pad;
      lines.forEach((cellText, i) => {
        const colWidth = widths[i]!;
        cellText.forEach((line, k) => {
          const w = measure(line, weight, size);
          const x =
            columns[i]!.align === 'right' && !center
              ? xs[i]! + colWidth - pad - w
              : center
                ? xs[i]! + (colWidth - w) / 2
                : xs[i]! + pad;
          put(line, x, y + pad + size + k * leading, weight, size);
        });
      });
      y += rowHeight;
    };
    const headerHeight = () =>
      Math.max(
        ...cellLines(
          columns.map((c) => c.heading),
          'bold',
        ).map((l) => l.length),
      ) *
        leading +
      2 * pad;
    const header = () =>
      drawRow(
        columns.map((c) => c.heading),
        'bold',
        layout.headerAlign === 'center',
      );
    const rowPages: number[] = [];
    if (withHeader) {
      if (y + headerHeight() + 3 * leading > bottom) newPage();
      header();
    }
    for (const row of rows) {
      const rowHeight =
        Math.max(...cellLines(row, 'regular').map((l) => l.length)) * leading + 2 * pad;
      if (y + rowHeight > bottom) {
        newPage();
        if (withHeader && repeat) header();
      }
      rowPages.push(page);
      drawRow(row, 'regular', false);
    }
    y += layout.bodySize;
    return rowPages;
  };

  const heading = (numeral: 'I' | 'II' | 'III' | 'IV') => {
    if (y + layout.headingSize * 4 > bottom) newPage();
    const at = page;
    paragraph(
      printedHeading(numeral, truth.sectionTitles[numeral], truth.style),
      'bold',
      layout.headingSize,
    );
    return at;
  };

  newPage();
  for (const line of truth.titleLines) paragraph(line, 'bold', layout.headingSize + 2, 'center');
  y += layout.bodySize;
  for (const text of truth.summary) paragraph(text, 'regular', layout.bodySize);

  const headingPages = { I: 0, II: 0, III: 0, IV: 0 };
  headingPages.I = heading('I');
  const periodWords = `${inWords(truth.period.start)}, through ${inWords(truth.period.end)}`;
  for (const text of sectionIIntro(truth, periodWords)) paragraph(text, 'regular', layout.bodySize);
  const rank = truth.style.sectionIRank;
  table(
    [
      ...(rank ? [{ heading: 'Rank', width: 0.1 }] : []),
      { heading: 'County, State', width: 0.45 },
      { heading: 'Issued Detainers', width: 0.2, align: 'right' as const },
    ],
    truth.sectionI.map((row, i) => [
      ...(rank ? [String(i + 1)] : []),
      printedSectionIName(row.place, truth.style),
      String(row.issued),
    ]),
    true,
    false,
  );

  headingPages.II = heading('II');
  if (truth.style.sectionIITotal === 'sentence')
    paragraph(sectionIITotalSentence(truth), 'regular', layout.bodySize);
  const widths = landscape
    ? [0.1, 0.12, 0.2, 0.12, 0.09, 0.09, 0.28]
    : [0.08, 0.12, 0.2, 0.12, 0.1, 0.1, 0.28];
  const rows = printedSectionII(truth);
  if (truth.style.sectionIITotal === 'total-row')
    rows.push(['Total', '', '', String(truth.sectionIIPrintedTotal), '', '', '']);
  const sectionIIRowPages = table(
    SECTION_II_COLUMNS.map((heading, i) => ({ heading, width: widths[i]! })),
    rows,
    !layout.omitSectionIIHeader,
    layout.repeatHeader,
  ).slice(0, truth.sectionII.length);

  headingPages.III = heading('III');
  paragraph(truth.sectionIIIPreamble, 'regular', layout.bodySize);
  table(
    [
      { heading: 'Jurisdiction (AOR)', width: 0.25 },
      { heading: 'Date Enacted', width: 0.14 },
      { heading: 'Policy', width: 0.25 },
      { heading: 'Criteria for Honoring Detainer', width: 0.36 },
    ],
    truth.sectionIII.map((r) => [r.listedAs, r.dateEnacted, r.policy, r.criteria]),
    true,
    layout.repeatHeader,
  );

  if (!layout.omitSectionIV) {
    headingPages.IV = heading('IV');
    for (const text of truth.sectionIV) paragraph(text, 'regular', layout.bodySize);
  }
  const runDate =
    truth.runDate &&
    `Run Date: ${printedDate(truth.runDate, { ...truth.style, leadingZeros: 'always' }, 0)}`;
  // With page footers the run date goes in them; otherwise it closes the report.
  if (runDate && !layout.pageNumbers) paragraph(runDate, 'regular', layout.bodySize - 1);

  const pageCount = page;
  for (let p = 1; p <= pageCount; p++) {
    const small = layout.bodySize - 2;
    if (layout.runningHeader)
      runs.push({
        page: p,
        x: margin,
        y: margin + small,
        text: layout.runningHeader,
        weight: 'regular',
        size: small,
      });
    if (layout.pageNumbers) {
      const label = `Page ${p} of ${pageCount}`;
      const footerY = height - margin;
      runs.push({
        page: p,
        x: width - margin - measure(label, 'regular', small),
        y: footerY,
        text: label,
        weight: 'regular',
        size: small,
      });
      if (runDate)
        runs.push({
          page: p,
          x: margin,
          y: footerY,
          text: runDate,
          weight: 'regular',
          size: small,
        });
    }
  }
  return { width, height, pageCount, runs, sectionIIRowPages, headingPages };
}
