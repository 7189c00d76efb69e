/**
 * The trend of a repository's remediation: one compact point per default-branch scan
 * (day, commit, open findings and failures per priority), kept as a bounded series. Pure.
 *
 * Thinning keeps what a burn-down needs: the last point of each day for the 60 days before
 * the newest point, the last point of each week (weeks start on Monday) before that, and at
 * most TREND_MAX_POINTS in all (the oldest go first). The series is thinned at every scan,
 * so it never holds more than one point per day of the last 60 days plus one per older week.
 */
import { BOARD_LIMITS } from './state.js';

export interface TrendPoint {
  /** The scan's day, `YYYY-MM-DD` (UTC). */
  d: string;
  /** The scanned commit, shortened. */
  c: string;
  /** Open (not suppressed) findings per priority, P1 first. */
  o: number[];
  /** Open findings at or above `fail_on` per priority, P1 first. */
  f: number[];
}

export const DAILY_DAYS = 60;
/** 60 daily points and a little over a year of weekly ones. */
export const TREND_MAX_POINTS = BOARD_LIMITS.trend;
export const TREND_COMMIT_CHARS = 12;
const DAY_MS = 24 * 60 * 60_000;

/** Milliseconds since the epoch of a `YYYY-MM-DD` day; NaN when it is not one. */
export function dayMs(day: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
}

/** The Monday starting the week of a day, as a day. */
function weekOf(day: string): string {
  const ms = dayMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The bounded series: points sorted by day (a stable sort: of two points on one day the
 * later given wins), the last of each day within DAILY_DAYS of the newest, the last of each
 * week before, then the newest TREND_MAX_POINTS. Points without a valid day are dropped.
 */
export function thinSeries(points: readonly TrendPoint[], max = TREND_MAX_POINTS): TrendPoint[] {
  const valid = points.filter((p) => !Number.isNaN(dayMs(p.d))).sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0));
  if (valid.length === 0) return [];
  const newest = dayMs(valid[valid.length - 1].d);
  const bucketOf = (p: TrendPoint): string => (newest - dayMs(p.d) < DAILY_DAYS * DAY_MS ? `d${p.d}` : `w${weekOf(p.d)}`);
  const kept: TrendPoint[] = [];
  for (let i = 0; i < valid.length; i++) {
    // The last point of its bucket: the next one is in another bucket.
    if (i === valid.length - 1 || bucketOf(valid[i + 1]) !== bucketOf(valid[i])) kept.push(valid[i]);
  }
  return kept.slice(-max);
}

/** Appends a scan's point and thins the series. */
export function appendPoint(series: readonly TrendPoint[] | undefined, point: TrendPoint): TrendPoint[] {
  return thinSeries([...(series ?? []), point]);
}

/** The point that stands `days` before the newest: the oldest point no older than that (or the oldest of all). */
export function pointBefore(series: readonly TrendPoint[], days: number): TrendPoint | undefined {
  if (series.length === 0) return undefined;
  const newest = dayMs(series[series.length - 1].d);
  return series.find((p) => newest - dayMs(p.d) <= days * DAY_MS) ?? series[0];
}

/** Whole days between two points' days. */
export function daysBetween(from: TrendPoint, to: TrendPoint): number {
  return Math.round((dayMs(to.d) - dayMs(from.d)) / DAY_MS);
}
