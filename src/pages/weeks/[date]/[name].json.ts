import { getSiteData } from '../../../site/build.ts';
import { serveWeekFile, weekFilePaths } from '../../../site/file-routes.ts';

export const getStaticPaths = () => weekFilePaths(getSiteData(), 'json');
export const GET = serveWeekFile;
