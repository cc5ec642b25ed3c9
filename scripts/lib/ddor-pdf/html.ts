/**
 * The report rebuilt as HTML, for Chromium to print: a browser's layout (tables with a header
 * repeated on every printed page, cells that wrap, rows that may break across pages), portrait
 * or landscape.
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

export interface HtmlOptions {
  fontFamily?: string;
  /** Cells' vertical alignment: browsers centre by default, report tools align to the top. */
  verticalAlign?: 'top' | 'middle';
  /** 'auto' lets a tall row break across pages, as Chromium does by default. */
  rowBreak?: 'auto' | 'avoid';
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const cells = (tag: 'td' | 'th', values: readonly string[], numeric: readonly number[] = []) =>
  values
    .map((v, i) => `<${tag}${numeric.includes(i) ? ' class="num"' : ''}>${escape(v)}</${tag}>`)
    .join('');

function table(
  headings: readonly string[],
  rows: readonly string[][],
  widths: readonly number[],
  numeric: number[] = [],
) {
  return [
    '<table>',
    `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`,
    `<thead><tr>${cells('th', headings)}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${cells('td', row, numeric)}</tr>`),
    '</tbody></table>',
  ].join('\n');
}

/** A whole HTML document of the report. */
export function ddorHtml(truth: DdorTruth, options: HtmlOptions = {}): string {
  const { style } = truth;
  const h2 = (n: 'I' | 'II' | 'III' | 'IV') =>
    `<h2>${escape(printedHeading(n, truth.sectionTitles[n], style))}</h2>`;
  const p = (text: string) => `<p>${escape(text)}</p>`;
  const rank = style.sectionIRank;
  const sectionII = printedSectionII(truth);
  if (style.sectionIITotal === 'total-row')
    sectionII.push(['Total', '', '', String(truth.sectionIIPrintedTotal), '', '', '']);
  const landscape = style.orientation === 'landscape';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(truth.titleLines.join(' '))}</title>
<style>
  body { font-family: ${options.fontFamily ?? "'Liberation Serif', serif"}; font-size: 10pt; margin: 0; }
  .title { text-align: center; font-weight: bold; font-size: 13pt; margin-bottom: 14pt; }
  h2 { font-size: 11pt; margin: 14pt 0 6pt; }
  p { margin: 0 0 7pt; line-height: 1.25; }
  table { border-collapse: collapse; width: 100%; font-size: ${landscape ? 9 : 8.5}pt; margin-bottom: 10pt; }
  th, td { border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: ${options.verticalAlign ?? 'top'}; text-align: left; }
  th { background: #d9d9d9; }
  td.num { text-align: right; }
  tr { break-inside: ${options.rowBreak ?? 'auto'}; }
  .sectionI table { width: 60%; }
</style></head><body>
<div class="title">${truth.titleLines.map((l) => `<div>${escape(l)}</div>`).join('')}</div>
${truth.summary.map(p).join('\n')}
<section class="sectionI">${h2('I')}
${sectionIIntro(truth, `${inWords(truth.period.start)}, through ${inWords(truth.period.end)}`)
  .map(p)
  .join('\n')}
${table(
  [...(rank ? ['Rank'] : []), 'County, State', 'Issued Detainers'],
  truth.sectionI.map((r, i) => [
    ...(rank ? [String(i + 1)] : []),
    printedSectionIName(r.place, style),
    String(r.issued),
  ]),
  rank ? [12, 58, 30] : [65, 35],
  [rank ? 2 : 1],
)}</section>
${h2('II')}
${style.sectionIITotal === 'sentence' ? p(sectionIITotalSentence(truth)) : ''}
${table(SECTION_II_COLUMNS, sectionII, landscape ? [9, 11, 19, 11, 9, 9, 32] : [7, 11, 19, 11, 9, 9, 34])}
${h2('III')}
${p(truth.sectionIIIPreamble)}
${table(
  ['Jurisdiction (AOR)', 'Date Enacted', 'Policy', 'Criteria for Honoring Detainer'],
  truth.sectionIII.map((r) => [r.listedAs, r.dateEnacted, r.policy, r.criteria]),
  [25, 14, 25, 36],
)}
${h2('IV')}
${truth.sectionIV.map(p).join('\n')}
${truth.runDate ? p(`Run Date: ${printedDate(truth.runDate, { ...style, leadingZeros: 'always' }, 0)}`) : ''}
</body></html>`;
}
