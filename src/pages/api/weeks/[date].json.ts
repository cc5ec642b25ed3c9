import type { APIRoute, GetStaticPaths } from 'astro';
import { jsonFile, respond, siteLinks, weekDetail } from '../../../lib/output/api.ts';
import type { WeekView } from '../../../lib/model/site-model.ts';
import { getSiteModel } from '../../../site/model.ts';

export const getStaticPaths = (async () =>
  (await getSiteModel()).weeks.map((week) => ({
    params: { date: week.report.start },
    props: { week },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ week: WeekView }> = ({ site, props }) =>
  respond(jsonFile(weekDetail(props.week, siteLinks(site, import.meta.env.BASE_URL))));
