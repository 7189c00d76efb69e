/**
 * Finding and writing the one tracking issue of a repository, idempotently:
 * - found by its hidden marker and the app's own login (never a user's look-alike);
 * - duplicates (two runs racing to create it) are closed, pointing at the survivor;
 * - a write happens only when the rendered body differs, after re-reading the issue so a
 *   box ticked meanwhile is kept ticked (and so acted on by its own `issues.edited`).
 * https://docs.github.com/en/rest/issues/issues
 */
import type { RemediationConfig } from '../../config.js';
import { renderTrackingBody } from '../render/tracking-body.js';
import type { RunContext } from '../types.js';
import { compactState } from './apply.js';
import { keepTicked, tickedActions } from './checkboxes.js';
import { decodeState, emptyState, hasMarker, type TrackingState } from './state.js';

export interface TrackingIssue {
  number: number;
  state: 'open' | 'closed';
  body: string;
}

export interface TrackingHandle {
  issue?: TrackingIssue;
  /** Decoded state; `emptyState()` when there is no issue yet (or its block is unreadable). */
  state: TrackingState;
  /** Whether the state came from an existing issue (false means a baseline scan is due). */
  known: boolean;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface WriteOptions {
  /** The checkbox handler acts on every ticked box, so it must not tick them again. */
  keepTicks: boolean;
}

export async function openTracking(ctx: RunContext): Promise<TrackingHandle> {
  const login = await ctx.services.botLogin();
  const listed = await ctx.octokit.paginate(ctx.octokit.rest.issues.listForRepo, { ...ctx.repo, creator: login, state: 'all', per_page: 100 });
  const ours = listed
    .filter((i) => !i.pull_request && i.user?.login === login && hasMarker(i.body))
    .map((i) => ({ number: i.number, state: i.state as TrackingIssue['state'], body: i.body ?? '' }));
  const open = ours.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number);
  const survivor = open[0] ?? ours.sort((a, b) => b.number - a.number)[0];
  for (const duplicate of open.slice(1)) await closeDuplicate(ctx, duplicate.number, survivor.number);
  if (!survivor) return { state: emptyState(), known: false };
  const decoded = decodeState(survivor.body);
  if (!decoded.ok) ctx.log.warn({ issue: survivor.number, reason: decoded.reason }, 'tracking issue state block unreadable; starting a new baseline');
  return { issue: survivor, state: decoded.ok ? decoded.state : emptyState(), known: decoded.ok };
}

async function closeDuplicate(ctx: RunContext, number: number, survivor: number): Promise<void> {
  await ctx.octokit.rest.issues.createComment({ ...ctx.repo, issue_number: number, body: `Closing as a duplicate of #${survivor}, which tracks the remediation of this repository.` });
  await ctx.octokit.rest.issues.update({ ...ctx.repo, issue_number: number, state: 'closed', state_reason: 'not_planned' });
  ctx.log.info({ issue: number, survivor }, 'closed duplicate tracking issue');
}

/**
 * Applies `mutate` to the issue's state and writes the result when it changed. `mutate`
 * gets the body it works from, so checkbox actions read the freshest ticks.
 */
export async function writeTracking(
  ctx: RunContext,
  config: RemediationConfig,
  handle: TrackingHandle,
  mutate: (state: TrackingState, body: string) => TrackingState,
  options: WriteOptions,
): Promise<WriteOutcome> {
  const render = (state: TrackingState): string => renderTrackingBody({ state: compactState(state), repoUrl: ctx.repoUrl });
  const next = mutate(handle.state, handle.issue?.body ?? '');
  if (!handle.issue) {
    await ctx.octokit.rest.issues.create({ ...ctx.repo, title: config.trackingIssue.title, body: render(next), labels: config.trackingIssue.labels });
    return 'created';
  }
  const reopen = (state: TrackingState): boolean => handle.issue?.state === 'closed' && state.items.some((i) => !i.s);
  if (render(next) === handle.issue.body && !reopen(next)) return 'unchanged';
  // Re-read right before writing: a user may have ticked a box, or another run written.
  const { data: fresh } = await ctx.octokit.rest.issues.get({ ...ctx.repo, issue_number: handle.issue.number });
  const freshBody = fresh.body ?? '';
  const decoded = decodeState(freshBody);
  const state = freshBody === handle.issue.body || !decoded.ok ? next : mutate(decoded.state, freshBody);
  const body = options.keepTicks ? keepTicked(render(state), tickedActions(freshBody)) : render(state);
  const reopening = fresh.state === 'closed' && state.items.some((i) => !i.s);
  if (body === freshBody && !reopening) return 'unchanged';
  await ctx.octokit.rest.issues.update({ ...ctx.repo, issue_number: handle.issue!.number, body, ...(reopening ? { state: 'open' as const } : {}) });
  return 'updated';
}
