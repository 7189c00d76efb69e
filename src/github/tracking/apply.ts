/**
 * State transitions of the tracking issue, one per event: a default-branch scan, a PR
 * check, a PR closed, an ignore recorded, a priority muted. Pure; `at` comes in.
 */
import { ignorePathMatcher } from '../../engine/glob.js';
import type { Finding } from '../../model/types.js';
import { encodeState, shortHash, type IgnoreRecord, type PriorityKey, type ResolvedItem, type TrackedItem, type TrackingState } from './state.js';

const RECENT_KEPT = 40;
/** Room for the state block; the visible text gets the rest of the 58,000 characters. */
export const STATE_BLOCK_BUDGET = 36_000;

export interface ScanFacts {
  sha: string;
  branch: string;
  at: string;
  method?: string;
  findings: Finding[];
}

export function toItem(finding: Finding): TrackedItem {
  const base = { h: shortHash(finding.fingerprint), r: finding.rule, n: finding.name, p: finding.priority as TrackedItem['p'], f: finding.path, l: finding.line, v: finding.severity };
  return finding.suppressed ? { ...base, s: 1 } : base;
}

export function applyScan(state: TrackingState, scan: ScanFacts): TrackingState {
  // Two scans racing: the one that finished later wins, an older result is dropped.
  if (state.scan && state.scan.at > scan.at) return state;
  const items = scan.findings.filter((f) => f.priority !== 0).map(toItem);
  const now = new Set(items.map((i) => i.h));
  const done: TrackingState['done'] = { ...state.done };
  for (const [hash, priority] of currentHashes(state)) {
    if (now.has(hash)) continue;
    const key = String(priority) as PriorityKey;
    done[key] = (done[key] ?? 0) + 1;
  }
  const resolvedNow: ResolvedItem[] = state.items
    .filter((i) => !i.s && !now.has(i.h))
    .map((i) => ({ h: i.h, r: i.r, n: i.n, p: i.p, f: i.f, sha: scan.sha, at: scan.at, ...attribution(state, i.h) }));
  // Merged PRs have been accounted for; open ones keep only what is still open.
  const prs: TrackingState['prs'] = {};
  for (const [number, pr] of Object.entries(state.prs)) {
    if (pr.merged) continue;
    const resolves = pr.resolves.filter((h) => now.has(h));
    if (resolves.length > 0) prs[number] = { ...pr, resolves };
  }
  const baseline = state.baseline ?? { sha: scan.sha, at: scan.at, counts: countByPriority(items) };
  return {
    ...state,
    baseline,
    scan: { sha: scan.sha, branch: scan.branch, at: scan.at, ...(scan.method ? { method: scan.method } : {}) },
    items,
    more: {},
    done,
    recent: [...resolvedNow, ...state.recent].slice(0, RECENT_KEPT),
    prs,
  };
}

/** Hash -> priority of every finding of the last scan, listed or not. */
function currentHashes(state: TrackingState): Map<string, number> {
  const hashes = new Map<string, number>(state.items.map((i) => [i.h, i.p]));
  for (const [key, list] of Object.entries(state.more)) for (const h of list ?? []) hashes.set(h, Number(key));
  return hashes;
}

/**
 * Moves findings out of the detailed list (keeping their hashes, so progress stays
 * right) until the state block fits; as a last resort forgets those hashes too.
 */
export function compactState(state: TrackingState, budget = STATE_BLOCK_BUDGET): TrackingState {
  let compact = state;
  while (encodeState(compact).length > budget) {
    if (compact.recent.length > 10) compact = { ...compact, recent: compact.recent.slice(0, 10) };
    else if (compact.items.length > 0) {
      const keep = Math.floor(compact.items.length * 0.75);
      const more: TrackingState['more'] = { ...compact.more };
      for (const i of compact.items.slice(keep)) {
        const key = String(i.p) as PriorityKey;
        more[key] = [...(more[key] ?? []), i.h];
      }
      compact = { ...compact, items: compact.items.slice(0, keep), more };
    } else {
      compact = { ...compact, more: {}, recent: [] };
      break;
    }
  }
  return compact;
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
  const resolves = [...new Set(fixed.map((f) => shortHash(f.fingerprint)))].filter((h) => open.has(h)).sort();
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
