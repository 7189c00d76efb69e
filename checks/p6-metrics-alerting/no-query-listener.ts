/**
 * P602 no-query-listener: a notebook starts streaming queries but neither it nor its
 * `%run` includes registers a `StreamingQueryListener`. Without one, progress
 * (input rate, batch duration, watermark, dropped rows) is only visible in the UI.
 * https://docs.databricks.com/aws/en/structured-streaming/stream-monitoring
 */
import type { StreamEvent } from '../../src/model/python-types.js';
import type { FileRule } from '../types.js';

export const noQueryListener: FileRule = {
  meta: {
    id: 'P602',
    name: 'no-query-listener',
    priority: 6,
    severity: 'notice',
    title: 'Streaming query started with no StreamingQueryListener registered: progress is not monitored',
    fix: 'Register a listener before starting queries: `class ProgressListener(StreamingQueryListener): def onQueryProgress(self, event): logger.info(event.progress.json)` and `spark.streams.addListener(ProgressListener())`.',
    hint: 'Call `spark.streams.addListener(...)` with a `StreamingQueryListener` before `.start()`',
    remediation: ['addListener', 'StreamingQueryListener'],
  },
  kind: 'file',
  check({ model, python, repo }) {
    if (!python) return [];
    const starts = python.lineage.events.filter(isStreamingStart);
    if (starts.length === 0) return [];
    if (registersListener(python) || repo.includes(model.path).some((inc) => inc.python && registersListener(inc.python))) return [];
    // One finding per query: each needs its progress watched, and each is fixed by the same listener.
    return starts.map((sink) => ({
      span: sink.span,
      message: `Streaming query started with \`.${sink.op}()\` and no \`spark.streams.addListener(...)\` in this notebook or its %run includes: its progress and stalls go unmonitored`,
      key: sink.target ?? sink.op,
    }));
  },
};

function isStreamingStart(event: StreamEvent): boolean {
  return event.kind === 'sink' && event.flow.streaming && (event.op === 'start' || event.op === 'toTable' || event.op === 'table');
}

function registersListener(python: { lineage: { listenerRegistered: boolean }; facts: { calls: { method: string }[] } }): boolean {
  // The call fact covers registrations the lineage walk does not reach (dead branches, lambdas).
  return python.lineage.listenerRegistered || python.facts.calls.some((c) => c.method === 'addListener');
}
