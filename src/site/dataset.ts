import { getCollection } from 'astro:content';
import type { Dataset, WeekReport } from '../lib/contract/load.ts';
import type { CorrectionRow, GazetteerRow, PolicyRow } from '../lib/contract/schema.ts';

let cached: Promise<Dataset> | null = null;

/**
 * The validated dataset as the content layer holds it, assembled once per build. The
 * collections carry the project's own types (validated by src/lib), so no second schema exists.
 */
export function getDataset(): Promise<Dataset> {
  cached ??= (async () => {
    const [reports, gazetteer, policies, corrections] = await Promise.all([
      getCollection('reports'),
      getCollection('gazetteer'),
      getCollection('policies'),
      getCollection('corrections'),
    ]);
    const data = <T>(entries: { data: unknown }[]) => entries.map((e) => e.data as T);
    return {
      reports: data<WeekReport>(reports).sort((a, b) => a.start.localeCompare(b.start)),
      gazetteer: data<GazetteerRow>(gazetteer),
      policies: data<PolicyRow>(policies),
      corrections: data<CorrectionRow>(corrections),
    };
  })();
  return cached;
}
