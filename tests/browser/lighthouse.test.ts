import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { FIXTURE_DIST, ROOT, TEST_OUTPUT } from '../helpers/site.ts';

/** The pages the issue names: home, a report, a jurisdiction, the data page. */
const PAGES = ['/', '/weeks/2020-01-04/', '/jurisdictions/tx-travis-county/', '/data/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/**
 * The categories a page must score 100 in. Performance is a timing on a shared machine, so it is
 * printed and written to lighthouse.json, never asserted; `npm run bench` measures speed.
 */
const ASSERTED = ['accessibility', 'best-practices', 'seo'] as const;
const FORM_FACTORS = ['mobile', 'desktop'] as const;

/** A port nobody listens on at the moment, on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`astro preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within a minute`);
}

let preview: ChildProcess;
let origin: string;
let browser: Browser;
let debuggingPort: number;

beforeAll(async () => {
  const [previewPort, chromePort] = await Promise.all([freePort(), freePort()]);
  origin = `http://127.0.0.1:${previewPort}`;
  // The setup: the project's own `astro preview`, serving the fixture build.
  preview = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/astro/bin/astro.mjs'),
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(previewPort),
      '--outDir',
      FIXTURE_DIST,
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  debuggingPort = chromePort;
  // Lighthouse drives Chromium over the DevTools protocol on a port: the test browser
  // (tests/helpers/browser.ts), launched as the other browser tests launch it.
  browser = await launchBrowser([`--remote-debugging-port=${chromePort}`]);
  await waitForServer(`${origin}/`, preview);
});

afterAll(async () => {
  await browser?.close();
  preview?.kill();
});

describe('Lighthouse', () => {
  const scores: Record<string, Record<string, number>> = {};

  const runs = PAGES.flatMap((path) =>
    FORM_FACTORS.map((formFactor) => [path, formFactor] as const),
  );

  it.each(runs)(
    '%s (%s) scores 100 in accessibility, best practices and SEO',
    async (path, formFactor) => {
      // Lighthouse's default is a phone on a throttled network; its desktop preset is the
      // reporter at a desk. Readers come as both.
      const result = await lighthouse(
        `${origin}${path}`,
        { port: debuggingPort, output: 'json', logLevel: 'error' },
        formFactor === 'desktop' ? desktopConfig : undefined,
      );
      const lhr = result!.lhr;
      const byCategory = Object.fromEntries(
        CATEGORIES.map((category) => [category, lhr.categories[category]!.score ?? 0]),
      );
      scores[`${path} (${formFactor})`] = byCategory;
      const low = ASSERTED.filter((category) => byCategory[category]! < 1).map((category) => {
        const failing = lhr.categories[category]!.auditRefs.filter(
          (ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1,
        ).map(
          (ref) => `${ref.id} (${lhr.audits[ref.id]!.displayValue ?? lhr.audits[ref.id]!.score})`,
        );
        return `${category} ${Math.round(byCategory[category]! * 100)}: ${failing.join(', ')}`;
      });
      expect(low, path).toEqual([]);
    },
    180_000,
  );

  afterAll(() => {
    const rows = Object.entries(scores).map(([path, byCategory]) =>
      [
        path.padEnd(36),
        ...CATEGORIES.map((c) => String(Math.round(byCategory[c]! * 100)).padStart(14)),
      ].join(''),
    );
    console.log(
      ['Lighthouse'.padEnd(44) + CATEGORIES.map((c) => c.padStart(14)).join(''), ...rows].join(
        '\n',
      ),
    );
    mkdirSync(TEST_OUTPUT, { recursive: true });
    writeFileSync(join(TEST_OUTPUT, 'lighthouse.json'), `${JSON.stringify(scores, null, 2)}\n`);
  });
});
