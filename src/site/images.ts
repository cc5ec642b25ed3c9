/**
 * The site's images (charts, maps, link previews) as files the build declares: the routes of
 * src/pages/charts/ have one path per file a page shows, keyed by the file's name, which hashes
 * everything that decides its pixels. An unchanged image is kept from the last build like any
 * other file; a new one is drawn when Astro renders its path. Pages only name their files
 * (`pictureImage`, `socialImage`); nothing is drawn while keys are worked out.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { join } from 'node:path';
import { recordCount, recordPhase } from '../handover/build-profile.ts';
import { chartCacheDir, ensureCached } from '../lib/charts/cache.ts';
import type { CachedFile } from '../lib/charts/cache.ts';
import { respond } from '../lib/output/files.ts';
import { getSiteData } from './build.ts';
import {
  compareOutputs,
  jurisdictionOutputs,
  stateOutputs,
  weekOutputs,
  withCacheKeys,
} from './entities.ts';
import { perSite, withExtension } from './file-routes.ts';
import { viewDrawings, viewImageNames } from './view-images.ts';
import type { ViewWithHead } from './view-images.ts';
import { compareView, comparePaths } from './views/compare.ts';
import { homeView } from './views/home.ts';
import { jurisdictionPaths, jurisdictionView } from './views/jurisdiction.ts';
import type { SiteData } from './views/site.ts';
import { statePaths, stateView } from './views/state.ts';
import { weekPaths, weekView } from './views/week.ts';
import { weeksView } from './views/weeks.ts';

/** The page whose view shows an image: an entity's page, or one of the two indexes with charts. */
export interface ImageOwner {
  kind: 'weeks' | 'jurisdictions' | 'states' | 'comparisons' | 'home' | 'reports index';
  /** The entity's id (a comparison's is its two dates, space-separated); '' for an index. */
  id: string;
}

function ownerView(site: SiteData, { kind, id }: ImageOwner): ViewWithHead {
  switch (kind) {
    case 'weeks':
      return weekView(site, id);
    case 'jurisdictions':
      return jurisdictionView(site, id);
    case 'states':
      return stateView(site, id);
    case 'comparisons': {
      const [before, after] = id.split(' ') as [string, string];
      return compareView(site, before, after);
    }
    // The home page's pictures do not depend on its note on publication, which the view
    // builder takes from the content layer.
    case 'home':
      return homeView(site, null);
    case 'reports index':
      return weeksView(site);
  }
}

/** The image files an owner's page shows: for an entity, from what its keys were made with. */
async function ownerImages(site: SiteData, owner: ImageOwner): Promise<string[]> {
  switch (owner.kind) {
    case 'weeks':
      return (await weekOutputs(site, owner.id)).images;
    case 'jurisdictions':
      return (await jurisdictionOutputs(site, owner.id)).images;
    case 'states':
      return (await stateOutputs(site, owner.id)).images;
    case 'comparisons': {
      const [before, after] = owner.id.split(' ') as [string, string];
      return (await compareOutputs(site, before, after)).images;
    }
    default:
      return viewImageNames(ownerView(site, owner));
  }
}

function owners(site: SiteData): ImageOwner[] {
  return [
    { kind: 'home', id: '' },
    { kind: 'reports index', id: '' },
    ...weekPaths(site).map(({ params }) => ({ kind: 'weeks' as const, id: params.date })),
    ...comparePaths(site).map(({ params }) => ({
      kind: 'comparisons' as const,
      id: `${params.date} ${params.other}`,
    })),
    ...jurisdictionPaths(site).map(({ params }) => ({
      kind: 'jurisdictions' as const,
      id: params.id,
    })),
    ...statePaths(site).map(({ params }) => ({ kind: 'states' as const, id: params.usps })),
  ];
}

/** An image file's path: its name, the page that shows it, and the next page with images. */
export interface ImagePath {
  params: { name: string };
  props: { file: string; owner: ImageOwner; next: ImageOwner | null };
}

/**
 * One path per image file of the site, each with the page that shows it (the first, where pages
 * share an image), in the order of their pages: a page's files come one after another. Made once
 * per build for the two image routes.
 */
const allImagePaths = perSite(async (site): Promise<ImagePath[]> => {
  const seen = new Set<string>();
  const byOwner: { owner: ImageOwner; files: string[] }[] = [];
  for (const owner of owners(site)) {
    const files = (await ownerImages(site, owner)).filter((file) => !seen.has(file));
    for (const file of files) seen.add(file);
    if (files.length) byOwner.push({ owner, files });
  }
  return byOwner.flatMap(({ owner, files }, index) =>
    files.map((file) => ({
      params: { name: file },
      props: { file, owner, next: byOwner[index + 1]?.owner ?? null },
    })),
  );
});

/** The image files with this extension; an image's name hashes its drawing, so it is its key. */
export const imagePaths = async (site: SiteData, extension: 'png' | 'svg') =>
  withCacheKeys(withExtension(await allImagePaths(site), 'name', extension), ({ props }) =>
    Promise.resolve(props.file),
  );

/**
 * The last few pages' drawings, and whether they have been set going. Astro renders a page's
 * files one after another, several at once (build.concurrency), so a view is built again once
 * for its images, not once per file.
 */
const recent = new Map<string, { drawings: CachedFile[][]; going: boolean }>();
const RECENT_OWNERS = 8;

function ownerEntry(site: SiteData, owner: ImageOwner) {
  const key = `${owner.kind} ${owner.id}`;
  let entry = recent.get(key);
  if (!entry) {
    entry = { drawings: viewDrawings(ownerView(site, owner)), going: false };
    recent.set(key, entry);
    if (recent.size > RECENT_OWNERS) recent.delete(recent.keys().next().value!);
  }
  return entry;
}

/** Draws a drawing's missing files into the cache, and records what that took. */
async function cached(drawing: CachedFile[]): Promise<void> {
  const { filesDrawn, drawingMs } = await ensureCached(drawing);
  if (filesDrawn) {
    recordPhase('chart drawing (thread time)', drawingMs);
    recordCount('chart files drawn', filesDrawn);
  }
}

/** Sets every drawing of a page going, once: the files of each are asked for later. */
function setGoing(site: SiteData, owner: ImageOwner): void {
  const entry = ownerEntry(site, owner);
  if (entry.going) return;
  entry.going = true;
  // A drawing that fails here fails again, with its error, when its own file is asked for.
  for (const drawing of entry.drawings) cached(drawing).catch(() => undefined);
}

/**
 * The bytes of one image file of `owner`'s page, from the chart cache. Asking for one file sets
 * every drawing of the page going, and the next page's: Astro asks for a few files at a time,
 * and drawing only the file's own drawing left the drawing threads idle a third of a cold
 * build while the next files were asked for (docs/performance.md).
 */
async function imageFile(site: SiteData, { file, owner, next }: ImagePath['props']) {
  const drawing = ownerEntry(site, owner).drawings.find((files) =>
    files.some((f) => f.name === file),
  );
  if (!drawing) throw new Error(`${file} is not an image of the ${owner.kind} page ${owner.id}`);
  setGoing(site, owner);
  if (next) setGoing(site, next);
  // Waits for the drawing set going above, or draws it again if that failed.
  await cached(drawing);
  return readFileSync(join(chartCacheDir(), file));
}

/** The response of an image route: the file, drawn if it is not in the cache. */
export const serveImage =
  (type: string): APIRoute<ImagePath['props'], ImagePath['params']> =>
  async ({ props }) =>
    respond({ body: await imageFile(getSiteData(), props), type });
