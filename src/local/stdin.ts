/**
 * `remediation scan -`: one file read from standard input (an editor's buffer,
 * a pre-commit hook). `--stdin-filename` names it, and the name decides what
 * the engine makes of it: its kind (notebook, module, SQL, job) and its role
 * (a path under `tests/` is test code). Default `stdin.py`.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { isCandidatePath } from '../model/classify.js';
import { CliError, describeFsError, usageError } from './errors.js';
import { toPosix, type ScanInput } from './walk.js';

export const DEFAULT_STDIN_FILENAME = 'stdin.py';

export type ReadStdin = () => Promise<Uint8Array | string>;

export async function readStdinInput(filename: string | undefined, cwd: string, read: ReadStdin): Promise<ScanInput> {
  const path = stdinPath(filename ?? DEFAULT_STDIN_FILENAME, cwd);
  if (!isCandidatePath(path)) {
    throw usageError(`--stdin-filename ${filename} is not a file the engine reads (notebooks, Python, SQL, job JSON, bundle YAML)`);
  }
  let content: Uint8Array | string;
  try {
    content = await read();
  } catch (error) {
    throw new CliError('io', `cannot read standard input: ${describeFsError(error)}`);
  }
  return { root: resolve(cwd), files: [{ path, content }], skipped: [] };
}

/** Relative to the working directory, like a scanned file's path; a name outside it keeps only what is below the root. */
function stdinPath(filename: string, cwd: string): string {
  const trimmed = filename.trim();
  if (trimmed === '') throw usageError('--stdin-filename needs a file name');
  const absolute = resolve(cwd, trimmed);
  const path = toPosix(relative(resolve(cwd), absolute));
  if (path === '' || path.startsWith('../') || path === '..' || isAbsolute(path)) return toPosix(trimmed).replace(/^(\.\.\/|\/)+/, '');
  return path;
}

/** All of the process's standard input, as bytes (the engine decodes them like a file's). */
export async function readProcessStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** One file is not the repository: rules about the whole of it, or about its tests, would guess. */
export const STDIN_ENGINE_OPTIONS = { wholeRepository: false, testsKnown: false } as const;
