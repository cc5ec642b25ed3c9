import { getSiteData } from '../../../site/build.ts';
import { serveWeekFile, weekFilePaths } from '../../../site/file-routes.ts';

export const getStaticPaths = () => weekFilePaths(getSiteData(), 'pdf');
export const GET = serveWeekFile;
