/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page or file
 * whose key is the one it had in the previous build is not rendered again; Astro keeps its
 * earlier output. A key hashes everything the output shows: a page's view, built by the view
 * builder that renders it, with the names of the chart images it links (which hash their
 * drawing, so a new renderer gives new names and new keys); a file's own content or the data
 * it is made from. Astro adds the page's code (its module graph), the configuration and the
 * lockfile to the comparison itself.
 *
 * Working out a page's key draws its images into the chart cache, so every image of the site is
 * drawn and recorded for publishing in this step, whether the page is then rendered or not; the
 * page's search record is written in the same step, for the same reason.
 * Keys are computed once per entity (a week's page and its twin share one view) and only the
 * strings are kept: no view outlives the computation of its key.
 */
import { createHash } from 'node:crypto';
import { timedAsync } from '../handover/build-profile.ts';
import { recordSearchEntry } from '../handover/search-records.ts';
import { drawPicture } from '../lib/charts/images.ts';
import type { Picture } from '../lib/charts/images.ts';
import { socialImage } from '../lib/charts/social.ts';
import type { SocialCard } from '../lib/charts/social.ts';
import { weekDetail } from '../lib/output/api.ts';
import { jurisdictionFeed } from '../lib/output/feeds.ts';
import type { SearchEntry } from '../lib/output/search-entry.ts';
import { paths } from '../lib/output/urls.ts';
import { href, openReportsHref } from './href.ts';
import { weekNoteDigest } from './notes.ts';
import { compareView } from './views/compare.ts';
import { jurisdictionSummary, jurisdictionTwin, jurisdictionView } from './views/jurisdiction.ts';
import type { SiteData } from './views/site.ts';
import { stateTwin, stateView } from './views/state.ts';
import { weekTwin, weekView } from './views/week.ts';

const hash = (...parts: unknown[]) => {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(JSON.stringify(part) ?? 'undefined').update('\0');
  return digest.digest('hex');
};

const isPicture = (value: object): value is Picture =>
  ('kind' in value && value.kind === 'chart' && 'spec' in value) ||
  ('kind' in value && value.kind === 'map' && 'map' in value);

/** Every picture a view shows, wherever in it: the view builders put them in `picture` fields. */
function picturesIn(value: unknown, found: Picture[] = []): Picture[] {
  if (Array.isArray(value)) for (const item of value) picturesIn(item, found);
  else if (value && typeof value === 'object') {
    if (isPicture(value)) found.push(value);
    else for (const item of Object.values(value)) picturesIn(item, found);
  }
  return found;
}

/**
 * The key of a page's view: the view and the files of its pictures and link preview, which
 * are drawn into the cache on the way. The page's search entry, if it has one, is recorded for
 * the index as well.
 */
async function viewKey(
  path: string,
  view: { head: { social?: SocialCard; search?: SearchEntry } },
  ...more: unknown[]
) {
  const images = await Promise.all(picturesIn(view).map(drawPicture));
  const social = view.head.social ? await socialImage(view.head.social) : null;
  if (view.head.search) recordSearchEntry(href(path), view.head.search);
  // The error-report links name the configured repository, which the view does not hold.
  return hash(view, images, social, openReportsHref(), ...more);
}

/**
 * One computation per entity and build, shared by the routes that need it. The promise is kept,
 * so two routes asking at once wait for the same one.
 */
const memo = new Map<string, Promise<Record<string, string>>>();
function once<K extends string>(
  kind: string,
  id: string,
  make: () => Promise<Record<K, string>>,
): Promise<Record<K, string>> {
  const memoKey = `${kind} ${id}`;
  let keys = memo.get(memoKey) as Promise<Record<K, string>> | undefined;
  if (!keys) {
    // Summed over the entities of a kind, several of which are worked on at once.
    keys = timedAsync(`views, keys and images: ${kind}`, make);
    memo.set(memoKey, keys);
  }
  return keys;
}

export const weekKeys = (site: SiteData, start: string) =>
  once('weeks', start, async () => {
    const view = weekView(site, start);
    const week = site.model.weekByStart.get(start)!;
    return {
      // The page also shows the report's editorial note, from the content layer.
      page: await viewKey(paths.week(start), view, await weekNoteDigest(start)),
      twin: hash(weekTwin(site, start, view)),
      api: hash(weekDetail(week, site.link)),
      // A report's files (its folder, as CSV and JSON, and the kept PDF) are made from it alone;
      // the PDF is named by the digest in its metadata, not by where the data folder is.
      files: hash({ ...week.report, originalPath: null }),
    };
  });

export const jurisdictionKeys = (site: SiteData, id: string) =>
  once('jurisdictions', id, async () => {
    const view = jurisdictionView(site, id);
    return {
      page: await viewKey(paths.jurisdiction(id), view),
      twin: hash(jurisdictionTwin(site, id, view)),
      feed: hash(jurisdictionFeed(jurisdictionSummary(site, id), site.model, site.link)),
    };
  });

export const stateKeys = (site: SiteData, usps: string) =>
  once('states', usps, async () => {
    const view = stateView(site, usps);
    return {
      page: await viewKey(paths.state(usps), view),
      twin: hash(stateTwin(site, usps, view)),
    };
  });

export const compareKeys = (site: SiteData, before: string, after: string) =>
  once('comparisons', `${before} ${after}`, async () => ({
    page: await viewKey(paths.comparison(before, after), compareView(site, before, after)),
  }));

/** The key of a file made from its content alone: the content itself. */
export const fileKey = (file: { body: string | Uint8Array }) =>
  Promise.resolve(hash(typeof file.body === 'string' ? file.body : [...file.body]));

/** Items in order, `limit` at a time: enough to keep the drawing threads busy, no more. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Pages whose keys are worked out this many at a time (and their images drawn). */
const KEYS_AT_ONCE = 4;

/**
 * `getStaticPaths` entries with their cache keys, in their order; an entry for which `keyOf`
 * gives null has none, and is made every build.
 */
export function withCacheKeys<T extends { params: Record<string, string> }>(
  paths: readonly T[],
  keyOf: (path: T) => Promise<string> | null,
): Promise<(T & { cacheKey?: string })[]> {
  return mapLimited(paths, KEYS_AT_ONCE, async (path) => {
    const key = keyOf(path);
    return key ? { ...path, cacheKey: await key } : path;
  });
}
