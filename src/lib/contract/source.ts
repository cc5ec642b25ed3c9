import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Where a data folder's files come from: the working tree, or a git revision of it. */
export interface DataSource {
  /** Human-readable location, used to prefix file paths in messages. */
  readonly label: string;
  /** Paths of every file, relative to the data folder, with forward slashes, sorted. */
  files(): string[];
  /** The bytes of a file, or null when it does not exist. */
  read(path: string): Uint8Array | null;
}

export function folderSource(dir: string): DataSource {
  const files = (): string[] => {
    const found: string[] = [];
    const walk = (folder: string) => {
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else found.push(relative(dir, path).split(sep).join('/'));
      }
    };
    walk(dir);
    return found.sort();
  };
  return {
    label: dir,
    files,
    read: (path) => {
      try {
        return readFileSync(join(dir, path));
      } catch {
        return null;
      }
    },
  };
}

/**
 * The data folder as it is at a git revision, read with `git ls-tree` and `git show`.
 * A revision that has no such folder reads as an empty data folder.
 */
export function gitSource(dir: string, ref: string): DataSource {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: dir, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const prefix = git(['rev-parse', '--show-prefix']).toString().trim();
  const listing = git([
    'ls-tree',
    '-r',
    '--full-name',
    '--name-only',
    '-z',
    ref,
    '--',
    '.',
  ]).toString();
  const files = listing
    .split('\0')
    .filter((path) => path.startsWith(prefix) && path.length > prefix.length)
    .map((path) => path.slice(prefix.length))
    .sort();
  const present = new Set(files);
  return {
    label: `${ref}:${prefix}`,
    files: () => files,
    read: (path) => (present.has(path) ? git(['show', `${ref}:${prefix}${path}`]) : null),
  };
}
