import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ADDED_SOURCE,
  NEXT_WEEK,
  NEXT_WEEK_DATA,
  NEXT_WEEK_DIST,
} from '../helpers/fixture-week.ts';
import { readText } from '../helpers/site.ts';
import { parseFeed } from './rss.ts';

const SITE = 'https://declined-detainer-archive.github.io/';
const NEW_WEEK = NEXT_WEEK.start;
const DIST = NEXT_WEEK_DIST;
const data = NEXT_WEEK_DATA;

describe('adding a week', () => {
  it('puts the new report first in the feed', () => {
    const [first, ...rest] = parseFeed(readText(DIST, 'rss.xml')).items;
    expect(first).toMatchObject({
      title: 'Jan 25 – Jan 31, 2020: 1,234 detainers issued, 6 declined',
      link: `${SITE}weeks/${NEW_WEEK}/`,
      pubDate: 'Thu, 27 Feb 2020 00:00:00 GMT',
    });
    expect(rest).toHaveLength(3);
    const travis = parseFeed(readText(DIST, 'jurisdictions/tx-travis-county/rss.xml')).items;
    expect(travis.map((i) => i.link)[0]).toBe(
      `${SITE}weeks/${NEW_WEEK}/#jurisdiction-tx-travis-county`,
    );
  });

  it('lists the new week in the API and the data files', () => {
    const { weeks } = JSON.parse(readText(DIST, 'api/weeks.json'));
    expect(weeks.map((w: { start: string }) => w.start)).toEqual([
      '2020-01-04',
      '2020-01-11',
      '2020-01-18',
      NEW_WEEK,
    ]);
    expect(weeks.at(-1).figures.declined_total).toBe(6);
    expect(JSON.parse(readText(DIST, `api/weeks/${NEW_WEEK}.json`)).jurisdictions).toHaveLength(
      NEXT_WEEK.rows.length,
    );
    expect(readText(DIST, 'data/all-jurisdictions.csv').trimEnd().split('\n').at(-1)).toBe(
      `${NEW_WEEK},tx-travis-county,Travis County,TX,,,,2,${ADDED_SOURCE},`,
    );
    const descriptor = readText(DIST, 'data/datapackage.json');
    expect(descriptor).toBe(readFileSync(join(data, 'datapackage.json'), 'utf8'));
    expect(readText(DIST, `data/reports/${NEW_WEEK}/jurisdictions.csv`)).toBe(
      readText(DIST, `weeks/${NEW_WEEK}/jurisdictions.csv`),
    );
  });
});
