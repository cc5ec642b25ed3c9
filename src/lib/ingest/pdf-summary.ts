/**
 * The part of a PDF week's pull request body that lets a reviewer check the transcription
 * against the PDF in minutes: the PDF's identity, Section I as printed beside what it resolved
 * to, the Section II rows per jurisdiction with their pages, Section III's new and removed
 * entries, the cross-checks the rows passed, what the parser flagged, and for a completed week every added row and changed value.
 */
import type { GazetteerRow } from '../contract/schema.ts';
import type { Completion } from './complete.ts';
import type { FetchedPdf } from './pdf-source.ts';
import type { PdfWeek } from './pdf-week.ts';
import type { PolicyUpdate } from './policies.ts';
import { escapeMarkdown } from './summary.ts';

/** Beyond this many lines a list is cut, saying how many it left out. */
const LIST_LIMIT = 250;

const md = (text: string | null) => (text === null ? '—' : escapeMarkdown(text));

function list(items: readonly string[], empty: string): string[] {
  if (!items.length) return [empty];
  const shown = items.slice(0, LIST_LIMIT).map((item) => `- ${md(item)}`);
  if (items.length > LIST_LIMIT) shown.push(`- … and ${items.length - LIST_LIMIT} more`);
  return shown;
}

const pageList = (pages: readonly number[]) => {
  const unique = [...new Set(pages)].sort((a, b) => a - b);
  return unique.length === 1 ? `page ${unique[0]}` : `pages ${unique.join(', ')}`;
};

export interface PdfReviewInput {
  pdf: FetchedPdf;
  week: PdfWeek;
  policies: PolicyUpdate;
  completion: Completion | null;
  gazetteer: readonly GazetteerRow[];
}

export function pdfReview({ pdf, week, policies, completion, gazetteer }: PdfReviewInput): string {
  const places = new Map(gazetteer.map((row) => [row.id, row]));
  const place = (id: string) => {
    const row = places.get(id);
    return row ? `${md(row.name)}, ${row.state}` : `\`${id}\``;
  };
  const { report } = pdf;
  const original = week.meta.original!;
  const lines = [
    '### The PDF',
    '',
    `- Address: ${md(pdf.url)}${pdf.listing ? ` (found on ${md(pdf.listing)})` : ''}`,
    `- SHA-256 \`${original.sha256}\`, ${original.bytes} bytes, ${report.pageCount} pages${report.producer ? `, produced by ${md(report.producer)}` : ''}`,
    `- Title as printed: ${md(report.title)}`,
    `- Published: ${week.meta.published}${week.meta.published_note ? ` (${md(week.meta.published_note)})` : ''}`,
    '',
    '### Section I as printed',
    '',
  ];
  const sectionI = report.sectionI;
  if (!sectionI) lines.push('The PDF has no Section I that the parser could find.');
  else {
    const ranked = week.jurisdictions.filter((row) => row.issued_rank !== null);
    lines.push(
      '| Rank | As printed | Resolved to | Issued | Page |',
      '| ---: | --- | --- | ---: | ---: |',
      ...sectionI.rows.map(
        (row, i) =>
          `| ${i + 1} | ${md(row.printedName)} | ${place(ranked[i]!.jurisdiction)} | ${row.issued} | ${row.page} |`,
      ),
      '',
      sectionI.printedTotal
        ? `The report prints a total of ${sectionI.printedTotal.value} (page ${sectionI.printedTotal.page}); the rows add up to ${sectionI.rows.reduce((n, r) => n + r.issued, 0)}.`
        : 'The report prints no total for Section I.',
    );
  }
  lines.push('', '### Section II rows per jurisdiction', '');
  if (!report.sectionII) lines.push('The PDF has no Section II that the parser could find.');
  else {
    const per = new Map<string, number[]>();
    week.declined.forEach((row, i) => {
      per.set(row.jurisdiction, [...(per.get(row.jurisdiction) ?? []), week.declinedPages[i]!]);
    });
    const printed = report.sectionII.printedTotal;
    lines.push(
      `${week.declined.length} rows${printed ? `; the report prints a total of ${printed.value} (page ${printed.page})` : '; the report prints no total for them'}.`,
      '',
      '| Jurisdiction | Rows | Printed on |',
      '| --- | ---: | --- |',
      ...[...per]
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
        .map(([id, pages]) => `| ${place(id)} | ${pages.length} | ${pageList(pages)} |`),
    );
  }
  lines.push('', '### Section III', '');
  if (!report.sectionIII) lines.push('The PDF has no Section III that the parser could find.');
  else {
    lines.push(
      `${report.sectionIII.rows.length} entries. New to policies.csv (${policies.added.length}):`,
      '',
      ...list(
        policies.added.map((e) => `${e.row.listed_as ?? e.row.jurisdiction} (page ${e.page})`),
        'none',
      ),
      '',
      `Listed by an earlier report and not by this one (${policies.dropped.length}):`,
      '',
      ...list(
        policies.dropped.map(
          (row) => `${row.listed_as ?? row.jurisdiction} (first listed ${row.first_report})`,
        ),
        'none',
      ),
    );
    if (policies.completed.length || policies.differing.length || policies.listedEarlier.length) {
      lines.push(
        '',
        'Rows of this week completed, or differing from the PDF (left as they are):',
        '',
        ...list(
          [
            ...policies.completed.map(
              (c) =>
                `${c.listed.row.jurisdiction}: ${c.cells.join(', ')} completed from page ${c.listed.page}`,
            ),
            ...policies.differing.map(
              (d) =>
                `${d.existing.jurisdiction}: ${d.cells.join(', ')} differ from page ${d.listed.page}; left as published`,
            ),
            ...policies.listedEarlier.map(
              (l) =>
                `${l.existing.jurisdiction}: printed here (page ${l.listed.page}), though policies.csv says it was first listed ${l.existing.first_report}; left as it is`,
            ),
          ],
          'none',
        ),
      );
    }
  }
  if (completion) {
    lines.push(
      '',
      `### Completed from the PDF`,
      '',
      `Added (${completion.added.length}):`,
      '',
      ...list(completion.added, 'nothing'),
      '',
      `Changed, each with a transcription entry in corrections.csv (${completion.changed.length}):`,
      '',
      ...list(completion.changed, 'nothing'),
      '',
      `Left as published (${completion.kept.length}):`,
      '',
      ...list(completion.kept, 'nothing'),
    );
  }
  lines.push(
    '',
    `### Cross-checks passed (${report.checks.length})`,
    '',
    ...list(
      report.checks.map(({ check, result }) => `${check}: ${result}`),
      'none: the report prints nothing to check its rows against',
    ),
  );
  const flagged = [
    ...week.warnings,
    ...pdf.notes,
    ...(week.missingSections.length
      ? [`The PDF has no ${week.missingSections.join(', ')} that the parser could find.`]
      : []),
  ];
  lines.push(
    '',
    `### What the parser flagged (${flagged.length})`,
    '',
    ...list(flagged, 'nothing'),
  );
  return `${lines.join('\n')}\n`;
}
