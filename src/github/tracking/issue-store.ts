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
import { compactState, fitsStateBudget } from './apply.js';
import { keepTicked, tickedActions } from './checkboxes.js';
import { emptyState, extractBlock, hasMarker, type TrackingState } from './state.js';
import { distrustNotice, keepLastGood, stateKeyFor, trustedState, type Distrust } from './trusted-state.js';

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
  /** Trusted state; `emptyState()` when there is no issue yet (or nothing trustworthy is known). */
  state: TrackingState;
  /** Whether the state came from an existing issue (false means a baseline scan is due). */
  known: boolean;
  /** The key that seals this repository's block. */
  key: Buffer;
  /** Why the issue's own block was not used; the next write restores it and says so. */
  distrust?: Distrust;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface WriteOptions {
  /** The checkbox handler acts on every ticked box, so it must not tick them again. */
  keepTicks: boolean;
  /** Who edited the issue, when an edit event caused this write (named if the edit is undone). */
  editor?: string;
}

export async function openTracking(ctx: RunContext): Promise<TrackingHandle> {
  const login = await ctx.services.botLogin();
  const key = await stateKeyFor(ctx);
  const remembered = await rememberedIssue(ctx, login);
  if (remembered) return handleFor(ctx, key, remembered.issue, remembered.etag);
  const listed = await ctx.octokit.paginate(ctx.octokit.rest.issues.listForRepo, { ...ctx.repo, creator: login, state: 'all', per_page: 100 });
  const ours = listed
    .filter((i) => !i.pull_request && i.user?.login === login && hasMarker(i.body))
    .map((i) => ({ number: i.number, state: i.state as TrackingIssue['state'], body: i.body ?? '', title: i.title }));
  const open = ours.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number);
  const survivor = open[0] ?? ours.sort((a, b) => b.number - a.number)[0];
  for (const duplicate of open.slice(1)) await closeDuplicate(ctx, duplicate.number, survivor.number);
  if (!survivor) return { state: emptyState(), known: false, key };
  await remember(ctx, survivor.number);
  return handleFor(ctx, key, survivor);
}

async function handleFor(ctx: RunContext, key: Buffer, issue: TrackingIssue, etag?: string): Promise<TrackingHandle> {
  const trusted = await trustedState(ctx, issue.body, key);
  return { issue, ...(etag ? { etag } : {}), key, ...trusted };
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
  const fits = fitsStateBudget(handle.key);
  // The sequence number grows only when something is written, so an unchanged body stays unchanged.
  const render = (state: TrackingState, seq: number): string => renderTrackingBody({ state: compactState({ ...state, seq }, fits), repoUrl: ctx.repoUrl, key: handle.key });
  const next = mutate(handle.state, handle.issue?.body ?? '');
  const seq = handle.state.seq + 1;
  if (!handle.issue) {
    const body = render(next, seq);
    const { data } = await ctx.octokit.rest.issues.create({ ...ctx.repo, title: config.trackingIssue.title, body, labels: config.trackingIssue.labels });
    await remember(ctx, data.number);
    await keepLastGood(ctx, seq, extractBlock(body));
    return 'created';
  }
  const reopen = (state: TrackingState): boolean => handle.issue?.state === 'closed' && state.items.some((i) => !i.s);
  // A title changed in the config is applied with the next write (or on its own).
  const retitle = handle.issue.title !== undefined && handle.issue.title !== config.trackingIssue.title;
  if (render(next, handle.state.seq) === handle.issue.body && !reopen(next) && !retitle) return 'unchanged';
  // Re-read right before writing: a user may have ticked a box, or another run written.
  const fresh = await reread(ctx, handle.issue, handle.etag);
  const freshBody = fresh.body ?? '';
  const current = freshBody === handle.issue.body ? undefined : await trustedState(ctx, freshBody, handle.key);
  const base = current?.known && !current.distrust ? current.state : undefined;
  const state = base ? mutate(base, freshBody) : next;
  const written = Math.max(seq, (base?.seq ?? 0) + 1);
  const rendered = render(state, written);
  const body = options.keepTicks ? keepTicked(rendered, tickedActions(freshBody)) : rendered;
  const reopening = fresh.state === 'closed' && state.items.some((i) => !i.s);
  if (body === freshBody && !reopening && !retitle) return 'unchanged';
  await ctx.octokit.rest.issues.update({
    ...ctx.repo,
    issue_number: handle.issue!.number,
    body,
    ...(reopening ? { state: 'open' as const } : {}),
    ...(retitle ? { title: config.trackingIssue.title } : {}),
  });
  await keepLastGood(ctx, written, extractBlock(body));
  if (handle.distrust) await sayDistrusted(ctx, handle, options.editor);
  return 'updated';
}

async function sayDistrusted(ctx: RunContext, handle: TrackingHandle, editor: string | undefined): Promise<void> {
  const number = handle.issue!.number;
  await ctx.octokit.rest.issues
    .createComment({ ...ctx.repo, issue_number: number, body: distrustNotice(handle.distrust!, handle.known, editor) })
    .catch((error: unknown) => ctx.log.warn({ err: error, issue: number }, 'could not comment on the restored tracking issue'));
  ctx.log.warn({ issue: number, reason: handle.distrust, restored: handle.known }, 'tracking issue restored');
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
