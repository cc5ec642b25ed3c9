import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { chartCounts } from '../../src/lib/charts/cache.ts';
import { mapImage } from '../../src/lib/charts/images.ts';
import { escapeXml } from '../../src/lib/output/xml.ts';
import { legendValues, weekMap } from '../../src/lib/charts/map.ts';
import type { WeekReport } from '../../src/lib/contract/load.ts';
import { hostileModel, siteModel, useTemporaryCache } from './helpers.ts';

interface Mark {
  '@_data-jurisdiction': string;
  '@_class': string;
  title: string;
}

/** The map as a tree, with every mark (circle or cross) flattened into one list. */
function parseMap(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'circle' || name === 'path' || name === 'g',
  }).parse(svg).svg;
  const markGroup = root.g.find((g: { '@_class': string }) => g['@_class'] === 'marks');
  const marks: Mark[] = [...(markGroup.circle ?? []), ...(markGroup.path ?? [])];
  return { root, marks };
}

describe('week map', () => {
  it('is valid XML with one named mark per jurisdiction of the week', () => {
    for (const week of siteModel.weeks) {
      const map = weekMap(week.report, siteModel.gazetteer)!;
      const { root, marks } = parseMap(map.svg);
      expect(marks.map((mark) => mark['@_data-jurisdiction']).sort()).toEqual(
        week.report.jurisdictions.map((row) => row.jurisdiction).sort(),
      );
      for (const mark of marks) expect(mark.title).toMatch(/^.+, [A-Z]{2}: /);
      expect(map.note).toBeNull();
      expect(root['@_role']).toBe('img');
      expect([root['@_width'], root['@_height']]).toEqual([String(map.width), String(map.height)]);
    }
  });

  it('names marks by their count, a zero as a zero and an unknown count as not reported', () => {
    const { marks } = parseMap(weekMap(siteModel.weeks[0]!.report, siteModel.gazetteer)!.svg);
    expect(marks.map((mark) => [mark['@_class'], mark.title]).sort()).toEqual([
      ['mark count', 'Travis County, TX: 5 declined'],
      ['mark count', 'Williamson County, TX: 2 declined'],
      ['mark zero', 'Nassau County, NY: 0 declined'],
    ]);
    const unknown = parseMap(weekMap(siteModel.weeks[1]!.report, siteModel.gazetteer)!.svg).marks;
    expect(unknown.find((mark) => mark['@_data-jurisdiction'] === 'or-washington-county')).toEqual(
      expect.objectContaining({
        title: 'Washington County, OR: count not reported',
        '@_class': 'mark unknown',
      }),
    );
  });

  it('is labelled by its own title and description', () => {
    const map = weekMap(siteModel.weeks[0]!.report, siteModel.gazetteer, 'Week map 1')!;
    const { root } = parseMap(map.svg);
    expect(root['@_aria-labelledby']).toBe('week-map-1-title week-map-1-desc');
    expect(root.title).toEqual({
      '#text':
        'Map of the jurisdictions named in the report of Jan 4 – Jan 10, 2020, by declined detainers recorded',
      '@_id': 'week-map-1-title',
    });
    expect(root.desc['#text']).toContain('Largest circle: Travis County, TX, 5 declined.');
  });

  it('escapes hostile names and lists what it cannot place', () => {
    const report = hostileModel.weeks[0]!.report;
    const map = weekMap(report, hostileModel.gazetteer)!;
    expect(map.svg).not.toMatch(/<(script|b|img)\b|<!--/i);
    expect(map.svg).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; County, TX',
    );
    const { marks } = parseMap(map.svg);
    expect(marks.map((mark) => mark.title).sort()).toEqual([
      '<script>alert(1)</script> "><img src=x onerror=alert(1)> County, TX: 2 declined',
      "\u202Eevil\u202C & <b>Two</b> </script><!-- 'onmouseover='alert(1)', TX: 1 declined",
    ]);
    expect(map.note).toMatch(/^Not on the map .*: =HYPERLINK\("http:\/\/x","y"\)L+, NY\.$/);
  });

  it('returns no map for a report with no jurisdiction to place', () => {
    const empty: WeekReport = { ...siteModel.weeks[0]!.report, jurisdictions: [] };
    expect(weekMap(empty, siteModel.gazetteer)).toBeNull();
  });

  it('draws legend circles at round values', () => {
    expect(legendValues(142)).toEqual([100, 20, 5]);
    expect(legendValues(5)).toEqual([5, 1]);
    expect(legendValues(1)).toEqual([1]);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops what XML cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    expect(escapeXml('a\u0000b\u001Fc\tok\uD800')).toBe('abc\tok\uFFFD');
    expect(
      XMLValidator.validate(`<t a="${escapeXml('"\'<&\u0001')}">${escapeXml(']]><x/>')}</t>`),
    ).toBe(true);
  });
});

describe('map image', () => {
  const cacheDir = useTemporaryCache();

  it('writes the SVG once into the cache under a name that changes with the map', async () => {
    const [first, second] = siteModel.weeks.map((week) => week.report);
    const image = await mapImage(weekMap(first!, siteModel.gazetteer)!);
    expect(readFileSync(join(cacheDir(), image.file), 'utf8')).toBe(
      weekMap(first!, siteModel.gazetteer)!.svg,
    );
    expect(image.alt).toContain('Largest circle: Travis County, TX, 5 declined.');
    expect(await mapImage(weekMap(first!, siteModel.gazetteer)!)).toEqual(image);
    expect(chartCounts()).toEqual({ drawn: 1, reused: 1 });
    expect((await mapImage(weekMap(second!, siteModel.gazetteer)!)).file).not.toBe(image.file);
  });
});
