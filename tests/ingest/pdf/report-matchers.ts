/**
 * Compares a parsed report with the truth it was printed from, field by field. Expected
 * values come from `expectedReport(truth)`; nothing here is typed twice.
 */
import { expect } from 'vitest';
import type { DdorReport } from '../../../src/lib/ingest/pdf/ddor-report.ts';
import type { Plan } from '../../../scripts/lib/ddor-pdf/plan.ts';
import { expectedReport } from '../../../scripts/lib/ddor-pdf/truth.ts';
import type { DdorTruth } from '../../../scripts/lib/ddor-pdf/truth.ts';

/** A row without its page, to compare with the truth (pages depend on the producer). */
export function withoutPage<T extends { page: number }>(row: T): Omit<T, 'page'> {
  const rest: Partial<T> = { ...row };
  delete rest.page;
  return rest as Omit<T, 'page'>;
}

export function expectReportToMatchTruth(report: DdorReport, truth: DdorTruth): void {
  const expected = expectedReport(truth);
  expect(report.title).toBe(expected.title);
  expect(report.period).toEqual(expected.period);
  expect(report.detainersIssued?.value).toBe(expected.detainersIssued);
  expect(report.sectionTitles).toEqual(expected.sectionTitles);

  expect(report.sectionI?.rows.map(withoutPage)).toEqual(expected.sectionI);
  expect(report.sectionI?.printedTotal?.value).toBe(expected.sectionIPrintedTotal);

  const rows = report.sectionII?.rows ?? [];
  expect(rows).toHaveLength(expected.sectionII.length);
  rows.forEach((row, i) =>
    expect(withoutPage(row), `Section II row ${i + 1}`).toEqual(expected.sectionII[i]),
  );
  expect(report.sectionII?.printedTotal?.value ?? null).toBe(expected.sectionIIPrintedTotal);

  expect(report.sectionIII?.rows.map(withoutPage)).toEqual(expected.sectionIII);
  expect(report.sectionIV?.paragraphs).toEqual(expected.sectionIV);
  expect(report.runDate).toBe(expected.runDate);
  expect(report.warnings).toEqual([]);

  // Pages: in report order, and Section II really runs over several pages.
  const pages = [report.sectionI!, report.sectionII!, report.sectionIII!, report.sectionIV!].map(
    (s) => s.page,
  );
  expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  const rowPages = rows.map((r) => r.page);
  expect([...rowPages].sort((a, b) => a - b)).toEqual(rowPages);
  expect(rowPages[0]).toBeGreaterThanOrEqual(report.sectionII!.page);
  expect(rowPages.at(-1)).toBeLessThanOrEqual(report.sectionIII!.page);
  expect(new Set(rowPages).size).toBeGreaterThanOrEqual(3);
}

/** For the hand-placed producers, whose plan knows every page. */
export function expectPagesToMatchPlan(report: DdorReport, plan: Plan): void {
  expect(report.pageCount).toBe(plan.pageCount);
  expect(report.sectionII?.rows.map((r) => r.page)).toEqual(plan.sectionIIRowPages);
  expect({
    I: report.sectionI?.page,
    II: report.sectionII?.page,
    III: report.sectionIII?.page,
    IV: report.sectionIV?.page,
  }).toEqual(plan.headingPages);
  const runPage = (text: string) => plan.runs.find((r) => r.text === text)?.page;
  for (const row of report.sectionI?.rows ?? []) expect(row.page).toBe(runPage(row.printedName));
}
