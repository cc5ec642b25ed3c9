import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browseBuiltSite } from '../helpers/browser.ts';
import { FIXTURE_DATA, FIXTURE_DIST, ROOT } from '../helpers/site.ts';

const { open } = browseBuiltSite(FIXTURE_DIST);
/** A phone's first screen. */
const PHONE = { width: 390, height: 844 };

/** The report whose figures the fixture's files know most of, read from the files alone. */
function fullestReport(): string {
  const starts = ['2020-01-04', '2020-01-11', '2020-01-18'];
  const known = starts.map((start) => {
    const { figures } = JSON.parse(
      readFileSync(join(FIXTURE_DATA, 'reports', start, 'report.json'), 'utf8'),
    ) as { figures: Record<string, { value: number | null }> };
    return Object.values(figures).filter((figure) => figure.value !== null).length;
  });
  const most = Math.max(...known);
  return starts[known.lastIndexOf(most)]!;
}

describe('the home page on a phone', () => {
  it('tells in its first screen what the archive holds and where to go next', async () => {
    const { page, close } = await open('/', { width: PHONE.width });
    await page.setViewportSize(PHONE);
    const inFirstScreen = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox();
      return box !== null && box.y + Math.min(box.height, 24) <= PHONE.height;
    };
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('3 weekly reports');
    for (const selector of [
      'main h1',
      '.facts li:has-text("weekly reports")',
      '.facts li:has-text("Suspended") a.source',
      `.facts a[href="/corrections/"]`,
      '.report-card >> nth=0 >> dd',
      '.report-card >> nth=-1 >> dd',
      '.next a',
    ]) {
      expect(await inFirstScreen(selector), selector).toBe(true);
    }
    // The first card is the report that gives the most figures; the second the latest.
    const links = await page
      .locator('.report-card h2 a')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    const latest = '/weeks/2020-01-18/';
    const fullest = `/weeks/${fullestReport()}/`;
    expect(links).toEqual(fullest === latest ? [latest] : [fullest, latest]);
    await close();
  });

  it('shows the publication status from content/pages/home.mdx, linked to its source', async () => {
    const frontmatter = readFileSync(join(ROOT, 'content/pages/home.mdx'), 'utf8');
    const source = /source: (\S+)/.exec(frontmatter)![1]!;
    const { page, close } = await open('/');
    expect(await page.locator(`.facts a[href="${source}"]`).count()).toBe(1);
    await close();
  });
});
