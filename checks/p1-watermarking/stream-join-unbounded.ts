/**
 * P103 stream-join-unbounded: a stream-stream join needs watermarks on both inputs and an
 * event-time range condition, or Spark keeps both sides' rows forever.
 * https://spark.apache.org/docs/latest/streaming/apis-on-dataframes-and-datasets.html#stream-stream-joins
 */
import type { FileRule, RawFinding } from '../types.js';
import { lineageEvents } from '../shared/flows.js';

export const streamJoinUnbounded: FileRule = {
  meta: {
    id: 'P103',
    name: 'stream-join-unbounded',
    priority: 1,
    severity: 'warning',
    title: 'Stream-stream join without watermarks on both sides and an event-time range condition',
    fix: 'Watermark both inputs and bound the join in time, e.g. `a.join(b, expr("a.id = b.id AND b.ts BETWEEN a.ts AND a.ts + interval 1 hour"))`.',
    hint: 'Watermark both inputs and add an event-time range to the join condition',
    remediation: ['withWatermark', 'WATERMARK'],
  },
  kind: 'file',
  check(ctx) {
    const out: RawFinding[] = [];
    for (const event of lineageEvents(ctx)) {
      if (event.kind !== 'stream-join') continue;
      const watermarked = !!event.flow.watermark && !!event.other?.watermark;
      if (watermarked && event.timeBounded) continue;
      const missing = [watermarked ? undefined : 'a watermark on both sides', event.timeBounded ? undefined : 'an event-time range condition'].filter(Boolean).join(' and ');
      out.push({ span: event.span, message: `Stream-stream join lacks ${missing}: join state is never dropped`, key: 'join' });
    }
    return out;
  },
};
