/**
 * P204 state-no-ttl: a transformWithStateInPandas state variable created without a TTL lives
 * until the processor clears it. Keys that go quiet keep their state forever.
 * Signatures (pyspark.sql.streaming.stateful_processor.StatefulProcessorHandle):
 *   getValueState(stateName, schema, ttlDurationMs=None)
 *   getListState(stateName, schema, ttlDurationMs=None)
 *   getMapState(stateName, userKeySchema, valueSchema, ttlDurationMs=None)
 * https://docs.databricks.com/aws/en/stateful-applications/
 */
import type { FileRule, RawFinding } from '../types.js';
import { stateVariables } from '../../src/model/state-bounds.js';

export const stateNoTtl: FileRule = {
  meta: {
    id: 'P204',
    name: 'state-no-ttl',
    priority: 2,
    severity: 'notice',
    title: 'State variable without TTL: state of keys that stop receiving data is kept forever',
    fix: 'Give the state variable a TTL: `handle.getValueState("last_event", event_schema, ttlDurationMs=6 * 60 * 60 * 1000)`.',
    hint: 'Give the state variable a TTL: `ttlDurationMs=6 * 60 * 60 * 1000`',
    remediation: ['ttlDurationMs'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    for (const { call, ttl } of stateVariables(python.facts)) {
      // A TTL given, or `**kwargs` that may carry one: nothing to say.
      if (ttl !== false) continue;
      out.push({
        span: call.span,
        message: `\`${call.method}\` without \`ttlDurationMs\`: the state of keys that stop receiving data is never expired`,
        key: call.method,
        hint: `Pass \`ttlDurationMs=6 * 60 * 60 * 1000\` to \`${call.method}(...)\``,
      });
    }
    return out;
  },
};
