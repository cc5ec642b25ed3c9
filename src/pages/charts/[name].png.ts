import { getSiteData } from '../../site/build.ts';
import { imagePaths, serveImage } from '../../site/images.ts';

export const getStaticPaths = () => imagePaths(getSiteData(), 'png');
export const GET = serveImage('image/png');
