/**
 * What the build derives from each entity's view (a report, a jurisdiction, a state, a pair of
 * reports), once per entity and build: the cache keys of the routes made from it, the image files
 * its page shows, and its page's search record. Routes ask for these in `getStaticPaths`; the
 * image route (src/site/images.ts) and the search records (src/pages/search/records.json.ts)
 * list them.
 *
 * Cache keys are for Astro's incremental build (`experimental.incrementalBuild`): a page or file
 * whose key is the one it had in the previous build is not rendered again; Astro keeps its
 * earlier output. A key hashes everything the output shows: a page's view, built by the view
 * builder that renders it, with the names of its image files (which hash their drawing, so a new
 * renderer gives new names and new keys); a file's own content or the data it is made from.
 * Astro adds the page's code (its module graph), the configuration and the lockfile itself.
 *
 * Only these strings are kept, not the view. Astro asks every route for its paths before it
 * renders any, so views kept from their keys to their renders would all be held at once: 474 MB
 * at 520 weeks (docs/performance.md). A page that renders builds its view again; in the weekly
 * rebuild that is the few hundred files the new report changed.
 */
import { createHash } from 'node:crypto';
import { timedAsync } from '../handover/build-profile.ts';
import { weekDetail } from '../lib/output/api.ts';
import { jurisdictionFeed } from '../lib/output/feeds.ts';
import type { SearchEntry } from '../lib/output/search-entry.ts';
import { searchRecord } from '../lib/output/search-records.ts';
import type { SearchRecord } from '../lib/output/search-records.ts';
import { paths } from '../lib/output/urls.ts';
import { href, openReportsHref } from './href.ts';
import { weekNoteDigest } from './notes.ts';
import { viewImageNames } from './view-images.ts';
import type { ViewWithHead } from './view-images.ts';
import { compareView } from './views/compare.ts';
import {
  jurisdictionPaths,
  jurisdictionRecord,
  jurisdictionTwin,
  jurisdictionView,
} from './views/jurisdiction.ts';
import type { SiteData } from './views/site.ts';
import { statePaths, stateTwin, stateView } from './views/state.ts';
import { weekPaths, weekTwin, weekView } from './views/week.ts';

const hash = (...parts: unknown[]) => {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(JSON.stringify(part) ?? 'undefined').update('\0');
  return digest.digest('hex');
};

/** An entity's cache keys by route, the image files its page shows and its search record. */
export interface EntityOutputs<K extends string> {
  keys: Record<K, string>;
  images: string[];
  search: SearchRecord | null;
}

/** What an entity's page view gives: the page's key, its image files and its search record. */
function pageOutputs(
  path: string,
  view: ViewWithHead & { head: { search?: SearchEntry } },
  ...more: unknown[]
) {
  const images = viewImageNames(view);
  return {
    // The error-report links name the configured repository, which the view does not hold.
    pageKey: hash(view, images, openReportsHref(), ...more),
    images,
    search: view.head.search ? searchRecord(href(path), view.head.search) : null,
  };
}

/**
 * One computation per entity and build, shared by the routes that need it. The promise is kept,
 * so two routes asking at once wait for the same one.
 */
const memo = new Map<string, Promise<EntityOutputs<string>>>();
function once<K extends string>(
  kind: string,
  id: string,
  make: () => Promise<EntityOutputs<K>>,
): Promise<EntityOutputs<K>> {
  const memoKey = `${kind} ${id}`;
  let outputs = memo.get(memoKey) as Promise<EntityOutputs<K>> | undefined;
  if (!outputs) {
    // Summed over the entities of a kind, several of which are worked on at once.
    outputs = timedAsync(`views and keys: ${kind}`, make);
    memo.set(memoKey, outputs);
  }
  return outputs;
}

export const weekOutputs = (site: SiteData, start: string) =>
  once('weeks', start, async () => {
    // The page also shows the report's editorial note, from the content layer. Read first, so
    // that no view is held while the content layer is awaited.
    const note = await weekNoteDigest(start);
    const view = weekView(site, start);
    const week = site.model.weekByStart.get(start)!;
    const page = pageOutputs(paths.week(start), view, note);
    return {
      keys: {
        page: page.pageKey,
        twin: hash(weekTwin(site, start, view)),
        api: hash(weekDetail(week, site.link)),
        // A report's files (its folder, as CSV and JSON, and the kept PDF) are made from it
        // alone; the PDF is named by the digest in its metadata, not by where the data folder is.
        files: hash({ ...week.report, originalPath: null }),
      },
      images: page.images,
      search: page.search,
    };
  });

export const jurisdictionOutputs = (site: SiteData, id: string) =>
  once('jurisdictions', id, async () => {
    const view = jurisdictionView(site, id);
    const page = pageOutputs(paths.jurisdiction(id), view);
    return {
      keys: {
        page: page.pageKey,
        twin: hash(jurisdictionTwin(site, id, view)),
        feed: hash(jurisdictionFeed(jurisdictionRecord(site, id), site.model, site.link)),
      },
      images: page.images,
      search: page.search,
    };
  });

export const stateOutputs = (site: SiteData, usps: string) =>
  once('states', usps, async () => {
    const view = stateView(site, usps);
    const page = pageOutputs(paths.state(usps), view);
    return {
      keys: { page: page.pageKey, twin: hash(stateTwin(site, usps, view)) },
      images: page.images,
      search: page.search,
    };
  });

export const compareOutputs = (site: SiteData, before: string, after: string) =>
  once('comparisons', `${before} ${after}`, async () => {
    const page = pageOutputs(paths.comparison(before, after), compareView(site, before, after));
    return { keys: { page: page.pageKey }, images: page.images, search: page.search };
  });

/** The search records of every report, jurisdiction and state page (comparisons have none). */
export async function searchRecords(site: SiteData): Promise<SearchRecord[]> {
  const outputs = [
    ...weekPaths(site).map(({ params }) => weekOutputs(site, params.date)),
    ...jurisdictionPaths(site).map(({ params }) => jurisdictionOutputs(site, params.id)),
    ...statePaths(site).map(({ params }) => stateOutputs(site, params.usps)),
  ];
  return (await Promise.all(outputs)).flatMap(({ search }) => (search ? [search] : []));
}

/** The key of a file made from its content alone: the content itself. */
export const fileKey = (file: { body: string | Uint8Array }) =>
  Promise.resolve(hash(typeof file.body === 'string' ? file.body : [...file.body]));

/** Items in order, `limit` at a time. */
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

/**
 * Entities worked on at once. Their views are built on this thread, so more would not be faster,
 * only hold more views while a week waits for its note.
 */
const AT_ONCE = 4;

/**
 * `getStaticPaths` entries with their cache keys, in their order; an entry for which `keyOf`
 * gives null has none, and is made every build.
 */
export function withCacheKeys<T extends { params: Record<string, string> }>(
  paths: readonly T[],
  keyOf: (path: T) => Promise<string> | null,
): Promise<(T & { cacheKey?: string })[]> {
  return mapLimited(paths, AT_ONCE, async (path) => {
    const key = keyOf(path);
    return key ? { ...path, cacheKey: await key } : path;
  });
}
