/**
 * The lifecycle of recorded ignores: which apply on a given day (an `until:` date is the
 * last day an ignore applies), undoing one, and how many findings one hides. Pure: the
 * day comes in, so a scan and the board agree on what has expired.
 */
import { addIgnore, ignoreMatcher } from './apply.js';
import { STATE_LIMITS, type IgnoreRecord, type TrackingState } from './state.js';

/** `2025-06-30` of an ISO timestamp (UTC), or of a date already in that form. */
export function dayOf(at: string): string {
  return at.slice(0, 10);
}

/** Whether an ignore still applies on the day of `at`: through its `until` date, inclusive. */
export function ignoreApplies(record: Pick<IgnoreRecord, 'until'>, at: string): boolean {
  return record.until === undefined || dayOf(at) <= record.until;
}

export function activeIgnores(records: IgnoreRecord[], at: string): IgnoreRecord[] {
  return records.filter((record) => ignoreApplies(record, at));
}

/** The same ignore: one selector on one path (or on none). */
export function sameIgnore(record: Pick<IgnoreRecord, 'selector' | 'path'>, selector: string, path: string | undefined): boolean {
  return record.selector === selector && record.path === path;
}

/**
 * The state without the ignore of `selector` on `path`, and the record removed (none when
 * there was no such ignore). Its findings stay marked suppressed until the scan that
 * follows the removal recomputes them: a finding may also be silenced by a comment in the
 * code, which only a scan can tell.
 */
export function removeIgnore(state: TrackingState, selector: string, path: string | undefined): { state: TrackingState; removed?: IgnoreRecord } {
  const removed = state.ignores.find((record) => sameIgnore(record, selector, path));
  if (!removed) return { state };
  return { state: { ...state, ignores: state.ignores.filter((record) => record !== removed) }, removed };
}

/** Suppressed findings of the last scan the ignore matches (listed ones: the issue knows no more of them). */
export function hiddenBy(state: TrackingState, record: Pick<IgnoreRecord, 'selector' | 'path'>): number {
  const matches = ignoreMatcher(record.selector, record.path);
  return state.items.reduce((n, item) => (item.s && matches(item) ? n + 1 : n), 0);
}

/**
 * Records an ignore (apply.ts marks its findings suppressed). With the cap reached, ignores
 * that expired before the new one's day make room, longest expired first: they no longer
 * apply, and keeping them would refuse one that does.
 */
export function recordIgnore(state: TrackingState, entry: IgnoreRecord): TrackingState {
  const others = state.ignores.filter((record) => !sameIgnore(record, entry.selector, entry.path));
  const excess = others.length + 1 - STATE_LIMITS.ignores;
  const expired = others.filter((record) => !ignoreApplies(record, entry.at)).sort((a, b) => (a.until! < b.until! ? -1 : a.until! > b.until! ? 1 : 0));
  const dropped = new Set(excess > 0 ? expired.slice(0, excess) : []);
  return addIgnore(dropped.size > 0 ? { ...state, ignores: state.ignores.filter((record) => !dropped.has(record)) } : state, entry);
}
