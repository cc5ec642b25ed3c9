/**
 * Staging and publishing a week: the new files are written to a staging folder next to `data/`,
 * validated as part of the data folder they will join, and only then moved into `data/` by
 * renames, the week folder and the regenerated descriptor together.
 *
 * Why a kill cannot leave the week without its descriptor, or the reverse:
 *
 * - The staging folder `.<data>.ingest-staging` is a sibling of `data/`, on the same file system,
 *   so every move into `data/` is a rename: a file or folder is either at its old place or at its
 *   new one, never copied halfway. Nothing in `data/` is touched until the point of no return.
 * - `journal.json` in the staging folder says how far the run got. It is replaced by a rename,
 *   so it is always one whole version. Its phase is `staging` until everything needed to finish
 *   is staged and every old file that will be replaced has a backup; the rename that makes it
 *   `committed` is the point of no return.
 * - Before that point, stopping means deleting the staging folder: `data/` was never touched.
 *   After it, stopping means finishing: each remaining step is a rename guarded by "is the
 *   staged file still there?", so running the steps again, from any point, completes the same
 *   move. A failed rename is undone the same way (phase `rolling-back`, steps that check before
 *   they move), from the backups.
 * - A SIGTERM or SIGINT is handled by `settle()` (see cli.ts): Node runs signal listeners on the
 *   event loop, between the synchronous steps, so the handler always finds a journal that
 *   matches `data/`. A SIGKILL or a crash cannot run a handler; the journal stays, and the next
 *   run settles it (`Staging.resolveLeftover`) before it reads `data/`.
 *
 * Not covered: power loss, which would need every folder fsynced; the archive is a git working
 * tree, and git shows and can restore what a lost write left.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { folderSource } from '../contract/source.ts';
import type { DataSource } from '../contract/source.ts';
import { IngestError, UnsettledError } from './errors.ts';

/**
 * The named points of a run, in order, where a test can stop it (INGEST_PAUSE_AT). The first
 * four come before the point of no return; a run stopped at a later one finishes the week.
 */
export const PAUSE_STAGES = [
  'fetched',
  'staged',
  'validated',
  'prepared',
  'committed',
  'old-week-moved-out',
  'week-moved-in',
  'descriptor-moved-in',
] as const;
export type PauseStage = (typeof PAUSE_STAGES)[number];
export const POINT_OF_NO_RETURN: PauseStage = 'committed';
export type Pause = (stage: PauseStage) => Promise<void>;

type Rename = (from: string, to: string) => void;

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

/** Where the ingest stages a week for a data folder: beside it, so the last step is a rename. */
export function stagingFolderFor(dataDir: string): string {
  const data = resolve(dataDir);
  return join(dirname(data), `.${basename(data)}.ingest-staging`);
}

interface Journal {
  pid: number;
  week: string;
  phase: 'staging' | 'committed' | 'rolling-back';
  /** Whether `data/` had the week: its folder is moved aside, not deleted, until the end. */
  replacing: boolean;
  /** The top-level files (the descriptor) to move in, and whether `data/` had each before. */
  files: { path: string; existed: boolean }[];
}

const JOURNAL = 'journal.json';

function writeJournal(folder: string, journal: Journal): void {
  const temporary = join(folder, `${JOURNAL}.next`);
  writeFileSync(temporary, JSON.stringify(journal));
  renameSync(temporary, join(folder, JOURNAL));
}

/** The journal, or null when the run stopped before it wrote one (so before any change). */
function readJournal(folder: string): Journal | null {
  try {
    return JSON.parse(readFileSync(join(folder, JOURNAL), 'utf8')) as Journal;
  } catch {
    return null;
  }
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** Whether a process runs; EPERM means it does, under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A week on its way into a data folder, from the staging folder beside it. */
export class Staging {
  readonly dataDir: string;
  readonly week: string;
  /** The staging folder: the journal, `new/` (the staged files), `old/` (backups). */
  readonly folder: string;
  /** The staged files, laid out as in the data folder. */
  readonly root: string;
  private readonly rename: Rename;

  private constructor(dataDir: string, week: string, rename: Rename) {
    this.dataDir = dataDir;
    this.week = week;
    this.folder = stagingFolderFor(dataDir);
    this.root = join(this.folder, 'new');
    this.rename = rename;
  }

  /** Creates the staging folder; it doubles as a lock, as only one run can create it. */
  static open(dataDir: string, week: string, rename: Rename = renameSync): Staging {
    const staging = new Staging(dataDir, week, rename);
    try {
      mkdirSync(staging.folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new IngestError(
        code === 'EEXIST'
          ? `${staging.folder} already exists: another ingest is staging a week for ${dataDir}. Wait for it to finish, then run again.`
          : `Cannot create the staging folder ${staging.folder} (${code}): the ingest stages a week beside the data folder so that the final move is a rename. Give it write access to ${dirname(staging.folder)}.`,
      );
    }
    try {
      writeJournal(staging.folder, {
        pid: process.pid,
        week,
        phase: 'staging',
        replacing: false,
        files: [],
      });
      mkdirSync(staging.root);
    } catch (error) {
      rmSync(staging.folder, { recursive: true, force: true });
      throw new IngestError(
        `Cannot write to the staging folder ${staging.folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was written. Check the free space and the permissions of ${dirname(staging.folder)}.`,
      );
    }
    return staging;
  }

  /**
   * Settles what an earlier run left beside the data folder, before anything reads it: finishes
   * a committed move, undoes a failed one, removes an uncommitted staging folder. Returns what
   * was done, for the log, or null when there was nothing.
   */
  static resolveLeftover(dataDir: string): string | null {
    const folder = stagingFolderFor(dataDir);
    if (!existsSync(folder)) return null;
    const journal = readJournal(folder);
    if (journal && journal.pid !== process.pid && isRunning(journal.pid)) {
      throw new IngestError(
        `Another ingest (process ${journal.pid}) is staging the week of ${journal.week} in ${folder}. Wait for it to finish; if no ingest is running, remove that folder and run again.`,
      );
    }
    // Without a journal the run stopped while opening the folder, which holds nothing yet.
    const result = new Staging(dataDir, journal?.week ?? '', renameSync).settle();
    const run = journal ? `An earlier ingest of the week of ${journal.week}` : 'An earlier ingest';
    if (result === 'completed') {
      return `${run} was stopped after its point of no return: finished moving the week and its descriptor into ${dataDir}.`;
    }
    if (result === 'undone') {
      return `${run} failed to move it in and could not undo the move: finished the undo, so ${dataDir} is as it was before that run.`;
    }
    return `${run} was stopped before it changed ${dataDir}: removed its staging folder ${folder}.`;
  }

  /** The staged files as a data source. */
  source(): DataSource {
    return folderSource(this.root);
  }

  write(files: Record<string, string | Uint8Array>): void {
    writeFiles(this.root, files);
  }

  private get weekInData() {
    return join(this.dataDir, 'reports', this.week);
  }
  private get weekStaged() {
    return join(this.root, 'reports', this.week);
  }
  private get weekAside() {
    return join(this.folder, 'old', 'reports', this.week);
  }
  private file(path: string) {
    return {
      live: join(this.dataDir, path),
      staged: join(this.root, path),
      backup: join(this.folder, 'old', path),
    };
  }

  private moveInto(from: string, to: string): void {
    mkdirSync(dirname(to), { recursive: true });
    this.rename(from, to);
  }

  /**
   * The moves after the point of no return, each named by the stage it reaches. Each checks
   * before it moves, so running them again from any point finishes the same publication.
   */
  private forwardSteps(journal: Journal): { stage: PauseStage; run: () => void }[] {
    const moveOldWeekAside = () => {
      if (existsSync(this.weekStaged) && existsSync(this.weekInData)) {
        this.moveInto(this.weekInData, this.weekAside);
      }
    };
    const moveWeekIn = () => {
      if (existsSync(this.weekStaged)) this.moveInto(this.weekStaged, this.weekInData);
    };
    const moveDescriptorIn = () => {
      for (const { path } of journal.files) {
        const { staged, live } = this.file(path);
        if (existsSync(staged)) this.moveInto(staged, live);
      }
    };
    return [
      ...(journal.replacing
        ? [{ stage: 'old-week-moved-out' as const, run: moveOldWeekAside }]
        : []),
      { stage: 'week-moved-in', run: moveWeekIn },
      { stage: 'descriptor-moved-in', run: moveDescriptorIn },
    ];
  }

  /** Puts `data/` back as it was, from any point of the forward steps; safe to run again. */
  private undo(journal: Journal): void {
    for (const { path, existed } of [...journal.files].reverse()) {
      const { live, staged, backup } = this.file(path);
      if (existed && existsSync(backup)) this.rename(backup, live);
      if (!existed && !existsSync(staged)) rmSync(live, { force: true });
    }
    if (!existsSync(this.weekStaged) && existsSync(this.weekInData)) {
      this.moveInto(this.weekInData, this.weekStaged);
    }
    if (journal.replacing && existsSync(this.weekAside))
      this.rename(this.weekAside, this.weekInData);
  }

  /** Refuses, before the point of no return, a move that could only fail halfway. */
  private checkDestinations(paths: readonly string[]): void {
    if (statSync(this.folder).dev !== statSync(this.dataDir).dev) {
      throw new IngestError(
        `${this.dataDir} is on another file system than the folder that holds it (a mount point), so the week cannot be moved in from ${this.folder} by a rename. Nothing was written; mount the parent folder instead, or copy the data folder elsewhere and pass --data.`,
      );
    }
    if (existsSync(this.weekInData) && !isDirectory(this.weekInData)) {
      throw new IngestError(
        `${this.weekInData} is a file, where the week's folder must go. Nothing was written; move it out of the way and run again.`,
      );
    }
    for (const path of paths) {
      const live = join(this.dataDir, path);
      if (isDirectory(live)) {
        throw new IngestError(
          `${live} is a folder, where the regenerated ${path} must go. Nothing was written; move it out of the way and run again.`,
        );
      }
      for (let at = dirname(live); relative(this.dataDir, at) !== ''; at = dirname(at)) {
        if (existsSync(at) && !isDirectory(at)) {
          throw new IngestError(
            `${at} is a file, where a folder must hold the regenerated ${path}. Nothing was written; move it out of the way and run again.`,
          );
        }
      }
    }
  }

  /** Everything up to the point of no return: what will move, backups of what it replaces. */
  private prepare(): Journal {
    const files = this.source()
      .files()
      .filter((path) => !path.startsWith('reports/'))
      .filter((path) => {
        const { live, staged } = this.file(path);
        // A folder in the way differs too, so that checkDestinations names it.
        return (
          !existsSync(live) || isDirectory(live) || !readFileSync(live).equals(readFileSync(staged))
        );
      });
    this.checkDestinations(files);
    const journal: Journal = {
      pid: process.pid,
      week: this.week,
      phase: 'staging',
      replacing: existsSync(this.weekInData),
      files: files.map((path) => ({ path, existed: existsSync(this.file(path).live) })),
    };
    for (const { path, existed } of journal.files) {
      const { live, backup } = this.file(path);
      if (!existed) continue;
      mkdirSync(dirname(backup), { recursive: true });
      copyFileSync(live, backup);
    }
    writeJournal(this.folder, journal);
    return journal;
  }

  /**
   * Moves the staged week into `data/reports/`, replacing an existing one as a whole, with the
   * staged top-level files that differ from the data folder's. A failed move is undone.
   */
  async commit(pause: Pause = async () => {}): Promise<void> {
    const journal = this.prepare();
    await pause('prepared');
    const committed: Journal = { ...journal, phase: 'committed' };
    writeJournal(this.folder, committed);
    await pause('committed');
    try {
      for (const step of this.forwardSteps(committed)) {
        step.run();
        await pause(step.stage);
      }
    } catch (error) {
      this.rollBack(committed, error);
    }
    rmSync(this.folder, { recursive: true, force: true });
  }

  private rollBack(journal: Journal, error: unknown): never {
    const reason = (error as Error).message;
    try {
      writeJournal(this.folder, { ...journal, phase: 'rolling-back' });
      this.undo(journal);
    } catch (second) {
      throw new UnsettledError(
        `Could not move the week of ${this.week} into ${this.dataDir} (${reason}), and undoing the move failed too (${(second as Error).message}): ${this.dataDir} may hold part of the week. ${this.folder} keeps what is needed to undo it; fix the cause, then run the ingest again, which finishes the undo first.`,
      );
    }
    rmSync(this.folder, { recursive: true, force: true });
    throw new IngestError(
      `Could not move the week of ${this.week} into ${this.dataDir} (${reason}); the move was undone, so nothing changed.`,
    );
  }

  /**
   * Brings the data folder to a whole state and removes the staging folder, synchronously (for a
   * signal handler): finishes a committed move, undoes one being rolled back, and otherwise
   * discards the staged files, which `data/` never saw.
   */
  settle(): 'completed' | 'undone' | 'discarded' | 'nothing' {
    if (!existsSync(this.folder)) return 'nothing';
    const journal = readJournal(this.folder);
    let result: 'completed' | 'undone' | 'discarded' = 'discarded';
    if (journal?.phase === 'committed') {
      for (const step of this.forwardSteps(journal)) step.run();
      result = 'completed';
    } else if (journal?.phase === 'rolling-back') {
      this.undo(journal);
      result = 'undone';
    }
    rmSync(this.folder, { recursive: true, force: true });
    return result;
  }

  /** After a failure before the point of no return: the staged files go, `data/` never saw them. */
  discardUncommitted(): void {
    // No journal yet means the run stopped while opening the folder: before any change, too.
    if ((readJournal(this.folder)?.phase ?? 'staging') === 'staging') {
      rmSync(this.folder, { recursive: true, force: true });
    }
  }
}
