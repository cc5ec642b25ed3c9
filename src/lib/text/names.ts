/** How the pages name a jurisdiction. */
import type { GazetteerRow } from '../contract/schema.ts';

/** "Travis County, TX". */
export function jurisdictionLabel(jurisdiction: GazetteerRow): string {
  return jurisdiction.kind === 'state'
    ? jurisdiction.name
    : `${jurisdiction.name}, ${jurisdiction.state}`;
}
