/**
 * Which never-called local functions lineage may leave unevaluated. After the module is walked,
 * every function not yet evaluated is run once with unknown arguments, because it may still
 * hold a source or a sink (`@dlt.table` bodies, `foreachBatch` handlers). Most such bodies are
 * plain pandas or helper code: evaluating them records nothing and only costs time.
 *
 * A body can record something (a source, an event, a stateful function, a listener, a started
 * query) or change what later evaluations see only through:
 * - a call of a method that lineage-methods.ts or the `call` step of lineage.ts acts on,
 *   listed in RECORDING_METHODS, or `udf(f)` / `pandas_udf(f)`;
 * - a nested `def` or `class` (they are registered, and their decorators and bases read; a class
 *   is found by its keyword in the body's source, as facts keep no class positions);
 * - a name bound at module level to a function (it may be called, or aliased and called)
 *   or to a dict (subscript assignment mutates it in place);
 * - `.writeStream` on a DataFrame still holding unchecked `from_json` output.
 * A body with none of these is skipped. The checks over-approximate (calls in lambdas count,
 * names are found as substrings of the body's source), so a skipped body never mattered.
 */
import type { PythonFacts, Value } from './python-types.js';
import type { SyntaxNode } from './types.js';

/** Every method name whose evaluation can record something (see lineage-methods.ts, lineage.ts `call`). */
export const RECORDING_METHODS: ReadonlySet<string> = new Set([
  // reader: finishing a source; dlt.read / dlt.read_stream / spark.table
  'load', 'table', 'name', 'json', 'csv', 'parquet', 'orc', 'text', 'avro', 'xml', 'read_stream', 'readStream', 'read',
  // DataFrame and grouped events, functions handed to Spark
  'dropDuplicates', 'drop_duplicates', 'distinct', 'dropDuplicatesWithinWatermark', 'join', 'fillna', 'fill',
  'agg', 'count', 'sum', 'avg', 'mean', 'min', 'max', 'pivot',
  'applyInPandasWithState', 'transformWithStateInPandas', 'transformWithState', 'flatMapGroupsWithState', 'mapGroupsWithState',
  'mapInPandas', 'applyInPandas', 'foreachBatch', 'udf', 'pandas_udf',
  // writer: triggers and sinks; listeners
  'trigger', 'start', 'toTable', 'save', 'saveAsTable', 'insertInto', 'addListener',
  // temporary views and the SQL that reads them
  'createOrReplaceTempView', 'createTempView', 'registerTempTable', 'createOrReplaceGlobalTempView', 'createGlobalTempView', 'sql',
]);

export class InertBodies {
  /** Start index of each call fact, in document order, and whether it can record. */
  private readonly callStarts: number[] = [];
  private readonly callRecords: boolean[] = [];
  private readonly functionStarts: number[];
  private readonly watchedNames: string[] = [];

  constructor(
    private readonly source: string,
    facts: PythonFacts,
    moduleVars: Map<string, Value>,
  ) {
    for (const call of facts.calls) {
      const fnType = call.node.childForFieldName('function')?.type;
      const records = fnType === 'attribute' ? RECORDING_METHODS.has(call.method) : fnType === 'identifier' && (call.method === 'udf' || call.method === 'pandas_udf');
      this.callStarts.push(call.node.startIndex);
      this.callRecords.push(records);
    }
    this.functionStarts = facts.functions.map((f) => f.node.startIndex);
    for (const [name, value] of moduleVars) if (value.kind === 'function' || value.kind === 'dict') this.watchedNames.push(name);
    this.watchedNames.push('writeStream', 'class');
  }

  /** True when evaluating this function's body cannot change the lineage. */
  isInert(fn: SyntaxNode): boolean {
    const start = fn.startIndex;
    const end = fn.endIndex;
    for (let i = firstAtOrAfter(this.callStarts, start); i < this.callStarts.length && this.callStarts[i] < end; i++) if (this.callRecords[i]) return false;
    const nested = firstAtOrAfter(this.functionStarts, start + 1);
    if (nested < this.functionStarts.length && this.functionStarts[nested] < end) return false;
    // The header (name, parameters, decorators) is not evaluated: only the body's text counts.
    const bodyStart = fn.childForFieldName('body')?.startIndex ?? start;
    const body = this.source.slice(bodyStart, end);
    return !this.watchedNames.some((name) => body.includes(name));
  }
}

/** Index of the first value >= `value` in an ascending array. */
function firstAtOrAfter(values: number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
