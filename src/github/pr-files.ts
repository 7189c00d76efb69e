/**
 * The files of a pull request. `pulls.listFiles` pages 100 at a time and stops at
 * 3000 files; `patch` is absent for binary or very large diffs.
 * https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files
 */
import { isCandidatePath } from '../model/classify.js';
import type { GitHub, RepoRef } from './types.js';

export const MAX_PR_FILES = 3000;
const PER_PAGE = 100;

export type PrFileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface PrFile {
  filename: string;
  status: PrFileStatus;
  /** Blob SHA of the head version. */
  sha: string;
  patch?: string;
  previousFilename?: string;
  changes: number;
}

export interface PrFileList {
  files: PrFile[];
  /** True when GitHub's 3000-file cap was reached: later files are not listed. */
  capped: boolean;
}

export async function listPullRequestFiles(octokit: GitHub, repo: RepoRef, pullNumber: number): Promise<PrFileList> {
  const files: PrFile[] = [];
  let pages = 0;
  await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: PER_PAGE }, (response, done) => {
    pages++;
    for (const file of response.data) {
      files.push({
        filename: file.filename,
        status: file.status as PrFileStatus,
        sha: file.sha ?? '',
        patch: file.patch ?? undefined,
        previousFilename: file.previous_filename ?? undefined,
        changes: file.changes,
      });
    }
    if (pages * PER_PAGE >= MAX_PR_FILES) done();
    return [];
  });
  return { files: files.slice(0, MAX_PR_FILES), capped: files.length >= MAX_PR_FILES };
}

/** Files the engine looks at: candidate kinds (on either side of a rename) that pass the config's globs. */
export function relevantFiles(files: PrFile[], keep: (path: string) => boolean): PrFile[] {
  return files.filter((file) => {
    const paths = [file.filename, file.previousFilename].filter((p): p is string => Boolean(p));
    return paths.some((path) => isCandidatePath(path) && keep(path));
  });
}
