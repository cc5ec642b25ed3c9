/**
 * `npm run accept-report -- --event FILE --message FILE [DIR]`: turns the issue of a GitHub
 * `issues` (labeled) event into one new corrections.csv entry in the data folder, after the
 * validator and the append-only guard pass on the result. Writes what to tell people to
 * --message: the pull request's text when it exits 0, the comment for the issue when it exits 1.
 * Nothing in the data folder changes on a refusal. (.github/workflows/error-report.yml runs it.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataDirFromEnv } from '../src/lib/contract/load.ts';
import { tableFileText } from '../src/lib/contract/csv.ts';
import { correctionsTable } from '../src/lib/contract/schema.ts';
import { acceptReport, IntakeRefusal, writeAccepted } from '../src/lib/intake/accept.ts';
import type { IssueEvent } from '../src/lib/intake/accept.ts';

const { values, positionals } = parseArgs({
  options: { event: { type: 'string' }, message: { type: 'string' } },
  allowPositionals: true,
});
if (!values.event || !values.message) {
  console.error('usage: npm run accept-report -- --event FILE --message FILE [DATA_DIR]');
  process.exit(2);
}
const dir = positionals[0] ?? dataDirFromEnv();

/** Text shown as written: in a fence longer than any run of backticks inside it. */
const fenced = (text: string) => {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
};

let event: IssueEvent;
try {
  event = JSON.parse(readFileSync(values.event, 'utf8')) as IssueEvent;
} catch (error) {
  console.error(`${values.event}: cannot read the event: ${(error as Error).message}`);
  process.exit(2);
}
const issue = typeof event.issue?.number === 'number' ? `#${event.issue.number}` : 'the issue';

try {
  const accepted = acceptReport(dir, event);
  writeAccepted(dir, accepted);
  const { entry } = accepted;
  const changed = Object.keys(accepted.files).map((path) => `\`data/${path}\``);
  writeFileSync(
    values.message,
    [
      `Adds the ${entry['kind']} accepted in ${issue} to \`data/corrections.csv\`.`,
      '',
      `Closes ${issue}.`,
      '',
      `Files changed: ${changed.join(', ')}. The new entry:`,
      '',
      fenced(tableFileText(correctionsTable, [entry]).trimEnd()),
      '',
      'The validator and the append-only guard passed on this change; CI checks it again.',
      '',
    ].join('\n'),
  );
  console.log(`${issue}: ${entry['kind']} entry ${entry['id']} added to ${dir}/corrections.csv`);
} catch (error) {
  if (!(error instanceof IntakeRefusal)) throw error;
  writeFileSync(
    values.message,
    [
      `This report could not be added as it stands, so no pull request was opened. What the check found:`,
      '',
      fenced(error.reasons.join('\n')),
      '',
      'Edit the issue so that it names a value the archive publishes, as published, then remove and apply the label again.',
      '',
    ].join('\n'),
  );
  console.error(`${issue} refused:\n${error.reasons.join('\n')}`);
  process.exit(1);
}
