/** `/data/`: the downloads, the Data Package, the API and the data dictionary. */
import { dataDictionary } from '../../lib/contract/dictionary.ts';
import type { DictionaryTable } from '../../lib/contract/dictionary.ts';
import { apiPaths, dataFilePath, siteDownloads } from '../../lib/output/files.ts';
import type { Download } from '../../lib/output/files.ts';
import { paths } from '../../lib/output/urls.ts';
import { SITE_NAME } from '../../lib/text/titles.ts';
import type { PageHead, SiteData } from './site.ts';

export interface DataView {
  head: PageHead;
  downloads: Download[];
  descriptorPath: string;
  api: { weeks: string; week: string; jurisdictions: string };
  /** The JSON twins of the entity pages, by the pattern of their paths. */
  twins: { weeks: string; jurisdictions: string; states: string };
  dictionary: DictionaryTable[];
}

export function dataView(site: SiteData): DataView {
  return {
    head: {
      title: 'Data',
      description: `Download the ${SITE_NAME}'s data as CSV and JSON, with a Frictionless Data Package, a JSON API and a data dictionary.`,
    },
    downloads: siteDownloads(site.dataset, site.model.gazetteer),
    descriptorPath: dataFilePath('datapackage.json'),
    api: {
      weeks: apiPaths.weeks(),
      week: apiPaths.week('YYYY-MM-DD'),
      jurisdictions: apiPaths.jurisdictions(),
    },
    twins: {
      weeks: paths.weekTwin('YYYY-MM-DD'),
      jurisdictions: paths.jurisdictionTwin('<id>'),
      states: paths.stateTwin('<usps>'),
    },
    dictionary: dataDictionary(),
  };
}
