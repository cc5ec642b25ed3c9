/**
 * Completing a week the archive already has (a press-sourced, partial transcription) from the
 * report's PDF. What the transcription lacks is added, with the PDF as its source. Where the
 * PDF contradicts a published value, the primary document wins: the value becomes the PDF's
 * through a `transcription` entry in corrections.csv that records the old value and its source,
 * so the append-only guard passes and the page can still show what the archive said before.
 *
 * Left as published, and named for the reviewer: a figure the report does not print (counted
 * from its rows, which is no contradiction of a press figure), a value that other corrections
 * entries record as published, and a value longer than a corrections entry can hold.
 */
import { subjectOf } from '../contract/correction-targets.ts';
import { correctionsTable } from '../contract/schema.ts';
import type {
  CorrectionRow,
  DeclinedRow,
  ReportJurisdictionRow,
  ReportMeta,
} from '../contract/schema.ts';
import { SITE_NAME } from '../text/titles.ts';
import { IngestError } from './errors.ts';
import { sameText } from './pdf-week.ts';
import type { PdfWeek } from './pdf-week.ts';
import type { PolicyUpdate } from './policies.ts';

/** The longest value a corrections entry holds (published_value, stated_value). */
const ENTRY_VALUE_MAX = correctionsTable.fields.find(
  (f) => f.name === 'published_value',
)!.maxLength!;

export interface WeekAsPublished {
  meta: ReportMeta;
  jurisdictions: readonly ReportJurisdictionRow[];
  declined: readonly DeclinedRow[] | null;
}

export interface Completion {
  meta: ReportMeta;
  jurisdictions: ReportJurisdictionRow[];
  declined: DeclinedRow[];
  /** New transcription entries, one per value the PDF changed. */
  corrections: CorrectionRow[];
  /** What the PDF added that the transcription lacked, one line each. */
  added: string[];
  /** Every published value the PDF changed, with its entry. */
  changed: string[];
  /** Differences left as published, and why. */
  kept: string[];
}

type Cell = string | number | null;

/** The cells that describe a Section II row, which a PDF and a transcription may both give. */
const DESCRIBED_CELLS = [
  'facility',
  'citizenship',
  'issued_date',
  'declined_date',
  'criminal_activity',
] as const;
const sameCell = (a: Cell, b: Cell) => a === b || sameText(String(a), String(b));

const shown = (value: Cell) => (value === null ? 'blank' : `"${value}"`);

/** The JSON-path-like slug of an entry id: lower case, digits and hyphens only. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

interface Target {
  table: CorrectionRow['table'];
  jurisdiction: string | null;
  row: number | null;
  field: string;
  /** "figures.declined_total.value", "issued of tx-travis-county", "declined row 3, facility". */
  label: string;
  /** Where the published value came from. */
  before: string | null;
  page: number | null;
}

class Merge {
  readonly completion: Omit<Completion, 'meta' | 'jurisdictions' | 'declined'> = {
    corrections: [],
    added: [],
    changed: [],
    kept: [],
  };
  private readonly ids: Set<string>;
  private readonly week: string;
  private readonly url: string;
  private readonly today: string;
  private readonly others: readonly CorrectionRow[];

  constructor(week: string, url: string, today: string, corrections: readonly CorrectionRow[]) {
    this.week = week;
    this.url = url;
    this.today = today;
    this.others = corrections;
    this.ids = new Set(corrections.map((row) => row.id));
  }

  /** Entries other than transcriptions that record the value as published. */
  private recordedAsPublished(target: Target): CorrectionRow[] {
    return this.others.filter(
      (row) =>
        row.report === this.week &&
        row.kind !== 'transcription' &&
        row.table === target.table &&
        (row.field ?? '') === target.field &&
        subjectOf(row) === subjectOf(target),
    );
  }

  /**
   * Whether the PDF's value replaces the published one: it does, with a transcription entry,
   * unless other entries record the published value or the values are too long for an entry.
   */
  change(target: Target, before: Cell, after: Cell): boolean {
    const where = target.page === null ? 'the PDF' : `the PDF (page ${target.page})`;
    const recorded = this.recordedAsPublished(target);
    if (recorded.length) {
      this.completion.kept.push(
        `${target.label}: ${where} prints ${shown(after)}, the archive has ${shown(before)}; left as published, because ${recorded.map((r) => r.id).join(', ')} in corrections.csv record ${shown(before)} as the published value. Settle it by hand.`,
      );
      return false;
    }
    const was = before === null ? null : String(before);
    const is = after === null ? null : String(after);
    if ((was?.length ?? 0) > ENTRY_VALUE_MAX || (is?.length ?? 0) > ENTRY_VALUE_MAX) {
      this.completion.kept.push(
        `${target.label}: ${where} prints ${shown(after)}, the archive has ${shown(before)}; left as published, as a corrections entry holds at most ${ENTRY_VALUE_MAX} characters. Settle it by hand.`,
      );
      return false;
    }
    const subject = target.jurisdiction ?? (target.row === null ? '' : `row-${target.row}`);
    const base = slug(`transcription-${this.week}-${target.table}-${subject}-${target.field}`);
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    const from = target.before ? ` from ${target.before}` : '';
    this.completion.corrections.push({
      id,
      date: this.today,
      kind: 'transcription',
      report: this.week,
      table: target.table,
      jurisdiction: target.jurisdiction,
      row: target.row,
      field: target.field,
      published_value: was,
      stated_value: is,
      by: SITE_NAME,
      statement: `Completed from the report's PDF: the archive had transcribed ${shown(before)}${from}; ${where} prints ${shown(after)}.`,
      source: this.url,
    });
    this.completion.changed.push(
      `${target.label}: ${shown(before)} → ${shown(after)} (${where}; entry ${id})`,
    );
    return true;
  }
}

/** Section II rows of the transcription matched to the PDF's: an index into the PDF's rows. */
function matchDeclined(
  existing: readonly DeclinedRow[],
  fresh: PdfWeek,
  label: string,
): Map<number, number> {
  const taken = new Map<number, number>();
  const used = new Set<number>();
  const problems: string[] = [];
  // The rows with the most known cells first: they are the surest to match.
  const known = (row: DeclinedRow) => DESCRIBED_CELLS.filter((cell) => row[cell] !== null).length;
  const order = [...existing].sort((a, b) => known(b) - known(a) || a.row - b.row);
  for (const row of order) {
    const given = DESCRIBED_CELLS.filter((cell) => row[cell] !== null);
    const scored = fresh.declined
      .map((candidate, index) => ({
        index,
        agree: given.filter((cell) => sameCell(row[cell], candidate[cell])).length,
        candidate,
      }))
      .filter(
        ({ index, candidate }) => !used.has(index) && candidate.jurisdiction === row.jurisdiction,
      )
      .filter(
        ({ agree }) => agree >= Math.ceil(given.length / 2) && (given.length === 0 || agree > 0),
      )
      .sort((a, b) => b.agree - a.agree || a.index - b.index);
    const best = scored[0];
    // Candidates as good as the best that are other rows, not a repeat of the same one.
    const rivals = scored.filter(
      (s) =>
        s !== best &&
        s.agree === best?.agree &&
        DESCRIBED_CELLS.some((cell) => !sameCell(s.candidate[cell], best.candidate[cell])),
    );
    const where = (s: { index: number }) =>
      `page ${fresh.declinedPages[s.index]} (row ${s.index + 1} of Section II)`;
    if (!best) {
      problems.push(
        `declined row ${row.row} (${row.jurisdiction}${given.map((cell) => `, ${cell} "${row[cell]}"`).join('')}) matches no row of the PDF's Section II for that jurisdiction. Check it against the PDF; if the transcription is wrong, fix it with a transcription entry by hand, then run again.`,
      );
      continue;
    }
    if (rivals.length) {
      problems.push(
        `declined row ${row.row} (${row.jurisdiction}) could be any of ${[best, ...rivals].map(where).join(', ')}; fill in a value that tells them apart (a blank filled in needs no entry), then run again.`,
      );
      continue;
    }
    taken.set(row.row, best.index);
    used.add(best.index);
  }
  if (problems.length) {
    throw new IngestError(
      [
        `${label}: the week's transcribed Section II rows cannot all be found in the PDF, so nothing was written:`,
        ...problems,
      ].join('\n'),
    );
  }
  return taken;
}

function mergeReport(published: ReportMeta, fresh: PdfWeek, merge: Merge, url: string): ReportMeta {
  const meta: ReportMeta = structuredClone(published);
  const target = (field: string, before: string | null): Target => ({
    table: 'report',
    jurisdiction: null,
    row: null,
    field,
    label: field,
    before,
    page: null,
  });

  // A title the PDF prints with more above it ("ENFORCEMENT AND REMOVAL OPERATIONS") is the same.
  const freshTitle = fresh.meta.title;
  if (
    !sameText(freshTitle, meta.title) &&
    !sameText(freshTitle.slice(-meta.title.length), meta.title) &&
    merge.change(target('title', null), meta.title, freshTitle)
  ) {
    meta.title = freshTitle;
  }

  for (const [name, figure] of Object.entries(fresh.meta.figures) as [
    keyof ReportMeta['figures'],
    ReportMeta['figures'][keyof ReportMeta['figures']],
  ][]) {
    const old = meta.figures[name];
    if (figure.value === null || figure.value === old.value) continue;
    const path = `figures.${name}.value`;
    if (old.value === null) {
      // What the archive said of the blank (sources that disagree, say) is kept beside it.
      const note = [figure.note, old.note && `Before the PDF was read: ${old.note}`];
      meta.figures[name] = { ...figure, note: note.filter(Boolean).join(' ') || null };
      merge.completion.added.push(
        `${path}: ${figure.value} (${figure.note ?? 'printed in the PDF'})`,
      );
      continue;
    }
    if (fresh.countedFigures.has(name)) {
      merge.completion.kept.push(
        `${path}: counted from the PDF's rows it is ${figure.value}, the archive has ${old.value} from ${old.source ?? 'no source'}; left as published, since the report does not print this figure.`,
      );
      continue;
    }
    if (merge.change(target(path, old.source), old.value, figure.value)) {
      meta.figures[name] = { ...figure };
    }
  }

  for (const [numeral, title] of Object.entries(fresh.meta.section_titles)) {
    const key = numeral as keyof ReportMeta['section_titles'];
    const old = meta.section_titles[key] ?? null;
    if (old === null) {
      meta.section_titles[key] = title;
      merge.completion.added.push(`section_titles.${numeral}: "${title}"`);
    } else if (
      !sameText(old, title) &&
      merge.change(target(`section_titles.${numeral}`, null), old, title)
    ) {
      meta.section_titles[key] = title;
    }
  }

  for (const caveat of fresh.meta.caveats) {
    if (meta.caveats.some((c) => sameText(c.text, caveat.text))) continue;
    meta.caveats.push(caveat);
    merge.completion.added.push(`caveat: "${caveat.text}"`);
  }
  if (!meta.copies.some((copy) => copy.url === url)) meta.copies.push(...fresh.meta.copies);
  meta.original = fresh.meta.original;
  merge.completion.added.push(
    `original: report.pdf, SHA-256 ${fresh.meta.original!.sha256}, ${fresh.meta.original!.bytes} bytes`,
  );
  return meta;
}

function mergeJurisdictions(
  published: readonly ReportJurisdictionRow[],
  fresh: PdfWeek,
  merge: Merge,
  url: string,
  read: { sectionI: boolean; sectionII: boolean },
): ReportJurisdictionRow[] {
  const printed = new Map(fresh.jurisdictions.map((row) => [row.jurisdiction, row]));
  const rows = published.map((row) => ({ ...row }));
  for (const row of rows) {
    const pdf = printed.get(row.jurisdiction);
    // What the PDF says of a row it does not print: unranked if Section I was read, no
    // declines if Section II was; nothing of the detainers issued to it outside Section I.
    const says = {
      issued_rank: read.sectionI ? (pdf?.issued_rank ?? null) : undefined,
      issued: pdf?.issued ?? undefined,
      declined: read.sectionII ? (pdf?.declined ?? 0) : undefined,
    };
    for (const field of ['issued_rank', 'issued', 'declined'] as const) {
      const after = says[field];
      const before = row[field];
      if (after === undefined || after === before) continue;
      const sourceField = field === 'issued_rank' ? null : (`${field}_source` as const);
      const label = `${field} of ${row.jurisdiction}`;
      if (before === null) {
        row[field] = after;
        if (sourceField) row[sourceField] = url;
        merge.completion.added.push(`${label}: ${after}`);
        continue;
      }
      const target: Target = {
        table: 'jurisdictions',
        jurisdiction: row.jurisdiction,
        row: null,
        field,
        label,
        before: sourceField ? row[sourceField] : null,
        page: null,
      };
      if (merge.change(target, before, after)) {
        row[field] = after;
        if (sourceField) row[sourceField] = after === null ? null : url;
      }
    }
  }
  const known = new Set(rows.map((row) => row.jurisdiction));
  for (const row of fresh.jurisdictions) {
    if (known.has(row.jurisdiction)) continue;
    rows.push({ ...row });
    merge.completion.added.push(
      `jurisdiction row ${row.jurisdiction}: issued ${row.issued ?? 'blank'}, declined ${row.declined ?? 'blank'}`,
    );
  }
  return rows;
}

function mergeDeclined(
  published: readonly DeclinedRow[],
  fresh: PdfWeek,
  merge: Merge,
  url: string,
  label: string,
): DeclinedRow[] {
  const matched = matchDeclined(published, fresh, label);
  const byIndex = new Map([...matched].map(([row, index]) => [index, row]));
  const old = new Map(published.map((row) => [row.row, row]));
  let next = Math.max(0, ...published.map((row) => row.row)) + 1;
  // The PDF's order, which is the report's; the transcribed rows keep their numbers.
  return fresh.declined.map((pdfRow, index) => {
    const number = byIndex.get(index);
    const page = fresh.declinedPages[index]!;
    if (number === undefined) {
      const row = { ...pdfRow, row: next++ };
      merge.completion.added.push(
        `declined row ${row.row} (page ${page}): ${row.jurisdiction}, declined ${row.declined_date ?? 'blank'}`,
      );
      return row;
    }
    const row = { ...old.get(number)! };
    let touched = false;
    for (const cell of DESCRIBED_CELLS) {
      const after = pdfRow[cell];
      const before = row[cell];
      if (after === null || after === before) continue;
      const target: Target = {
        table: 'declined',
        jurisdiction: row.jurisdiction,
        row: row.row,
        field: cell,
        label: `declined row ${row.row}, ${cell}`,
        before: row.source,
        page,
      };
      if (before === null) {
        row[cell] = after;
        touched = true;
        merge.completion.added.push(`declined row ${row.row}, ${cell} (page ${page}): "${after}"`);
      } else if (merge.change(target, before, after)) {
        row[cell] = after;
        touched = true;
      }
    }
    if (touched) {
      const before = row.source;
      row.source = url;
      row.note = [
        row.note,
        `Completed from the report's PDF (page ${page}); first transcribed from ${before}.`,
      ]
        .filter(Boolean)
        .join(' ');
    }
    return row;
  });
}

/**
 * A Section III cell the archive had cut off ("Title 12, Chapt…") and the PDF prints whole is a
 * published value changed: it takes a transcription entry like any other, or goes back to what
 * was published (and a row left with no completed cell keeps its source and note).
 */
function settlePolicies(policies: PolicyUpdate, merge: Merge): void {
  for (const done of policies.completed) {
    const { row, previous, listed } = done;
    done.cells = done.cells.filter((cell) => {
      const before = previous[cell];
      if (before === null) return true;
      const target: Target = {
        table: 'policies',
        jurisdiction: row.jurisdiction,
        row: null,
        field: cell,
        label: `${cell} of the Section III row for ${row.jurisdiction}`,
        before: previous.source,
        page: listed.page,
      };
      if (merge.change(target, before, row[cell])) return true;
      row[cell] = before;
      return false;
    });
    if (!done.cells.length) Object.assign(row, { source: previous.source, note: previous.note });
  }
  policies.completed = policies.completed.filter((done) => done.cells.length > 0);
}

/**
 * The week as the archive has it, completed from the PDF's reading of it. Throws an
 * IngestError when a transcribed Section II row cannot be found in the PDF.
 */
export function completeWeek(
  published: WeekAsPublished,
  fresh: PdfWeek,
  context: {
    url: string;
    today: string;
    corrections: readonly CorrectionRow[];
    label: string;
    /** policies.csv as the run will write it; its completed cells are settled here. */
    policies: PolicyUpdate;
  },
): Completion {
  const week = published.meta.period_start;
  const merge = new Merge(week, context.url, context.today, context.corrections);
  const meta = mergeReport(published.meta, fresh, merge, context.url);
  const read = {
    sectionI: !fresh.missingSections.includes('Section I'),
    sectionII: !fresh.missingSections.includes('Section II'),
  };
  const jurisdictions = mergeJurisdictions(
    published.jurisdictions,
    fresh,
    merge,
    context.url,
    read,
  );
  const declined = read.sectionII
    ? mergeDeclined(published.declined ?? [], fresh, merge, context.url, context.label)
    : [...(published.declined ?? [])];

  settlePolicies(context.policies, merge);

  // A difference left as published may leave the counts short of the totals: settle it first.
  if (
    meta.coverage === 'partial' &&
    fresh.meta.coverage === 'complete' &&
    merge.completion.kept.length
  ) {
    merge.completion.kept.push(
      'coverage: left partial, though the PDF has every section, until the differences above are settled.',
    );
  } else if (meta.coverage === 'partial' && fresh.meta.coverage === 'complete') {
    const target: Target = {
      table: 'report',
      jurisdiction: null,
      row: null,
      field: 'coverage',
      label: 'coverage',
      before: null,
      page: null,
    };
    if (merge.change(target, 'partial', 'complete')) {
      meta.coverage = 'complete';
      meta.coverage_note = null;
    }
  }
  return { meta, jurisdictions, declined, ...merge.completion };
}
