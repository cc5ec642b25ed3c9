import { describe, expect, it } from 'vitest';
import {
  findRunDate,
  parseDatePoint,
  parseDateRange,
  parseSlashedDate,
} from '../../../src/lib/ingest/pdf/period.ts';
import { parsePdfDate } from '../../../src/lib/ingest/pdf/extract.ts';

describe('a date as the tables print it (M/D/YYYY)', () => {
  it('turns M/D/YYYY into YYYY-MM-DD, with or without leading zeros', () => {
    expect(parseSlashedDate('2/1/2017')).toBe('2017-02-01');
    expect(parseSlashedDate('10/16/2010')).toBe('2010-10-16');
    expect(parseSlashedDate(' 02/09/2017 ')).toBe('2017-02-09');
  });

  it('refuses other forms and dates that do not exist', () => {
    for (const text of ['2017-02-01', '2/1/17', '2/30/2017', '13/1/2017', 'Feb 1, 2017']) {
      expect(parseSlashedDate(text), text).toBeNull();
    }
  });
});

describe('the period in the title', () => {
  it.each([
    ['Jan. 28 – Feb. 3, 2017', '2017-01-28', '2017-02-03'],
    ['Feb 4 – Feb 10, 2017', '2017-02-04', '2017-02-10'],
    ['February 11 - 17, 2017', '2017-02-11', '2017-02-17'],
    ['Dec. 30, 2017 – Jan. 5, 2018', '2017-12-30', '2018-01-05'],
    ['Dec. 30 – Jan. 5, 2018', '2017-12-30', '2018-01-05'],
    ['Sept. 30 — Oct. 6, 2017', '2017-09-30', '2017-10-06'],
    ['Sep 2 to Sep 8, 2017', '2017-09-02', '2017-09-08'],
    ['January 28, 2017, through February 3, 2017', '2017-01-28', '2017-02-03'],
    ['between January 28, 2017 and February 3, 2017', '2017-01-28', '2017-02-03'],
    ['1/28/2017 – 2/3/2017', '2017-01-28', '2017-02-03'],
    ['MARCH 4-10, 2017.', '2017-03-04', '2017-03-10'],
  ])('reads "%s"', (text, start, end) => {
    expect(parseDateRange(text)?.period).toEqual({ start, end });
  });

  it('says how much of the text the range took', () => {
    const text = 'Jan. 28 – Feb. 3, 2017. Summary follows';
    expect(text.slice(0, parseDateRange(text)!.length)).toBe('Jan. 28 – Feb. 3, 2017');
  });

  it.each([
    ['Jan. 28 – Feb. 3', 'no year anywhere: not completed by guessing'],
    ['February 30 – March 3, 2017', 'not a real date'],
    ['Feb. 10 – Feb. 3, 2017', 'ends before it starts'],
    ['Smarch 3 – 9, 2017', 'not a month'],
    ['the week of the 28th', 'no dates'],
  ])('refuses "%s" (%s)', (text) => {
    expect(parseDateRange(text)).toBeNull();
  });
});

describe('single dates', () => {
  it.each([
    ['03/17/2017', '2017-03-17'],
    ['3/7/2017', '2017-03-07'],
    ['March 17, 2017', '2017-03-17'],
    ['Mar. 17 2017', '2017-03-17'],
    ['2017-03-17', '2017-03-17'],
    ['13/01/2017', null],
    ['March 2017', null],
  ])('%s → %s', (text, iso) => {
    expect(parseDatePoint(text)).toBe(iso);
  });

  it('finds the run date a report prints, whatever its label', () => {
    expect(findRunDate('… Run Date: 03/17/2017 Page 3 of 35')?.date).toBe('2017-03-17');
    expect(findRunDate('This report was run on March 17, 2017.')?.date).toBe('2017-03-17');
    expect(findRunDate('Report run on 3/17/2017')?.date).toBe('2017-03-17');
    expect(findRunDate('Data as of 3/16/2017; report date: 3/17/2017')?.date).toBe('2017-03-16');
    expect(findRunDate('as of January 2017 the policy applies')).toBeNull();
    expect(
      findRunDate('Detainers issued between January 28, 2017 and February 3, 2017'),
    ).toBeNull();
  });

  it('reads PDF info dates with their time zone', () => {
    expect(parsePdfDate("D:20170317120000-04'00'")).toBe('2017-03-17T12:00:00-04:00');
    expect(parsePdfDate('D:20170317120000Z')).toBe('2017-03-17T12:00:00Z');
    expect(parsePdfDate('D:2017031712')).toBe('2017-03-17T12:00:00');
    expect(parsePdfDate('D:20170230')).toBeNull();
    expect(parsePdfDate('yesterday')).toBeNull();
    expect(parsePdfDate(null)).toBeNull();
  });
});
