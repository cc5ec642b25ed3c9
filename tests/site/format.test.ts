import { describe, expect, it } from 'vitest';
import { formatChange, formatCount } from '../../src/lib/text/format.ts';
import { isLinkable, sourceHost, splitWebAddresses } from '../../src/lib/text/links.ts';
import { pageTitle } from '../../src/lib/text/titles.ts';
import { splitCodeSpans } from '../../src/lib/text/words.ts';

describe('figures as the pages print them', () => {
  it('prints a blank as "not reported" and 0 as 0', () => {
    expect(formatCount(null)).toBe('not reported');
    expect(formatCount(undefined)).toBe('not reported');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(3083)).toBe('3,083');
  });

  it('states a change only where both figures are known', () => {
    expect(formatChange(2825, 3083)).toBe('−258 from the previous report');
    expect(formatChange(47, 47)).toBe('unchanged from the previous report');
    expect(formatChange(1206, 206)).toBe('+1,000 from the previous report');
    expect(formatChange(null, 206)).toBe('change from the previous report not reported');
    expect(formatChange(47, null)).toBe('change from the previous report not reported');
  });
});

describe('source links', () => {
  it('links only http and https addresses', () => {
    expect(isLinkable('https://aila.org/infonet/x')).toBe(true);
    expect(isLinkable('http://kut.org/post/x')).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      // The URL parser drops leading controls and spaces and any tab or newline, so each is
      // javascript: to a browser.
      ' javascript:alert(1)',
      '\u0000javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'vbscript:msgbox(1)',
      '//evil.example/x',
      'https://example.org/ onmouseover=alert(1)',
      'https://',
      'data:text/html,x',
      'ftp://x.org/',
      '/weeks/',
      'not a url',
      '',
      null,
      undefined,
    ]) {
      expect(isLinkable(url), String(url)).toBe(false);
    }
  });

  it('names a source by its host', () => {
    expect(sourceHost('https://www.dhs.gov/archive/news')).toBe('dhs.gov');
    expect(sourceHost('http://kut.org/post/x')).toBe('kut.org');
  });
});

describe('splitWebAddresses', () => {
  it('finds the addresses a note quotes, leaving sentence punctuation as text', () => {
    expect(
      splitWebAddresses(
        'Sources disagree: 118 per USA Today (https://www.dispatch.com/story/a/99404732/) and 117 per Infowars (https://archives.infowars.com/?p=376706).',
      ),
    ).toEqual([
      { text: 'Sources disagree: 118 per USA Today (' },
      { url: 'https://www.dispatch.com/story/a/99404732/' },
      { text: ') and 117 per Infowars (' },
      { url: 'https://archives.infowars.com/?p=376706' },
      { text: ').' },
    ]);
  });

  it('keeps a parenthesis that belongs to the address and leaves other schemes as text', () => {
    expect(splitWebAddresses('See https://en.wikipedia.org/wiki/Detainer_(law), then.')).toEqual([
      { text: 'See ' },
      { url: 'https://en.wikipedia.org/wiki/Detainer_(law)' },
      { text: ', then.' },
    ]);
    expect(splitWebAddresses('javascript:alert(1) and ftp://x.org/')).toEqual([
      { text: 'javascript:alert(1) and ftp://x.org/' },
    ]);
    expect(splitWebAddresses('')).toEqual([]);
  });
});

describe('splitCodeSpans', () => {
  it('marks what backticks enclose as code', () => {
    expect(splitCodeSpans('Stable slug, e.g. `tx-travis-county`.')).toEqual([
      { text: 'Stable slug, e.g. ', code: false },
      { text: 'tx-travis-county', code: true },
      { text: '.', code: false },
    ]);
    expect(splitCodeSpans('`correction`: replaced; `withdrawal`')).toEqual([
      { text: 'correction', code: true },
      { text: ': replaced; ', code: false },
      { text: 'withdrawal', code: true },
    ]);
    expect(splitCodeSpans('No code here.')).toEqual([{ text: 'No code here.', code: false }]);
  });
});

describe('page titles', () => {
  it('add the site name when it fits in 70 characters, else keep the page title alone', () => {
    expect(pageTitle('Texas')).toBe('Texas · Declined Detainer Archive');
    const long = 'Reports of Dec 28, 2019 – Jan 3, 2020 and Jan 4 – Jan 10, 2020';
    expect(long.length).toBeLessThanOrEqual(70);
    expect(pageTitle(long)).toBe(long);
  });

  it('cut a title longer than 70 characters at a word, with an ellipsis', () => {
    const name = `${'Very Long Name '.repeat(13)}County`;
    const title = pageTitle(name);
    expect(title.length).toBeLessThanOrEqual(70);
    expect(title).toMatch(/(?:Very|Long|Name)…$/);
    expect(name[title.length - 1]).toBe(' ');
    expect(name.startsWith(title.slice(0, -1))).toBe(true);
    expect(pageTitle('x'.repeat(100))).toBe(`${'x'.repeat(69)}…`);
  });
});
