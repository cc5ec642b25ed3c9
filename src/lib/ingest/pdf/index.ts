/**
 * Reading ICE's Declined Detainer Outcome Report PDF: bytes → a DdorReport, everything as
 * printed and unresolved, or a PdfReportError that names the page and the problem.
 */
export { analyseDdor, parseDdor, readDdorPdf } from './ddor.ts';
export type { DdorAnalysis, ReadOptions, ReadPdfOptions, ReadTrace } from './ddor.ts';
export type {
  DdorCheck,
  DdorReport,
  PrintedFigure,
  SectionIIIRow,
  SectionIIRow,
  SectionIRow,
} from './ddor-report.ts';
export type { PdfDocument, PdfInfo, PdfPage } from './document.ts';
export { PdfReportError } from './errors.ts';
export { DEFAULT_PDF_LIMITS, PdfLimitError, pdfLimitsFromEnv } from './limits.ts';
export type { PdfLimits } from './limits.ts';
export type { Period } from './period.ts';
export { readPdf, renderPdf } from './read-pdf.ts';
export { readLayoutTemplate } from './template.ts';
export type { LayoutTemplate } from './template.ts';
