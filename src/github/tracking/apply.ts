/**
 * State transitions of the tracking issue, one per event: a default-branch scan, a PR
 * check, a PR closed, an ignore recorded, a priority muted. Pure; `at` comes in.
 */
import { ignorePathMatcher } from '../../engine/glob.js';
import type { Finding, Severity } from '../../model/types.js';
import type { Codeowners } from '../codeowners.js';
import { boardAfterScan } from './board-scan.js';
import { shortenLedger } from './ledger.js';
import { encodeState, shortHash, STATE_LIMITS, type IgnoreRecord, type PriorityKey, type ResolvedItem, type TrackedItem, type TrackingState } from './state.js';

const RECENT_KEPT = 40;
/** Room for the state block; the visible text gets the rest of the 58,000 characters. */
export const STATE_BLOCK_BUDGET = 36_000;

export interface ScanFacts {
  sha: string;
  branch: string;
  at: string;
  method?: string;
  findings: Finding[];
  /** Files renamed since the last scan: new path -> old path. Their findings carry over. */
  renames?: Map<string, string>;
  /** The config's `fail_on` at the scan: what the board counts as failures. */
  failOn?: Severity;
  /** The CODEOWNERS file of the scanned commit, when it has one. */
  codeowners?: Codeowners;
  /** The rules' version (src/engine/rules-version.ts). */
  rules?: string;
}

/**
 * A finding as the issue remembers it. `h` hashes its identity without the path
 * (src/engine/fingerprint.ts), and a finding is the pair of its path and `h`: a rename
 * changes the path, nothing else.
 */
export function toItem(finding: Finding): TrackedItem {
  const base = { h: trackedHash(finding), r: finding.rule, n: finding.name, p: finding.priority as TrackedItem['p'], f: finding.path, l: finding.line, v: finding.severity };
  return finding.suppressed ? { ...base, s: 1 } : base;
}

export function trackedHash(finding: Pick<Finding, 'identity'>): string {
  return shortHash(finding.identity);
}

const pairOf = (path: string, hash: string): string => `${path}\u0000${hash}`;

export function applyScan(state: TrackingState, scan: ScanFacts): TrackingState {
  // Two scans racing: the one that finished later wins, an older result is dropped.
  if (state.scan && state.scan.at > scan.at) return state;
  const found = scan.findings.filter((f) => f.priority !== 0).map(toItem);
  const newPathOf = new Map([...(scan.renames ?? [])].map(([to, from]) => [from, to]));
  const pathNow = (path: string): string => newPathOf.get(path) ?? path;
  const pairs = new Set(found.map((i) => pairOf(i.f, i.h)));
  const hashes = new Set(found.map((i) => i.h));
  const stillThere = (i: TrackedItem): boolean => pairs.has(pairOf(pathNow(i.f), i.h));
  const pairsBefore = new Set(state.items.map((i) => pairOf(pathNow(i.f), i.h)));
  const hashedBefore = new Set(Object.values(state.more).flatMap((list) => list ?? []));
  const known = (i: TrackedItem): boolean => pairsBefore.has(pairOf(i.f, i.h)) || hashedBefore.has(i.h);
  // Another version of the rules than the last scan's: what it no longer reports was not fixed
  // (a rule narrowed, a role judged differently), and what it newly reports was not added.
  const rulesChanged = state.scan !== null && (state.scan.rules ?? '') !== (scan.rules ?? '');
  const { items, fields } = boardAfterScan(state, scan, found, { stillThere, known }, rulesChanged);
  const done: TrackingState['done'] = { ...state.done };
  const retired: NonNullable<TrackingState['retired']> = { ...state.retired };
  const count = (priority: number): void => {
    const key = String(priority) as PriorityKey;
    const counts = rulesChanged ? retired : done;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const i of state.items) if (!stillThere(i)) count(i.p);
  // Unlisted findings are known by hash alone.
  for (const [key, list] of Object.entries(state.more)) for (const h of list ?? []) if (!hashes.has(h)) count(Number(key));
  // A scan covering exactly one merged pull request credits it with what it resolved.
  const entry = fields.ledger?.[0];
  const sole = entry && entry.sha === scan.sha && entry.prs.length === 1 ? { pr: entry.prs[0] } : {};
  const resolvedNow: ResolvedItem[] = rulesChanged ? [] : state.items
    .filter((i) => !i.s && !stillThere(i))
    .map((i) => ({ h: i.h, r: i.r, n: i.n, p: i.p, f: i.f, sha: scan.sha, at: scan.at, ...sole, ...attribution(state, i.h) }));
  // Merged PRs have been accounted for; open ones keep only what is still open.
  const prs: TrackingState['prs'] = {};
  for (const [number, pr] of Object.entries(state.prs)) {
    if (pr.merged) continue;
    const resolves = pr.resolves.filter((h) => hashes.has(h));
    if (resolves.length > 0) prs[number] = { ...pr, resolves };
  }
  const baseline = state.baseline ?? { sha: scan.sha, at: scan.at, counts: countByPriority(items) };
  const { merges: _consumed, owners: _previousOwners, ...rest } = state;
  return {
    ...rest,
    ...fields,
    baseline,
    scan: { sha: scan.sha, branch: scan.branch, at: scan.at, ...(scan.method ? { method: scan.method } : {}), ...(scan.failOn ? { failOn: scan.failOn } : {}), ...(scan.rules ? { rules: scan.rules } : {}) },
    items,
    more: {},
    uncounted: {},
    done,
    ...(Object.keys(retired).length > 0 ? { retired } : {}),
    recent: [...resolvedNow, ...state.recent].slice(0, RECENT_KEPT),
    prs,
  };
}

/** Whether a state's sealed block fits the room the issue gives it. */
export function fitsStateBudget(key: Buffer): (state: TrackingState) => boolean {
  return (state) => encodeState(state, key).length <= STATE_BLOCK_BUDGET;
}

/** Findings kept listed (with file and line) however large the repository: enough for the text. */
export const LISTED_FLOOR = 400;
const SEVERITY_RANK: Record<TrackedItem['v'], number> = { failure: 0, warning: 1, notice: 2 };

/**
 * Makes the sealed block fit, giving up detail before counts: older "resolved recently"
 * entries first; then the details of findings beyond LISTED_FLOOR (their hashes stay, so
 * progress stays right), keeping failures and every priority represented; then, largest
 * priority first, the hashes themselves (the count stays); only then listed findings.
 * Open findings are never dropped from the counts.
 */
export function compactState(state: TrackingState, fits: (state: TrackingState) => boolean): TrackingState {
  let compact = state;
  while (!fits(compact)) {
    if (compact.recent.length > 10) compact = { ...compact, recent: compact.recent.slice(0, 10) };
    // The board's history shrinks to its newest part before any finding loses its details.
    else if ((compact.trend?.length ?? 0) > HISTORY_FLOOR.trend || (compact.ledger?.length ?? 0) > HISTORY_FLOOR.ledger) compact = shortenHistory(compact);
    else if (compact.items.length > LISTED_FLOOR) compact = unlist(compact, Math.max(LISTED_FLOOR, Math.floor(compact.items.length * 0.75)));
    else if (Object.values(compact.more).some((list) => (list?.length ?? 0) > 0)) compact = countOnly(compact);
    else if (compact.items.length > 0) compact = unlist(compact, Math.floor(compact.items.length * 0.75));
    else break;
  }
  return compact;
}

/** What compaction leaves of the trend (the newest points) and of the ledger (the newest entries, the rest as totals). */
export const HISTORY_FLOOR = { trend: 30, ledger: 10 } as const;

function shortenHistory(state: TrackingState): TrackingState {
  return { ...state, ...(state.trend ? { trend: state.trend.slice(-HISTORY_FLOOR.trend) } : {}), ...shortenLedger(state, HISTORY_FLOOR.ledger) };
}

/** Keeps `keep` findings listed, failures first and round-robin across priorities; the rest by hash. */
function unlist(state: TrackingState, keep: number): TrackingState {
  const ordered = balancedOrder(state.items);
  const more: TrackingState['more'] = { ...state.more };
  for (const i of ordered.slice(keep)) {
    const key = String(i.p) as PriorityKey;
    more[key] = [...(more[key] ?? []), i.h];
  }
  return { ...state, items: ordered.slice(0, keep), more };
}

/**
 * Every priority's first findings (a fair share of LISTED_FLOOR, its failures first), then
 * the rest failures before warnings before notices, round-robin across priorities.
 */
function balancedOrder(items: TrackedItem[]): TrackedItem[] {
  const byPriority = [1, 2, 3, 4, 5, 6, 7, 8].map((p) => items.filter((i) => i.p === p && !i.s).sort((a, b) => SEVERITY_RANK[a.v] - SEVERITY_RANK[b.v]));
  const share = Math.floor(LISTED_FLOOR / 8);
  const ordered: TrackedItem[] = [];
  const roundRobin = (queues: TrackedItem[][]): void => {
    for (let round = 0; queues.some((q) => round < q.length); round++) for (const q of queues) if (round < q.length) ordered.push(q[round]);
  };
  roundRobin(byPriority.map((q) => q.slice(0, share)));
  const rest = byPriority.map((q) => q.slice(share));
  for (const tier of [0, 1, 2]) roundRobin(rest.map((q) => q.filter((i) => SEVERITY_RANK[i.v] === tier)));
  // Suppressed findings are only counted; they are listed last.
  return [...ordered, ...items.filter((i) => i.s)];
}

/** The largest priority's unlisted hashes become a count. */
function countOnly(state: TrackingState): TrackingState {
  const [key, list] = (Object.entries(state.more) as [PriorityKey, string[]][]).sort((a, b) => b[1].length - a[1].length)[0];
  return { ...state, more: { ...state.more, [key]: [] }, uncounted: { ...state.uncounted, [key]: (state.uncounted?.[key] ?? 0) + list.length } };
}

function attribution(state: TrackingState, hash: string): { pr?: number } {
  const entries = Object.entries(state.prs).filter(([, pr]) => pr.resolves.includes(hash));
  const merged = entries.find(([, pr]) => pr.merged) ?? entries[0];
  return merged ? { pr: Number(merged[0]) } : {};
}

function countByPriority(items: TrackedItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.p] = (counts[i.p] ?? 0) + 1;
  return counts;
}

/** Records which open findings a PR's head resolves (or forgets the PR when none). */
export function applyPullRequest(state: TrackingState, pr: number, headSha: string, fixed: Finding[], at: string): TrackingState {
  const open = new Set(state.items.filter((i) => !i.s).map((i) => i.h));
  const resolves = [...new Set(fixed.map(trackedHash))].filter((h) => open.has(h)).sort();
  const prs = { ...state.prs };
  const previous = prs[String(pr)];
  if (resolves.length === 0) delete prs[String(pr)];
  else if (previous && sameList(previous.resolves, resolves)) return state;
  else prs[String(pr)] = { sha: headSha, resolves, at };
  return previous === undefined && resolves.length === 0 ? state : { ...state, prs };
}

export function applyPullRequestClosed(state: TrackingState, pr: number, merged: boolean): TrackingState {
  const record = state.prs[String(pr)];
  if (!record) return state;
  const prs = { ...state.prs };
  if (merged) prs[String(pr)] = { ...record, merged: true };
  else delete prs[String(pr)];
  return { ...state, prs };
}

/** Records an ignore and marks the matching findings suppressed right away (the next scan agrees). */
export function addIgnore(state: TrackingState, entry: IgnoreRecord): TrackingState {
  const others = state.ignores.filter((i) => !(i.selector === entry.selector && i.path === entry.path));
  const matches = ignoreMatcher(entry.selector, entry.path);
  const items = state.items.map((i) => (!i.s && matches(i) ? { ...i, s: 1 as const } : i));
  return { ...state, ignores: [...others, entry], items };
}

/**
 * Why the state has no room for this ignore, or undefined when it has: at most
 * STATE_LIMITS.ignores of them, and the sealed block must still hold every open finding
 * (listed or by hash) once the ignore is in.
 */
export function ignoreRoom(before: TrackingState, after: TrackingState, key: Buffer): string | undefined {
  if (after.ignores.length > STATE_LIMITS.ignores) return `the tracking issue already holds ${STATE_LIMITS.ignores} ignores.`;
  const fits = fitsStateBudget(key);
  const kept = (state: TrackingState): number => Object.values(compactState(state, fits).uncounted ?? {}).reduce((n, c) => n + (c ?? 0), 0);
  if (kept(after) > kept(before)) return 'the tracking issue has no room left for it without losing track of open findings.';
  return undefined;
}

/** Same reading of a selector as the engine's: `P4` a priority, `P401` a rule id, else a rule name. */
export function ignoreMatcher(selector: string, path?: string): (item: TrackedItem) => boolean {
  const band = /^P([1-8])$/.exec(selector);
  const selects = (i: TrackedItem): boolean => (band ? i.p === Number(band[1]) : i.r === selector || i.n === selector);
  if (!path) return selects;
  // The engine's matcher: linear time on globs from comments and config.
  const inPath = ignorePathMatcher(path);
  return (i) => selects(i) && inPath(i.f);
}

export function toggleMuted(state: TrackingState, priorities: number[]): TrackingState {
  if (priorities.length === 0) return state;
  const muted = new Set(state.muted);
  for (const p of priorities) {
    if (muted.has(p as TrackedItem['p'])) muted.delete(p as TrackedItem['p']);
    else muted.add(p as TrackedItem['p']);
  }
  return { ...state, muted: [...muted].sort((a, b) => a - b) };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
