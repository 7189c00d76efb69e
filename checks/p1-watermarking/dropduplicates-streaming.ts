/**
 * P102 dropduplicates-streaming: `dropDuplicates` on a stream keeps every key seen unless the
 * event-time column is part of the key; `dropDuplicatesWithinWatermark` (Spark 3.5+, DBR 13.3+)
 * bounds the state by the watermark.
 * https://docs.databricks.com/aws/en/structured-streaming/watermarks#drop-duplicates-within-watermark
 */
import type { Fix } from '../../src/model/fix-types.js';
import { parseSparkVersion, versionBelow } from '../../src/model/job-bindings.js';
import type { StreamEvent } from '../../src/model/python-types.js';
import type { FileModel } from '../../src/model/types.js';
import type { FileRule } from '../types.js';
import { replaceNode } from '../shared/fix-edits.js';
import { codeFix } from '../shared/python-fixes.js';

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
  check({ model, python, repo }) {
    if (!python) return [];
    // The method needs Spark 3.5 (DBR 13.3): no fix for a file a job runs on an older runtime.
    const oldRuntime = repo.tasksRunning(model.path).some((binding) => {
      const version = parseSparkVersion(binding.sparkVersion);
      return version !== undefined && versionBelow(version, 13, 3);
    });
    return python.lineage.events
      // `withWatermark(...).dropDuplicates()` keys on every column, the event time included: the watermark bounds it.
      // `withWatermark(...).dropDuplicates()` keys on every column, the event time included: the watermark bounds it.
      .filter((e) => e.kind === 'drop-duplicates' && !(e.groupKeys === 0 && e.flow.watermark))
      .map((e) => ({
        span: e.span,
        message: `\`${e.op}\` on a stream: use \`dropDuplicatesWithinWatermark\` so the deduplication state expires`,
        key: e.op,
        hint: `Use \`.withWatermark(...).dropDuplicatesWithinWatermark([...])\`, not \`.${e.op}()\``,
        autofix: oldRuntime ? undefined : withinWatermarkFix(model, e),
      }));
  },
};

/**
 * With a watermark upstream, renaming the call is the whole remedy: the same columns, the state
 * bounded by the watermark. Without one the delay is a choice, and `distinct()` names no columns.
 */
function withinWatermarkFix(model: FileModel, event: StreamEvent): Fix | undefined {
  if (!event.flow.watermark || event.op === 'distinct' || !event.groupKeys) return undefined;
  const fn = event.node.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  return name ? codeFix(model, 'safe', 'Use `dropDuplicatesWithinWatermark`', [replaceNode(name, 'dropDuplicatesWithinWatermark')]) : undefined;
}
