/**
 * `npm run fuzz:pdf -- --layouts N [--seed S] [--producer P]`: prints N seeded report layouts,
 * reads each back, and says how many were read exactly, refused (with page and reason) or read
 * wrong, with the failures grouped by cause and the seed that reproduces each. Exits 1 when any
 * layout reads a wrong value (or is refused without naming its page), or fewer than 98 % read.
 */
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './lib/browser.ts';
import {
  causeOf,
  describeLayout,
  judge,
  PRODUCERS,
  printLayout,
  randomLayout,
} from './lib/ddor-pdf/fuzz.ts';
import type { Outcome, Producer } from './lib/ddor-pdf/fuzz.ts';

const TARGET = 0.98;

const { values } = parseArgs({
  options: {
    layouts: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    producer: { type: 'string', multiple: true },
  },
});
const count = Number(values.layouts);
const first = Number(values.seed);
const producers = (values.producer ?? PRODUCERS) as Producer[];
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(first)) {
  console.error(
    'Usage: npm run fuzz:pdf -- --layouts N [--seed S] [--producer pdfkit|pdf-lib|chromium]',
  );
  process.exit(2);
}
for (const p of producers) {
  if (!PRODUCERS.includes(p)) {
    console.error(`Unknown producer "${p}"; the producers are ${PRODUCERS.join(', ')}.`);
    process.exit(2);
  }
}

let browser: Browser | null = null;
const results: { seed: number; outcome: Outcome; layout: string }[] = [];
const started = Date.now();
try {
  for (let seed = first; seed < first + count; seed++) {
    const layout = randomLayout(seed, producers);
    if (layout.producer === 'chromium' && !browser) browser = await launchBrowser();
    const attempt = async () => judge(await printLayout(layout, browser));
    const crashed = (error: unknown): Outcome => ({
      kind: 'unexplained refusal',
      reason: `crashed: ${(error as Error).message}`,
    });
    let outcome: Outcome;
    try {
      outcome = await attempt();
    } catch (error) {
      outcome = crashed(error);
      // A browser that died (it happens over thousands of prints) is started again, once.
      if (layout.producer === 'chromium' && !browser?.isConnected()) {
        browser = await launchBrowser();
        outcome = await attempt().catch(crashed);
      }
    }
    results.push({ seed, outcome, layout: describeLayout(layout) });
    if (outcome.kind !== 'read') {
      console.log(
        `seed ${seed}: ${outcome.kind}: ${'reason' in outcome ? outcome.reason : outcome.difference}`,
      );
    }
  }
} finally {
  await browser?.close();
}

const read = results.filter((r) => r.outcome.kind === 'read').length;
const refused = results.filter((r) => r.outcome.kind === 'refused').length;
const wrong = results.filter(
  (r) => r.outcome.kind === 'wrong' || r.outcome.kind === 'unexplained refusal',
);
console.log('');
console.log(
  `${count} layouts (seeds ${first}–${first + count - 1}, ${producers.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`read exactly: ${read} (${((100 * read) / count).toFixed(1)} %)`);
console.log(
  `refused, naming the page and the reason: ${refused} (${((100 * refused) / count).toFixed(1)} %)`,
);
console.log(`read wrong or refused without a page: ${wrong.length}`);
const groups = new Map<string, typeof results>();
for (const result of results.filter((r) => r.outcome.kind !== 'read')) {
  const cause = causeOf(result.outcome);
  groups.set(cause, [...(groups.get(cause) ?? []), result]);
}
for (const [cause, members] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n${members.length} × ${cause}`);
  for (const m of members.slice(0, 5)) console.log(`  seed ${m.seed}: ${m.layout}`);
  if (members.length > 5)
    console.log(
      `  … and seeds ${members
        .slice(5)
        .map((m) => m.seed)
        .join(', ')}`,
    );
}
const ok = wrong.length === 0 && read / count >= TARGET;
console.log(`\n${ok ? 'PASS' : 'FAIL'}: target ${100 * TARGET} % read and no wrong value`);
process.exit(ok ? 0 : 1);
