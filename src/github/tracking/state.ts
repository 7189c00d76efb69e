/**
 * The tracking issue's memory: a versioned JSON block, deflated, base64-encoded and sealed
 * with an HMAC in an HTML comment at the end of the body. The visible text is always
 * re-rendered from it, so users may edit the text without losing the baseline or history.
 *
 * Anyone who can edit the issue can edit the block, so the block is authenticated: the
 * MAC is keyed from the app's secret material and bound to the repository, and the state
 * carries a sequence number that grows with every write. A block that fails the MAC, is
 * missing, appears twice, breaks the schema's bounds, or is older than the last state the
 * app wrote is not trusted (issue-store.ts restores the last good one). Pure.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';

export const ISSUE_MARKER = '<!-- remediation-tracking-issue -->';
const BLOCK_OPEN = '<!-- remediation-state ';
// Sticky: tried at the block's start only, so a long run of base64 cannot make the match quadratic.
const STATE_PATTERN = /<!-- remediation-state v(\d+) ([A-Za-z0-9+/=]{1,200000}) ([A-Za-z0-9_-]{43}) -->/y;
const VERSION = 2;

/** Bounds of what a state may hold: a forged or corrupt block cannot make rendering or memory unbounded. */
export const STATE_LIMITS = { items: 20_000, hashes: 60_000, recent: 200, prs: 500, ignores: 30, path: 1024, ignorePath: 200, reason: 200 } as const;
/** Bounds of the board's history and owners (trend.ts, ledger.ts, codeowners.ts). */
export const BOARD_LIMITS = { trend: 120, ledger: 30, prsPerEntry: 20, merges: 20, ownerSets: 200, ownersPerSet: 10 } as const;

const priority = z.number().int().min(1).max(8);
const severity = z.enum(['failure', 'warning', 'notice']);
const count = z.number().int().min(0).max(10_000_000);
const hash = z.string().min(6).max(16);
const date = z.string().max(40);
const commit = z.string().max(64);
const login = z.string().max(100);
const rule = z.string().max(16);
const ruleName = z.string().max(80);
const path = z.string().max(STATE_LIMITS.path);

/** A finding as remembered: short hash, rule, location; `o` indexes its file's owners in `owners.sets` (absent: nobody owns it). */
const item = z.object({ h: hash, r: rule, n: ruleName, p: priority, f: path, l: count, v: severity, s: z.literal(1).optional(), o: z.number().int().min(0).max(BOARD_LIMITS.ownerSets - 1).optional() });
const resolvedItem = z.object({ h: hash, r: rule, n: ruleName, p: priority, f: path, pr: count.optional(), sha: commit, at: date });
const pullRecord = z.object({ sha: commit, resolves: z.array(hash).max(STATE_LIMITS.items), merged: z.boolean().optional(), at: date });
/** Why an ignore was recorded, as code scanning's dismissals say it. */
export const IGNORE_CATEGORIES = ['false-positive', 'wont-fix', 'accepted-risk', 'test-code'] as const;
export type IgnoreCategory = (typeof IGNORE_CATEGORIES)[number];
const ignoreRecord = z.object({
  selector: z.string().max(64),
  path: z.string().max(STATE_LIMITS.ignorePath).optional(),
  reason: z.string().max(STATE_LIMITS.reason),
  by: login,
  pr: count.optional(),
  at: date,
  category: z.enum(IGNORE_CATEGORIES).optional(),
  /** Last day the ignore applies (YYYY-MM-DD, UTC); from the day after, scans report its findings again. */
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
const perPriority = <T extends z.ZodTypeAny>(value: T) => z.record(z.enum(['1', '2', '3', '4', '5', '6', '7', '8']), value);

/** One point of the trend per scan (trend.ts): day, commit, open and failures per priority (P1 first). */
const trendPoint = z.object({ d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), c: commit, o: z.array(count).length(8), f: z.array(count).length(8) });
/** What one scan changed, per priority, and the merged pull requests it covers (none: a push the app saw no merge for). */
const ledgerEntry = z.object({ prs: z.array(count).max(BOARD_LIMITS.prsPerEntry), sha: commit, at: date, fixed: perPriority(count), added: perPriority(count) });
/** The entries beyond the newest BOARD_LIMITS.ledger, as totals. */
const ledgerRest = z.object({ entries: count, prs: count, fixed: perPriority(count), added: perPriority(count), since: date });
/** A pull request merged into the default branch after the last scan: the next scan's entry names it. */
const pendingMerge = z.object({ pr: count, at: date });
const owner = z.string().max(100);

export const trackingStateSchema = z.object({
  v: z.literal(VERSION),
  /** Grows by one with every write: an older block put back is recognised. */
  seq: count,
  baseline: z.object({ sha: commit, at: date, counts: perPriority(count) }).nullable(),
  scan: z.object({ sha: commit, branch: z.string().max(255), at: date, method: z.string().max(32).optional(), failOn: severity.optional(), rules: z.string().max(32).optional() }).nullable(),
  /** Findings of the last scan; `s: 1` marks suppressed ones. */
  items: z.array(item).max(STATE_LIMITS.items),
  /** Hashes of further findings of the last scan, not listed to keep the issue within its size limit. */
  more: perPriority(z.array(hash).max(STATE_LIMITS.hashes)),
  /** Further open findings of the last scan known by count only: the issue could not hold their hashes. */
  uncounted: perPriority(count).optional(),
  /** Findings resolved since the baseline, per priority: progress is done / (done + current). */
  done: perPriority(count),
  /** Findings the rules stopped reporting on an engine update (a new `scan.rules`), per priority: not fixed, so not in `done`. */
  retired: perPriority(count).optional(),
  recent: z.array(resolvedItem).max(STATE_LIMITS.recent),
  prs: z.record(z.string().regex(/^\d{1,9}$/), pullRecord).refine((prs) => Object.keys(prs).length <= STATE_LIMITS.prs),
  ignores: z.array(ignoreRecord).max(STATE_LIMITS.ignores),
  muted: z.array(priority).max(8),
  /** Open findings and failures per scan, thinned (trend.ts). */
  trend: z.array(trendPoint).max(BOARD_LIMITS.trend).optional(),
  /** What each scan changed and which merged pull requests it covers, newest first (ledger.ts). */
  ledger: z.array(ledgerEntry).max(BOARD_LIMITS.ledger).optional(),
  ledgerRest: ledgerRest.optional(),
  merges: z.array(pendingMerge).max(BOARD_LIMITS.merges).optional(),
  /** The CODEOWNERS file of the last scan and the owner sets its files have; absent without one. */
  owners: z.object({ src: z.string().max(64), sets: z.array(z.array(owner).max(BOARD_LIMITS.ownersPerSet)).max(BOARD_LIMITS.ownerSets) }).optional(),
});

export type TrackingState = z.infer<typeof trackingStateSchema>;
export type TrackedItem = z.infer<typeof item>;
export type ResolvedItem = z.infer<typeof resolvedItem>;
export type IgnoreRecord = z.infer<typeof ignoreRecord>;
export type LedgerEntry = z.infer<typeof ledgerEntry>;
export type LedgerRest = z.infer<typeof ledgerRest>;
export type PriorityKey = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8';

export function emptyState(): TrackingState {
  return { v: VERSION, seq: 0, baseline: null, scan: null, items: [], more: {}, done: {}, recent: [], prs: {}, ignores: [], muted: [] };
}

/** 10 characters (60 bits) of a SHA-256: short enough for thousands in one issue, collisions negligible. */
export function shortHash(fingerprint: string): string {
  return createHash('sha256').update(fingerprint).digest('base64url').slice(0, 10);
}

/**
 * The key that seals one repository's block: the app's state secret bound to the
 * repository (its id, which survives renames and transfers), so a block copied from
 * another repository's issue does not verify.
 */
export function repositoryStateKey(secret: Buffer, repository: { id?: number; owner: string; repo: string }): Buffer {
  const binding = repository.id !== undefined ? `id:${repository.id}` : `name:${repository.owner}/${repository.repo}`.toLowerCase();
  return createHmac('sha256', secret).update(`remediation-state-key|${binding}`).digest();
}

function mac(key: Buffer, version: number, packed: string): string {
  return createHmac('sha256', key).update(`v${version} ${packed}`).digest('base64url');
}

/** Keys in one order at every level: a decoded state re-encodes to the very same block. */
function canonical(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
}

export function encodeState(state: TrackingState, key: Buffer): string {
  const packed = deflateRawSync(Buffer.from(JSON.stringify(state, canonical), 'utf8'), { level: 9 }).toString('base64');
  return `${BLOCK_OPEN}v${VERSION} ${packed} ${mac(key, VERSION, packed)} -->`;
}

export type UntrustedReason = 'missing' | 'duplicated' | 'forged' | 'invalid';
export type DecodeResult = { ok: true; state: TrackingState } | { ok: false; reason: UntrustedReason };

/** Decodes the one sealed block of a body. Linear in the body; never throws. */
export function decodeState(body: string | null | undefined, key: Buffer): DecodeResult {
  const text = body ?? '';
  const first = text.indexOf(BLOCK_OPEN);
  if (first === -1) return { ok: false, reason: 'missing' };
  if (text.indexOf(BLOCK_OPEN, first + 1) !== -1) return { ok: false, reason: 'duplicated' };
  STATE_PATTERN.lastIndex = 0;
  const match = STATE_PATTERN.exec(text.slice(first, first + 200_200));
  if (!match) return { ok: false, reason: 'invalid' };
  const [, version, packed, seal] = match;
  if (Number(version) !== VERSION) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(key, VERSION, packed));
  if (!timingSafeEqual(expected, Buffer.from(seal))) return { ok: false, reason: 'forged' };
  try {
    const json: unknown = JSON.parse(inflateRawSync(Buffer.from(packed, 'base64'), { maxOutputLength: 8 * 1024 * 1024 }).toString('utf8'));
    const parsed = trackingStateSchema.safeParse(json);
    return parsed.success ? { ok: true, state: parsed.data } : { ok: false, reason: 'invalid' };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

/** The sealed block of a body, as written (the first one), for keeping a copy of it. */
export function extractBlock(body: string): string | undefined {
  const start = body.indexOf(BLOCK_OPEN);
  if (start === -1) return undefined;
  const end = body.indexOf(' -->', start);
  return end === -1 ? undefined : body.slice(start, end + 4);
}

export function hasMarker(body: string | null | undefined): boolean {
  return (body ?? '').includes(ISSUE_MARKER);
}
