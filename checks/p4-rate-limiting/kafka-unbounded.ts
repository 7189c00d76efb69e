/**
 * P401 kafka-unbounded: a Kafka or Event Hubs stream without a per-trigger cap reads the
 * whole backlog in one micro-batch after a restart or a spike.
 * https://learn.microsoft.com/en-us/azure/databricks/structured-streaming/batch-size
 * https://github.com/Azure/azure-event-hubs-spark/blob/master/docs/PySpark/structured-streaming-pyspark.md
 */
import type { FileRule, RawFinding } from '../types.js';
import { hasOption, sourceFamily } from '../shared/sources.js';

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
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    for (const source of python.lineage.sources) {
      if (!source.streaming) continue;
      const family = sourceFamily(source);
      if (family === 'kafka' && !hasOption(source, 'maxOffsetsPerTrigger')) {
        out.push({ span: source.span, message: 'Kafka stream without `maxOffsetsPerTrigger`: a backlog is read in one micro-batch', key: 'kafka' });
      } else if (family === 'eventhubs' && !hasOption(source, 'maxEventsPerTrigger', 'eventhubs.maxEventsPerTrigger')) {
        out.push({ span: source.span, message: 'Event Hubs stream without `maxEventsPerTrigger`: a backlog is read in one micro-batch', key: 'eventhubs' });
      }
    }
    return out;
  },
};
