/**
 * `npm run ingest`: fetches the next weekly report into data/reports/ (see `--help` text in
 * src/lib/ingest/cli.ts and CONTRIBUTING.md). Exit code 0 done, 1 failed, 2 wrong usage, 130 or
 * 143 stopped by SIGINT or SIGTERM.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { runIngestCli } from '../src/lib/ingest/cli.ts';

try {
  process.exitCode = await runIngestCli(process.argv.slice(2), process.env, {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    fetch: globalThis.fetch,
    sleep: (ms) => sleep(ms),
    today: new Date().toISOString().slice(0, 10),
    signals: process,
  });
} catch (error) {
  // runIngestCli tells every failure itself; this is the last guard against a stack trace.
  console.error(`Ingest failed: ${String(error)}`);
  process.exitCode = 1;
}
