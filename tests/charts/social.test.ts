import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartCounts } from '../../src/lib/charts/cache.ts';
import { socialCard, socialImage } from '../../src/lib/charts/social.ts';
import { pngSize, siteModel, useTemporaryCache } from './helpers.ts';

describe('social preview image', () => {
  const cacheDir = useTemporaryCache();
  const [first, second] = siteModel.weeks.map((week) => week.report);

  it('is a 1200×630 PNG, drawn once and then reused', async () => {
    const image = await socialImage(socialCard(first!, siteModel.gazetteer));
    expect(pngSize(readFileSync(join(cacheDir(), image.file)))).toEqual({
      width: 1200,
      height: 630,
    });
    expect(await socialImage(socialCard(first!, siteModel.gazetteer))).toEqual(image);
    expect(chartCounts()).toEqual({ drawn: 1, reused: 1 });
    expect((await socialImage(socialCard(second!, siteModel.gazetteer))).file).not.toBe(image.file);
  });

  it('describes the figures and the chart it shows', async () => {
    const { alt } = await socialImage(socialCard(first!, siteModel.gazetteer));
    expect(alt).toContain('Jan 4 – Jan 10, 2020: declined detainers recorded: 7;');
    expect(alt).toContain('Travis County, TX recorded 5 of 7 declined detainers');
  });
});
