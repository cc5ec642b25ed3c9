import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { serializeJsonLd } from '../../src/lib/output/json-ld.ts';
import { weekView } from '../../src/site/views/week.ts';
import { SITE_URL, siteDataOf } from '../helpers/views.ts';

const hostile = {
  name: '</script><script>alert(1)</script>',
  upper: '</SCRIPT >',
  comment: '<!-- <script>',
  entity: '&lt; &amp; "quoted" \'single\'',
  separators: 'line\u2028paragraph\u2029end',
};

/** The element as a browser would parse it from the page's HTML. */
function embed(json: string) {
  const { document } = parseHTML(
    `<!doctype html><html><head><script type="application/ld+json">${json}</script></head><body><p>after</p></body></html>`,
  );
  return document;
}

describe('serializeJsonLd', () => {
  it('leaves no character that could end the script element or open a comment', () => {
    const json = serializeJsonLd(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
  });

  it('escapes each of <, >, & and U+2028/U+2029 as a JSON unicode escape', () => {
    expect(serializeJsonLd({ s: '<>&\u2028\u2029' })).toBe(
      '{"s":"\\u003c\\u003e\\u0026\\u2028\\u2029"}',
    );
    for (const closing of ['</script>', '</Script>', '</SCRIPT >', '</sCrIpT\n>']) {
      const json = serializeJsonLd({ closing, nested: [{ closing }] });
      expect(json.toLowerCase()).not.toContain('</script');
      expect(JSON.parse(json)).toEqual({ closing, nested: [{ closing }] });
    }
  });

  it('parses back to its input for every ASCII character and the separators', () => {
    const every = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join('');
    const value = { every, separators: '\u2028\u2029', number: 1.5, none: null, list: [every] };
    const json = serializeJsonLd(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
    expect(JSON.parse(embed(json).querySelector('script')!.textContent!)).toEqual(value);
  });

  it('round-trips through the HTML parser and JSON.parse unchanged', () => {
    const document = embed(serializeJsonLd(hostile));
    expect(document.querySelectorAll('script')).toHaveLength(1);
    expect(document.querySelector('body p')!.textContent).toBe('after');
    expect(JSON.parse(document.querySelector('script')!.textContent!)).toEqual(hostile);
  });

  it('needs the escaping: plain JSON.stringify would let the data close the element', () => {
    const document = embed(JSON.stringify(hostile));
    expect(document.querySelectorAll('script').length).toBeGreaterThan(1);
  });
});

describe('the JSON-LD of a report page', () => {
  it('describes a report as a schema.org Dataset based on its copies', () => {
    expect(weekView(siteDataOf(), '2020-01-04').head.jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Dataset',
      name: 'Declined Detainer Outcome Report, Jan 4 – Jan 10, 2020',
      url: `${SITE_URL}/weeks/2020-01-04/`,
      temporalCoverage: '2020-01-04/2020-01-10',
      datePublished: '2020-02-03',
      isBasedOn: ['https://example.org/reports/1.pdf'],
    });
  });
});
