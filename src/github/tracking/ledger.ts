/**
 * The ledger of the tracking issue: what each default-branch scan changed (findings fixed
 * and added per priority) and which merged pull requests it covers, newest first, the
 * newest BOARD_LIMITS.ledger kept and older ones summed into totals. Pure.
 *
 * Which pull request a scan covers comes from `pull_request.closed` (merged into the
 * default branch, with its `merged_at`), whichever of it and the push is handled first:
 * - merged before the last scan: that scan covered it (its entry names it);
 * - merged after: it waits in `merges` and the next scan's entry names it.
 * A PR merged between the moment a scan read the branch head and the end of that scan is
 * named by that scan although the next one carries its changes: a window of seconds.
 * Pull requests the app recorded as resolving findings and saw merged count too.
 */
import { BOARD_LIMITS, type LedgerEntry, type LedgerRest, type PriorityKey, type TrackingState } from './state.js';

export type PerPriority = Partial<Record<PriorityKey, number>>;

export function isEmpty(counts: PerPriority): boolean {
  return Object.values(counts).every((n) => !n);
}

export function sumCounts(counts: PerPriority): number {
  return Object.values(counts).reduce<number>((n, c) => n + (c ?? 0), 0);
}

function addCounts(a: PerPriority, b: PerPriority): PerPriority {
  const out: PerPriority = { ...a };
  for (const [key, value] of Object.entries(b) as [PriorityKey, number][]) if (value) out[key] = (out[key] ?? 0) + value;
  return out;
}

/** Prepends an entry; entries beyond the kept ones are added to the totals. */
export function pushLedger(state: Pick<TrackingState, 'ledger' | 'ledgerRest'>, entry: LedgerEntry): { ledger: LedgerEntry[]; ledgerRest?: LedgerRest } {
  const all = [entry, ...(state.ledger ?? [])];
  const ledger = all.slice(0, BOARD_LIMITS.ledger);
  return { ledger, ...restOf(withTotals(state.ledgerRest, all.slice(BOARD_LIMITS.ledger))) };
}

/** Keeps the newest `keep` entries, the others summed into the totals (compaction). */
export function shortenLedger(state: Pick<TrackingState, 'ledger' | 'ledgerRest'>, keep: number): { ledger: LedgerEntry[]; ledgerRest?: LedgerRest } {
  const all = state.ledger ?? [];
  return { ledger: all.slice(0, keep), ...restOf(withTotals(state.ledgerRest, all.slice(keep))) };
}

const restOf = (rest: LedgerRest | undefined): { ledgerRest?: LedgerRest } => (rest ? { ledgerRest: rest } : {});

/** The totals with `dropped` entries added to them. */
export function withTotals(rest: LedgerRest | undefined, dropped: readonly LedgerEntry[]): LedgerRest | undefined {
  let total = rest;
  for (const entry of dropped) {
    const base = total ?? { entries: 0, prs: 0, fixed: {}, added: {}, since: entry.at };
    total = {
      entries: base.entries + 1,
      prs: base.prs + entry.prs.length,
      fixed: addCounts(base.fixed, entry.fixed),
      added: addCounts(base.added, entry.added),
      since: entry.at < base.since ? entry.at : base.since,
    };
  }
  return total;
}

/** The merged pull requests a scan covers: those waiting and those the app recorded as resolving findings. */
export function mergedSinceLastScan(state: TrackingState): number[] {
  const recorded = Object.entries(state.prs)
    .filter(([, pr]) => pr.merged)
    .map(([number]) => Number(number));
  return [...new Set([...(state.merges ?? []).map((m) => m.pr), ...recorded])].sort((a, b) => b - a).slice(0, BOARD_LIMITS.prsPerEntry);
}

const time = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

/** A pull request merged into the default branch at `mergedAt`: named by the scan that covers it. */
export function applyMerged(state: TrackingState, pr: number, mergedAt: string): TrackingState {
  const ledger = state.ledger ?? [];
  if (ledger.some((e) => e.prs.includes(pr)) || (state.merges ?? []).some((m) => m.pr === pr)) return state;
  const scan = state.scan;
  if (!scan || time(mergedAt) > time(scan.at)) {
    const merges = [...(state.merges ?? []), { pr, at: mergedAt.slice(0, 40) }].slice(-BOARD_LIMITS.merges);
    return { ...state, merges };
  }
  // The last scan read the branch after the merge: its entry names the pull request.
  const [newest, ...older] = ledger;
  if (newest && newest.sha === scan.sha) {
    if (newest.prs.length >= BOARD_LIMITS.prsPerEntry) return state;
    return { ...state, ledger: [{ ...newest, prs: [pr, ...newest.prs].sort((a, b) => b - a) }, ...older] };
  }
  return { ...state, ...pushLedger(state, { prs: [pr], sha: scan.sha, at: scan.at, fixed: {}, added: {} }) };
}
