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

/**
 * The rare failure after which the data folder may not be as it was: a move into it failed and
 * so did its undo. The message says what the next run does about it.
 */
export class UnsettledError extends IngestError {
  constructor(message: string) {
    super(message);
    this.name = 'UnsettledError';
  }
}
