/**
 * Fixture report PDFs for the ingest's end-to-end tests, made in the test run from a DdorTruth
 * over the places of a gazetteer, and what the ingest must write for them, derived from the
 * truth and the gazetteer (never typed twice).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { makeTruth } from '../../scripts/lib/ddor-pdf/generate.ts';
import type { TruthOptions } from '../../scripts/lib/ddor-pdf/generate.ts';
import { expectedReport } from '../../scripts/lib/ddor-pdf/truth.ts';
import type { DdorTruth, Place } from '../../scripts/lib/ddor-pdf/truth.ts';
import { stateName } from '../../src/lib/contract/states.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** The project's Node (24), which the scripts need. */
const NODE = join(ROOT, 'node_modules/.bin/node');

/** A CSV file as records of strings (a blank cell is ''), as anyone reading the data would. */
export function readCsv(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  if (parsed.errors.length) throw new Error(`${path}: ${parsed.errors[0]!.message}`);
  return parsed.data;
}

export const readJson = <T = Record<string, unknown>>(path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as T;

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A gazetteer row as a place a report prints: its state and its display name. */
export interface GazetteerPlace {
  id: string;
  place: Place;
}

/** The counties and cities of a data folder's gazetteer (data/jurisdictions.csv), in its order. */
export function gazetteerPlaces(dataDir: string): GazetteerPlace[] {
  return readCsv(join(dataDir, 'jurisdictions.csv'))
    .filter((row) => row['kind'] === 'county' || row['kind'] === 'city')
    .map((row) => ({ id: row['id']!, place: { state: row['state']!, county: row['name']! } }));
}

/** The gazetteer id of a place, by its state and name. */
export function idOf(places: readonly GazetteerPlace[], place: Place): string {
  const found = places.find(
    (p) => p.place.state === place.state && p.place.county === place.county,
  );
  if (!found) throw new Error(`no gazetteer row for ${place.county}, ${place.state}`);
  return found.id;
}

/**
 * The place a Section III "Name, State (AOR)" cell names, among the gazetteer's: "Kern County,
 * California (Los Angeles)", "Iowa City, Johnson County, Iowa (Saint Paul)".
 */
export function sectionIIIPlace(places: readonly GazetteerPlace[], listedAs: string): string {
  const found = places.find(
    (p) =>
      listedAs.startsWith(`${p.place.county}, `) &&
      listedAs.includes(`, ${stateName(p.place.state)} (`),
  );
  if (!found) throw new Error(`no gazetteer row for the Section III entry "${listedAs}"`);
  return found.id;
}

/** A truth over the given places, for the week starting `start`. */
export function truthOver(
  places: readonly GazetteerPlace[],
  options: TruthOptions & { start: string },
): DdorTruth {
  return makeTruth({ ...options, places: places.map((p) => p.place) });
}

const count = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** Every row of declined.csv the ingest must write for a PDF printed from `truth`. */
export function expectedDeclined(
  truth: DdorTruth,
  places: readonly GazetteerPlace[],
  url: string,
): Record<string, string>[] {
  const printed = expectedReport(truth).sectionII;
  return truth.sectionII.map((row, i) => ({
    row: String(i + 1),
    jurisdiction: idOf(places, row.place),
    facility: printed[i]!.facility ?? '',
    citizenship: printed[i]!.citizenship ?? '',
    issued_date: row.issued,
    declined_date: row.declined,
    criminal_activity: printed[i]!.criminalActivity ?? '',
    source: url,
    note: '',
  }));
}

/** Section II's rows per jurisdiction id. */
export const declinedPerJurisdiction = (truth: DdorTruth, places: readonly GazetteerPlace[]) =>
  count(truth.sectionII, (row) => idOf(places, row.place));

/**
 * Every row of jurisdictions.csv: Section I's in its order, with its ranks and issued counts,
 * then the other jurisdictions Section II names, by id; each with its Section II count.
 */
export function expectedJurisdictions(
  truth: DdorTruth,
  places: readonly GazetteerPlace[],
  url: string,
): Record<string, string>[] {
  const declined = declinedPerJurisdiction(truth, places);
  const ranked = truth.sectionI.map((row, i) => {
    const id = idOf(places, row.place);
    return {
      jurisdiction: id,
      issued_rank: String(i + 1),
      issued: String(row.issued),
      issued_source: url,
      declined: String(declined.get(id) ?? 0),
      declined_source: url,
      note: '',
    };
  });
  return [
    ...ranked,
    ...declinedOnlyRows(declined, new Set(ranked.map((row) => row.jurisdiction)), url),
  ];
}

/** jurisdictions.csv's rows for the jurisdictions Section II names and `listed` lacks, by id. */
export const declinedOnlyRows = (
  declined: ReadonlyMap<string, number>,
  listed: ReadonlySet<string | undefined>,
  url: string,
): Record<string, string>[] =>
  [...declined.keys()]
    .filter((id) => !listed.has(id))
    .sort()
    .map((id) => ({
      jurisdiction: id,
      issued_rank: '',
      issued: '',
      issued_source: '',
      declined: String(declined.get(id)),
      declined_source: url,
      note: '',
    }));

/** The policies.csv rows a report printed from `truth` adds (every Section III row is new). */
export function expectedPolicies(
  truth: DdorTruth,
  places: readonly GazetteerPlace[],
  url: string,
  rows = truth.sectionIII,
): Record<string, string>[] {
  return rows.map((row) => ({
    jurisdiction: sectionIIIPlace(places, row.listedAs),
    listed_as: row.listedAs,
    date_enacted: row.dateEnacted,
    policy: row.policy,
    criteria: row.criteria,
    first_report: truth.period.start,
    source: url,
    note: '',
  }));
}

/**
 * The number of distinct states, and of facilities (by name, case aside, within their
 * jurisdiction), among Section II's rows.
 */
export function sectionIICounts(truth: DdorTruth): { states: number; facilities: number } {
  const printed = expectedReport(truth).sectionII;
  return {
    states: new Set(truth.sectionII.map((row) => row.place.state)).size,
    facilities: new Set(
      printed.map(
        (row, i) =>
          `${truth.sectionII[i]!.place.state} ${truth.sectionII[i]!.place.county} ${row.facility!.toLowerCase()}`,
      ),
    ).size,
  };
}

/** The page count of a PDF, as pdf-lib reads it. */
export async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes, { ignoreEncryption: true })).getPageCount();
}

/** The text items of each page, read with PDF.js directly (not through the parser). */
export async function pageTexts(bytes: Uint8Array): Promise<string[][]> {
  const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    standardFontDataUrl: `${join(pdfjs, 'standard_fonts')}/`,
  });
  try {
    const doc = await task.promise;
    const pages: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.flatMap((item) => ('str' in item ? [item.str] : [])));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/**
 * Checks that a fixture is what the tests say it is: Section II's header printed on three
 * pages or more (the table runs over them and repeats it), and some cells wrapped (the
 * longest criminal activity is on no single line).
 */
export async function layoutOf(
  bytes: Uint8Array,
  truth: DdorTruth,
): Promise<{ headerPages: number; longestCellOnOneLine: boolean }> {
  const pages = await pageTexts(bytes);
  const longest = expectedReport(truth)
    .sectionII.map((row) => row.criminalActivity!)
    .sort((a, b) => b.length - a.length)[0]!;
  return {
    // "Citizenship": the one header cell whose one word never wraps.
    headerPages: pages.filter((items) => items.some((s) => s.trim() === 'Citizenship')).length,
    longestCellOnOneLine: pages.some((items) => items.some((s) => s.includes(longest))),
  };
}

export interface ValidateResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run validate -- DIR [--base REF]`: scripts/validate.ts on the project's Node. */
export async function runValidate(dataDir: string, base?: string): Promise<ValidateResult> {
  const args = [join(ROOT, 'scripts/validate.ts'), dataDir, ...(base ? ['--base', base] : [])];
  try {
    const { stdout, stderr } = await promisify(execFile)(NODE, args, { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
