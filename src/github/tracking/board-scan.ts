/**
 * What a default-branch scan adds to the board's memory besides its findings: the owners of
 * each finding's file (CODEOWNERS), the scan's trend point, and its ledger entry (what it
 * fixed and added since the last scan, and the merged pull requests it covers). Pure.
 */
import type { Severity } from '../../model/types.js';
import { atOrAbove } from '../../report/priorities.js';
import { codeownersMatcher, type Codeowners } from '../codeowners.js';
import { mergedSinceLastScan, isEmpty, pushLedger, type PerPriority } from './ledger.js';
import { BOARD_LIMITS, type LedgerEntry, type PriorityKey, type TrackedItem, type TrackingState } from './state.js';
import { appendPoint, TREND_COMMIT_CHARS, type TrendPoint } from './trend.js';

export interface BoardScan {
  sha: string;
  at: string;
  failOn?: Severity;
  codeowners?: Codeowners;
}

type BoardFields = Pick<TrackingState, 'trend' | 'ledger' | 'ledgerRest' | 'owners'>;

/** How the scan's findings relate to the last scan's (apply.ts knows the renames). */
export interface ScanDiff {
  /** A finding of the last scan is still open (at its path, or the path it was renamed to). */
  stillThere: (item: TrackedItem) => boolean;
  /** A finding of this scan was known to the last one (listed or by hash). */
  known: (item: TrackedItem) => boolean;
}

/** Items with their owners, and the board's fields after the scan (`merges` are consumed). */
export function boardAfterScan(state: TrackingState, scan: BoardScan, items: TrackedItem[], diff: ScanDiff, rulesChanged = false): { items: TrackedItem[]; fields: BoardFields } {
  const owned = withOwners(items, scan.codeowners);
  const fields: BoardFields = { trend: appendPoint(state.trend, trendPoint(scan, items)) };
  if (owned.owners) fields.owners = owned.owners;
  const entry = state.scan ? ledgerEntry(state, scan, items, diff, rulesChanged) : undefined;
  if (entry) Object.assign(fields, pushLedger(state, entry));
  else {
    if (state.ledger) fields.ledger = state.ledger;
    if (state.ledgerRest) fields.ledgerRest = state.ledgerRest;
  }
  return { items: owned.items, fields };
}

export function trendPoint(scan: BoardScan, items: readonly TrackedItem[]): TrendPoint {
  const open = [0, 0, 0, 0, 0, 0, 0, 0];
  const failures = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const i of items) {
    if (i.s) continue;
    open[i.p - 1] += 1;
    if (atOrAbove(i.v, scan.failOn ?? 'failure')) failures[i.p - 1] += 1;
  }
  return { d: scan.at.slice(0, 10), c: scan.sha.slice(0, TREND_COMMIT_CHARS), o: open, f: failures };
}

function withOwners(items: TrackedItem[], codeowners: Codeowners | undefined): { items: TrackedItem[]; owners?: TrackingState['owners'] } {
  if (!codeowners) return { items };
  const ownersOf = codeownersMatcher(codeowners.rules);
  const sets: string[][] = [];
  const setIndex = new Map<string, number>();
  const fileIndex = new Map<string, number | undefined>();
  const indexOf = (path: string): number | undefined => {
    if (fileIndex.has(path)) return fileIndex.get(path);
    const owners = (ownersOf(path) ?? []).slice(0, BOARD_LIMITS.ownersPerSet);
    const key = owners.join(' ');
    let index = owners.length === 0 ? undefined : setIndex.get(key);
    // More distinct owner sets than the state holds: the rest show as unowned (never seen in practice).
    if (owners.length > 0 && index === undefined && sets.length < BOARD_LIMITS.ownerSets) {
      index = sets.push(owners) - 1;
      setIndex.set(key, index);
    }
    fileIndex.set(path, index);
    return index;
  };
  const out = items.map((item) => {
    const { o: _previous, ...rest } = item;
    const index = indexOf(item.f);
    return index === undefined ? rest : { ...rest, o: index };
  });
  return { items: out, owners: { src: codeowners.source.slice(0, 64), sets } };
}

/** Fixed and added per priority since the last scan; undefined when nothing changed and no merge is covered. */
function ledgerEntry(state: TrackingState, scan: BoardScan, items: TrackedItem[], diff: ScanDiff, rulesChanged: boolean): LedgerEntry | undefined {
  const fixed: PerPriority = {};
  const added: PerPriority = {};
  // After a rules update the difference to the last scan is the rules', not the code's: only the merges it covers.
  if (rulesChanged) {
    const prs = mergedSinceLastScan(state);
    return prs.length === 0 ? undefined : { prs, sha: scan.sha, at: scan.at, fixed: {}, added: {} };
  }
  const bump = (counts: PerPriority, p: number): void => {
    const key = String(p) as PriorityKey;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const hashesNow = new Set(items.map((i) => i.h));
  for (const i of state.items) if (!i.s && !diff.stillThere(i)) bump(fixed, i.p);
  for (const [key, list] of Object.entries(state.more)) for (const h of list ?? []) if (!hashesNow.has(h)) bump(fixed, Number(key));
  for (const i of items) if (!i.s && !diff.known(i)) bump(added, i.p);
  // Findings known by count only: their changes are the balance of the counts.
  for (const [key, uncounted] of Object.entries(state.uncounted ?? {}) as [PriorityKey, number][]) {
    if (!uncounted) continue;
    const p = Number(key);
    const openBefore = state.items.filter((i) => i.p === p && !i.s).length + (state.more[key]?.length ?? 0) + uncounted;
    const openNow = items.filter((i) => i.p === p && !i.s).length;
    added[key] = Math.max(0, openNow - (openBefore - (fixed[key] ?? 0)));
  }
  const prs = mergedSinceLastScan(state);
  if (isEmpty(fixed) && isEmpty(added) && prs.length === 0) return undefined;
  return { prs, sha: scan.sha, at: scan.at, fixed: clean(fixed), added: clean(added) };
}

function clean(counts: PerPriority): PerPriority {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n)) as PerPriority;
}
