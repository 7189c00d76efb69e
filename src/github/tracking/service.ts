/**
 * Tracking-issue operations the handlers share: a full scan of the default branch,
 * and recording what a pull request would resolve.
 */
import { engineOptions, pathFilter, type RemediationConfig } from '../../config.js';
import type { IgnoreEntry } from '../../engine/api-types.js';
import type { Finding } from '../../model/types.js';
import { createBlobStore } from '../blob-store.js';
import { CODEOWNERS_PATHS, pickCodeowners } from '../codeowners.js';
import { renamesBetween } from '../renames.js';
import { fetchSnapshot, type Snapshot } from '../repo-snapshot.js';
import type { PullRef, RunContext } from '../types.js';
import { applyPullRequest, applyScan, type ScanFacts } from './apply.js';
import { RULES_VERSION } from '../../engine/rules-version.js';
import { activeIgnores } from './ignores.js';
import { openTracking, writeTracking, type TrackingHandle, type WriteOutcome } from './issue-store.js';
import type { TrackingState } from './state.js';

export interface ScanTarget {
  branch: string;
  /** The commit to scan; resolved from the branch when absent (one request). */
  sha?: string;
  /** False when no file can have been renamed since the last scan (a push that removed none). */
  renamesPossible?: boolean;
  /** The commit's files when already at hand (the Action's checkout): nothing is downloaded. */
  snapshot?: Snapshot;
}

/** The recorded ignores that still apply on the day of `at` (the run's date): expired ones no longer hide findings. */
export function recordedIgnores(state: TrackingState, at: string): IgnoreEntry[] {
  return activeIgnores(state.ignores, at).map((i) => ({ selector: i.selector, ...(i.path ? { path: i.path } : {}), reason: i.reason }));
}

export async function scanDefaultBranch(ctx: RunContext, config: RemediationConfig, state: TrackingState, target: ScanTarget): Promise<ScanFacts> {
  const sha = target.sha ?? (await ctx.octokit.rest.repos.getBranch({ ...ctx.repo, branch: target.branch })).data.commit.sha;
  const blobs = createBlobStore(ctx.octokit, ctx.repo);
  const snapshot = target.snapshot ?? (await fetchSnapshot(ctx.octokit, ctx.repo, sha, pathFilter(config), blobs, ctx.repoSizeKb, CODEOWNERS_PATHS));
  const options = engineOptions(config, recordedIgnores(state, ctx.services.now().toISOString()));
  const result = ctx.services.scan ? await ctx.services.scan(snapshot.files, options) : (await ctx.services.engine()).scan(snapshot.files, options);
  // A file renamed since the last scan keeps its findings (and resolves none).
  const last = state.scan?.sha;
  const renames = last && last !== sha && state.items.length > 0 && target.renamesPossible !== false ? await renamesBetween(ctx, last, sha) : new Map<string, string>();
  ctx.log.info({ sha, method: snapshot.method, files: snapshot.files.length, contentRequests: blobs.requests, findings: result.findings.length, renames: renames.size }, 'default branch scanned');
  // CODEOWNERS comes with the snapshot (the tarball holds it): owners per file on the board.
  const extra = snapshot.extra;
  const codeowners = extra && typeof extra.content === 'string' ? pickCodeowners(new Map([[extra.path, extra.content]])) : undefined;
  return { sha, branch: target.branch, at: ctx.services.now().toISOString(), method: snapshot.method, findings: result.findings, renames, failOn: config.failOn, rules: RULES_VERSION, ...(codeowners ? { codeowners } : {}) };
}

export interface RescanOptions {
  handle?: TrackingHandle;
  /** Extra change applied before the scan result (checkbox actions, an ignore). */
  before?: (state: TrackingState, body: string) => TrackingState;
  /** Extra change applied after it (what the first pull request would resolve). */
  after?: (state: TrackingState) => TrackingState;
  keepTicks?: boolean;
  /** Who edited the issue, when an edit caused this scan. */
  editor?: string;
  /** Told the scan's facts before the issue is written (the Action writes its SARIF from them). */
  scanned?: (facts: ScanFacts) => void;
}

/** Scans the default branch and rewrites (or creates) the tracking issue from the result. */
export async function rescanAndTrack(ctx: RunContext, config: RemediationConfig, target: ScanTarget, options: RescanOptions = {}): Promise<WriteOutcome> {
  const handle = options.handle ?? (await openTracking(ctx));
  const before = options.before ?? ((state: TrackingState) => state);
  const after = options.after ?? ((state: TrackingState) => state);
  const facts = await scanDefaultBranch(ctx, config, before(handle.state, handle.issue?.body ?? ''), target);
  options.scanned?.(facts);
  const outcome = await writeTracking(ctx, config, handle, (state, body) => after(applyScan(before(state, body), facts)), { keepTicks: options.keepTicks ?? true, ...(options.editor ? { editor: options.editor } : {}) });
  ctx.log.info({ outcome, sha: facts.sha }, 'tracking issue written after scan');
  return outcome;
}

/** A push to the default branch, as its event tells it. */
export interface PushFacts {
  branch: string;
  before: string;
  sha: string;
  /** Some commit removed (or renamed) a file, or the push's commits are not all listed. */
  removals?: boolean;
}

/** GitHub lists at most this many commits in a push payload. https://docs.github.com/en/webhooks/webhook-events-and-payloads#push */
export const MAX_PUSH_COMMITS = 2048;

/** A rename shows in a push as a removed path; without any, the scan need not ask for renames. */
export function pushRemovesFiles(commits: readonly { removed?: readonly string[] | null }[]): boolean {
  return commits.length === 0 || commits.length >= MAX_PUSH_COMMITS || commits.some((commit) => (commit.removed?.length ?? 0) > 0);
}

/**
 * The commit a push should be scanned at, or undefined when the issue already shows it.
 * Pushes can be handled out of order (queued deliveries, concurrent workflow runs), so a
 * push is taken as is only when it follows the scan the issue records; otherwise the
 * branch's current head is asked for (one request).
 */
export async function pushHead(ctx: RunContext, handle: TrackingHandle, push: PushFacts): Promise<Required<Pick<ScanTarget, 'sha' | 'renamesPossible'>> | undefined> {
  const scanned = handle.known ? handle.state.scan?.sha : undefined;
  if (scanned === push.sha) {
    ctx.log.info({ sha: push.sha }, 'push already reflected by the tracking issue');
    return undefined;
  }
  const head = scanned !== undefined && scanned === push.before ? push.sha : (await ctx.octokit.rest.repos.getBranch({ ...ctx.repo, branch: push.branch })).data.commit.sha;
  if (head === scanned) {
    ctx.log.info({ sha: push.sha, head }, 'branch head already scanned; push skipped');
    return undefined;
  }
  // The push's own commits say whether a file was removed, when they are all that happened since the last scan.
  return { sha: head, renamesPossible: !(scanned === push.before && head === push.sha && push.removals === false) };
}

/** Notes which open findings the PR's head resolves: shown as "open PRs that would resolve more". */
export async function trackPullRequest(ctx: RunContext, config: RemediationConfig, handle: TrackingHandle, pr: PullRef, fixed: Finding[]): Promise<WriteOutcome> {
  return writeTracking(ctx, config, handle, pullRequestResolves(ctx, pr, fixed), { keepTicks: true });
}

export function pullRequestResolves(ctx: RunContext, pr: PullRef, fixed: Finding[]): (state: TrackingState) => TrackingState {
  const at = ctx.services.now().toISOString();
  return (state) => applyPullRequest(state, pr.number, pr.headSha, fixed, at);
}
