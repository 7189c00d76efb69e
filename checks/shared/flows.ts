/**
 * The sources and streaming events of a file, from its Python lineage and its SQL lineage
 * (`.sql` files, SQL notebooks, `%sql` cells): rules about streams read both the same way.
 */
import type { FlowEvent, SourceInfo } from '../../src/model/python-types.js';
import type { FileContext } from '../types.js';

type Lineages = Pick<FileContext, 'python' | 'sqlLineage'>;

export function lineageSources(ctx: Lineages): SourceInfo[] {
  return [...(ctx.python?.lineage.sources ?? []), ...(ctx.sqlLineage?.sources ?? [])];
}

export function lineageEvents(ctx: Lineages): FlowEvent[] {
  return [...(ctx.python?.lineage.events ?? []), ...(ctx.sqlLineage?.events ?? [])];
}

/** Events SQL lineage recorded (in SQL files or `spark.sql` text): their ops are SQL keywords. */
export function isSqlEvent(event: FlowEvent): boolean {
  return event.op === event.op.toUpperCase();
}

/** Sources read by SQL table-valued functions or `STREAM` (`read_files`, `cloud_files`, `read_kafka`). */
export function isSqlSource(source: SourceInfo): boolean {
  return source.api === 'STREAM' || source.api === 'cloud_files' || source.api.startsWith('read_');
}

/** Message and advice of a stateful SQL event without a watermark, in SQL terms. */
export function sqlWatermarkFinding(event: FlowEvent): { message: string; hint: string; fix: string } {
  if (event.node) {
    return {
      message: `\`${event.op}\` in \`spark.sql(...)\` over a stream with no watermark: its state is never cleaned up`,
      hint: 'Add `.withWatermark("event_time", "10 minutes")` before the temporary view, or a `WATERMARK` clause',
      fix: 'Watermark the stream before registering the view (`df.withWatermark("event_time", "10 minutes").createOrReplaceTempView("v")`), or in the query: `FROM v WATERMARK event_time DELAY OF INTERVAL 10 MINUTES`.',
    };
  }
  return {
    message: `\`${event.op}\` over a stream with no \`WATERMARK\` clause: its state is never cleaned up`,
    hint: 'Add `WATERMARK event_time DELAY OF INTERVAL 10 MINUTES` after the streaming relation',
    fix: 'Watermark the streaming relation: `FROM STREAM(events) WATERMARK event_time DELAY OF INTERVAL 10 MINUTES GROUP BY ...` (on both sides of a stream-stream join).',
  };
}
