import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface AtlasCounty {
  fips: string;
  name: string;
}

let cache: Map<string, AtlasCounty> | null = null;

/** The us-atlas county list (5-digit FIPS id → name), read once per process. */
export function atlasCounties(): Map<string, AtlasCounty> {
  if (!cache) {
    const path = createRequire(import.meta.url).resolve('us-atlas/counties-10m.json');
    const topology = JSON.parse(readFileSync(path, 'utf8')) as {
      objects: { counties: { geometries: { id: string; properties: { name: string } }[] } };
    };
    cache = new Map(
      topology.objects.counties.geometries.map((g) => [
        g.id,
        { fips: g.id, name: g.properties.name },
      ]),
    );
  }
  return cache;
}

const COUNTY_SUFFIX = / (county|parish|borough|city and borough|census area|municipality|city)$/i;

/**
 * "Travis County" and us-atlas's "Travis" name the same county; so do "James City County" and
 * "James City", whose own name ends like a suffix.
 */
export function sameCountyName(gazetteerName: string, atlasName: string): boolean {
  const forms = (name: string) => {
    const lower = name.trim().toLowerCase();
    return [lower, lower.replace(COUNTY_SUFFIX, '')];
  };
  const atlas = forms(atlasName);
  return forms(gazetteerName).some((form) => atlas.includes(form));
}
