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
    fix: 'Add `.withWatermark("event_time", "10 minutes")` on the stream before the stateful operation.',
    remediation: ['withWatermark'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    for (const event of python.lineage.events) {
      const stateful = event.kind === 'stateful' || event.kind === 'drop-duplicates';
      const join = event.kind === 'stream-join' && (!event.flow.watermark || !event.other?.watermark);
      if (!(stateful || join) || event.flow.watermark && !join) continue;
      out.push({ span: event.span, message: `\`${event.op}\` on a streaming DataFrame with no \`withWatermark\` upstream: its state is never cleaned up`, key: event.op });
    }
    return out;
  },
};
