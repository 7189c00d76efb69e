/**
 * Gathers what the engine needs to diff a pull request, with as few requests as the
 * facts allow: the file list (1 request per 100 files), one raw blob per relevant head
 * file (or, above 3 of them, the head tarball: 1 request, plus the tree when the
 * repository's size is unknown or too large to download unseen), the base rebuilt by
 * reverse-applying each file's patch (no request), and only when a patch is missing or
 * does not apply, the base file at the merge base.
 */
import type { DiffInput } from '../engine/api-types.js';
import { isTestPath } from '../engine/repo-view.js';
import type { InputFile } from '../model/types.js';
import { isNotFound, type BlobStore } from './blob-store.js';
import { gatherContext, isCodePath, isJobFileCandidate, isStreamingCode, runTargets, taskReferences } from './context-deps.js';
import { fetchTree, stripCodeExtension, type RepoTree } from './git-tree.js';
import { addedLines, addedLinesBetween, parseGitHubPatch, rebuildBase } from './patch.js';
import { BLOB_FILE_LIMIT, primeFromTarball, tarballFirst, tarballTree } from './repo-snapshot.js';
import { listPullRequestFiles, MAX_PR_FILES, relevantFiles, type PrFile } from './pr-files.js';
import { mapLimit, READ_CONCURRENCY } from './throttle.js';
import { mdCode } from './render/escape.js';
import type { GitHub, PullRef, RepoRef } from './types.js';

export interface GatherOptions {
  keepPath: (path: string) => boolean;
  /** Fetch job files as context (rules of priorities 2 and 5 read them). */
  needJobs: boolean;
  /** GitHub's size of the repository (KB), when known: decides whether the tree can be skipped. */
  repoSizeKb?: number;
}

export interface GatheredPr {
  input: DiffInput;
  /** Head and base paths of the relevant changed files: findings elsewhere are context only. */
  touched: Set<string>;
  /** Head path -> head lines added or modified. */
  changedLines: Map<string, Set<number>>;
  notes: string[];
  stats: { listed: number; relevant: number; viaTarball: boolean; basesFetched: number; contextFiles: number; vanished: number; testFiles: number };
  /** The repository's tests are among the files (read from the tarball), so rules can look them up. */
  testsKnown: boolean;
}

interface FilePair {
  head?: InputFile;
  base?: InputFile;
  lines: Set<number>;
  baseFetched: boolean;
  /** The head version was listed but GitHub answered 404 when it was fetched. */
  vanished?: boolean;
}

/** Test files read alongside a pull request's files (from its tarball). */
const MAX_TEST_FILES = 2_000;

/** Vanished files named in the summary; the rest are counted. */
const VANISHED_NAMED = 10;

export async function gatherPullRequest(octokit: GitHub, repo: RepoRef, pr: PullRef, blobs: BlobStore, options: GatherOptions): Promise<GatheredPr> {
  const listing = await listPullRequestFiles(octokit, repo, pr.number);
  const relevant = relevantFiles(listing.files, options.keepPath);
  let mergeBase: Promise<string> | undefined;
  const baseRef = (): Promise<string> =>
    (mergeBase ??= octokit.rest.repos
      .compareCommitsWithBasehead({ ...repo, basehead: `${pr.baseSha}...${pr.headSha}`, per_page: 1 })
      .then((res) => res.data.merge_base_commit.sha));

  // Many head files: one tarball request (after the tree that sizes it, unless the
  // repository's size already shows it affordable) instead of a request per file.
  const headPaths = new Set(relevant.filter((f) => f.status !== 'removed' && f.sha).map((f) => f.filename));
  let tree: RepoTree | undefined;
  let viaTarball = false;
  if (headPaths.size > BLOB_FILE_LIMIT && tarballFirst(options.repoSizeKb, headPaths.size)) {
    tree = await tarballTree(octokit, repo, pr.headSha, blobs).catch(() => undefined);
    viaTarball = tree !== undefined;
    // A failed download is not retried: the files are fetched one by one (tree below for context).
  } else if (headPaths.size > BLOB_FILE_LIMIT) {
    tree = await fetchTree(octokit, repo, pr.headSha);
    // The tests come along in the same download: untested-transform looks them up.
    const tests = tree.entries.filter((e) => isTestPath(e.path)).map((e) => e.path);
    viaTarball = await primeFromTarball(octokit, repo, pr.headSha, tree, new Set([...headPaths, ...tests]), blobs);
  }
  const pairs = await mapLimit(relevant, READ_CONCURRENCY, (file) => gatherFile(file, pr.headSha, blobs, baseRef));
  const input: DiffInput = { base: [], head: [], renames: new Map() };
  const touched = new Set<string>();
  const changedLines = new Map<string, Set<number>>();
  const vanished: string[] = [];
  relevant.forEach((file, i) => {
    const pair = pairs[i];
    // Not analysed at all: without its head, its base findings would pass for fixed.
    if (pair.vanished) {
      vanished.push(file.filename);
      return;
    }
    if (pair.head) input.head.push(pair.head);
    if (pair.base) input.base.push(pair.base);
    if (file.status === 'renamed' && file.previousFilename) input.renames!.set(file.filename, file.previousFilename);
    touched.add(file.filename);
    if (file.previousFilename) touched.add(file.previousFilename);
    changedLines.set(file.filename, pair.lines);
  });

  const changed = [...input.head, ...input.base];
  const context = needsTree(changed, options.needJobs)
    ? await gatherContext({ changed, tree: (tree ?? (await fetchTree(octokit, repo, pr.headSha))).entries, needJobs: options.needJobs }, blobs)
    : [];
  // Context files are unchanged: the same content on both sides, so their findings are `existing` and filtered out.
  input.head.push(...context);
  input.base.push(...context);
  const tests = viaTarball && tree ? await unchangedTests(tree, [...changed, ...context], blobs) : [];
  input.head.push(...tests);
  input.base.push(...tests);

  const notes: string[] = [];
  if (vanished.length > 0) notes.push(vanishedNote(vanished));
  if (listing.capped) notes.push(`GitHub lists at most ${MAX_PR_FILES} files of a pull request; files beyond were not analysed.`);
  return {
    input,
    touched,
    changedLines,
    notes,
    stats: { listed: listing.files.length, relevant: relevant.length, viaTarball, basesFetched: pairs.filter((p) => p.baseFetched).length, contextFiles: context.length, vanished: vanished.length, testFiles: tests.length },
    testsKnown: viaTarball && tree !== undefined,
  };
}

/** The repository's test files the change does not touch, as the tarball gave them (no request each). */
async function unchangedTests(tree: RepoTree, have: InputFile[], blobs: BlobStore): Promise<InputFile[]> {
  const known = new Set(have.map((f) => f.path));
  const entries = tree.entries.filter((e) => isTestPath(e.path) && !known.has(e.path) && blobs.has(e.sha)).slice(0, MAX_TEST_FILES);
  return Promise.all(entries.map(async (e) => ({ path: e.path, content: await blobs.bySha(e.sha) })));
}

async function gatherFile(file: PrFile, headSha: string, blobs: BlobStore, baseRef: () => Promise<string>): Promise<FilePair> {
  const headText = file.status === 'removed' ? undefined : await fetchHead(file, headSha, blobs);
  if (file.status !== 'removed' && headText === undefined) return { lines: new Set(), baseFetched: false, vanished: true };
  const head = headText === undefined ? undefined : { path: file.filename, content: headText };
  if (file.status === 'added' || file.status === 'copied') {
    // A copy leaves its source in place: everything in it is new to the repository.
    const parsed = file.patch ? parseGitHubPatch(file.filename, file.patch) : undefined;
    return { head, lines: parsed ? addedLines(parsed) : allLines(headText ?? ''), baseFetched: false };
  }
  const basePath = file.previousFilename ?? file.filename;
  if (file.status === 'renamed' && file.changes === 0 && headText !== undefined) {
    return { head, base: { path: basePath, content: headText }, lines: new Set(), baseFetched: false };
  }
  const parsed = file.patch ? parseGitHubPatch(file.filename, file.patch) : undefined;
  const rebuilt = parsed ? rebuildBase(headText ?? '', parsed) : undefined;
  if (parsed && rebuilt !== undefined) {
    return { head, base: { path: basePath, content: rebuilt }, lines: addedLines(parsed), baseFetched: false };
  }
  const fetched = await blobs.byPath(basePath, await baseRef());
  const base = fetched === undefined ? undefined : { path: basePath, content: fetched };
  return { head, base, lines: addedLinesBetween(file.filename, fetched ?? '', headText ?? ''), baseFetched: true };
}

/**
 * The head version, or undefined when GitHub answers 404: the file changed or vanished
 * between the file list and this request (a push meanwhile, a deleted fork). The next
 * `synchronize` checks the new head.
 */
async function fetchHead(file: PrFile, headSha: string, blobs: BlobStore): Promise<string | undefined> {
  try {
    return file.sha ? await blobs.bySha(file.sha) : await blobs.byPath(file.filename, headSha);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function vanishedNote(paths: string[]): string {
  const named = paths.slice(0, VANISHED_NAMED).map((path) => mdCode(path, 200)).join(', ');
  const more = paths.length > VANISHED_NAMED ? ` and ${paths.length - VANISHED_NAMED} more` : '';
  const verb = paths.length === 1 ? 'was' : 'were';
  return `${named}${more} ${verb} not analysed: GitHub answered 404 when ${paths.length === 1 ? 'it was' : 'they were'} fetched (changed or removed after the file list was read, e.g. by a new push).`;
}

function allLines(text: string): Set<number> {
  const count = text.length === 0 ? 0 : text.split('\n').length;
  return new Set(Array.from({ length: count }, (_, i) => i + 1));
}

/** The head tree (one request) is only needed when some changed file points at others. */
function needsTree(changed: InputFile[], needJobs: boolean): boolean {
  const texts = changed.map((file) => ({ path: file.path, text: typeof file.content === 'string' ? file.content : '' }));
  if (needJobs && texts.some((f) => isCodePath(f.path) && isStreamingCode(f.text))) return true;
  const paths = new Set(changed.map((f) => stripCodeExtension(f.path)));
  return texts.some(
    (f) =>
      (isCodePath(f.path) && runTargets(f.path, f.text).some((target) => !paths.has(stripCodeExtension(target)))) ||
      (isJobFileCandidate(f.path) && taskReferences(f.text).length > 0),
  );
}
