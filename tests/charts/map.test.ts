import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { chartCounts } from '../../src/lib/charts/cache.ts';
import { ensureCached } from '../../src/lib/charts/cache.ts';
import { mapPicture, pictureFiles, pictureImage } from '../../src/lib/charts/images.ts';
import { escapeXml } from '../../src/lib/output/xml.ts';
import { jurisdictionLabel } from '../../src/lib/text/names.ts';
import { legendValues, markRadius, weekMap } from '../../src/lib/charts/map.ts';
import type { WeekMap } from '../../src/lib/charts/map.ts';
import { formatCount } from '../../src/lib/text/format.ts';
import type { WeekReport } from '../../src/lib/contract/load.ts';
import { hostileModel, siteModel, useTemporaryCache } from './helpers.ts';

interface Mark {
  '@_data-jurisdiction': string;
  '@_r'?: string;
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
      const map = weekMap(week.report, siteModel.gazetteer, siteModel.largestDeclined)!;
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
    const { marks } = parseMap(
      weekMap(siteModel.weeks[0]!.report, siteModel.gazetteer, siteModel.largestDeclined)!.svg,
    );
    expect(marks.map((mark) => [mark['@_class'], mark.title]).sort()).toEqual([
      ['mark count', 'Travis County, TX: 5 declined'],
      ['mark count', 'Williamson County, TX: 2 declined'],
      ['mark zero', 'Nassau County, NY: 0 declined'],
    ]);
    const unknown = parseMap(
      weekMap(siteModel.weeks[1]!.report, siteModel.gazetteer, siteModel.largestDeclined)!.svg,
    ).marks;
    expect(unknown.find((mark) => mark['@_data-jurisdiction'] === 'or-washington-county')).toEqual(
      expect.objectContaining({
        title: 'Washington County, OR: count not reported',
        '@_class': 'mark unknown',
      }),
    );
  });

  it('is labelled by its own title and description', () => {
    const map = weekMap(
      siteModel.weeks[0]!.report,
      siteModel.gazetteer,
      siteModel.largestDeclined,
      'Week map 1',
    )!;
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
    const map = weekMap(report, hostileModel.gazetteer, hostileModel.largestDeclined)!;
    // The fixture's names, as the map must name them: markup in them is text, escaped once.
    const placed = ['tx-hostile-one', 'tx-hostile-two'].map((id) => ({
      name: jurisdictionLabel(hostileModel.gazetteer.get(id)!),
      declined: report.jurisdictions.find((row) => row.jurisdiction === id)!.declined,
    }));
    expect(placed[0]!.name).toContain('<script>');
    for (const svg of [map.svg, map.narrow.svg]) {
      expect(svg).not.toMatch(/<(script|b|img)\b|<!--/i);
      expect(svg).toContain(escapeXml(placed[0]!.name));
      expect(
        parseMap(svg)
          .marks.map((mark) => mark.title)
          .sort(),
      ).toEqual(placed.map(({ name, declined }) => `${name}: ${declined} declined`).sort());
    }
    expect(map.note).toMatch(/^Not on the map .*: =HYPERLINK\("http:\/\/x","y"\)L+, NY\.$/);
  });

  it('returns no map for a report with no jurisdiction to place', () => {
    const empty: WeekReport = { ...siteModel.weeks[0]!.report, jurisdictions: [] };
    expect(weekMap(empty, siteModel.gazetteer, siteModel.largestDeclined)).toBeNull();
  });

  it('draws a count with the same circle on every week, the archive largest the largest', () => {
    const counts = siteModel.weeks.flatMap((week) =>
      week.report.jurisdictions.flatMap((row) => (row.declined === null ? [] : [row.declined])),
    );
    expect(siteModel.largestDeclined).toBe(Math.max(...counts));
    /** Each week's circles as count → radius, read back from its SVG. */
    const radii = (svg: string) => {
      const byCount = new Map<number, number>();
      for (const mark of parseMap(svg).marks) {
        if (mark['@_class'] !== 'mark count') continue;
        const count = Number(/: ([\d,]+) declined$/.exec(mark.title)![1]!.replaceAll(',', ''));
        const r = Number(mark['@_r']);
        expect(byCount.get(count) ?? r).toBe(r);
        byCount.set(count, r);
      }
      return byCount;
    };
    for (const rendition of ['wide', 'narrow'] as const) {
      const weeks = siteModel.weeks.map((week) => {
        const map = weekMap(week.report, siteModel.gazetteer, siteModel.largestDeclined)!;
        return radii(rendition === 'wide' ? map.svg : map.narrow.svg);
      });
      let shared = 0;
      for (const [i, a] of weeks.entries()) {
        for (const b of weeks.slice(i + 1)) {
          for (const [count, r] of a) {
            if (!b.has(count)) continue;
            shared += 1;
            expect(b.get(count), `${rendition}: ${count} declined`).toBe(r);
          }
        }
      }
      // The fixture has counts two weeks share (1 in two weeks, 2 in two others).
      expect(shared).toBeGreaterThanOrEqual(2);
      // A week's own largest count draws the largest circle only if it is the archive's.
      const all = weeks.flatMap((week) => [...week]);
      const largest = Math.max(...all.map(([, r]) => r));
      for (const [count, r] of all) {
        expect(r === largest, `${rendition}: ${count}`).toBe(count === siteModel.largestDeclined);
        for (const [other, r2] of all) if (other > count) expect(r2).toBeGreaterThan(r);
      }
      if (rendition === 'wide') {
        for (const [count, r] of all) {
          expect(r).toBe(markRadius(count, siteModel.largestDeclined));
        }
      }
    }
  });

  it('shows the same legend on every week', () => {
    const legend = (svg: string) => /<g class="legend".*?<\/g>/.exec(svg)![0];
    const maps = siteModel.weeks.map((week) =>
      weekMap(week.report, siteModel.gazetteer, siteModel.largestDeclined)!,
    );
    for (const pick of [(m: WeekMap) => m.svg, (m: WeekMap) => m.narrow.svg]) {
      const legends = new Set(maps.map((map) => legend(pick(map))));
      expect(legends.size).toBe(1);
      const [only] = legends;
      for (const value of legendValues(siteModel.largestDeclined)) {
        expect(only).toContain(`>${formatCount(value)}</text>`);
      }
      expect(only).toContain('none recorded (0)');
      expect(only).toContain('count not reported');
    }
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
  const mapImage = async (map: WeekMap) => {
    const picture = mapPicture(map)!;
    await ensureCached(pictureFiles(picture));
    return pictureImage(picture);
  };

  it('writes the SVG once into the cache under a name that changes with the map', async () => {
    const [first, second] = siteModel.weeks.map((week) => week.report);
    const image = await mapImage(weekMap(first!, siteModel.gazetteer, siteModel.largestDeclined)!);
    expect(readFileSync(join(cacheDir(), image.file), 'utf8')).toBe(
      weekMap(first!, siteModel.gazetteer, siteModel.largestDeclined)!.svg,
    );
    expect(image.alt).toContain('Largest circle: Travis County, TX, 5 declined.');
    expect(
      await mapImage(weekMap(first!, siteModel.gazetteer, siteModel.largestDeclined)!),
    ).toEqual(image);
    expect(chartCounts()).toEqual({ drawn: 1, reused: 1 });
    expect(
      (await mapImage(weekMap(second!, siteModel.gazetteer, siteModel.largestDeclined)!)).file,
    ).not.toBe(image.file);
  });
});
