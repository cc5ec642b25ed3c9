import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { watchCsp } from './csp.ts';
import { serveStatic } from './static-server.ts';
import type { StaticServer } from './static-server.ts';

import { launchBrowser } from '../../scripts/lib/browser.ts';

export { browserExecutable, launchBrowser } from '../../scripts/lib/browser.ts';

export interface OpenOptions {
  javaScriptEnabled?: boolean;
  width?: number;
  /** Lets a test show that the policy, not the markup, is what stops an injected handler. */
  bypassCSP?: boolean;
}

/**
 * Opens a page in a fresh context and collects every console error, uncaught exception and failed
 * or erroring request (with its URL, which Chromium's console message leaves out), every
 * Content-Security-Policy violation, and every dialog (dismissed, so a test never hangs on one).
 */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    bypassCSP: options.bypassCSP ?? false,
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
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
  return { page, response, errors, dialogs, csp, close: () => context.close() };
}

/**
 * Chromium and a static server over a built site, started before the tests of the file (or
 * `describe` block) that calls this and stopped after them. `open('/path/')` opens a page of it.
 */
export function browseBuiltSite(dist: string) {
  let browser: Browser | undefined;
  let site: StaticServer | undefined;
  beforeAll(async () => {
    [browser, site] = await Promise.all([launchBrowser(), serveStatic(dist)]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    open: (path: string, options: OpenOptions = {}) => {
      if (!browser || !site) throw new Error('browseBuiltSite: the browser has not started');
      return openPage(browser, `${site.origin}${path}`, options);
    },
  };
}
