/**
 * A hand-placed page layout of a DDOR, the way a reporting tool (not a browser) would set it:
 * every line of text at a computed position, tables with wrapped cells aligned to the top,
 * middle or bottom of their rows, rules, boxes or zebra stripes, page breaks between rows,
 * running headers and footers. Pure: it only needs a way to measure text, so pdf-lib and
 * pdfkit can each draw the same plan.
 */
import { inWords } from './generate.ts';
import {
  printedDate,
  printedHeading,
  printedSectionI,
  printedSectionII,
  sectionIIntro,
  sectionIITotalSentence,
  SECTION_II_COLUMNS,
} from './truth.ts';
import type { DdorTruth } from './truth.ts';
import { fitColumns, wrap } from './typeset.ts';

import type { FontWeight, Measure } from './typeset.ts';

export type { FontWeight, Measure } from './typeset.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One line of text: `y` is its baseline, from the top of the page. */
export interface Run {
  page: number;
  x: number;
  y: number;
  text: string;
  weight: FontWeight;
  size: number;
  /** Drawn, but not to be seen: a producer's hidden text that no reader may take. */
  hidden?: boolean;
  /** Drawn inside this clipping box (a cell that cuts its text off). */
  clip?: Box;
  /** The table cell it belongs to, for producers that draw column by column. */
  column?: number;
}

/** A rule (a thin filled box) or a shaded box, in points from the top-left corner. */
export interface Shape extends Box {
  page: number;
  /** 0 black … 1 white. */
  gray: number;
  kind: 'rule' | 'fill';
}

export type TableRules = 'none' | 'grid' | 'rows' | 'zebra' | 'header' | 'frame';
export type Footer = 'none' | 'page-of' | 'number' | 'dashed' | 'label-page';

export interface HandLayout {
  paper: 'letter' | 'a4';
  bodySize: number;
  tableSize: number;
  headingSize: number;
  margin: number;
  cellPadding: number;
  /** Print Section II's (and III's) header again at the top of each page the table runs onto. */
  repeatHeader: boolean;
  runningHeader: string | null;
  /** Text at the right of the running header's line, such as "RUN DATE: 03/17/2017". */
  runningHeaderRight: string | null;
  footer: Footer;
  /** Text beside the page number in the footer ("Declined Detainer Outcome Report |"). */
  footerLabel: string | null;
  headerAlign: 'left' | 'center';
  /** Headings of two or more words set on two lines. */
  headerLines: 1 | 2;
  rules: TableRules;
  /** Where a row's shorter cells sit beside its tallest one. */
  valign: 'top' | 'middle' | 'bottom';
  /** Put this section's heading at the foot of a page, its table overleaf. */
  headingAlone: 'II' | 'III' | null;
  /** Put Section II's table header at the foot of a page, its rows overleaf. */
  headerAlone: boolean;
  /**
   * Section II's Facility on one line, cut off at its cell's edge ('clip'), and its Notable
   * Criminal Activity on one line running past the table ('overflow'), as spreadsheets print.
   */
  oneLineCells: boolean;
  /** Junk text drawn invisibly among the real text. */
  hiddenText: boolean;
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
  shapes: Shape[];
  /** The page each Section II row starts on, in order. */
  sectionIIRowPages: number[];
  /** The page each heading is printed on; 0 for a section left out. */
  headingPages: Record<'I' | 'II' | 'III' | 'IV', number>;
}

export interface Column {
  heading: string;
  width: number;
  align?: 'right';
  /** Printed on one line: cut off at the cell's edge, or running past it. */
  oneLine?: 'clip' | 'overflow';
}

const PAPER = { letter: [612, 792], a4: [595.28, 841.89] } as const;

/** A heading of several words on two lines, split near its middle. */
function twoLines(heading: string): string[] {
  const words = heading.split(' ');
  if (words.length < 2) return [heading];
  const half = Math.ceil(words.length / 2);
  return [words.slice(0, half).join(' '), words.slice(half).join(' ')];
}

export function planDdor(truth: DdorTruth, layout: HandLayout, measure: Measure): Plan {
  const landscape = truth.style.orientation === 'landscape';
  const [short, long] = PAPER[layout.paper];
  const [width, height] = landscape ? [long, short] : [short, long];
  const { margin } = layout;
  const hasFooter = layout.footer !== 'none';
  const top = margin + (layout.runningHeader || layout.runningHeaderRight ? 28 : 0);
  const bottom = height - margin - (hasFooter ? 22 : 0);
  const contentWidth = width - 2 * margin;
  const runs: Run[] = [];
  const shapes: Shape[] = [];
  let page = 0;
  let y = 0;
  const newPage = () => {
    page++;
    y = top;
  };
  const put = (text: string, x: number, baseline: number, weight: FontWeight, size: number) =>
    runs.push({ page, x, y: baseline, text, weight, size });
  const rule = (x0: number, y0: number, x1: number, y1: number) =>
    shapes.push({ page, x0, y0, x1, y1, gray: 0, kind: 'rule' });

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

  const table = (
    columns: Column[],
    rows: string[][],
    options: { header: boolean; repeat: boolean; alone?: boolean },
  ) => {
    const pad = layout.cellPadding;
    const { size, widths } = fitColumns(
      columns,
      rows.map((row) => row.map((cell, i) => (columns[i]!.oneLine ? '' : cell))),
      contentWidth,
      layout.tableSize,
      pad,
      measure,
    );
    const leading = size * 1.2;
    const xs = widths.map((_, i) => margin + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const tableRight = margin + widths.reduce((a, b) => a + b, 0);
    const cellLines = (cells: readonly string[], weight: FontWeight, heading: boolean) =>
      cells.map((cell, i) => {
        if (heading && layout.headerLines === 2) return twoLines(cell);
        if (!heading && columns[i]!.oneLine) return cell ? [cell] : [];
        return wrap(cell, widths[i]! - 2 * pad, weight, size, measure);
      });
    const heightOf = (lines: string[][]) =>
      Math.max(1, ...lines.map((l) => l.length)) * leading + 2 * pad;
    let striped = 0;
    const drawRow = (cells: readonly string[], heading: boolean) => {
      const weight: FontWeight = heading ? 'bold' : 'regular';
      const lines = cellLines(cells, weight, heading);
      const rowHeight = heightOf(lines);
      const tallest = Math.max(1, ...lines.map((l) => l.length));
      const fillRow = (gray: number) =>
        shapes.push({
          page,
          x0: margin,
          y0: y,
          x1: tableRight,
          y1: y + rowHeight,
          gray,
          kind: 'fill',
        });
      if (heading && layout.rules !== 'none' && layout.rules !== 'rows') fillRow(0.85);
      if (!heading && layout.rules === 'zebra' && striped++ % 2 === 1) fillRow(0.9);
      lines.forEach((cellText, i) => {
        const colWidth = widths[i]!;
        const shift =
          layout.valign === 'top' || heading
            ? 0
            : layout.valign === 'bottom'
              ? (tallest - cellText.length) * leading
              : ((tallest - cellText.length) * leading) / 2;
        cellText.forEach((line, k) => {
          const w = measure(line, weight, size);
          const centre = heading && layout.headerAlign === 'center';
          const x =
            columns[i]!.align === 'right' && !heading
              ? xs[i]! + colWidth - pad - w
              : centre
                ? xs[i]! + (colWidth - w) / 2
                : xs[i]! + pad;
          const run: Run = {
            page,
            x,
            y: y + pad + size + shift + k * leading,
            text: line,
            weight,
            size,
            column: i,
          };
          if (!heading && columns[i]!.oneLine === 'clip') {
            run.clip = { x0: xs[i]!, y0: y, x1: xs[i]! + colWidth, y1: y + rowHeight };
          }
          runs.push(run);
        });
      });
      const thin = 0.5;
      if (layout.rules === 'grid') {
        rule(margin, y, tableRight, y + thin);
        rule(margin, y + rowHeight - thin, tableRight, y + rowHeight);
        for (const x of [...xs, tableRight]) rule(x - thin / 2, y, x + thin / 2, y + rowHeight);
      } else if (layout.rules === 'rows') {
        rule(margin, y + rowHeight - thin, tableRight, y + rowHeight);
      } else if ((layout.rules === 'header' || layout.rules === 'frame') && heading) {
        rule(margin, y + rowHeight - thin, tableRight, y + rowHeight);
      }
      if (layout.rules === 'frame') {
        rule(margin - thin / 2, y, margin + thin / 2, y + rowHeight);
        rule(tableRight - thin / 2, y, tableRight + thin / 2, y + rowHeight);
      }
      y += rowHeight;
    };
    const headings = columns.map((c) => c.heading);
    const headerHeight = () => heightOf(cellLines(headings, 'bold', true));
    const rowPages: number[] = [];
    const tableStart = () => {
      if (layout.rules === 'frame' || layout.rules === 'rows') rule(margin, y, tableRight, y + 0.5);
    };
    const tableEnd = () => {
      if (layout.rules === 'frame') rule(margin, y - 0.5, tableRight, y);
    };
    if (options.header) {
      if (options.alone) {
        // The header as the last thing on its page: the first row goes overleaf.
        if (y + headerHeight() > bottom) newPage();
        y = Math.max(y, bottom - headerHeight() - 0.5 * leading);
      } else if (y + headerHeight() + 3 * leading > bottom) newPage();
      tableStart();
      drawRow(headings, true);
    }
    for (const row of rows) {
      const rowHeight = heightOf(cellLines(row, 'regular', false));
      if (y + rowHeight > bottom) {
        tableEnd();
        newPage();
        tableStart();
        if (options.header && options.repeat) drawRow(headings, true);
      }
      rowPages.push(page);
      drawRow(row, false);
    }
    tableEnd();
    y += layout.bodySize;
    return rowPages;
  };

  const heading = (numeral: 'I' | 'II' | 'III' | 'IV') => {
    const lines = printedHeading(numeral, truth.sectionTitles[numeral], truth.style).flatMap(
      (line) => wrap(line, contentWidth, 'bold', layout.headingSize, measure),
    );
    const headingHeight = lines.length * layout.headingSize * 1.3 + layout.headingSize;
    if (layout.headingAlone === numeral) {
      // The heading as the last thing on its page: its text and table overleaf.
      if (y + headingHeight > bottom) newPage();
      y = Math.max(y, bottom - headingHeight);
    } else if (y + headingHeight + layout.headingSize * 2 > bottom) newPage();
    const at = page;
    for (const line of printedHeading(numeral, truth.sectionTitles[numeral], truth.style)) {
      paragraph(line, 'bold', layout.headingSize);
    }
    if (layout.headingAlone === numeral) newPage();
    return at;
  };

  newPage();
  if (layout.hiddenText) {
    // An older period, hidden behind the title: a reader that takes hidden text reads it.
    runs.push({
      page,
      x: margin,
      y: y + layout.headingSize,
      text: 'For Recorded Declined Detainers Mar. 1 – Mar. 7, 2016',
      weight: 'regular',
      size: layout.bodySize,
      hidden: true,
    });
  }
  for (const line of truth.titleLines) paragraph(line, 'bold', layout.headingSize + 2, 'center');
  y += layout.bodySize;
  for (const text of truth.summary) paragraph(text, 'regular', layout.bodySize);

  const headingPages = { I: 0, II: 0, III: 0, IV: 0 };
  headingPages.I = heading('I');
  const periodWords = `${inWords(truth.period.start)}, through ${inWords(truth.period.end)}`;
  for (const text of sectionIIntro(truth, periodWords)) paragraph(text, 'regular', layout.bodySize);
  const sectionI = printedSectionI(truth);
  const rankWidth = truth.style.sectionIRank ? [0.08] : [];
  const nameWidths = truth.style.sectionISplit ? [0.15, 0.25] : [0.4];
  table(
    sectionI.headings.map((heading, i) => ({
      heading,
      width: [...rankWidth, ...nameWidths, 0.17][i]!,
      ...(i === sectionI.headings.length - 1 ? { align: 'right' as const } : {}),
    })),
    sectionI.rows,
    { header: true, repeat: false },
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
  const oneLine: (Column['oneLine'] | undefined)[] = layout.oneLineCells
    ? [undefined, undefined, 'clip', undefined, undefined, undefined, 'overflow']
    : [];
  const sectionIIRowPages = table(
    SECTION_II_COLUMNS.map((heading, i) => ({
      heading,
      width: widths[i]!,
      ...(oneLine[i] ? { oneLine: oneLine[i] } : {}),
    })),
    rows,
    {
      header: !layout.omitSectionIIHeader,
      repeat: layout.repeatHeader,
      alone: layout.headerAlone,
    },
  ).slice(0, truth.sectionII.length);
  if (layout.hiddenText) {
    // A hidden row among the rows: its dates would make it a row if read.
    const at = runs.find((r) => r.column === 4 && r.page === sectionIIRowPages[0])!;
    runs.push({
      ...at,
      x: margin,
      y: at.y + 0.5,
      text: 'ZZ HIDDEN COUNTY 1/1/2000 1/2/2000 NOTHING',
      hidden: true,
      weight: 'regular',
    });
  }

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
    { header: true, repeat: layout.repeatHeader },
  );

  if (!layout.omitSectionIV) {
    headingPages.IV = heading('IV');
    for (const text of truth.sectionIV) paragraph(text, 'regular', layout.bodySize);
  }
  const runDate =
    truth.runDate &&
    `Run Date: ${printedDate(truth.runDate, { ...truth.style, dateStyle: 'slashed', leadingZeros: 'always' }, 0)}`;
  // With page footers (or a running header that prints it) the run date goes there;
  // otherwise it closes the report.
  const runDateInFurniture = hasFooter || layout.runningHeaderRight !== null;
  if (runDate && !runDateInFurniture) paragraph(runDate, 'regular', layout.bodySize - 1);

  const pageCount = page;
  const small = layout.bodySize - 2;
  for (let p = 1; p <= pageCount; p++) {
    const furniture = (text: string, x: number, baseline: number) =>
      runs.push({ page: p, x, y: baseline, text, weight: 'regular', size: small });
    if (layout.runningHeader) furniture(layout.runningHeader, margin, margin + small);
    if (layout.runningHeaderRight) {
      const right = measure(layout.runningHeaderRight, 'regular', small);
      const left = layout.runningHeader ? measure(layout.runningHeader, 'regular', small) : 0;
      // Beside the header where both fit on the line, else on a line of its own below it.
      const own = left + right + 2 * small > contentWidth;
      furniture(
        layout.runningHeaderRight,
        width - margin - right,
        margin + small * (own ? 2.2 : 1),
      );
    }
    if (!hasFooter) continue;
    const footerY = height - margin;
    const label =
      layout.footer === 'number'
        ? `${p}`
        : layout.footer === 'dashed'
          ? `- ${p} -`
          : `Page ${p} of ${pageCount}`;
    const text =
      layout.footer === 'label-page' && layout.footerLabel
        ? `${layout.footerLabel} | ${label}`
        : label;
    const x =
      layout.footer === 'number' || layout.footer === 'dashed'
        ? (width - measure(text, 'regular', small)) / 2
        : width - margin - measure(text, 'regular', small);
    furniture(text, x, footerY);
    if (runDate && layout.runningHeaderRight === null) furniture(runDate, margin, footerY);
  }
  return { width, height, pageCount, runs, shapes, sectionIIRowPages, headingPages };
}
