/**
 * P101 missing-watermark: a stateful streaming operation with no `withWatermark` upstream
 * keeps state forever. https://docs.databricks.com/aws/en/structured-streaming/watermarks
 */
import type { FileRule, RawFinding } from '../types.js';
import { isSqlEvent, lineageEvents, sqlWatermarkFinding } from '../shared/flows.js';
import { stateBound } from '../../src/model/state-bounds.js';

/** Aggregations of grouped data (not the stateful functions, whose state their own code or timeouts drop). */
const AGGREGATIONS = new Set(['agg', 'count', 'sum', 'avg', 'mean', 'min', 'max', 'pivot']);

export const missingWatermark: FileRule = {
  meta: {
    id: 'P101',
    name: 'missing-watermark',
    priority: 1,
    severity: 'failure',
    title: 'Stateful streaming operation without a watermark: its state grows without bound',
    fix: 'Add `.withWatermark("event_time", "10 minutes")` on the stream (on both sides of a stream-stream join) before the stateful operation.',
    hint: 'Add `.withWatermark("event_time", "10 minutes")` before the stateful operation',
    remediation: ['withWatermark', 'dropDuplicatesWithinWatermark', 'WATERMARK'],
  },
  kind: 'file',
  check(ctx) {
    const out: RawFinding[] = [];
    for (const event of lineageEvents(ctx)) {
      if (event.kind === 'stateful' || event.kind === 'drop-duplicates') {
        if (event.flow.watermark) continue;
        // A global aggregate, a processor whose state all has a TTL, a timeout that removes the state.
        if (stateBound(event, ctx.python?.facts)) continue;
        // SQL: `FROM STREAM t WATERMARK ts DELAY OF INTERVAL 10 MINUTES` is the watermark.
        if (isSqlEvent(event)) {
          out.push({ span: event.span, key: event.op, ...sqlWatermarkFinding(event) });
          continue;
        }
        // Complete output mode keeps every group by design and drops no state on a watermark:
        // the advice is to leave complete mode as well.
        // https://spark.apache.org/docs/latest/structured-streaming-programming-guide.html#conditions-for-watermarking-to-clean-aggregation-state
        if (ctx.python?.lineage.completeAggregations?.has(`${event.span.line}:${event.span.column}`)) {
          out.push({
            span: event.span,
            message: `\`${event.op}\` on a streaming DataFrame written in complete output mode with no \`withWatermark\`: complete mode keeps every group's state forever, and drops none even with a watermark`,
            key: event.op,
            hint: 'Write in update or append mode with `.withWatermark("event_time", "10 minutes")` on the event time before the aggregation',
          });
          continue;
        }
        // Keys with no window: a watermark cleans the state only when a key is the event-time column
        // itself, so the advice is the window as well (same page as above).
        if (event.kind === 'stateful' && AGGREGATIONS.has(event.op) && event.windowed === false && (event.groupKeys ?? 0) > 0) {
          out.push({
            span: event.span,
            message: `\`${event.op}\` on a streaming DataFrame grouped with no \`withWatermark\` upstream and no \`window(...)\` key: it keeps a state row per key forever (a watermark would drop state only for keys on its event-time column)`,
            key: event.op,
            hint: 'Group by `window("event_time", "10 minutes")` with `.withWatermark("event_time", "10 minutes")` before it, or keep the keys a small fixed set',
          });
          continue;
        }
        out.push({
          span: event.span,
          message: `\`${event.op}\` on a streaming DataFrame with no \`withWatermark\` upstream: its state is never cleaned up`,
          key: event.op,
          hint:
            event.kind === 'drop-duplicates' && event.groupKeys !== 0
              ? `Add \`.withWatermark("event_time", "10 minutes")\` and use \`.dropDuplicatesWithinWatermark([...])\``
              : `Add \`.withWatermark("event_time", "10 minutes")\` before \`.${event.op}()\``,
        });
      } else if (event.kind === 'stream-join') {
        if (event.flow.watermark && event.other?.watermark) continue;
        const side = event.flow.watermark ? 'right' : event.other?.watermark ? 'left' : 'either';
        out.push({
          span: event.span,
          message: `Stream-stream join with no \`withWatermark\` on ${side} side: both sides' state is kept forever`,
          key: 'join',
          hint: `Add \`.withWatermark("event_time", "10 minutes")\` to ${side === 'either' ? 'both sides' : `the ${side} side`} of the join`,
        });
      }
    }
    return out;
  },
};
