/**
 * Reading ICE's Declined Detainer Outcome Report PDF: bytes → a DdorReport, everything as
 * printed and unresolved, or a PdfReportError that names the page and the problem.
 */
export { parseDdor, readDdorPdf } from './ddor.ts';
export type {
  DdorReport,
  PrintedFigure,
  SectionIIIRow,
  SectionIIRow,
  SectionIRow,
} from './ddor-report.ts';
export { PdfReportError } from './errors.ts';
export type { Period } from './period.ts';
export { readPdf } from './read-pdf.ts';
export type { PageText, PdfInfo, PdfText, TextItem } from './read-pdf.ts';
