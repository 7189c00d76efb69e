/**
 * P202 state-no-timeout: `GroupStateTimeout.NoTimeout` keeps the state of every key forever.
 * A key that stops receiving events (an expired futures contract, a closed session) is never
 * called again, so its state can never be removed.
 * https://spark.apache.org/docs/latest/api/python/reference/pyspark.sql/api/pyspark.sql.GroupedData.applyInPandasWithState.html
 */
import type { SyntaxNode } from '../../src/model/types.js';
import { dottedName, stringValue } from '../../src/model/python-values.js';
import type { FileRule, RawFinding } from '../types.js';
import { spanOf } from '../shared/python-helpers.js';

/** Position of `timeoutConf` among the positional parameters of the legacy APIs. */
const TIMEOUT_POSITION = new Map<string, number>([
  ['applyInPandasWithState', 4],
  ['flatMapGroupsWithState', 2],
  ['mapGroupsWithState', 1],
]);

function isNoTimeoutConstant(node: SyntaxNode): boolean {
  const name = dottedName(node);
  return name !== undefined && (name === 'GroupStateTimeout.NoTimeout' || name.endsWith('.GroupStateTimeout.NoTimeout'));
}

export const stateNoTimeout: FileRule = {
  meta: {
    id: 'P202',
    name: 'state-no-timeout',
    priority: 2,
    severity: 'failure',
    title: 'State without timeout: the state of a key that stops receiving data is never removed',
    fix: 'Pass `timeoutConf=GroupStateTimeout.ProcessingTimeTimeout`, handle `state.hasTimedOut` in the function (emit, then `state.remove()`) and call `state.setTimeoutDuration(30 * 60 * 1000)` after each update; or migrate to transformWithStateInPandas and give the state a TTL (`ttlDurationMs=...`).',
    hint: 'Pass `timeoutConf=GroupStateTimeout.ProcessingTimeTimeout`; handle `state.hasTimedOut`',
    remediation: ['ProcessingTimeTimeout', 'EventTimeTimeout', 'setTimeoutDuration', 'setTimeoutTimestamp', 'ttlDurationMs', 'transformWithStateInPandas'],
  },
  kind: 'file',
  check({ model, python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    const seen = new Set<number>();
    const flag = (node: SyntaxNode, how: string): void => {
      const span = spanOf(model, node);
      if (!span || seen.has(node.id)) return;
      seen.add(node.id);
      out.push({
        span,
        message: `${how}: the state of a key that stops receiving data is kept forever and the state store grows without bound`,
        key: how,
      });
    };
    for (const call of python.facts.calls) {
      // Only direct arguments: nested calls are facts of their own, and comments or strings never are.
      for (const arg of [...call.args, ...call.kwargs.values()]) {
        if (isNoTimeoutConstant(arg)) flag(arg, '`GroupStateTimeout.NoTimeout`');
      }
      const position = TIMEOUT_POSITION.get(call.method);
      const timeoutArg = call.kwargs.get('timeoutConf') ?? (position !== undefined ? call.args[position] : undefined);
      if (timeoutArg && stringValue(timeoutArg) === 'NoTimeout') flag(timeoutArg, '`timeoutConf="NoTimeout"`');
    }
    return out;
  },
};
