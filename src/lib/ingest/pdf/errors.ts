import { IngestError } from '../errors.ts';

/**
 * A PDF the ingest will not read, and why. `page` is the 1-based page the problem is on, or null
 * when it concerns the file as a whole (encrypted, not a PDF). The message starts with
 * "page N: " whenever the page is known, so a job log points the maintainer straight at it;
 * `reason` is the message without it.
 */
export class PdfReportError extends IngestError {
  readonly page: number | null;
  readonly reason: string;

  constructor(page: number | null, reason: string, cause?: unknown) {
    super(page === null ? reason : `page ${page}: ${reason}`);
    this.name = 'PdfReportError';
    this.page = page;
    this.reason = reason;
    if (cause !== undefined) this.cause = cause;
  }
}
