import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browseBuiltSite } from '../helpers/browser.ts';
import { resolves } from '../helpers/built-site.ts';
import { FIXTURE_DIST, TEST_OUTPUT } from '../helpers/site.ts';

/** A page of every type the fixture builds, the report pages each, since their parts differ. */
const PAGES = [
  '/',
  '/weeks/',
  '/weeks/2020-01-04/',
  '/weeks/2020-01-11/',
  '/weeks/2020-01-18/',
  '/weeks/2020-01-04/vs/2020-01-11/',
  '/jurisdictions/',
  '/jurisdictions/tx-travis-county/',
  '/states/tx/',
  '/corrections/',
  '/methodology/',
  '/about/',
  '/search/',
  '/404.html',
  ...(resolves(FIXTURE_DIST, '/data/') ? ['/data/'] : []),
];
const WIDTHS = [360, 390];
/** Pages to look at on the smallest phone (site.test.ts saves every page at 390 and 1280 px). */
const SCREENSHOTS: [name: string, path: string][] = [
  ['home', '/'],
  ['week', '/weeks/2020-01-04/'],
  ['jurisdiction', '/jurisdictions/tx-travis-county/'],
  ['compare', '/weeks/2020-01-04/vs/2020-01-11/'],
];

const { open } = browseBuiltSite(FIXTURE_DIST);

/** Opens every folded part, so that what it holds is measured too. */
const unfold = (page: Page) =>
  page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });

/**
 * What lies outside the viewport's width: the page's own sideways scroll, any table box that
 * scrolls, and every table cell (and each element in one) that is not wholly in view.
 */
const outOfView = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      // Headings hidden from view (a reflowed table's) are clipped to a pixel, not laid out.
      return box.width > 1 && box.height > 1 && element.checkVisibility();
    };
    const outside = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.left < -0.5 || box.right > width + 0.5;
    };
    const cells = [...document.querySelectorAll('main :is(th, td)')].filter(shown);
    return {
      pageScroll: document.documentElement.scrollWidth - width,
      scrollingTables: [...document.querySelectorAll('.table-wrap')]
        .filter((wrap) => wrap.scrollWidth > wrap.clientWidth)
        .map((wrap) => name(wrap.querySelector('caption') ?? wrap)),
      cells: cells.length,
      cellsOutside: cells
        .filter((cell) => outside(cell) || [...cell.querySelectorAll('*')].some(outside))
        .map(name),
    };
  });

describe.each(WIDTHS)('at %i CSS px', (width) => {
  it.each(PAGES)('%s: nothing scrolls sideways, every table cell is in view', async (path) => {
    const { page, close } = await open(path, { width, javaScriptEnabled: false });
    for (const state of ['as loaded', 'unfolded']) {
      if (state === 'unfolded') await unfold(page);
      const result = await outOfView(page);
      expect(result.pageScroll, `${path} ${state}`).toBeLessThanOrEqual(0);
      expect(result.scrollingTables, `${path} ${state}`).toEqual([]);
      expect(result.cellsOutside, `${path} ${state}`).toEqual([]);
      const tables = await page.locator('main table').count();
      if (tables > 0 && state === 'unfolded') expect(result.cells).toBeGreaterThan(tables);
    }
    await close();
  });

  it.each(PAGES)('%s: axe finds no violation, folded or open', async (path) => {
    const { page, close } = await open(path, { width });
    for (const state of ['as loaded', 'unfolded']) {
      if (state === 'unfolded') await unfold(page);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        `${path} ${state}`,
      ).toEqual([]);
    }
    await close();
  });
});

interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
  backendDOMNodeId?: number;
}

/**
 * Each table of the page as Chromium's accessibility tree gives it (not as the markup says):
 * its column headers' names, and for each row its cells with their role and name, with the
 * `data-label` their element carries (the heading the reader sees on a phone).
 */
async function accessibleTables(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  const byId = new Map(nodes.map((node) => [node.nodeId, node]));
  const role = (node: AXNode) => node.role?.value ?? '';
  /** The node's descendants of these roles, looking through other nodes (rowgroups, ignored). */
  const find = (node: AXNode, roles: string[]): AXNode[] =>
    (node.childIds ?? []).flatMap((id) => {
      const child = byId.get(id);
      if (!child) return [];
      return !child.ignored && roles.includes(role(child)) ? [child] : find(child, roles);
    });
  const label = async (node: AXNode) => {
    const { node: dom } = (await cdp.send('DOM.describeNode', {
      backendNodeId: node.backendDOMNodeId!,
    })) as { node: { attributes?: string[] } };
    const attributes = dom.attributes ?? [];
    return attributes[attributes.indexOf('data-label') + 1] ?? null;
  };
  const tables = [];
  for (const table of nodes.filter((node) => !node.ignored && role(node) === 'table')) {
    const rows = find(table, ['row']);
    const cellsOf = (row: AXNode) => find(row, ['columnheader', 'rowheader', 'cell']);
    const [head, ...body] = rows;
    tables.push({
      name: table.name?.value ?? '',
      headers: cellsOf(head!).map((cell) => [role(cell), cell.name?.value ?? '']),
      rows: await Promise.all(
        body.map((row) =>
          Promise.all(
            cellsOf(row).map(async (cell) => ({
              role: role(cell),
              name: cell.name?.value ?? '',
              label: await label(cell),
            })),
          ),
        ),
      ),
    });
  }
  await cdp.detach();
  return tables;
}

describe('tables in the accessibility tree, reflowed at 360 CSS px', () => {
  const tablePages = PAGES.filter((path) => !/methodology|about|search|404/.test(path));

  it.each(tablePages)(
    '%s: every table keeps rows, column headers and cells under their heading',
    async (path) => {
      const { page, close } = await open(path, { width: 360 });
      await unfold(page);
      const reflowed = await page.evaluate(() =>
        [...document.querySelectorAll('main table.reflow td')].some(
          (cell) => getComputedStyle(cell).display !== 'table-cell',
        ),
      );
      // The point of the check: these tables are displayed as blocks here.
      expect(reflowed, path).toBe(true);
      const domTables = await page.locator('main table').count();
      const tables = await accessibleTables(page);
      expect(tables.length, path).toBe(domTables);
      for (const table of tables) {
        const where = `${path}: ${table.name}`;
        expect(table.name, where).not.toBe('');
        expect(table.headers.length, where).toBeGreaterThan(1);
        expect(
          table.headers.every(([role]) => role === 'columnheader'),
          where,
        ).toBe(true);
        expect(table.rows.length, where).toBeGreaterThan(0);
        for (const row of table.rows) {
          // Each cell sits under the column header that its visible label repeats.
          expect(
            row.map((cell) => cell.label),
            where,
          ).toEqual(table.headers.map(([, name]) => name));
          expect(
            row.every((cell) => cell.role === 'cell' || cell.role === 'rowheader'),
            where,
          ).toBe(true);
          // The label drawn before a value is not read as part of the cell's name.
          for (const cell of row) {
            if (cell.name && cell.label) expect(cell.name.startsWith(`${cell.label} `)).toBe(false);
          }
        }
      }
      // Where the markup names a row, so does the tree.
      const rowHeaders = await page.locator('main tbody th').count();
      const exposed = tables.flatMap((t) => t.rows.flat()).filter((c) => c.role === 'rowheader');
      expect(exposed.length, path).toBe(rowHeaders);
      await close();
    },
  );
});

describe('the jurisdiction index on a phone', () => {
  it('filters and sorts its reflowed rows, with the sort buttons in view', async () => {
    const { page, errors, close } = await open('/jurisdictions/', { width: 360 });
    const rows = page.locator('#jurisdiction-index tbody tr');
    const total = await rows.count();
    const visibleNames = () =>
      page
        .locator('#jurisdiction-index tbody tr:visible th')
        .evaluateAll((cells) => cells.map((cell) => cell.textContent!.trim()));
    const names = await visibleNames();
    expect(names.length).toBe(total);
    await page.locator('#jurisdiction-query').fill(names[0]!);
    const filtered = await visibleNames();
    expect(filtered).toContain(names[0]);
    expect(filtered.length).toBeLessThan(total);
    await page.locator('#jurisdiction-query').fill('');
    const button = page.getByRole('button', { name: /^Jurisdiction/ });
    await expect(button.isVisible()).resolves.toBe(true);
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await button.click();
    expect(await visibleNames()).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(errors).toEqual([]);
    await close();
  });
});

describe('screenshots at 360 CSS px', () => {
  it.each(SCREENSHOTS)('%s is saved with the test output', async (name, path) => {
    const folder = join(TEST_OUTPUT, 'screenshots');
    mkdirSync(folder, { recursive: true });
    const { page, close } = await open(path, { width: 360, javaScriptEnabled: false });
    const file = join(folder, `${name}-360.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(existsSync(file) && statSync(file).size > 1000).toBe(true);
    await close();
  });
});
