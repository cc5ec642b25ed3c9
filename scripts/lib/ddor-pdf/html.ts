/**
 * The report rebuilt as HTML, for Chromium to print: a browser's layout (tables with a header
 * repeated on every printed page, cells that wrap and align to the top, middle or bottom,
 * borders, zebra rows, rows that may break across pages), portrait or landscape.
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
import type { TableRules } from './plan.ts';

export interface HtmlOptions {
  fontFamily?: string;
  /** Body and table type sizes, in points. */
  bodySize?: number;
  tableSize?: number;
  /** Cells' vertical alignment: browsers centre by default, report tools align to the top. */
  verticalAlign?: 'top' | 'middle' | 'bottom';
  /** 'auto' lets a tall row break across pages, as Chromium does by default. */
  rowBreak?: 'auto' | 'avoid';
  rules?: TableRules;
  /** Cell padding, in points. */
  padding?: number;
  headerAlign?: 'left' | 'center';
  /** Headings of two or more words broken onto two lines. */
  headerLines?: 1 | 2;
  /** Print table headers as a <thead>, which Chromium repeats on every page. */
  repeatHeader?: boolean;
  /** This section's heading ends its page; its table starts the next. */
  headingAlone?: 'II' | 'III' | null;
  /** Junk text a reader does not see (transparent), among the rows and under the title. */
  hiddenText?: boolean;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function headingHtml(heading: string, lines: 1 | 2): string {
  const words = heading.split(' ');
  if (lines === 1 || words.length < 2) return escape(heading);
  const half = Math.ceil(words.length / 2);
  return `${escape(words.slice(0, half).join(' '))}<br>${escape(words.slice(half).join(' '))}`;
}

function table(
  headings: readonly string[],
  rows: readonly string[][],
  widths: readonly number[],
  options: HtmlOptions,
  classes: { numeric?: number[]; columns?: string[] } = {},
) {
  const cell = (tag: 'td' | 'th', value: string, i: number, heading: boolean) => {
    const names = [
      ...(classes.numeric?.includes(i) && !heading ? ['num'] : []),
      ...(classes.columns?.[i] && !heading ? [classes.columns[i]!] : []),
    ];
    const content = heading ? headingHtml(value, options.headerLines ?? 1) : escape(value);
    return `<${tag}${names.length ? ` class="${names.join(' ')}"` : ''}>${content}</${tag}>`;
  };
  const headerRow = `<tr>${headings.map((h, i) => cell('th', h, i, true)).join('')}</tr>`;
  const repeat = options.repeatHeader ?? true;
  return [
    '<table>',
    `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`,
    repeat ? `<thead>${headerRow}</thead>` : '',
    '<tbody>',
    repeat ? '' : headerRow,
    ...rows.map((row) => `<tr>${row.map((v, i) => cell('td', v, i, false)).join('')}</tr>`),
    '</tbody></table>',
  ].join('\n');
}

function rulesCss(rules: TableRules): string {
  switch (rules) {
    case 'grid':
      return 'th, td { border: 0.5pt solid #000; } th { background: #d9d9d9; }';
    case 'rows':
      return 'td, th { border-bottom: 0.5pt solid #000; }';
    case 'zebra':
      return 'tbody tr:nth-child(even) td { background: #e6e6e6; } th { background: #c8c8c8; }';
    case 'header':
      return 'th { border-bottom: 0.75pt solid #000; }';
    case 'frame':
      return 'table { border: 0.75pt solid #000; } th { border-bottom: 0.75pt solid #000; }';
    default:
      return '';
  }
}

/** A whole HTML document of the report. */
export function ddorHtml(truth: DdorTruth, options: HtmlOptions = {}): string {
  const { style } = truth;
  const alone = options.headingAlone ?? null;
  const h2 = (n: 'I' | 'II' | 'III' | 'IV') =>
    `<h2${alone === n ? ' class="alone"' : ''}>${printedHeading(n, truth.sectionTitles[n], style)
      .map(escape)
      .join('<br>')}</h2>`;
  const p = (text: string) => `<p>${escape(text)}</p>`;
  const sectionI = printedSectionI(truth);
  const sectionII = printedSectionII(truth);
  if (style.sectionIITotal === 'total-row')
    sectionII.push(['Total', '', '', String(truth.sectionIIPrintedTotal), '', '', '']);
  const landscape = style.orientation === 'landscape';
  const tableSize = options.tableSize ?? (landscape ? 9 : 8.5);
  const rank = style.sectionIRank ? [12] : [];
  const nameWidths = style.sectionISplit ? [25, 38] : [63];
  const hidden = options.hiddenText
    ? '<p class="hidden">For Recorded Declined Detainers Mar. 1 – Mar. 7, 2016</p>'
    : '';
  const sectionIIRows = options.hiddenText
    ? [
        ...sectionII.slice(0, 1),
        ['ZZ', 'HIDDEN', 'NOWHERE', 'NONE', '1/1/2000', '1/2/2000', 'NOTHING'],
        ...sectionII.slice(1),
      ]
    : sectionII;
  const sectionIITable = table(
    SECTION_II_COLUMNS,
    sectionIIRows,
    landscape ? [9, 11, 19, 11, 9, 9, 32] : [7, 11, 19, 11, 9, 9, 34],
    options,
    { columns: ['', '', 'facility', '', '', '', 'activity'] },
  ).replace(/<tr><td>ZZ<\/td>/, '<tr class="hidden"><td>ZZ</td>');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(truth.titleLines.join(' '))}</title>
<style>
  body { font-family: ${options.fontFamily ?? "'Liberation Serif', serif"}; font-size: ${options.bodySize ?? 10}pt; margin: 0; }
  .title { text-align: center; font-weight: bold; font-size: 13pt; margin-bottom: 14pt; }
  h2 { font-size: 11pt; margin: 14pt 0 6pt; break-after: avoid; }
  h2.alone { break-after: page; }
  p { margin: 0 0 7pt; line-height: 1.25; }
  table { border-collapse: collapse; width: 100%; font-size: ${tableSize}pt; margin-bottom: 10pt; }
  th, td { padding: ${options.padding ?? 2}pt ${Math.max(2, options.padding ?? 3)}pt; vertical-align: ${options.verticalAlign ?? 'top'}; text-align: left; }
  th { text-align: ${options.headerAlign ?? 'left'}; }
  td.num { text-align: right; }
  tr { break-inside: ${options.rowBreak ?? 'auto'}; }
  .sectionI table { width: 60%; }
  ${rulesCss(options.rules ?? 'grid')}

  .hidden, .hidden td { color: transparent; }
  p.hidden { position: absolute; top: 0; left: 0; margin: 0; }
</style></head><body>
${hidden}
<div class="title">${truth.titleLines.map((l) => `<div>${escape(l)}</div>`).join('')}</div>
${truth.summary.map(p).join('\n')}
<section class="sectionI">${h2('I')}
${sectionIIntro(truth, `${inWords(truth.period.start)}, through ${inWords(truth.period.end)}`)
  .map(p)
  .join('\n')}
${table(sectionI.headings, sectionI.rows, [...rank, ...nameWidths, 25].slice(0, sectionI.headings.length), options, { numeric: [sectionI.headings.length - 1] })}</section>
${h2('II')}
${style.sectionIITotal === 'sentence' ? p(sectionIITotalSentence(truth)) : ''}
${sectionIITable}
${h2('III')}
${p(truth.sectionIIIPreamble)}
${table(
  ['Jurisdiction (AOR)', 'Date Enacted', 'Policy', 'Criteria for Honoring Detainer'],
  truth.sectionIII.map((r) => [r.listedAs, r.dateEnacted, r.policy, r.criteria]),
  [25, 14, 25, 36],
  options,
)}
${h2('IV')}
${truth.sectionIV.map(p).join('\n')}
${truth.runDate ? p(`Run Date: ${printedDate(truth.runDate, { ...style, dateStyle: 'slashed', leadingZeros: 'always' }, 0)}`) : ''}
</body></html>`;
}
