/**
 * P102 dropduplicates-streaming: `dropDuplicates` on a stream keeps every key seen unless the
 * event-time column is part of the key; `dropDuplicatesWithinWatermark` (Spark 3.5+, DBR 13.3+)
 * bounds the state by the watermark.
 * https://docs.databricks.com/aws/en/structured-streaming/watermarks#drop-duplicates-within-watermark
 */
import type { FileRule } from '../types.js';

export const dropduplicatesStreaming: FileRule = {
  meta: {
    id: 'P102',
    name: 'dropduplicates-streaming',
    priority: 1,
    severity: 'warning',
    title: '`dropDuplicates` on a streaming DataFrame keeps deduplication state for every key',
    fix: 'Use `.withWatermark("event_time", "10 minutes").dropDuplicatesWithinWatermark(["event_id"])`: the deduplication state of a key is dropped once the watermark passes it.',
    hint: 'Use `.withWatermark(...).dropDuplicatesWithinWatermark([...])` instead',
    remediation: ['dropDuplicatesWithinWatermark'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    return python.lineage.events
      // `withWatermark(...).dropDuplicates()` keys on every column, the event time included: the watermark bounds it.
      // `withWatermark(...).dropDuplicates()` keys on every column, the event time included: the watermark bounds it.
      .filter((e) => e.kind === 'drop-duplicates' && !(e.groupKeys === 0 && e.flow.watermark))
      .map((e) => ({
        span: e.span,
        message: `\`${e.op}\` on a stream: use \`dropDuplicatesWithinWatermark\` so the deduplication state expires`,
        key: e.op,
        hint: `Use \`.withWatermark(...).dropDuplicatesWithinWatermark([...])\`, not \`.${e.op}()\``,
      }));
  },
};
