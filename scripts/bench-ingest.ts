/**
 * How long the PDF part of the weekly ingest takes: generates a 35-page DDOR (pdf-lib
 * producer, about 200 Section II rows and 118 Section III rows, like week 1) and parses it N
 * times. Prints milliseconds per report and per page (median and max) and peak RSS. Prints
 * only; no thresholds (the aim is under 2 s per report).
 *
 *   npm run bench:ingest [-- RUNS]   (RUNS defaults to 10)
 */
import { performance } from 'node:perf_hooks';
import { makeTruth } from './lib/ddor-pdf/generate.ts';
import { pdfLibDdor } from './lib/ddor-pdf/pdf-lib.ts';
import { parseDdor } from '../src/lib/ingest/pdf/ddor.ts';
import { readPdf } from '../src/lib/ingest/pdf/read-pdf.ts';

const runs = Math.max(1, Number(process.argv[2] ?? 10) || 10);
const truth = makeTruth({ seed: 2017, sectionIIRows: 206, sectionIIIRows: 118 });
// Larger type and roomier cells, as in ICE's own copy (35 pages for 206 rows).
const { bytes, plan } = await pdfLibDdor(truth, { tableSize: 10, bodySize: 11, cellPadding: 5.8 });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

const rssBefore = process.memoryUsage().rss;
const read: number[] = [];
const parse: number[] = [];
let rows = 0;
for (let run = 0; run < runs; run++) {
  const t0 = performance.now();
  const text = await readPdf(bytes);
  const t1 = performance.now();
  const report = parseDdor(text);
  const t2 = performance.now();
  read.push(t1 - t0);
  parse.push(t2 - t1);
  rows = report.sectionII?.rows.length ?? 0;
}
const total = read.map((r, i) => r + parse[i]!);
const pages = plan.pageCount;

console.log(
  `DDOR PDF ingest benchmark: ${pages} pages, ${(bytes.length / 1024).toFixed(0)} KB, ${rows} Section II rows, ${runs} runs`,
);
console.log(`  per report: median ${ms(median(total))}, max ${ms(Math.max(...total))}`);
console.log(
  `  per page:   median ${ms(median(total) / pages)}, max ${ms(Math.max(...total) / pages)}`,
);
console.log(
  `  of which reading the PDF (PDF.js): median ${ms(median(read))}; layout and parsing: median ${ms(median(parse))}`,
);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(
  `  peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)} (RSS after making the fixture PDF, before parsing: ${mb(rssBefore)})`,
);
