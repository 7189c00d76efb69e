/**
 * Unchanged files a pull request's analysis depends on: `%run` includes of the changed
 * notebooks (their definitions and `spark.conf.set` calls count), job files that run
 * them (runtime version, cluster conf: RocksDB and runtime rules), and the notebooks a
 * changed job file runs. Found by scanning text (never by executing anything) and
 * resolved against the head tree; over-fetching is harmless, the engine decides.
 */
import { posix } from 'node:path';
import type { InputFile } from '../model/types.js';
import { isNotFound, type BlobStore } from './blob-store.js';
import { TreeIndex, type TreeEntry } from './git-tree.js';
import { mapLimit, READ_CONCURRENCY } from './throttle.js';

export const MAX_CONTEXT_FILES = 60;
const MAX_INCLUDE_DEPTH = 4;
const RUN_LINE = /^[ \t]*(?:#|--|\/\/)?[ \t]*(?:MAGIC[ \t]+)?%run[ \t]+("[^"]+"|'[^']+'|\S+)/gm;
const IPYNB_RUN = /"%run[ \t]+([^"\\\s]+)/g;
const TASK_PATH = /["']?(?:notebook_path|python_file)["']?\s*[:=]\s*["']?([^"'\s,}]+)/g;
const STREAMING_HINT = /readStream|read_stream|GroupsWithState|transformWithState|applyInPandasWithState|stateStore|RocksDB/i;
const JOB_NAME_HINT = /(job|workflow|pipeline|resources|bundle|databricks)/i;
const NOT_JOBS = /(^|\/)(package(-lock)?|tsconfig[^/]*|composer|\.eslintrc|renovate|launch|settings)\.json$/i;

export function runTargets(path: string, text: string): string[] {
  const found: string[] = [];
  for (const pattern of [RUN_LINE, IPYNB_RUN]) {
    for (const match of text.matchAll(pattern)) {
      const target = match[1].replace(/^["']|["']$/g, '');
      found.push(target.startsWith('/') ? target : posix.join(posix.dirname(path), target));
    }
  }
  return found;
}

export function taskReferences(text: string): string[] {
  return [...text.matchAll(TASK_PATH)].map((match) => match[1]);
}

export function isCodePath(path: string): boolean {
  return /\.(py|ipynb|sql|scala|r)$/i.test(path);
}

/** Job settings (runtime, cluster conf) only matter to streaming code. */
export function isStreamingCode(text: string): boolean {
  return STREAMING_HINT.test(text);
}

export function isJobFileCandidate(path: string): boolean {
  const lower = path.toLowerCase();
  if (/(^|\/)databricks\.ya?ml$/.test(lower)) return true;
  if (/\.ya?ml$/.test(lower)) return /(^|\/)resources\//.test(lower);
  return lower.endsWith('.json') && !NOT_JOBS.test(lower) && !lower.startsWith('.github/');
}

export interface ContextRequest {
  /** Changed files (head and base versions). */
  changed: InputFile[];
  tree: TreeEntry[];
  /** Fetch job files too (only when rules that read them are enabled). */
  needJobs: boolean;
}

/** Fetches the context files, by blob SHA, bounded; returns them with the paths found. */
export async function gatherContext(request: ContextRequest, blobs: BlobStore): Promise<InputFile[]> {
  const index = new TreeIndex(request.tree);
  const have = new Set(request.changed.map((file) => file.path));
  const picked = new Map<string, TreeEntry>();
  const pick = (entry: TreeEntry | undefined): void => {
    if (entry && !have.has(entry.path) && picked.size < MAX_CONTEXT_FILES) picked.set(entry.path, entry);
  };
  const streamingChanged = request.changed.some((file) => isCodePath(file.path) && isStreamingCode(text(file)));
  if (request.needJobs && streamingChanged) {
    const jobs = request.tree.filter((entry) => isJobFileCandidate(entry.path));
    jobs.sort((a, b) => Number(JOB_NAME_HINT.test(b.path)) - Number(JOB_NAME_HINT.test(a.path)) || a.path.localeCompare(b.path));
    for (const entry of jobs.slice(0, MAX_CONTEXT_FILES / 2)) pick(entry);
  }
  for (const file of request.changed.filter((f) => isJobFileCandidate(f.path))) {
    for (const reference of taskReferences(text(file))) pick(index.resolveWorkspace(reference));
  }
  const result: InputFile[] = [];
  /** Paths already fetched, or found missing. */
  const tried = new Set<string>();
  let frontier = request.changed.filter((file) => isCodePath(file.path));
  for (let depth = 0; depth <= MAX_INCLUDE_DEPTH; depth++) {
    for (const file of frontier) {
      for (const target of runTargets(file.path, text(file))) pick(index.resolveRelative(target) ?? index.resolveWorkspace(target));
    }
    const batch = [...picked.values()].filter((entry) => !tried.has(entry.path));
    if (batch.length === 0) break;
    const fetched = (await mapLimit(batch, READ_CONCURRENCY, (entry) => fetchContext(entry, blobs))).filter((file): file is InputFile => file !== undefined);
    for (const entry of batch) tried.add(entry.path);
    result.push(...fetched);
    frontier = fetched.filter((file) => isCodePath(file.path));
  }
  return result;
}

/** A context file that 404s (gone since the tree was read) is context the engine does without. */
async function fetchContext(entry: TreeEntry, blobs: BlobStore): Promise<InputFile | undefined> {
  try {
    return { path: entry.path, content: await blobs.bySha(entry.sha) };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function text(file: InputFile): string {
  return typeof file.content === 'string' ? file.content : new TextDecoder().decode(file.content);
}
