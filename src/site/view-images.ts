/**
 * The image files a view shows: its pictures (charts and maps, wherever the view builder put
 * them) and its link preview. Each picture's files are named from their drawing, so listing them
 * draws nothing.
 */
import type { CachedFile } from '../lib/charts/cache.ts';
import { pictureFiles } from '../lib/charts/images.ts';
import type { Picture } from '../lib/charts/images.ts';
import { socialImageFile } from '../lib/charts/social.ts';
import type { SocialCard } from '../lib/charts/social.ts';

/** A view with a page head, which may name a link preview. */
export interface ViewWithHead {
  head: { social?: SocialCard };
}

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
 * A view's drawings, each with every file it is drawn into (a chart's wide and narrow
 * renditions at 1× and 2×, a map's two SVGs, the link preview): a drawing goes to the cache
 * whole, so its files are drawn on the drawing threads together.
 */
export function viewDrawings(view: ViewWithHead): CachedFile[][] {
  const drawings = picturesIn(view).map(pictureFiles);
  if (view.head.social) drawings.push([socialImageFile(view.head.social)]);
  return drawings;
}

/** The names of every image file a view shows. */
export const viewImageNames = (view: ViewWithHead): string[] =>
  viewDrawings(view).flatMap((files) => files.map((file) => file.name));
