/**
 * Staging and publishing a week: the new files are written to a temporary folder, validated as
 * part of the data folder they will join, and only then moved into `data/` by renames, so a
 * reader of `data/` sees the old week or the new one, never half of either.
 */
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { folderSource } from '../contract/source.ts';
import type { DataSource } from '../contract/source.ts';

/**
 * The data folder as it will be once the staged files replace their counterparts: a staged file
 * wins, the old files of the staged week disappear, everything else is read from `data`.
 */
export function stagedOverlay(data: DataSource, staged: DataSource, week: string): DataSource {
  const stagedFiles = new Set(staged.files());
  const folder = `reports/${week}/`;
  return {
    label: data.label,
    files: () =>
      [
        ...new Set([...data.files().filter((path) => !path.startsWith(folder)), ...stagedFiles]),
      ].sort(),
    read: (path) =>
      stagedFiles.has(path) ? staged.read(path) : path.startsWith(folder) ? null : data.read(path),
  };
}

/** Writes files (path relative to the folder → content) into a folder. */
export function writeFiles(folder: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
}

type Rename = (from: string, to: string) => void;

const hiddenSibling = (path: string, purpose: string) =>
  join(dirname(path), `.${basename(path)}.${purpose}-${randomBytes(4).toString('hex')}`);

/**
 * Moves a folder in one rename. The staging folder may be on another file system (a tmpfs
 * /tmp), where rename fails with EXDEV: it is then copied next to its target first, so the last
 * step is still a single rename.
 */
export function moveFolder(from: string, to: string, rename: Rename = renameSync): void {
  try {
    rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const nearby = hiddenSibling(to, 'incoming');
    cpSync(from, nearby, { recursive: true });
    try {
      rename(nearby, to);
    } catch (second) {
      rmSync(nearby, { recursive: true, force: true });
      throw second;
    }
    rmSync(from, { recursive: true, force: true });
  }
}

/** Replaces a file by writing a sibling and renaming it over the file. */
function replaceFile(path: string, content: Uint8Array): void {
  const temporary = hiddenSibling(path, 'incoming');
  writeFileSync(temporary, content);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Moves the staged week folder into `dataDir/reports/`, replacing an existing one, then writes
 * the staged top-level files (the regenerated descriptor) that differ from the data folder's. If
 * a later step fails, the earlier ones are undone.
 */
export function publishStaged(
  staging: string,
  dataDir: string,
  week: string,
  rename: Rename = renameSync,
): void {
  const target = join(dataDir, 'reports', week);
  mkdirSync(dirname(target), { recursive: true });
  const previous = existsSync(target) ? hiddenSibling(target, 'replaced') : null;
  if (previous) rename(target, previous);
  try {
    moveFolder(join(staging, 'reports', week), target, rename);
  } catch (error) {
    if (previous) rename(previous, target);
    throw error;
  }
  const written: { path: string; original: Uint8Array | null }[] = [];
  try {
    const topLevel = folderSource(staging)
      .files()
      .filter((path) => !path.startsWith('reports/'));
    for (const path of topLevel) {
      const content = readFileSync(join(staging, path));
      const destination = join(dataDir, path);
      const original = existsSync(destination) ? readFileSync(destination) : null;
      if (original && Buffer.compare(original, content) === 0) continue;
      mkdirSync(dirname(destination), { recursive: true });
      replaceFile(destination, content);
      written.push({ path: destination, original });
    }
  } catch (error) {
    for (const { path, original } of written.reverse()) {
      if (original) replaceFile(path, original);
      else rmSync(path, { force: true });
    }
    rmSync(target, { recursive: true, force: true });
    if (previous) rename(previous, target);
    throw error;
  }
  if (previous) rmSync(previous, { recursive: true, force: true });
}
