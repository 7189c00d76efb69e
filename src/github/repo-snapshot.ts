/**
 * The relevant files of a commit for a full scan, in a bounded number of requests.
 * A repository GitHub sizes at 20 MB or less: the tarball at once, one request. Else
 * one tree request first (paths, blob SHAs, sizes: no content). Then:
 * - few relevant files: one raw blob request each (downloads only what is analysed);
 * - many: the tarball, one request (plus GitHub's redirect to codeload) whatever the
 *   file count, unless the repository is too big to download whole (over 200 MB, or
 *   more than 512 KB per request saved);
 * - a truncated tree (> 100,000 entries): the tarball, the only complete listing.
 * https://docs.github.com/en/rest/repos/contents#download-a-repository-archive-tar
 */
import { isCandidatePath } from '../model/classify.js';
import type { InputFile } from '../model/types.js';
import type { BlobStore } from './blob-store.js';
import { fetchTree, type RepoTree, type TreeEntry } from './git-tree.js';
import { extractTarball, type TarFile } from './tarball.js';
import { mapLimit, READ_CONCURRENCY } from './throttle.js';
import type { GitHub, RepoRef } from './types.js';

/**
 * Above this many relevant files, one tarball (plus the tree that sizes it) beats one request per
 * file: the installation's budget is 5,000 requests an hour, and the byte cap below keeps the
 * download proportionate to the requests it saves.
 */
export const BLOB_FILE_LIMIT = 3;
/** Largest repository (sum of blob sizes) fetched as a tarball. */
export const TARBALL_MAX_BYTES = 200 * 1024 * 1024;
/** A request saved is worth downloading this many more bytes, no more. */
export const BYTES_PER_SAVED_REQUEST = 512 * 1024;
/** Files larger than this are not fetched (the engine would not analyse them either). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/**
 * Up to this repository size the tarball is read without the tree: the tree would cost a
 * request to save downloading at most this much.
 */
export const DIRECT_TARBALL_MAX_BYTES = 20 * 1024 * 1024;
/** Hard cap on per-file requests when the tarball is not an option. */
export const MAX_BLOB_REQUESTS = 2000;

/** `workspace`: files read from a checkout (the Action), not over the API. */
export type SnapshotMethod = 'blobs' | 'tarball' | 'workspace';

export interface Snapshot {
  files: InputFile[];
  method: SnapshotMethod;
  notes: string[];
  /** The first of `firstOf` the commit has (CODEOWNERS), read from the same tarball when there is one. */
  extra?: InputFile;
}

export function chooseMethod(relevantCount: number, totalBytes: number, truncated: boolean): SnapshotMethod {
  if (truncated) return 'tarball';
  const affordable = Math.min(TARBALL_MAX_BYTES, relevantCount * BYTES_PER_SAVED_REQUEST);
  return relevantCount > BLOB_FILE_LIMIT && totalBytes <= affordable ? 'tarball' : 'blobs';
}

/**
 * Whether to read the tarball without asking for the tree first, from GitHub's `size` of
 * the repository (KB; the packed history, which is normally more than the tarball holds):
 * when the whole repository is small, or when `relevantCount` files would each cost a
 * request and the size keeps to the byte budget per saved request. Unknown size: no.
 */
export function tarballFirst(repoSizeKb: number | undefined, relevantCount = 0): boolean {
  if (repoSizeKb === undefined) return false;
  const bytes = repoSizeKb * 1024;
  return bytes <= DIRECT_TARBALL_MAX_BYTES || chooseMethod(relevantCount, bytes, false) === 'tarball';
}

/**
 * The candidate files of a commit's tarball as a tree (blob SHAs computed from the bytes,
 * the same SHAs GitHub lists), their contents primed into `blobs`: the tree request saved.
 */
export async function tarballTree(octokit: GitHub, repo: RepoRef, sha: string, blobs: BlobStore): Promise<RepoTree> {
  const entries: TreeEntry[] = [];
  for (const file of await readTarball(octokit, repo, sha, isCandidatePath)) {
    if (file.size > MAX_FILE_BYTES) continue;
    blobs.prime(file.sha, file.content);
    entries.push({ path: file.path, sha: file.sha, size: file.size });
  }
  return { entries, truncated: false };
}

/** One request (GitHub answers with a redirect to codeload, which fetch follows). */
export async function readTarball(octokit: GitHub, repo: RepoRef, sha: string, want: (path: string) => boolean): Promise<TarFile[]> {
  const { data } = await octokit.rest.repos.downloadTarballArchive({ ...repo, ref: sha });
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data as ArrayBufferLike);
  return extractTarball(bytes, want);
}

/**
 * For a large pull request: reads the head's relevant files from one tarball into the
 * blob cache (keyed by the tree's blob SHAs, the same SHAs the PR file list gives), so
 * the per-file fetches that follow hit the cache. Any failure just leaves the cache
 * empty and the per-file fetches do the work.
 */
export async function primeFromTarball(octokit: GitHub, repo: RepoRef, sha: string, tree: RepoTree, paths: Set<string>, blobs: BlobStore): Promise<boolean> {
  const entries = tree.entries.filter((e) => paths.has(e.path));
  const totalBytes = tree.entries.reduce((sum, e) => sum + e.size, 0);
  if (tree.truncated || chooseMethod(entries.length, totalBytes, false) !== 'tarball') return false;
  try {
    const shaOf = new Map(entries.map((e) => [e.path, e.sha]));
    for (const file of await readTarball(octokit, repo, sha, (path) => shaOf.has(path))) blobs.prime(shaOf.get(file.path)!, file.content);
    return true;
  } catch {
    return false;
  }
}

export async function fetchSnapshot(
  octokit: GitHub,
  repo: RepoRef,
  sha: string,
  keepPath: (path: string) => boolean,
  blobs: BlobStore,
  repoSizeKb?: number,
  firstOf: readonly string[] = [],
): Promise<Snapshot> {
  const wanted = (path: string): boolean => isCandidatePath(path) && keepPath(path);
  const also = new Set(firstOf);
  const split = (files: TarFile[]): { files: TarFile[]; extra?: InputFile } => {
    const extra = firstOf.map((path) => files.find((f) => f.path === path && f.size <= MAX_FILE_BYTES)).find((f) => f !== undefined);
    return { files: files.filter((f) => wanted(f.path)), ...(extra ? { extra: { path: extra.path, content: extra.content } } : {}) };
  };
  if (tarballFirst(repoSizeKb)) {
    const direct = await readTarball(octokit, repo, sha, (path) => wanted(path) || also.has(path)).catch(() => undefined);
    // A failed download falls back to the tree and its choice, as for an unknown size.
    if (direct) {
      const { files, extra } = split(direct);
      return { ...directSnapshot(files), ...(extra ? { extra } : {}) };
    }
  }
  const tree = await fetchTree(octokit, repo, sha);
  const relevant = tree.entries.filter((e) => wanted(e.path));
  const small = relevant.filter((e) => e.size <= MAX_FILE_BYTES);
  const notes: string[] = [];
  if (small.length < relevant.length) notes.push(`${relevant.length - small.length} files over 5 MB were not analysed.`);
  const totalBytes = tree.entries.reduce((sum, e) => sum + e.size, 0);
  const method = chooseMethod(small.length, totalBytes, tree.truncated);
  if (method === 'tarball') {
    const sizes = new Map(small.map((e) => [e.path, e.size]));
    const keep = tree.truncated ? (path: string) => wanted(path) : (path: string) => sizes.has(path);
    const read = split(await readTarball(octokit, repo, sha, (path) => keep(path) || also.has(path)));
    const files = read.files.filter((f) => f.content.length <= MAX_FILE_BYTES);
    if (tree.truncated) notes.push('The repository tree is too large to list; the tarball was read instead.');
    return { files, method, notes, ...(read.extra ? { extra: read.extra } : {}) };
  }
  const capped = small.slice(0, MAX_BLOB_REQUESTS);
  if (capped.length < small.length) notes.push(`Only the first ${MAX_BLOB_REQUESTS} of ${small.length} files were analysed (the repository is too large for a tarball).`);
  const files = await mapLimit(capped, READ_CONCURRENCY, async (e) => ({ path: e.path, content: await blobs.bySha(e.sha) }));
  // Per-file reads: the extra file costs one more request, only when the tree has it.
  const entry = firstOf.map((path) => tree.entries.find((e) => e.path === path && e.size <= MAX_FILE_BYTES)).find((e) => e !== undefined);
  const content = entry ? await blobs.bySha(entry.sha).catch(() => undefined) : undefined;
  const extra = entry && content !== undefined ? { path: entry.path, content } : undefined;
  return { files, method, notes, ...(extra ? { extra } : {}) };
}

function directSnapshot(files: TarFile[]): Snapshot {
  const small = files.filter((f) => f.size <= MAX_FILE_BYTES);
  const notes = small.length < files.length ? [`${files.length - small.length} files over 5 MB were not analysed.`] : [];
  return { files: small.map((f) => ({ path: f.path, content: f.content })), method: 'tarball', notes };
}
