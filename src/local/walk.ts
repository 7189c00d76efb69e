/**
 * Collects the files `remediation scan` hands to the engine: candidate paths
 * under the given files and folders, minus .gitignore'd and --exclude'd ones,
 * read as bytes, with paths relative to the repository top (the git top level
 * of the scanned paths; outside a repository, the one folder named, else the
 * working directory).
 * The walk and the reads are synchronous: a system call per folder and file, where promises
 * cost thread-pool round trips per file (bench/walk-bench.ts: 219 / 917 / 3,002 ms at
 * 1k / 5k / 20k files before, 151 / 692 / 1,420 ms after; the rest is the system calls).
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { InputFile } from '../model/types.js';
import { isCandidatePath } from '../model/classify.js';
import { ioError } from './errors.js';
import { excludeMatcher, type PathMatcher } from './exclude.js';
import { findRepositoryTop } from './git.js';
import { GitignoreStack } from './gitignore.js';

export interface WalkOptions {
  cwd: string;
  exclude?: readonly string[];
  /** The folder paths are relative to, instead of the repository's root (`scanRoot`; a fixture repository inside another). */
  root?: string;
  /** Which candidate paths (relative to the root) to analyse: the config's `paths` and its own file. Default all. */
  keep?: (path: string) => boolean;
}

export interface ScanInput {
  /** Absolute folder the reported paths are relative to. */
  root: string;
  files: InputFile[];
  /** Files named on the command line that are not candidates (a `.txt`, a `.csv`): not analysed. */
  skipped: string[];
}

interface Pending {
  absolute: string;
  path: string;
}

interface Target {
  given: string;
  absolute: string;
  isDirectory: boolean;
}

/** The folder `scan PATH...` reports paths relative to (see the file comment); a missing path fails here. */
export async function scanRoot(paths: readonly string[], cwd: string): Promise<string> {
  return rootOf(await statTargets(paths, cwd), cwd);
}

export async function collectScanFiles(paths: readonly string[], options: WalkOptions): Promise<ScanInput> {
  const targets = await statTargets(paths, options.cwd);
  const root = options.root ? resolve(options.cwd, options.root) : await rootOf(targets, options.cwd);
  const keep = options.keep ?? (() => true);
  // Folders are pruned by --exclude alone: `keep` judges files (an include glob names files, not folders).
  const excluded = excludeMatcher(options.exclude ?? []);
  const found = new Map<string, Pending>();
  const skipped: string[] = [];

  for (const target of targets) {
    if (!target.isDirectory) {
      // A file named on the command line is wanted even if .gitignore'd; --exclude still applies.
      const path = toPosix(relative(root, target.absolute));
      if (!isCandidatePath(path)) skipped.push(target.given);
      else if (!excluded(path) && keep(path)) found.set(path, { absolute: target.absolute, path });
      continue;
    }
    const ignores = GitignoreStack.forRoot(target.absolute);
    walkFolder(target.absolute, { root, ignores, excluded, keep, found });
  }

  const pending = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, files: readAll(pending), skipped };
}

interface WalkState {
  root: string;
  ignores: GitignoreStack;
  excluded: PathMatcher;
  keep: (path: string) => boolean;
  found: Map<string, Pending>;
}

function walkFolder(dir: string, state: WalkState): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw ioError(displayPath(state.root, dir, true), error);
  }
  for (const entry of entries) {
    const absolute = join(dir, entry.name);
    const path = toPosix(relative(state.root, absolute));
    const kind = entryKind(entry, absolute);
    if (kind === 'directory') {
      if (entry.name === '.git' || !isCandidateFolder(path)) continue;
      if (state.ignores.ignores(absolute, true) || state.excluded(path)) continue;
      walkFolder(absolute, { ...state, ignores: state.ignores.enter(absolute) });
      continue;
    }
    if (kind !== 'file' || !isCandidatePath(path)) continue;
    if (state.ignores.ignores(absolute, false) || state.excluded(path) || !state.keep(path)) continue;
    state.found.set(path, { absolute, path });
  }
}

/**
 * Symlinked files are read; symlinked folders are not followed, which keeps
 * link cycles and links out of the repository from blowing up a walk.
 */
function entryKind(entry: Dirent, absolute: string): 'file' | 'directory' | 'other' {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    return statSync(absolute).isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a dangling link is not a file of the repository
  }
}

/** classify.ts owns the skipped folders (node_modules, .venv, ...): ask it about a file inside. */
function isCandidateFolder(path: string): boolean {
  return isCandidatePath(`${path}/probe.py`);
}

function readAll(pending: readonly Pending[]): InputFile[] {
  return pending.map(({ absolute, path }) => {
    try {
      return { path, content: readFileSync(absolute) };
    } catch (error) {
      throw ioError(path, error);
    }
  });
}

async function statTargets(paths: readonly string[], cwd: string): Promise<Target[]> {
  return Promise.all(
    paths.map(async (given) => {
      const absolute = resolve(cwd, given);
      try {
        return { given, absolute, isDirectory: (await stat(absolute)).isDirectory() };
      } catch (error) {
        throw ioError(given, error);
      }
    }),
  );
}

/**
 * The git top level of the first path, so `scan notebooks` and `scan .` give the same paths
 * and fingerprints as the App; outside a repository (or with a path outside it), the one
 * folder named, else the working directory.
 */
async function rootOf(targets: readonly Target[], cwd: string): Promise<string> {
  const first = targets[0];
  const fallback = targets.length === 1 && first?.isDirectory ? first.absolute : resolve(cwd);
  if (!first) return fallback;
  const top = await repositoryRootOf(first.isDirectory ? first.absolute : dirname(first.absolute));
  const inside = (absolute: string): boolean => {
    const path = relative(top ?? '', absolute);
    return path === '' || (!path.startsWith('..') && !isAbsolute(path));
  };
  return top && targets.every((target) => inside(target.absolute)) ? top : fallback;
}

/**
 * git names the top with symlinks resolved; the same folder as it appears on the path
 * the user typed keeps the paths below it relative to what they wrote.
 */
async function repositoryRootOf(dir: string): Promise<string | undefined> {
  const top = await findRepositoryTop(dir);
  if (!top) return undefined;
  const real = await realpath(top).catch(() => top);
  for (let current = dir; ; current = dirname(current)) {
    if ((await realpath(current).catch(() => current)) === real) return current;
    if (dirname(current) === current) return top;
  }
}

function displayPath(root: string, absolute: string, isDirectory: boolean): string {
  const path = toPosix(relative(root, absolute)) || '.';
  return isDirectory ? `${path}/` : path;
}

/** A native relative path with `/` separators, as paths are reported. */
export function toPosix(path: string): string {
  return path.split(sep).join('/');
}
