import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  correctionFeedItems,
  jurisdictionFeedItems,
  reportFeedItems,
} from '../../src/lib/output/feeds.ts';
import { loadDataset } from '../../src/lib/contract/load.ts';
import { buildSiteModel } from '../../src/lib/model/site-model.ts';
import { absoluteUrl } from '../../src/lib/output/urls.ts';
import { parseFeed as readerParse } from '@rowanmanning/feed-parser';
import { parseHTML } from 'linkedom';
import { parse as parseYaml } from 'yaml';
import { parseFeed } from '../feeds/rss.ts';
import { browseBuiltSite } from '../helpers/browser.ts';
import { listPages } from '../helpers/built-site.ts';
import { pagePolicy, parsePolicy, sha256Source } from '../helpers/csp.ts';
import { buildSite, readDataCsv, readPage, readText, ROOT, TEST_OUTPUT } from '../helpers/site.ts';
import { jurisdictionLabel } from '../../src/lib/text/names.ts';

/**
 * The hostile fixture puts markup, script, attribute and CDATA breakouts, `javascript:` text,
 * spreadsheet formulas, bidi overrides, 10 KB texts and the noncharacters U+FFFE and U+FFFF
 * (which XML forbids but the contract allows) in every text field the contract allows. Its
 * build must show all of it as text, run none of it, and keep every file well-formed.
 */
const HOSTILE_DATA = join(ROOT, 'tests/fixtures/hostile/data');
const OUT = join(TEST_OUTPUT, 'hostile');
const DIST = join(OUT, 'dist');
const SITE = 'https://declined-detainer-archive.github.io/';
const WEEK = '2020-01-04';
const model = buildSiteModel(loadDataset(HOSTILE_DATA));
const link = (path: string) => absoluteUrl(SITE, '/', path);

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  await buildSite(HOSTILE_DATA, DIST);
});

/** The fixture as written, read without the project's code. */
const raw = {
  csv: (path: string) => readDataCsv(HOSTILE_DATA, path).data,
  report: JSON.parse(readFileSync(join(HOSTILE_DATA, `reports/${WEEK}/report.json`), 'utf8')),
};
const FIXTURE_CSVS = [
  'jurisdictions.csv',
  'policies.csv',
  'corrections.csv',
  `reports/${WEEK}/jurisdictions.csv`,
  `reports/${WEEK}/declined.csv`,
];

/**
 * An item's title or description as a reader that renders HTML shows it, once the feed's XML
 * is undone: the elements made of it, and its text. (@rowanmanning/feed-parser, the other kind
 * of reader here, gives both as text with their entities decoded.)
 */
function rendered(html: string) {
  const { document } = parseHTML(`<!doctype html><html><body><div>${html}</div></body></html>`);
  const root = document.querySelector('div')!;
  return { elements: root.querySelectorAll('*').length, text: root.textContent ?? '' };
}

/** Every built file whose name ends so, as a path relative to the build. */
function builtFiles(extension: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(extension))
        found.push(relative(DIST, path).split(sep).join('/'));
    }
  };
  walk(DIST);
  return found.sort();
}

/** Markup the payloads would inject if any text reached XML unescaped. */
const INJECTED = /<(script|evil|b|img)\b|<!\[CDATA\[|<!--/i;
/** Every character outside XML 1.0's `Char` production. */
const NOT_XML_CHARS = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

describe('feeds, sitemap and map built from hostile data', () => {
  it('every XML and SVG file is well-formed and holds only characters XML allows', () => {
    const files = [...builtFiles('.xml'), ...builtFiles('.svg')];
    expect(files).toEqual(expect.arrayContaining(['rss.xml', 'corrections.xml', 'sitemap-0.xml']));
    expect(files.some((file) => file.endsWith('.svg'))).toBe(true);
    for (const file of files) {
      const xml = readText(DIST, file);
      expect(XMLValidator.validate(xml), file).toBe(true);
      expect(xml.match(NOT_XML_CHARS), file).toBeNull();
      expect(xml, file).not.toMatch(INJECTED);
    }
  });

  it('/rss.xml carries what reportFeedItems makes, less the characters XML forbids', () => {
    const { items } = parseFeed(readText(DIST, 'rss.xml'));
    expect(items.map((i) => [i.title, i.description])).toEqual(
      reportFeedItems(model, link).map((i) => [i.title, i.description]),
    );
    const note = (raw.report.coverage_note as string).replace(NOT_XML_CHARS, '');
    expect(note).not.toBe(raw.report.coverage_note);
    expect(rendered(items[0]!.description).text).toContain(note);
  });

  it('jurisdiction feeds carry every text their items are made of', () => {
    for (const summary of model.jurisdictions.values()) {
      const feed = parseFeed(readText(DIST, `jurisdictions/${summary.jurisdiction.id}/rss.xml`));
      expect(feed.items.map((i) => [i.title, i.description])).toEqual(
        jurisdictionFeedItems(summary, model, link).map((i) => [i.title, i.description]),
      );
    }
  });

  it('/corrections.xml carries what correctionFeedItems makes', () => {
    const { items } = parseFeed(readText(DIST, 'corrections.xml'));
    expect(items.map((i) => [i.title, i.description])).toEqual(
      correctionFeedItems(model, link).map((i) => [i.title, i.description]),
    );
  });
});

describe('hostile feeds as a feed reader reads them', () => {
  const jurisdictionFeed = (id: string) =>
    readerParse(readText(DIST, `jurisdictions/${id}/rss.xml`));

  it('makes no element of any title or description in a reader that renders HTML', () => {
    const paths = [
      'rss.xml',
      'corrections.xml',
      ...[...model.jurisdictions.keys()].map((id) => `jurisdictions/${id}/rss.xml`),
    ];
    for (const path of paths) {
      const feed = parseFeed(readText(DIST, path));
      for (const html of [feed.title, ...feed.items.flatMap((i) => [i.title, i.description])]) {
        expect(rendered(html).elements, `${path}: ${html.slice(0, 60)}`).toBe(0);
      }
    }
  });

  it('keeps a name holding markup, a comment opener and a literal entity as written', () => {
    const names = raw.csv('jurisdictions.csv').map((row) => row['name']!);
    expect(names.some((name) => name.includes('&lt;b&gt;'))).toBe(true);
    expect(names.some((name) => name.includes('<!--'))).toBe(true);
    for (const { jurisdiction } of model.jurisdictions.values()) {
      const feed = jurisdictionFeed(jurisdiction.id);
      const label = jurisdictionLabel(jurisdiction);
      expect(feed.title).toBe(`Declined Detainer Archive: ${label}`);
      for (const item of feed.items) {
        // The whole label, then the rest: a comment opener hid nothing after it.
        expect(item.title).toMatch(new RegExp(`^${RegExp.escape(label)} — report for .+: `));
        expect(item.description).toContain(`${label} is named in`);
      }
      // A reader that renders HTML shows the same text.
      for (const item of parseFeed(readText(DIST, `jurisdictions/${jurisdiction.id}/rss.xml`))
        .items) {
        expect(rendered(item.title).text).toMatch(
          new RegExp(`^${RegExp.escape(label)} — report for `),
        );
      }
    }
  });

  it('keeps every correction statement as text in the corrections feed', () => {
    const feed = readerParse(readText(DIST, 'corrections.xml'));
    const shown = feed.items.map((item) => item.description ?? '').join('\n');
    for (const row of raw.csv('corrections.csv')) {
      expect(shown).toContain(row['statement']!.replace(NOT_XML_CHARS, ''));
    }
  });
});

describe('pages built from hostile data', () => {
  it('every JSON-LD block parses and escapes every <, so no data can close its element', () => {
    let blocks = 0;
    for (const page of listPages(DIST)) {
      for (const script of readPage(DIST, page).querySelectorAll(
        'script[type="application/ld+json"]',
      )) {
        blocks++;
        const text = script.textContent!;
        expect(text, page).not.toMatch(/[<>&]/);
        const data = JSON.parse(text);
        if (page === `/weeks/${WEEK}/`) {
          expect(data.isBasedOn).toEqual(raw.report.copies.map((c: { url: string }) => c.url));
        }
      }
    }
    expect(blocks).toBeGreaterThan(0);
  });

  it('every page has the policy, in the right place', () => {
    for (const page of listPages(DIST)) {
      expect(pagePolicy(readPage(DIST, page)).problems, page).toEqual([]);
    }
  });

  it('links only to http(s) addresses, and every source link is one of the data sources', () => {
    const sources = new Set(
      FIXTURE_CSVS.flatMap((path) => raw.csv(path)).flatMap((row) =>
        Object.entries(row)
          .filter(([column]) => column === 'url' || column.endsWith('source'))
          .map(([, value]) => value),
      ),
    );
    const walk = (value: unknown): void => {
      if (typeof value === 'string' && /^https?:/.test(value)) sources.add(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(raw.report);
    // The prose's own sources: the home page's statement of the publication status cites one.
    for (const file of readdirSync(join(ROOT, 'content/pages'))) {
      const frontmatter = /^---\n([\s\S]*?)\n---/.exec(
        readFileSync(join(ROOT, 'content/pages', file), 'utf8'),
      );
      if (frontmatter) walk(parseYaml(frontmatter[1]!));
    }
    let sourceLinks = 0;
    for (const page of listPages(DIST)) {
      const document = readPage(DIST, page);
      for (const element of document.querySelectorAll('[href], [src], [action], [formaction]')) {
        for (const attribute of ['href', 'src', 'action', 'formaction']) {
          const value = element.getAttribute(attribute);
          if (value === null) continue;
          const { protocol } = new URL(value, `${SITE}${page.slice(1)}`);
          // The layout's icon is the one data: URL, written in the layout itself.
          const icon =
            element.matches('link[rel="icon"]') && value.startsWith('data:image/svg+xml,');
          expect(icon || protocol === 'https:' || protocol === 'http:', `${page}: ${value}`).toBe(
            true,
          );
        }
      }
      for (const anchor of document.querySelectorAll('a.source')) {
        sourceLinks++;
        expect(sources, page).toContain(anchor.getAttribute('href'));
      }
    }
    expect(sourceLinks).toBeGreaterThan(0);
  });
});

describe('downloads built from hostile data', () => {
  /** OWASP's CSV injection rule; a plain signed number stays a number (the site's choice). */
  const formulaLike = (cell: string) =>
    /^[=+\-@\t\r\0]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell);

  it('no CSV cell starts a spreadsheet formula, and every such fixture cell arrives quoted', () => {
    const files = builtFiles('.csv');
    expect(files.length).toBeGreaterThan(5);
    const cells = new Set<string>();
    for (const file of files) {
      const { data } = Papa.parse<string[]>(readText(DIST, file), { skipEmptyLines: true });
      for (const cell of data.flat()) {
        expect(formulaLike(cell), `${file}: ${cell.slice(0, 60)}`).toBe(false);
        cells.add(cell);
      }
    }
    const dangerous = FIXTURE_CSVS.flatMap((path) => raw.csv(path).flatMap(Object.values)).filter(
      formulaLike,
    );
    expect(dangerous.length).toBeGreaterThan(5);
    for (const cell of dangerous) expect(cells, cell).toContain(`'${cell}`);
  });

  it('JSON files hold the raw text, which JSON.parse gives back unchanged', () => {
    const week = JSON.parse(readText(DIST, `api/weeks/${WEEK}.json`));
    expect(week.meta.coverage_note).toBe(raw.report.coverage_note);
    expect(week.meta.title).toBe(raw.report.title);
    expect(week.jurisdictions.map((j: { note: string }) => j.note)).toEqual(
      raw.csv(`reports/${WEEK}/jurisdictions.csv`).map((row) => row['note']),
    );
  });
});

describe('every hostile page in Chromium', () => {
  // Pages open with JavaScript on, recording dialogs and policy violations.
  const { open } = browseBuiltSite(DIST);

  /**
   * Elements no page of this site has and an injection would add: payload elements, event
   * handler attributes, script or data URLs, frames, and scripts the page's policy does not name.
   */
  async function injected(page: Page): Promise<string[]> {
    const found = await page.evaluate(() => {
      const problems: string[] = [];
      const describe = (element: Element) => element.outerHTML.slice(0, 120);
      for (const element of document.querySelectorAll('*')) {
        if (element.matches('img[src="x"], evil, iframe, object, embed, base, frame')) {
          problems.push(`element ${describe(element)}`);
        }
        for (const { name, value } of element.attributes) {
          if (name.toLowerCase().startsWith('on')) problems.push(`handler ${describe(element)}`);
          if (
            /^(href|src|action|formaction|xlink:href)$/i.test(name) &&
            /^\s*(javascript|vbscript|data):/i.test(value)
          ) {
            problems.push(`url ${describe(element)}`);
          }
        }
      }
      const scripts = [...document.querySelectorAll('script')].map((script) => ({
        type: script.type,
        src: script.src,
        text: script.textContent ?? '',
      }));
      const policy =
        document
          .querySelector('meta[http-equiv="content-security-policy"]')
          ?.getAttribute('content') ?? '';
      return { problems, scripts, policy, origin: location.origin };
    });
    const allowed = parsePolicy(found.policy).get('script-src') ?? [];
    for (const script of found.scripts) {
      if (script.type === 'application/ld+json') continue;
      if (script.src) {
        if (new URL(script.src).origin !== found.origin) {
          found.problems.push(`script ${script.src}`);
        }
      } else if (!allowed.includes(sha256Source(script.text))) {
        found.problems.push(`inline script ${script.text.slice(0, 80)}`);
      }
    }
    return found.problems;
  }

  it('no page opens a dialog, gains an injected element or violates its policy', async () => {
    const pages = listPages(DIST);
    expect(pages.length).toBeGreaterThan(10);
    for (const path of pages) {
      const { page, dialogs, csp, close } = await open(path);
      expect(dialogs, path).toEqual([]);
      expect(await injected(page), path).toEqual([]);
      expect(await csp.violations(), path).toEqual([]);
      await close();
    }
  });

  it('shows the payloads as text: names on the index, rows, notes and a 10 KB caveat on the report', async () => {
    const text = async (path: string) => {
      const { page, close } = await open(path);
      const content = (await page.locator('main').textContent()) ?? '';
      await close();
      return content;
    };
    const index = await text('/jurisdictions/');
    for (const row of raw.csv('jurisdictions.csv')) expect(index).toContain(row['name']);
    const week = await text(`/weeks/${WEEK}/`);
    for (const row of raw.csv(`reports/${WEEK}/declined.csv`)) {
      expect(week).toContain(row['facility']);
    }
    for (const row of raw.csv(`reports/${WEEK}/jurisdictions.csv`)) {
      expect(week).toContain(row['note']);
    }
    const caveat = raw.report.caveats[1].text as string;
    expect(caveat.length).toBeGreaterThanOrEqual(10_240);
    expect(week).toContain(caveat);
  });

  it('no page scrolls sideways at phone width, even with 10 KB words and 200-character names', async () => {
    for (const path of listPages(DIST)) {
      const { page, close } = await open(path, { width: 390 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await close();
    }
  });

  it('would notice an injection: the policy blocks an event handler and the checks see it', async () => {
    const inject = (page: Page) =>
      page.evaluate(() =>
        document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="alert(1)">'),
      );
    const guarded = await open(`/weeks/${WEEK}/`);
    await inject(guarded.page);
    await expect.poll(() => guarded.csp.violations()).not.toEqual([]);
    expect(guarded.dialogs).toEqual([]);
    expect(await injected(guarded.page)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^element <img/)]),
    );
    await guarded.close();
    // Without the policy the same handler runs, so the dialog check is live too.
    const bare = await open(`/weeks/${WEEK}/`, { bypassCSP: true });
    await inject(bare.page);
    await expect.poll(() => bare.dialogs).toEqual(['alert: 1']);
    await bare.close();
  });

  it('every XML file parses in the browser as well', async () => {
    const { page, close } = await open('/404.html');
    for (const file of builtFiles('.xml')) {
      const error = await page.evaluate(
        (xml) =>
          new DOMParser()
            .parseFromString(xml, 'application/xml')
            .querySelector('parsererror')
            ?.textContent?.slice(0, 200) ?? null,
        readText(DIST, file),
      );
      expect(error, file).toBeNull();
    }
    await close();
  });

  it('shows search excerpts as the data wrote them: a literal "&lt;b&gt;" and no element', async () => {
    const { page, errors, close } = await open('/search/?q=County');
    await page.locator('#search-results li').first().waitFor();
    const excerpts = await page
      .locator('#search-results li p')
      .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    const [one] = raw.csv('jurisdictions.csv').filter((row) => row['id'] === 'tx-hostile-one');
    expect(one!['name']).toContain('&lt;b&gt; County');
    expect(excerpts.some((text) => text.includes('&lt;b&gt; County'))).toBe(true);
    expect(
      await page.locator('#search-results b, #search-results img, #search-results script').count(),
    ).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('isolates every text holding a direction override from the text around it', async () => {
    const pages = listPages(DIST).filter((path) => !path.endsWith('404.html'));
    const exposed: string[] = [];
    for (const path of pages) {
      const { page, close } = await open(path, { javaScriptEnabled: false });
      const found = await page.evaluate(() => {
        const BLOCK = 'p, li, td, th, dd, dt, h1, h2, h3, h4, figcaption, caption, blockquote, div';
        const problems: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          if (!/[\u202A-\u202E\u2066-\u2069]/.test(text)) continue;
          const parent = node.parentElement!;
          const block = parent.closest(BLOCK);
          const isolated = parent.closest('bdi, [dir]');
          const alone = !block || (block.textContent ?? '').trim() === text.trim();
          if (!alone && (!isolated || (block && !block.contains(isolated)))) {
            problems.push(`${block?.tagName}: ${(block?.textContent ?? '').slice(0, 60)}`);
          }
        }
        return problems;
      });
      exposed.push(...found.map((problem) => `${path} ${problem}`));
      await close();
    }
    expect(exposed).toEqual([]);
  });
});
