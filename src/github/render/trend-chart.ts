/**
 * The trend on the board: a text line per priority ("P4 Rate limiting: 47 -> 24 in 30 days",
 * readable anywhere, also where Mermaid is not rendered) and a burn-down chart per priority
 * as a Mermaid `xychart-beta` block, which GitHub renders in issues. Pure.
 *
 * The chart's labels and titles are the app's own (days and priority titles), never text
 * from a repository. A chart shows at most CHART_POINTS points of the series, evenly spread,
 * the newest always included.
 * https://mermaid.js.org/syntax/xyChart.html
 * https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams
 */
import { PRIORITIES } from '../../report/priorities.js';
import { daysBetween, pointBefore, type TrendPoint } from '../tracking/trend.js';

export const TREND_WINDOW_DAYS = 30;
export const CHART_POINTS = 24;

const titleOf = (priority: number): string => PRIORITIES.find((p) => p.priority === priority)?.title ?? `P${priority}`;
const sum = (values: readonly number[]): number => values.reduce((n, v) => n + v, 0);

/** The text fallback: one line per priority that had or has open findings in the window, and failures left. */
export function trendLines(series: readonly TrendPoint[]): string[] {
  const last = series[series.length - 1];
  const first = pointBefore(series, TREND_WINDOW_DAYS);
  if (!last || !first) return [];
  const days = daysBetween(first, last);
  const span = first === last ? ' (one scan so far)' : ` in ${days} ${days === 1 ? 'day' : 'days'}`;
  const lines: string[] = [];
  for (let p = 1; p <= 8; p++) {
    const from = first.o[p - 1] ?? 0;
    const to = last.o[p - 1] ?? 0;
    if (from === 0 && to === 0) continue;
    lines.push(`- P${p} ${titleOf(p)}: ${from} -> ${to}${span}`);
  }
  if (lines.length === 0) lines.push(`- No open findings${span}.`);
  lines.push(`- Failures left: ${sum(first.f)} -> ${sum(last.f)}${span}`);
  return lines;
}

/** At most `max` points, evenly spread over the series, first and newest included. */
export function samplePoints<T>(series: readonly T[], max = CHART_POINTS): T[] {
  if (series.length <= max) return [...series];
  const step = (series.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => series[Math.round(i * step)]);
}

/** A burn-down chart for a priority, or undefined when the series has one point or never had any of its findings. */
export function burnDownChart(series: readonly TrendPoint[], priority: number): string | undefined {
  const points = samplePoints(series);
  const values = points.map((p) => p.o[priority - 1] ?? 0);
  // One point is no line: the text says "one scan so far".
  if (points.length < 2 || values.every((v) => v === 0)) return undefined;
  // Days of one year read as MM-DD; over a year apart, the year matters.
  const spansYears = points[0].d.slice(0, 4) !== points[points.length - 1].d.slice(0, 4);
  const labels = points.map((p) => `"${spansYears ? p.d : p.d.slice(5)}"`);
  const top = Math.max(1, ...values);
  return [
    '```mermaid',
    'xychart-beta',
    `  title "P${priority} ${titleOf(priority).replace(/"/g, "'")}: open findings"`,
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "Open" 0 --> ${top}`,
    `  line [${values.join(', ')}]`,
    '```',
  ].join('\n');
}
