/**
 * The git side of `remediation diff`. git runs through execFile with argument
 * arrays (no shell), with settings that keep it from running anything the
 * repository configures (fsmonitor hooks, external diff drivers, textconv).
 * Blob contents are read with one `git cat-file --batch` per revision.
 */
import { execFile } from 'node:child_process';
import { CliError } from './errors.js';

export interface GitRunOptions {
  cwd: string;
  input?: string;
  /** Upper bound of stdout in bytes. */
  maxBuffer?: number;
}

export interface TreeEntry {
  path: string;
  oid: string;
  size: number;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly code: number | string | undefined,
  ) {
    super(`git ${args.join(' ')} failed: ${stderr.trim().split('\n')[0] || `exit ${code}`}`);
    this.name = 'GitCommandError';
  }
}

// Read-only use: no index refresh lock, no credential prompt, messages in English to match on.
const GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false'];
const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;

export function runGit(args: readonly string[], options: GitRunOptions): Promise<Buffer> {
  const fullArgs = [...SAFE_CONFIG, ...args];
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      'git',
      fullArgs,
      {
        cwd: options.cwd,
        encoding: 'buffer',
        maxBuffer: options.maxBuffer ?? DEFAULT_MAX_BUFFER,
        env: { ...process.env, ...GIT_ENV },
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise(stdout);
        const { code } = error as NodeJS.ErrnoException;
        if (code === 'ENOENT') return reject(new CliError('git', 'git is not installed or not on PATH'));
        reject(new GitCommandError(args, stderr.toString('utf8'), code));
      },
    );
    // git may exit before reading all of stdin (bad object): the EPIPE is reported by the callback instead.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** The repository top folder, or a CliError naming the folder when it is not in a repository. */
export async function repositoryTop(dir: string, label: string): Promise<string> {
  try {
    return (await runGit(['rev-parse', '--show-toplevel'], { cwd: dir })).toString('utf8').trim();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('git', `not a git repository: ${label}`);
  }
}

/**
 * The repository top folder of `dir`, or undefined outside a repository or without git:
 * `scan` then falls back to the folder scanned, where `diff` needs a repository.
 */
export async function findRepositoryTop(dir: string): Promise<string | undefined> {
  try {
    return (await runGit(['rev-parse', '--show-toplevel'], { cwd: dir })).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The commit id a revision names, or a CliError naming the revision. */
export async function resolveCommit(top: string, rev: string): Promise<string> {
  try {
    const out = await runGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: top });
    return out.toString('utf8').trim();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('git', `unknown revision '${rev}' (not a commit of ${top})`);
  }
}

/** Regular files of a commit (no symlinks, no submodules), with their blob ids and sizes. */
export async function listTree(top: string, commit: string): Promise<TreeEntry[]> {
  const out = await runGit(['ls-tree', '-r', '-z', '-l', '--full-tree', commit], { cwd: top });
  const entries: TreeEntry[] = [];
  for (const record of splitZ(out)) {
    // `<mode> SP <type> SP <oid> SP+ <size> TAB <path>`
    const tab = record.indexOf('\t');
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob' || mode === '120000') continue;
    entries.push({ path: record.slice(tab + 1), oid, size: Number(size) || 0 });
  }
  return entries;
}

/** Tracked and untracked-but-not-ignored files of the working tree, relative to the top. */
export async function listWorktree(top: string): Promise<string[]> {
  const out = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: top });
  return [...new Set(splitZ(out))];
}

/** Blob contents by id, read in one `cat-file --batch` process. */
export async function readBlobs(top: string, entries: readonly TreeEntry[]): Promise<Map<string, Buffer>> {
  const unique = new Map(entries.map((entry) => [entry.oid, entry.size]));
  if (unique.size === 0) return new Map();
  const expected = [...unique.values()].reduce((sum, size) => sum + size + 64, 0);
  const out = await runGit(['cat-file', '--batch'], {
    cwd: top,
    input: `${[...unique.keys()].join('\n')}\n`,
    maxBuffer: expected + 1024 * 1024,
  });
  return parseBatch(out);
}

/** Parses `<oid> <type> <size>\n<content>\n` records; `<oid> missing` records are skipped. */
export function parseBatch(out: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const [oid, type, size] = out.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    if (type === 'blob') blobs.set(oid, out.subarray(at, at + length));
    at += length + 1;
  }
  return blobs;
}

/**
 * Head path -> base path of renamed files, between two commits or (no head)
 * between base and the working tree.
 */
export async function renamesBetween(top: string, base: string, head: string | undefined): Promise<Map<string, string>> {
  const args = ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', base];
  if (head) args.push(head);
  args.push('--');
  const fields = splitZ(await runGit(args, { cwd: top }));
  const renames = new Map<string, string>();
  for (let i = 0; i < fields.length; ) {
    const status = fields[i];
    if (status.startsWith('R') || status.startsWith('C')) {
      if (status.startsWith('R')) renames.set(fields[i + 2], fields[i + 1]);
      i += 3;
    } else {
      i += 2;
    }
  }
  return renames;
}

function splitZ(out: Buffer): string[] {
  return out.toString('utf8').split('\0').filter((field) => field !== '');
}
