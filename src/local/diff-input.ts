/**
 * Builds the engine's DiffInput for `remediation diff`: the candidate files of
 * the base commit and of the head commit (or the working tree), and the
 * renames between them. Paths are relative to the repository top, as on GitHub.
 */
import { lstat, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DiffInput } from '../engine/api-types.js';
import type { InputFile } from '../model/types.js';
import { isCandidatePath } from '../model/classify.js';
import { CliError, ioError } from './errors.js';
import { excludeMatcher } from './exclude.js';
import { READ_CONCURRENCY, mapLimit } from './pool.js';
import { listTree, listWorktree, readBlobs, renamesBetween, repositoryTop, resolveCommit } from './git.js';

export interface DiffGatherOptions {
  cwd: string;
  repo?: string;
  base: string;
  head?: string;
  exclude?: readonly string[];
  /** Which candidate paths to analyse on both sides: the config's `paths` and its own file. Default all. */
  keep?: (path: string) => boolean;
  /** The repository top when the caller already looked it up (`diffRepositoryTop`). */
  top?: string;
}

export interface DiffGathered {
  /** Repository top folder. */
  root: string;
  input: DiffInput;
}

export async function collectDiffInput(options: DiffGatherOptions): Promise<DiffGathered> {
  const top = options.top ?? (await diffRepositoryTop(options));
  const baseCommit = await resolveCommit(top, options.base);
  const headCommit = options.head === undefined ? undefined : await resolveCommit(top, options.head);
  const excluded = excludeMatcher(options.exclude ?? []);
  const wanted = options.keep ?? (() => true);
  const keep = (path: string): boolean => isCandidatePath(path) && !excluded(path) && wanted(path);

  const [base, head, renames] = await Promise.all([
    filesAtCommit(top, baseCommit, keep),
    headCommit ? filesAtCommit(top, headCommit, keep) : filesInWorktree(top, keep),
    renamesBetween(top, baseCommit, headCommit),
  ]);
  const headPaths = new Set(head.map((file) => file.path));
  for (const headPath of [...renames.keys()]) if (!headPaths.has(headPath)) renames.delete(headPath);
  return { root: top, input: { base, head, renames } };
}

/** The top folder of the repository `diff` compares in (`--repo`, else the working directory). */
export async function diffRepositoryTop(options: Pick<DiffGatherOptions, 'cwd' | 'repo'>): Promise<string> {
  const label = options.repo ?? '.';
  const dir = resolve(options.cwd, label);
  // Checked first: git started in a missing folder fails with ENOENT, which reads like "git not installed".
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    throw ioError(label, error);
  }
  if (!isDirectory) throw new CliError('io', `cannot read ${label}: not a directory`);
  return repositoryTop(dir, label);
}

async function filesAtCommit(top: string, commit: string, keep: (path: string) => boolean): Promise<InputFile[]> {
  const entries = (await listTree(top, commit)).filter((entry) => keep(entry.path));
  const blobs = await readBlobs(top, entries);
  const files: InputFile[] = [];
  for (const entry of entries) {
    const content = blobs.get(entry.oid);
    if (content) files.push({ path: entry.path, content });
  }
  return files;
}

/**
 * The working tree as git sees it. Files deleted but still in the index, and
 * submodule folders, are skipped; symlinks are not followed out of the tree.
 */
async function filesInWorktree(top: string, keep: (path: string) => boolean): Promise<InputFile[]> {
  const paths = (await listWorktree(top)).filter(keep).sort();
  const files = await mapLimit(paths, READ_CONCURRENCY, async (path): Promise<InputFile | undefined> => {
    const absolute = join(top, path);
    try {
      if (!(await lstat(absolute)).isFile()) return undefined;
      return { path, content: await readFile(absolute) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw ioError(path, error);
    }
  });
  return files.filter((file): file is InputFile => file !== undefined);
}
