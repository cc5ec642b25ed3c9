import { XMLParser } from 'fast-xml-parser';

export interface ParsedItem {
  title: string;
  link: string;
  guid: { '#text': string; '@_isPermaLink': string };
  pubDate: string;
  description: string;
}

/** Parses an RSS document strictly enough that malformed XML fails the test. */
export function parseFeed(xml: string): { title: string; link: string; items: ParsedItem[] } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => name === 'item',
  });
  const channel = parser.parse(xml, true).rss.channel;
  return { title: channel.title, link: channel.link, items: channel.item ?? [] };
}
