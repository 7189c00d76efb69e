/**
 * When a stateful streaming operation's state is bounded without a watermark (RULES.md, P1
 * missing-watermark: "Not when the state is bounded otherwise"):
 * - a global aggregate (`groupBy()` with no keys) keeps one row of state;
 * - a `transformWithStateInPandas` processor whose state variables all have a TTL
 *   (`getValueState(name, schema, ttlDurationMs)`): https://docs.databricks.com/aws/en/stateful-applications/
 * - an `applyInPandasWithState` / `flatMapGroupsWithState` with a processing-time or event-time
 *   timeout whose function removes the state (`state.remove()`), so timed-out keys go:
 *   https://spark.apache.org/docs/latest/api/python/reference/pyspark.sql/api/pyspark.sql.GroupedData.applyInPandasWithState.html
 * Also the state variables of a processor class, for P204. Reads facts and the event's call
 * node, which is alive while rules run. Pure; never throws.
 */
import type { CallFact, PythonFacts, StreamEvent } from './python-types.js';
import type { SyntaxNode } from './types.js';

export type StateBound = 'global-aggregate' | 'ttl' | 'timeout';

/** Position of `ttlDurationMs` among each state factory's positional parameters. */
export const TTL_POSITION: ReadonlyMap<string, number> = new Map([
  ['getValueState', 2],
  ['getListState', 2],
  ['getMapState', 3],
]);

export interface StateVariable {
  call: CallFact;
  /** `ttlDurationMs` given and not `None`; undefined when a `**kwargs` may carry it. */
  ttl: boolean | undefined;
}

/** Calls that create a state variable (`handle.getValueState(...)`), with whether each has a TTL. */
export function stateVariables(facts: PythonFacts, inClass?: string): StateVariable[] {
  const out: StateVariable[] = [];
  for (const call of facts.calls) {
    const position = TTL_POSITION.get(call.method);
    if (position === undefined || call.node.childForFieldName('function')?.type !== 'attribute') continue;
    if (inClass !== undefined && !call.enclosingFunction?.startsWith(`${inClass}.`)) continue;
    const ttl = call.kwargs.get('ttlDurationMs') ?? call.args[position];
    const splat = call.node.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'dictionary_splat') ?? false;
    out.push({ call, ttl: ttl ? ttl.type !== 'none' : splat ? undefined : false });
  }
  return out;
}

const TWS = new Set(['transformWithStateInPandas', 'transformWithState']);
const LEGACY = new Map([
  // (func, outputStructType, stateStructType, outputMode, timeoutConf)
  ['applyInPandasWithState', 4],
  // Scala-style (func, outputMode, timeoutConf) as exposed through PySpark wrappers.
  ['flatMapGroupsWithState', 2],
  ['mapGroupsWithState', 1],
]);

/** A lineage event of Python or SQL (SQL events have no Python node: only the global-aggregate case applies). */
export type BoundedEvent = Pick<StreamEvent, 'kind' | 'op' | 'groupKeys' | 'functionName'> & { node?: SyntaxNode };

export function stateBound(event: BoundedEvent, facts: PythonFacts | undefined): StateBound | undefined {
  if (event.kind !== 'stateful') return undefined;
  if (event.groupKeys === 0 && !TWS.has(event.op) && !LEGACY.has(event.op)) return 'global-aggregate';
  if (!facts || !event.node) return undefined;
  if (TWS.has(event.op)) {
    const processor = processorClass(event.node);
    if (!processor) return undefined;
    const variables = stateVariables(facts, processor);
    return variables.length > 0 && variables.every((v) => v.ttl === true) ? 'ttl' : undefined;
  }
  const position = LEGACY.get(event.op);
  if (position === undefined) return undefined;
  const timeout = argument(event.node, 'timeoutConf', position)?.text ?? '';
  if (!/ProcessingTimeTimeout|EventTimeTimeout/.test(timeout)) return undefined;
  const fn = event.functionName;
  const removes = fn !== undefined && facts.calls.some((call) => call.method === 'remove' && call.enclosingFunction === fn);
  return removes ? 'timeout' : undefined;
}

/** The class of `statefulProcessor=Counter()` (or the first positional argument). */
function processorClass(call: SyntaxNode): string | undefined {
  const arg = argument(call, 'statefulProcessor', 0);
  if (arg?.type !== 'call') return undefined;
  const fn = arg.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}

function argument(call: SyntaxNode, keyword: string, position: number): SyntaxNode | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment') ?? [];
  for (const arg of args) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === keyword) return arg.childForFieldName('value') ?? undefined;
  }
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
  return positional[position];
}
