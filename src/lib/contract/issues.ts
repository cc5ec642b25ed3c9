/** A problem found in a data file, located so a maintainer can go straight to it. */
export interface Issue {
  /** Path relative to the data folder, with forward slashes. */
  file: string;
  /** 1-based line; 1 for problems that concern a whole file. */
  line: number;
  /** 1-based column: the field's position in a CSV record, or the character in a JSON line. */
  column: number;
  message: string;
}

/** Formats an issue as `path:line:column: message`, the form editors and CI annotations read. */
export function formatIssue(issue: Issue, prefix = ''): string {
  return `${prefix}${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

export function compareIssues(a: Issue, b: Issue): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/** Thrown where invalid data must stop the work (the site build, the ingest job). */
export class DataValidationError extends Error {
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[], prefix = '') {
    const shown = issues.slice(0, 50).map((issue) => formatIssue(issue, prefix));
    const more = issues.length > 50 ? [`… and ${issues.length - 50} more`] : [];
    super([`The data has ${issues.length} problem(s):`, ...shown, ...more].join('\n'));
    this.name = 'DataValidationError';
    this.issues = issues;
  }
}
