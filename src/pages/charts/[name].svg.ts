import { getSiteData } from '../../site/build.ts';
import { imagePaths, serveImage } from '../../site/images.ts';

export const getStaticPaths = () => imagePaths(getSiteData(), 'svg');
export const GET = serveImage('image/svg+xml');
