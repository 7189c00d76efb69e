/**
 * P404 trigger-once: `trigger(once=True)` processes everything available in one batch and
 * ignores rate limits; it is deprecated in favour of `availableNow=True`, which honours them.
 * https://docs.databricks.com/aws/en/structured-streaming/triggers
 */
import type { FileRule } from '../types.js';

export const triggerOnce: FileRule = {
  meta: {
    id: 'P404',
    name: 'trigger-once',
    priority: 4,
    severity: 'warning',
    title: '`trigger(once=True)` ignores rate limits and is deprecated',
    fix: 'Use `.trigger(availableNow=True)`: it processes the backlog in rate-limited batches.',
    hint: 'Use `.trigger(availableNow=True)` instead of `.trigger(once=True)`',
    remediation: ['availableNow'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    return python.lineage.events.filter((e) => e.kind === 'trigger').map((e) => ({ span: e.span }));
  },
};
