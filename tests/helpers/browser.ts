import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { watchCsp } from './csp.ts';

/** Debian's Chromium (or CHROME_PATH / CHROMIUM_PATH, e.g. Chrome on a GitHub runner), headless and offline. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath:
      process.env['CHROME_PATH'] ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
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

export interface OpenOptions {
  javaScriptEnabled?: boolean;
  width?: number;
}

/**
 * Opens a page in a fresh context and collects every console error, uncaught exception and failed
 * or erroring request (with its URL, which Chromium's console message leaves out), and every
 * Content-Security-Policy violation.
 */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Leaving a page cancels its pending image loads; that is the reader moving on, not a fault.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
      errors.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()}: ${response.url()}`);
  });
  const response = await page.goto(url);
  await page.waitForLoadState('load');
  return { page, response, errors, csp, close: () => context.close() };
}
