import { getSiteData } from '../../../site/build.ts';
import { serveWeekFile, weekFilePaths } from '../../../site/file-routes.ts';

export const getStaticPaths = () => weekFilePaths(getSiteData(), 'csv');
export const GET = serveWeekFile;
