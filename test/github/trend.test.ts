import { describe, expect, it } from 'vitest';
import { burnDownChart, samplePoints, trendLines } from '../../src/github/render/trend-chart.js';
import { appendPoint, DAILY_DAYS, thinSeries, TREND_MAX_POINTS, type TrendPoint } from '../../src/github/tracking/trend.js';

const DAY = 24 * 60 * 60_000;
const dayAfter = (start: string, days: number): string => new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const point = (d: string, open: number, failures = 0, c = 'abc'): TrendPoint => ({ d, c, o: [open, 0, 0, open * 2, 0, 0, 0, 0], f: [failures, 0, 0, 0, 0, 0, 0, 0] });

describe('thinSeries', () => {
  it('keeps 365 daily points as the last 60 days, then one per week, bounded', () => {
    const year = Array.from({ length: 365 }, (_, i) => point(dayAfter('2025-01-01', i), 365 - i));
    const thin = thinSeries(year);
    const newest = '2025-12-31';
    expect(thin[thin.length - 1].d).toBe(newest);
    const daily = thin.filter((p) => Date.parse(newest) - Date.parse(p.d) < DAILY_DAYS * DAY);
    expect(daily).toHaveLength(DAILY_DAYS);
    const weekly = thin.slice(0, thin.length - daily.length);
    // One per Monday-started week, the last day of each (a Sunday, but for the week cut by the daily window).
    expect(new Set(weekly.map((p) => new Date(p.d).getUTCDay())).size).toBeLessThanOrEqual(2);
    for (let i = 1; i < weekly.length; i++) expect(Date.parse(weekly[i].d) - Date.parse(weekly[i - 1].d)).toBeLessThanOrEqual(7 * DAY);
    expect(thin.length).toBe(DAILY_DAYS + weekly.length);
    expect(thin.length).toBeLessThanOrEqual(TREND_MAX_POINTS);
    // Thinning again changes nothing: a scan a day keeps the series stable.
    expect(thinSeries(thin)).toEqual(thin);
  });

  it('keeps the last point of a day, drops invalid days and caps the series at its newest points', () => {
    const series = thinSeries([point('2025-06-02', 5, 0, 'first'), point('not-a-day', 9), point('2025-06-02', 4, 0, 'second'), point('2025-06-01', 6)]);
    expect(series.map((p) => [p.d, p.c])).toEqual([
      ['2025-06-01', 'abc'],
      ['2025-06-02', 'second'],
    ]);
    const decade = Array.from({ length: 3650 }, (_, i) => point(dayAfter('2016-01-01', i), i));
    const capped = thinSeries(decade);
    expect(capped).toHaveLength(TREND_MAX_POINTS);
    expect(capped[capped.length - 1].d).toBe(dayAfter('2016-01-01', 3649));
  });

  it('appends a scan to a series built one scan at a time, never growing past its bound', () => {
    let series: TrendPoint[] = [];
    for (let i = 0; i < 400; i++) series = appendPoint(series, point(dayAfter('2024-01-01', i), i));
    expect(series).toEqual(thinSeries(Array.from({ length: 400 }, (_, i) => point(dayAfter('2024-01-01', i), i))));
    expect(series.length).toBeLessThanOrEqual(TREND_MAX_POINTS);
  });
});

describe('trend on the board', () => {
  const series = [point('2025-05-01', 60, 9), point('2025-05-20', 52, 7), point('2025-06-10', 47, 4), point('2025-07-10', 24, 2)];

  it('says per priority how the open findings moved in the last 30 days', () => {
    expect(trendLines(series)).toEqual(['- P1 Watermarking: 47 -> 24 in 30 days', '- P4 Rate limiting: 94 -> 48 in 30 days', '- Failures left: 4 -> 2 in 30 days']);
    expect(trendLines([point('2025-05-01', 0)])).toEqual(['- No open findings (one scan so far).', '- Failures left: 0 -> 0 (one scan so far)']);
    expect(trendLines([])).toEqual([]);
  });

  it('draws a burn-down per priority as a Mermaid xychart', () => {
    expect(burnDownChart(series, 1)).toBe(
      ['```mermaid', 'xychart-beta', '  title "P1 Watermarking: open findings"', '  x-axis ["05-01", "05-20", "06-10", "07-10"]', '  y-axis "Open" 0 --> 60', '  line [60, 52, 47, 24]', '```'].join('\n'),
    );
    expect(burnDownChart(series, 2)).toBeUndefined();
    const long = Array.from({ length: 120 }, (_, i) => point(dayAfter('2024-11-01', i * 3), i));
    const chart = burnDownChart(long, 1)!;
    expect(chart).toContain('"2024-11-01"');
    expect(chart.match(/line \[([^\]]*)\]/)![1].split(', ')).toHaveLength(24);
    expect(samplePoints(long).at(-1)).toBe(long.at(-1));
  });
});
