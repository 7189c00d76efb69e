/**
 * Whether a streaming source's per-trigger limits would be ignored: every query it reaches runs
 * with `trigger(once=True)`, which reads the whole backlog in one batch whatever
 * `maxFilesPerTrigger` / `maxOffsetsPerTrigger` say (RULES.md, P4 `trigger-once`). Such a source
 * is reported once, by `trigger-once` on its query, whose fix (`availableNow=True`) honours the
 * limits; asking for a limit as well would be advice that changes nothing until then.
 * https://docs.delta.io/latest/delta-streaming.html#limit-input-rate ("If you use Trigger.Once
 * for your streaming, this option is ignored"); https://docs.databricks.com/aws/en/structured-streaming/triggers
 */
import type { SourceInfo } from '../../src/model/python-types.js';
import type { FileContext } from '../types.js';
import { lineageEvents } from './flows.js';

export function limitsIgnored(ctx: Pick<FileContext, 'python' | 'sqlLineage'>): (source: SourceInfo) => boolean {
  const once = new Set<SourceInfo>();
  const honoured = new Set<SourceInfo>();
  for (const event of lineageEvents(ctx)) {
    if (event.kind !== 'sink' || !event.flow.streaming) continue;
    for (const source of event.flow.sources) (event.trigger?.once ? once : honoured).add(source);
  }
  return (source) => once.has(source) && !honoured.has(source);
}
