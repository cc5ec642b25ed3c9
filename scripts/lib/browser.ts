/**
 * The Chromium that tests and scripts drive: CHROME_PATH or CHROMIUM_PATH where set (Chrome on
 * a GitHub runner), else Debian's Chromium where installed, else the Chromium that
 * @sparticuz/chromium carries inside its npm package (unpacked into the temp folder on first
 * use), so nothing needs more than `npm ci`. `TEST_BROWSER=npm` picks that one anyway.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export async function browserExecutable(): Promise<string> {
  const configured = process.env['CHROME_PATH'] || process.env['CHROMIUM_PATH'];
  if (process.env['TEST_BROWSER'] !== 'npm') {
    if (configured) return configured;
    if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/** The browser, headless and offline. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: await browserExecutable(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}
