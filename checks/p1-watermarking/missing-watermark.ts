/**
 * P101 missing-watermark: a stateful streaming operation with no `withWatermark` upstream
 * keeps state forever. https://docs.databricks.com/aws/en/structured-streaming/watermarks
 */
import type { FileRule, RawFinding } from '../types.js';

export const missingWatermark: FileRule = {
  meta: {
    id: 'P101',
    name: 'missing-watermark',
    priority: 1,
    severity: 'failure',
    title: 'Stateful streaming operation without a watermark: its state grows without bound',
    fix: 'Add `.withWatermark("event_time", "10 minutes")` on the stream (on both sides of a stream-stream join) before the stateful operation.',
    hint: 'Add `.withWatermark("event_time", "10 minutes")` before the stateful operation',
    remediation: ['withWatermark', 'dropDuplicatesWithinWatermark'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    for (const event of python.lineage.events) {
      if (event.kind === 'stateful' || event.kind === 'drop-duplicates') {
        if (event.flow.watermark) continue;
        out.push({ span: event.span, message: `\`${event.op}\` on a streaming DataFrame with no \`withWatermark\` upstream: its state is never cleaned up`, key: event.op });
      } else if (event.kind === 'stream-join') {
        if (event.flow.watermark && event.other?.watermark) continue;
        const side = event.flow.watermark ? 'right' : event.other?.watermark ? 'left' : 'either';
        out.push({ span: event.span, message: `Stream-stream join with no \`withWatermark\` on ${side} side: both sides' state is kept forever`, key: 'join' });
      }
    }
    return out;
  },
};
