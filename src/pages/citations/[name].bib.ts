import { citationPaths, serveCitation } from '../../site/file-routes.ts';
import { getSiteData } from '../../site/build.ts';

export const getStaticPaths = () => citationPaths(getSiteData(), 'bib');
export const GET = serveCitation;
