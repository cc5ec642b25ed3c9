import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onTestFinished } from 'vitest';
import { readDataset } from '../../src/lib/contract/load.ts';
import { folderSource } from '../../src/lib/contract/source.ts';
import { generatedFiles } from '../../src/lib/contract/datapackage.ts';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
export const VALID = join(FIXTURES, 'valid');

/** Writes datapackage.json and schemas/ as `npm run datapackage` would. */
export function regenerateDescriptor(dir: string): void {
  const { data } = readDataset(folderSource(dir));
  for (const [path, content] of Object.entries(generatedFiles(data))) {
    writeFileSync(join(dir, path), content);
  }
}

/**
 * A temporary data folder: the valid fixture with an invalid fixture's files laid over it. The
 * descriptor is regenerated so that each fixture shows only the problem it is about.
 */
export function dataWithOverlay(overlay: string | null, { regenerate = true } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dda-data-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(VALID, dir, { recursive: true });
  if (overlay) cpSync(join(FIXTURES, 'invalid', overlay), dir, { recursive: true });
  if (regenerate) regenerateDescriptor(dir);
  return dir;
}
