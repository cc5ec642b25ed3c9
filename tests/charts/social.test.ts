import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartCounts, ensureCached } from '../../src/lib/charts/cache.ts';
import { execFile } from 'node:child_process';
import { runDrawJob } from '../../src/lib/charts/draw.ts';
import type { DrawJob } from '../../src/lib/charts/draw.ts';
import { NARROW_MIN_FONT } from '../../src/lib/charts/kit.ts';
import {
  previewChart,
  socialCard,
  socialImage,
  socialImageFile,
} from '../../src/lib/charts/social.ts';
import { drawSocialPng, SOCIAL_WIDTH } from '../../src/lib/charts/social-png.ts';
import { textsDrawnBy } from './drawn-text.ts';
import { pngSize, siteModel, useTemporaryCache } from './helpers.ts';

describe('social preview image', () => {
  const cacheDir = useTemporaryCache();
  const [first, second] = siteModel.weeks.map((week) => week.report);

  it('is a 1200×630 PNG under the name the page gives it, drawn once and then reused', async () => {
    const card = socialCard(first!, siteModel.gazetteer);
    const image = socialImage(card);
    expect(socialImageFile(card).name).toBe(image.file);
    await ensureCached([socialImageFile(card)]);
    expect(pngSize(readFileSync(join(cacheDir(), image.file)))).toEqual({
      width: 1200,
      height: 630,
    });
    await ensureCached([socialImageFile(socialCard(first!, siteModel.gazetteer))]);
    expect(chartCounts()).toEqual({ drawn: 1, reused: 1 });
    expect(socialImage(socialCard(second!, siteModel.gazetteer)).file).not.toBe(image.file);
  });

  it('describes the figures and the chart it shows', () => {
    const { alt } = socialImage(socialCard(first!, siteModel.gazetteer));
    expect(alt).toContain('Jan 4 – Jan 10, 2020: declined detainers recorded: 7;');
    expect(alt).toContain('Travis County, TX recorded 5 of 7 declined detainers');
  });
});

describe('the chart in a link preview', () => {
  const report = siteModel.weeks[1]!.report;
  const card = socialCard(report, siteModel.gazetteer);
  const drawing = {
    period: card.period,
    figures: card.figures,
    chart: previewChart(card.chart!.narrow.config),
  };

  it('is the phone layout without its title and source, its text at 19.5 px or more', () => {
    const texts = textsDrawnBy(() => drawSocialPng(drawing));
    const names = card.chart!.narrow.config.data.labels as string[];
    // The names above the bars are those of the phone layout, and nothing smaller is drawn.
    for (const name of names) expect(texts.map((text) => text.text)).toContain(name);
    const chartTexts = texts.filter((text) => text.left >= SOCIAL_WIDTH / 2);
    expect(Math.min(...chartTexts.map((text) => text.px))).toBeGreaterThanOrEqual(
      NARROW_MIN_FONT * 1.625,
    );
    expect(texts.map((text) => text.text).join(' ')).not.toMatch(/Source:/);
  });

  it('draws the same bytes in a fresh process whose first drawing it is', async () => {
    // Fonts are registered once per process (threads share them), so only a new process shows
    // whether a preview drawn before any chart finds its font.
    const job: DrawJob = { kind: 'social', drawing };
    const script = `
      import { runDrawJob } from ${JSON.stringify(new URL('../../src/lib/charts/draw.ts', import.meta.url).href)};
      process.stdin.once('data', (input) => {
        process.stdout.write(runDrawJob(JSON.parse(input)).toString('base64'));
      });`;
    const child = execFile(process.execPath, ['--input-type=module', '-e', script], {
      maxBuffer: 16 << 20,
    });
    const output = new Promise<string>((done, fail) => {
      let text = '';
      child.stdout!.on('data', (chunk: string) => (text += chunk));
      child.on('close', (code) => (code === 0 ? done(text) : fail(new Error(`exit ${code}`))));
    });
    child.stdin!.end(JSON.stringify(job));
    expect(Buffer.from(await output, 'base64').equals(runDrawJob(job))).toBe(true);
  });
});
