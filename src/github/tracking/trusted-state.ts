/**
 * Which state of a tracking issue to trust. The body's sealed block is the state unless
 * it fails (state.ts): then the last good state this app wrote, kept in the repository
 * cache (memory, or Redis shared by all instances), is restored. With neither, a new
 * baseline starts, and the issue says so. The last good state is refreshed from every
 * block that verifies and is at least as new, so a restart with Redis loses nothing.
 *
 * Limit: without Redis, a restart forgets the last good state; an older sealed body put
 * back before the next write is then accepted (its seal is genuine).
 */
import { mdMention } from '../render/escape.js';
import type { RunContext } from '../types.js';
import { decodeState, emptyState, extractBlock, repositoryStateKey, type TrackingState, type UntrustedReason } from './state.js';

/** Kept long: this is what a tampered issue is restored from. */
export const LAST_GOOD_STATE_MS = 90 * 24 * 60 * 60_000;

export type Distrust = UntrustedReason | 'stale';

export interface TrustedState {
  state: TrackingState;
  /** The state came from this issue or from the last good copy (false: a new baseline is due). */
  known: boolean;
  /** Why the body's own block was not used, when it was not. */
  distrust?: Distrust;
}

interface LastGood {
  seq: number;
  block: string;
}

export async function stateKeyFor(ctx: RunContext): Promise<Buffer> {
  return repositoryStateKey(await ctx.services.stateSecret(), { ...(ctx.repoId !== undefined ? { id: ctx.repoId } : {}), ...ctx.repo });
}

export async function trustedState(ctx: RunContext, body: string, key: Buffer): Promise<TrustedState> {
  const decoded = decodeState(body, key);
  const kept = await ctx.services.cache.get<LastGood>('tracking-state', ctx.repo).catch(() => undefined);
  const lastGood = kept && typeof kept.block === 'string' ? decodeState(kept.block, key) : undefined;
  if (decoded.ok) {
    if (lastGood?.ok && lastGood.state.seq > decoded.state.seq) return { state: lastGood.state, known: true, distrust: 'stale' };
    if (!lastGood?.ok || lastGood.state.seq < decoded.state.seq) await keepLastGood(ctx, decoded.state.seq, extractBlock(body));
    return { state: decoded.state, known: true };
  }
  ctx.log.warn({ reason: decoded.reason, restored: Boolean(lastGood?.ok) }, 'tracking issue state block not trusted');
  if (lastGood?.ok) return { state: lastGood.state, known: true, distrust: decoded.reason };
  return { state: emptyState(), known: false, distrust: decoded.reason };
}

/** Remembers a block the app has just written (or read and verified). */
export async function keepLastGood(ctx: RunContext, seq: number, block: string | undefined): Promise<void> {
  if (!block) return;
  await ctx.services.cache.set<LastGood>('tracking-state', ctx.repo, { seq, block }, LAST_GOOD_STATE_MS).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not keep the tracking state'));
}

const WHY: Record<Distrust, string> = {
  missing: 'its data block was removed',
  duplicated: 'a second data block was added to it',
  forged: 'its data block was changed by hand (its seal does not match)',
  invalid: 'its data block is unreadable',
  stale: 'an older version of it was put back',
};

/** The one comment that says what happened; `editor` is known when an edit event named them. */
export function distrustNotice(distrust: Distrust, restored: boolean, editor?: string): string {
  const who = editor ? ` (edited by ${mdMention(editor)})` : '';
  const outcome = restored
    ? 'I restored the last state I wrote, so the progress, history, ignores and mutes shown here are the ones recorded by the app.'
    : 'I know of no earlier state for it, so I started a new baseline from the current scan.';
  return `This tracking issue was not used as it was: ${WHY[distrust]}${who}. ${outcome} The issue is rewritten by the app; to change what it tracks, use the \`/remediation\` commands or \`.github/remediation.yml\`.`;
}
