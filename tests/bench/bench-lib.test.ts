import { describe, expect, it } from 'vitest';
import {
  busyTicks,
  diffTrees,
  growthExponent,
  markdownTable,
  median,
  pageResources,
  pageTypeOf,
  parseProcStat,
  parseProfile,
  parseRenderTimes,
  renderTimeByType,
  slowRenders,
  treeRssKb,
  treeRssKbByName,
} from '../../scripts/lib/bench.ts';

describe('bench: statistics and parsing', () => {
  it('takes the median of odd and even counts, unsorted, and 0 for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('reads per-page render times from Astro’s log in ms, s and m s, skipping cached files', () => {
    const log = [
      '\u001b[2m22:01:02\u001b[22m   \u001b[34m├─\u001b[39m \u001b[2m/weeks/2017-01-28/index.html (+812ms)\u001b[22m',
      '  ├─ /jurisdictions/tx-travis-county/index.html (+1.25s)',
      '  └─ /index.html (+1m 3s)',
      '  ├─ /states/tx/index.html (cached)',
      '16:00:00 [build] 3 page(s) built in 70.2s',
    ].join('\n');
    expect(parseRenderTimes(log)).toEqual([
      { path: '/weeks/2017-01-28/index.html', ms: 812 },
      { path: '/jurisdictions/tx-travis-county/index.html', ms: 1250 },
      { path: '/index.html', ms: 63_000 },
    ]);
  });

  it('lists renders over the threshold, slowest first', () => {
    const times = [
      { path: '/a/', ms: 400 },
      { path: '/b/', ms: 900 },
      { path: '/c/', ms: 501 },
      { path: '/d/', ms: 500 },
    ];
    expect(slowRenders(times, 500).map((time) => time.path)).toEqual(['/b/', '/c/']);
  });

  it('reads pid, parent and memory from a stat line whose command holds spaces and parentheses', () => {
    const fields = ['S', '41', ...Array.from({ length: 19 }, () => '0'), '2500', '0'];
    const line = `1234 (node (astro) build) ${fields.join(' ')}`;
    expect(parseProcStat(line, 4)).toEqual({
      pid: 1234,
      ppid: 41,
      name: 'node (astro) build',
      rssKb: 10_000,
    });
    expect(parseProcStat('not a stat line', 4)).toBeNull();
  });

  it('sums busy CPU ticks from /proc/stat and refuses other text', () => {
    expect(busyTicks('cpu  10 2 3 1000 50 4 5 0 0 0\ncpu0 1 1 1 1')).toBe(10 + 2 + 3 + 4 + 5);
    expect(() => busyTicks('intr 1 2 3')).toThrow(/proc\/stat/);
  });

  it('sums a process tree’s memory, not its siblings’, and survives a cycle', () => {
    const table = [
      { pid: 1, ppid: 0, name: 'bash', rssKb: 1 },
      { pid: 10, ppid: 1, name: 'node', rssKb: 100 },
      { pid: 11, ppid: 10, name: 'pagefind', rssKb: 20 },
      { pid: 12, ppid: 11, name: 'node', rssKb: 3 },
      { pid: 13, ppid: 1, name: 'node', rssKb: 4000 },
    ];
    expect(treeRssKb(table, 10)).toBe(123);
    expect(treeRssKb(table, 99)).toBe(0);
    expect(
      treeRssKb(
        [
          { pid: 2, ppid: 3, name: 'a', rssKb: 1 },
          { pid: 3, ppid: 2, name: 'b', rssKb: 2 },
        ],
        2,
      ),
    ).toBe(3);
    expect(treeRssKbByName(table, 10)).toEqual(
      new Map([
        ['node', 103],
        ['pagefind', 20],
      ]),
    );
  });

  it('reads a build profile, summing a phase or a count recorded twice', () => {
    const text = [
      '{"phase":"validate data","ms":1200}',
      '{"point":"build start","at":3000}',
      '{"phase":"validate data","ms":300}',
      '',
      '{"point":"pages generated","at":9000}',
      '{"count":"chart files drawn","n":4}',
      '{"count":"chart files drawn","n":2}',
    ].join('\n');
    expect(parseProfile(text)).toEqual({
      counts: new Map([['chart files drawn', 6]]),
      phases: new Map([['validate data', 1500]]),
      points: new Map([
        ['build start', 3000],
        ['pages generated', 9000],
      ]),
    });
  });

  it('sums render times by page type, other files apart', () => {
    expect(
      renderTimeByType([
        { path: '/weeks/2017-01-28/index.html', ms: 30 },
        { path: '/weeks/2017-02-04/index.html', ms: 20 },
        { path: '/jurisdictions/tx-travis-county/index.html', ms: 5 },
        { path: '/weeks/2017-01-28/report.json/', ms: 2 },
      ]),
    ).toEqual(
      new Map([
        ['week', 50],
        ['jurisdiction', 5],
        ['file', 2],
      ]),
    );
  });

  it('fits the growth exponent on a log–log scale', () => {
    const linear = [52, 260, 520, 1040].map((size) => ({ size, cost: 3 * size }));
    expect(growthExponent(linear)).toBeCloseTo(1, 10);
    const quadratic = [10, 20, 40].map((size) => ({ size, cost: size ** 2 }));
    expect(growthExponent(quadratic)).toBeCloseTo(2, 10);
    expect(growthExponent([{ size: 10, cost: 1 }])).toBeNull();
  });

  it('finds files only in one build and files whose bytes differ, sorted', () => {
    const first = new Map([
      ['b.html', 'x'],
      ['a.html', 'y'],
      ['same.css', 'z'],
    ]);
    const second = new Map([
      ['a.html', 'changed'],
      ['same.css', 'z'],
      ['new.png', 'w'],
    ]);
    expect(diffTrees(first, second)).toEqual({
      onlyInFirst: ['b.html'],
      onlyInSecond: ['new.png'],
      differing: ['a.html'],
    });
    expect(diffTrees(first, new Map(first))).toEqual({
      onlyInFirst: [],
      onlyInSecond: [],
      differing: [],
    });
  });
});

describe('bench: pages', () => {
  it('sorts built files into page types and leaves the rest out', () => {
    expect(
      [
        '/index.html',
        '/weeks/2017-01-28/index.html',
        '/weeks/2017-01-28/vs/2017-02-04/index.html',
        '/jurisdictions/tx-travis-county/index.html',
        '/states/tx/index.html',
        '/weeks/index.html',
        '/jurisdictions/index.html',
        '/weeks/2017-01-28/declined.csv',
      ].map(pageTypeOf),
    ).toEqual(['home', 'week', 'comparison', 'jurisdiction', 'state', null, null, null]);
  });

  it('lists what a page makes a browser fetch, each once, not links, data: or JSON-LD', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/_astro/a.css"><link rel="stylesheet" href="/_astro/a.css">
      <link rel="alternate" type="application/rss+xml" href="/rss.xml">
      <link rel="modulepreload" href="/_astro/m.js">
      <script type="module" src="/_astro/s.js"></script>
      <script>console.log(1)</script>
      <script type="application/ld+json">{"@context":"https://schema.org"}</script>
      </head><body>
      <img src="/charts/c.png" srcset="/charts/c.png 1x, /charts/c-2x.png 2x" alt="">
      <img src="/charts/map.svg" alt="">
      <img src="data:image/png;base64,AAAA" alt="">
      <a href="/weeks/">weeks</a><a href="/weeks/2017-01-28/declined.csv">CSV</a>
      </body></html>`;
    expect(pageResources(html)).toEqual({
      stylesheets: ['/_astro/a.css'],
      images: ['/charts/c.png', '/charts/map.svg'],
      images2x: ['/charts/c-2x.png', '/charts/map.svg'],
      scripts: ['/_astro/s.js', '/_astro/m.js'],
      inlineScriptBytes: Buffer.byteLength('console.log(1)'),
    });
  });

  it('formats a Markdown table with numbers right-aligned and grouped', () => {
    expect(
      markdownTable(
        ['Build', 'Pages'],
        [
          ['cold', 12345],
          ['warm', 7],
        ],
      ),
    ).toBe(
      ['| Build |  Pages |', '| ----- | -----: |', '| cold  | 12,345 |', '| warm  |      7 |'].join(
        '\n',
      ),
    );
  });
});
