/**
 * P401 kafka-unbounded: a Kafka or Event Hubs stream without a per-trigger cap reads the
 * whole backlog in one micro-batch after a restart or a spike.
 * https://learn.microsoft.com/en-us/azure/databricks/structured-streaming/batch-size
 * https://github.com/Azure/azure-event-hubs-spark/blob/master/docs/PySpark/structured-streaming-pyspark.md
 */
import type { Fix, FixSettings } from '../../src/model/fix-types.js';
import type { SourceInfo } from '../../src/model/python-types.js';
import type { FileContext, FileRule, RawFinding } from '../types.js';
import { keptRecords } from '../shared/kept-records.js';
import { limitsIgnored } from '../shared/ignored-limits.js';
import { hasOption, sourceFamily } from '../shared/sources.js';
import { isSqlSource, lineageSources } from '../shared/flows.js';
import { fixValue } from '../../src/model/fix-types.js';
import { readerOptionFix } from '../shared/python-fixes.js';

export const kafkaUnbounded: FileRule = {
  meta: {
    id: 'P401',
    name: 'kafka-unbounded',
    priority: 4,
    severity: 'warning',
    title: 'Kafka / Event Hubs stream without a per-trigger rate limit',
    fix: 'Cap each micro-batch: `.option("maxOffsetsPerTrigger", 10000)` for Kafka, `"maxEventsPerTrigger": 10000` in the Event Hubs conf.',
    hint: 'Cap each micro-batch: `maxOffsetsPerTrigger` (Kafka) or `maxEventsPerTrigger` (Event Hubs)',
    remediation: ['maxOffsetsPerTrigger', 'maxEventsPerTrigger', 'eventhubs.maxEventsPerTrigger'],
  },
  kind: 'file',
  check(ctx) {
    const out: RawFinding[] = [];
    // A stream only looked at (`display(df)`) runs no production query: its batch size is the reader's.
    const kept = keptRecords(ctx);
    // Under `trigger(once=True)` no limit applies: `trigger-once` reports the query.
    const ignored = limitsIgnored(ctx);
    for (const source of lineageSources(ctx)) {
      if (!kept(source) || ignored(source)) continue;
      if (!source.streaming) continue;
      const family = sourceFamily(source);
      if (family === 'kafka' && !hasOption(source, 'maxOffsetsPerTrigger')) {
        if (isSqlSource(source)) out.push({ span: source.span, key: 'kafka', ...READ_KAFKA_ADVICE });
        else out.push({ span: source.span, message: 'Kafka stream without `maxOffsetsPerTrigger`: a backlog is read in one micro-batch', key: 'kafka', ...KAFKA_FIX, autofix: capFix(ctx, source, 'maxOffsetsPerTrigger') });
      } else if (family === 'eventhubs' && !hasOption(source, 'maxEventsPerTrigger', 'eventhubs.maxEventsPerTrigger')) {
        out.push({ span: source.span, message: 'Event Hubs stream without `maxEventsPerTrigger`: a backlog is read in one micro-batch', key: 'eventhubs', ...EVENT_HUBS_FIX, autofix: capFix(ctx, source, 'maxEventsPerTrigger') });
      }
    }
    return out;
  },
};

const READ_KAFKA_ADVICE = {
  message: '`read_kafka` stream without `maxOffsetsPerTrigger`: a backlog is read in one micro-batch',
  hint: 'Cap each micro-batch: `maxOffsetsPerTrigger => 10000` in `read_kafka(...)`',
  fix: 'Cap each micro-batch: pass `maxOffsetsPerTrigger => 10000` to `read_kafka(...)`.',
};
const KAFKA_FIX = {
  hint: 'Cap each micro-batch: `.option("maxOffsetsPerTrigger", 10000)`',
  fix: 'Cap each micro-batch: `.option("maxOffsetsPerTrigger", 10000)` on the Kafka source.',
};
const EVENT_HUBS_FIX = {
  hint: 'Cap each micro-batch: `"maxEventsPerTrigger": 10000` in the Event Hubs conf',
  fix: 'Cap each micro-batch: `"maxEventsPerTrigger": 10000` in the Event Hubs conf passed to `.options(**conf)`.',
};

/** The cap the team configured (`fixes.defaults`), else the rule doc's: a value to review. */
function capFix(ctx: FileContext, source: SourceInfo, option: string): (settings: FixSettings) => Fix | undefined {
  return (settings) => readerOptionFix(ctx.model, ctx.python, source, option, fixValue(settings, option));
}
