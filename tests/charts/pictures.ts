import type { Picture } from '../../src/lib/charts/images.ts';
import { chartFiles, mapFiles } from '../../src/lib/charts/images.ts';
import type { Rendition } from '../../src/lib/charts/kit.ts';
import type { MapRendition } from '../../src/lib/charts/map.ts';
import { paths } from '../../src/lib/output/urls.ts';
import { compareView, comparePaths } from '../../src/site/views/compare.ts';
import { homeView } from '../../src/site/views/home.ts';
import { jurisdictionPaths, jurisdictionView } from '../../src/site/views/jurisdiction.ts';
import type { SiteData } from '../../src/site/views/site.ts';
import { statePaths, stateView } from '../../src/site/views/state.ts';
import { weekView } from '../../src/site/views/week.ts';
import { weeksView } from '../../src/site/views/weeks.ts';

/** A picture a page shows, with the page's path (as the site serves it, from `/`). */
export interface PagePicture {
  page: string;
  picture: Picture;
}

/** Every picture of every page type that has one, from the views the pages render. */
export function sitePictures(site: SiteData): PagePicture[] {
  const found: PagePicture[] = [];
  const add = (page: string, ...pictures: (Picture | null | undefined)[]) => {
    for (const picture of pictures) if (picture) found.push({ page: `/${page}`, picture });
  };
  const home = homeView(site, null);
  add('', home.map?.picture, home.trend);
  add(paths.weeks(), weeksView(site).trend);
  for (const { report } of site.model.weeks) {
    const view = weekView(site, report.start);
    add(
      paths.week(report.start),
      view.declined.chart.picture,
      view.declined.byState?.picture,
      view.declined.map?.picture,
      view.sectionI.chart.picture,
      view.sectionII.age?.picture,
    );
  }
  for (const { params } of jurisdictionPaths(site)) {
    add(paths.jurisdiction(params.id), jurisdictionView(site, params.id).history.picture);
  }
  for (const { params } of statePaths(site)) {
    add(paths.state(params.usps), stateView(site, params.usps).chart.picture);
  }
  for (const { params } of comparePaths(site)) {
    add(
      paths.comparison(params.date, params.other),
      compareView(site, params.date, params.other).chart.picture,
    );
  }
  return found;
}

/** A drawing a browser may pick for a picture: a chart's PNG rendition or a map's SVG. */
export type Drawing =
  | { kind: 'chart'; narrow: boolean; rendition: Rendition }
  | { kind: 'map'; narrow: boolean; rendition: MapRendition };

/** Each file name the pictures' `<img>` and `<source>` may load, with the drawing behind it. */
export function drawingsByFile(pictures: readonly PagePicture[]): Map<string, Drawing> {
  const drawings = new Map<string, Drawing>();
  for (const { picture } of pictures) {
    if (picture.kind === 'chart') {
      const { wide, narrow } = chartFiles(picture.spec);
      for (const [files, isNarrow, rendition] of [
        [wide, false, picture.spec],
        [narrow, true, picture.spec.narrow],
      ] as const) {
        for (const file of [files.file, files.file2x!]) {
          drawings.set(file, { kind: 'chart', narrow: isNarrow, rendition });
        }
      }
    } else {
      const { wide, narrow } = mapFiles(picture.map);
      drawings.set(wide.file, { kind: 'map', narrow: false, rendition: picture.map });
      drawings.set(narrow.file, { kind: 'map', narrow: true, rendition: picture.map.narrow });
    }
  }
  return drawings;
}
