/** `/corrections/`: every correction and dispute, newest first. */
import { paths } from '../../lib/output/urls.ts';
import { SITE_NAME } from '../../lib/text/titles.ts';
import type { PageHead, SiteData } from './site.ts';
import { correctionRows } from './tables.ts';
import type { CorrectionRowView } from './tables.ts';

export interface CorrectionsView {
  head: PageHead;
  feedPath: string;
  rows: CorrectionRowView[];
}

export function correctionsView(site: SiteData): CorrectionsView {
  return {
    head: {
      title: 'Corrections and disputes',
      description:
        'Every correction ICE published and every dispute a jurisdiction raised about the Declined Detainer Outcome Reports, dated and sourced.',
      feeds: [
        {
          title: `${SITE_NAME}: corrections and disputes`,
          path: paths.correctionsFeed(),
        },
      ],
    },
    feedPath: paths.correctionsFeed(),
    rows: correctionRows(site.model, site.model.corrections),
  };
}
