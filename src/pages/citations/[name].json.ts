import { citationPaths, serveCitation } from '../../site/file-routes.ts';
import { getSiteData } from '../../site/build.ts';

export const getStaticPaths = () => citationPaths(getSiteData(), 'json');
export const GET = serveCitation;
