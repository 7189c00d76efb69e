/**
 * Finding and writing the one tracking issue of a repository, idempotently:
 * - found by its hidden marker and the app's own login (never a user's look-alike): by
 *   its number when a recent event remembered it (one GET, which returns an ETag), else
 *   by listing the app's issues;
 * - duplicates (two runs racing to create it) are closed, pointing at the survivor;
 * - a write happens only when the rendered body differs, after re-reading the issue so a
 *   box ticked meanwhile is kept ticked (and so acted on by its own `issues.edited`). The
 *   re-read is conditional on the first read's ETag: a 304 (nothing changed meanwhile, the
 *   usual case) is not charged to the rate limit.
 * https://docs.github.com/en/rest/issues/issues
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
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
  /** Absent when unknown: then the title is left as it is. */
  title?: string;
}

export interface TrackingHandle {
  issue?: TrackingIssue;
  /** The ETag of `issue` when it was read by number: makes the re-read before a write conditional. */
  etag?: string;
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
  const remembered = await rememberedIssue(ctx, login);
  if (remembered) return handleFor(ctx, remembered.issue, remembered.etag);
  const listed = await ctx.octokit.paginate(ctx.octokit.rest.issues.listForRepo, { ...ctx.repo, creator: login, state: 'all', per_page: 100 });
  const ours = listed
    .filter((i) => !i.pull_request && i.user?.login === login && hasMarker(i.body))
    .map((i) => ({ number: i.number, state: i.state as TrackingIssue['state'], body: i.body ?? '', title: i.title }));
  const open = ours.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number);
  const survivor = open[0] ?? ours.sort((a, b) => b.number - a.number)[0];
  for (const duplicate of open.slice(1)) await closeDuplicate(ctx, duplicate.number, survivor.number);
  if (!survivor) return { state: emptyState(), known: false };
  await remember(ctx, survivor.number);
  return handleFor(ctx, survivor);
}

function handleFor(ctx: RunContext, issue: TrackingIssue, etag?: string): TrackingHandle {
  const decoded = decodeState(issue.body);
  if (!decoded.ok) ctx.log.warn({ issue: issue.number, reason: decoded.reason }, 'tracking issue state block unreadable; starting a new baseline');
  return { issue, ...(etag ? { etag } : {}), state: decoded.ok ? decoded.state : emptyState(), known: decoded.ok };
}

async function remember(ctx: RunContext, number: number): Promise<void> {
  await ctx.services.cache.set('tracking-issue', ctx.repo, number, ctx.services.repoCacheMs).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not remember the tracking issue'));
}

/**
 * The remembered issue, read by number, when it is still ours and open. Anything else
 * (gone, transferred, closed: a newer one may exist) falls back to the listing.
 */
async function rememberedIssue(ctx: RunContext, login: string): Promise<{ issue: TrackingIssue; etag?: string } | undefined> {
  if (ctx.services.repoCacheMs <= 0) return undefined;
  const number = await ctx.services.cache.get<number>('tracking-issue', ctx.repo).catch(() => undefined);
  if (number === undefined) return undefined;
  try {
    const { data, headers } = await ctx.octokit.rest.issues.get({ ...ctx.repo, issue_number: number });
    if (data.number === number && data.state === 'open' && data.user?.login === login && hasMarker(data.body)) {
      return { issue: { number, state: 'open', body: data.body ?? '', title: data.title }, etag: headers.etag };
    }
  } catch (error) {
    if (![404, 410].includes((error as { status?: number }).status ?? 0)) throw error;
  }
  await ctx.services.cache.forget('tracking-issue', ctx.repo).catch(() => undefined);
  return undefined;
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
    const { data } = await ctx.octokit.rest.issues.create({ ...ctx.repo, title: config.trackingIssue.title, body: render(next), labels: config.trackingIssue.labels });
    await remember(ctx, data.number);
    return 'created';
  }
  const reopen = (state: TrackingState): boolean => handle.issue?.state === 'closed' && state.items.some((i) => !i.s);
  // A title changed in the config is applied with the next write (or on its own).
  const retitle = handle.issue.title !== undefined && handle.issue.title !== config.trackingIssue.title;
  if (render(next) === handle.issue.body && !reopen(next) && !retitle) return 'unchanged';
  // Re-read right before writing: a user may have ticked a box, or another run written.
  const fresh = await reread(ctx, handle.issue, handle.etag);
  const freshBody = fresh.body ?? '';
  const decoded = decodeState(freshBody);
  const state = freshBody === handle.issue.body || !decoded.ok ? next : mutate(decoded.state, freshBody);
  const body = options.keepTicks ? keepTicked(render(state), tickedActions(freshBody)) : render(state);
  const reopening = fresh.state === 'closed' && state.items.some((i) => !i.s);
  if (body === freshBody && !reopening && !retitle) return 'unchanged';
  await ctx.octokit.rest.issues.update({
    ...ctx.repo,
    issue_number: handle.issue!.number,
    body,
    ...(reopening ? { state: 'open' as const } : {}),
    ...(retitle ? { title: config.trackingIssue.title } : {}),
  });
  return 'updated';
}

/** The issue as it is now; with an ETag, a 304 says it is as read (and costs no rate limit). */
async function reread(ctx: RunContext, issue: TrackingIssue, etag: string | undefined): Promise<{ body?: string | null; state: string }> {
  try {
    const { data } = await ctx.octokit.rest.issues.get({ ...ctx.repo, issue_number: issue.number, ...(etag ? { headers: { 'if-none-match': etag } } : {}) });
    return data;
  } catch (error) {
    if (etag && (error as { status?: number }).status === 304) return issue;
    throw error;
  }
}
