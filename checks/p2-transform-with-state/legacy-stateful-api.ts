/**
 * P201 legacy-stateful-api: `applyInPandasWithState` (and the Scala-era `mapGroupsWithState` /
 * `flatMapGroupsWithState`) is the legacy arbitrary-stateful API. It is not removed in Spark 4.0,
 * but it has no typed state variables, no TTL and no timers; `transformWithStateInPandas`
 * (DBR 16.2+, Spark 4.0) has all three.
 * https://docs.databricks.com/aws/en/stateful-applications/
 */
import type { FileRule, RawFinding } from '../types.js';

const LEGACY = new Map<string, string>([
  ['applyInPandasWithState', 'transformWithStateInPandas'],
  ['flatMapGroupsWithState', 'transformWithState (Scala) / transformWithStateInPandas (Python)'],
  ['mapGroupsWithState', 'transformWithState (Scala) / transformWithStateInPandas (Python)'],
]);

export const legacyStatefulApi: FileRule = {
  meta: {
    id: 'P201',
    name: 'legacy-stateful-api',
    priority: 2,
    severity: 'warning',
    title: 'Legacy arbitrary-stateful API: no typed state, no TTL, no timers',
    fix: 'Move the function into a `StatefulProcessor` subclass (init/handleInputRows/close) and call `df.groupBy("key").transformWithStateInPandas(statefulProcessor=MyProcessor(), outputStructType=schema, outputMode="Append", timeMode="ProcessingTime")` on DBR 16.2+ with the RocksDB state store.',
    hint: 'Move the function into a `StatefulProcessor` and call `transformWithStateInPandas`',
    remediation: ['transformWithStateInPandas', 'transformWithState', 'StatefulProcessor'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    for (const call of python.facts.calls) {
      const replacement = LEGACY.get(call.method);
      // Only method calls (`grouped.applyInPandasWithState(...)`): a local function of the same name is not the API.
      if (!replacement || call.node.childForFieldName('function')?.type !== 'attribute') continue;
      out.push({
        span: call.span,
        message:
          `\`${call.method}\` is the legacy stateful API (state as opaque rows, no TTL, no timers); ` +
          `migrate to ${replacement} with a StatefulProcessor (DBR 16.2+)`,
        key: call.method,
      });
    }
    return out;
  },
};
