/**
 * The Action's files come from the job's checkout, not over the API: the default branch's
 * files for a push (the CLI's walk), and base and head of a pull request (the CLI's git
 * helpers). `actions/checkout` checks a pull request out as its merge preview: its first
 * parent is the base it merges into (`fetch-depth: 2` is enough); any other checkout is
 * compared with the event's base commit, fetched when the clone lacks it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputFile } from '../model/types.js';
import type { GatheredPr } from '../github/gather-pr.js';
import { addedLinesBetween } from '../github/patch.js';
import type { Snapshot } from '../github/repo-snapshot.js';
import { CODEOWNERS_PATHS } from '../github/codeowners.js';
import { collectDiffInput } from '../local/diff-input.js';
import { resolveCommit, runGit } from '../local/git.js';
import { collectScanFiles } from '../local/walk.js';

export async function workspaceSnapshot(workspace: string, keep: (path: string) => boolean): Promise<Snapshot> {
  const { files } = await collectScanFiles(['.'], { cwd: workspace, root: workspace, keep });
  for (const path of CODEOWNERS_PATHS) {
    const content = await readFile(join(workspace, path), 'utf8').catch(() => undefined);
    if (content !== undefined) return { files, method: 'workspace', notes: [], extra: { path, content } };
  }
  return { files, method: 'workspace', notes: [] };
}

/**
 * Whether the checkout is the event's commit (`GITHUB_SHA`: the default branch's head for
 * comments and issue edits); a message for the job's log when it is not.
 */
export async function checkoutMismatch(workspace: string, sha: string): Promise<string | undefined> {
  const head = await resolveCommit(workspace, 'HEAD').catch(() => undefined);
  if (head === sha) return undefined;
  return `The checkout (${head ?? 'none'}) is not the default branch's head (GITHUB_SHA ${sha}): check out the default branch, so that commands and checkboxes use its configuration.`;
}

/** The commit the checkout's changes are measured against (see the file comment). */
export async function pullRequestBase(workspace: string, headSha: string, baseSha: string): Promise<string> {
  const git = async (...args: string[]): Promise<string | undefined> => (await runGit(args, { cwd: workspace }).catch(() => undefined))?.toString('utf8').trim();
  const secondParent = await git('rev-parse', '--verify', '--quiet', 'HEAD^2');
  if (secondParent === headSha) {
    const firstParent = await git('rev-parse', '--verify', '--quiet', 'HEAD^1');
    if (firstParent) return firstParent;
  }
  if ((await git('cat-file', '-t', baseSha)) !== 'commit') {
    await git('fetch', '--no-tags', '--depth=1', 'origin', baseSha);
  }
  return baseSha;
}

/** Base and head (the working tree) of the candidate files, and what changed between them. */
export async function gatherWorkspacePr(workspace: string, base: string, keep: (path: string) => boolean): Promise<GatheredPr> {
  const { input } = await collectDiffInput({ cwd: workspace, base, keep });
  const baseByPath = new Map(input.base.map((file) => [file.path, text(file)]));
  const renames = input.renames ?? new Map<string, string>();
  const touched = new Set<string>();
  const changedLines = new Map<string, Set<number>>();
  for (const file of input.head) {
    const basePath = renames.get(file.path) ?? file.path;
    const before = baseByPath.get(basePath);
    const after = text(file);
    if (before === after) continue;
    touched.add(file.path).add(basePath);
    changedLines.set(file.path, addedLinesBetween(file.path, before ?? '', after));
  }
  const headPaths = new Set(input.head.map((file) => renames.get(file.path) ?? file.path));
  for (const path of baseByPath.keys()) if (!headPaths.has(path)) touched.add(path);
  const stats = { listed: touched.size, relevant: touched.size, viaTarball: false, basesFetched: 0, contextFiles: input.head.length - changedLines.size, vanished: 0, testFiles: 0 };
  // The whole checkout is on both sides: context and tests are all there.
  return { input, touched, changedLines, notes: [], stats, testsKnown: true };
}

function text(file: InputFile): string {
  return typeof file.content === 'string' ? file.content : new TextDecoder().decode(file.content);
}
