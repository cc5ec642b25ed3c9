/**
 * A failure that stops the ingest. Its message is written for the maintainer who reads the job
 * log: what went wrong, where, and what to do next. Nothing in the data folder has changed.
 */
export class IngestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestError';
  }
}
