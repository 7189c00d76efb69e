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

/** Position of `ttlDurationMs` among each factory's positional parameters. */
const TTL_POSITION = new Map<string, number>([
  ['getValueState', 2],
  ['getListState', 2],
  ['getMapState', 3],
]);

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
    for (const call of python.facts.calls) {
      const position = TTL_POSITION.get(call.method);
      if (position === undefined || call.node.childForFieldName('function')?.type !== 'attribute') continue;
      const ttl = call.kwargs.get('ttlDurationMs') ?? call.args[position];
      // An explicit `ttlDurationMs=None` is the default: no TTL.
      if (ttl && ttl.type !== 'none') continue;
      // `**kwargs` may carry the TTL; do not guess.
      if (call.node.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'dictionary_splat')) continue;
      out.push({
        span: call.span,
        message: `\`${call.method}\` without \`ttlDurationMs\`: the state of keys that stop receiving data is never expired`,
        key: call.method,
      });
    }
    return out;
  },
};
