/**
 * How each DataFrame / reader / writer method changes the abstract value, and which
 * calls are streaming events. Kept apart from the statement walker in lineage.ts.
 */
import type { Flow, OptionValue, SourceInfo, Value } from './python-types.js';
import type { SyntaxNode } from './types.js';
import { dottedName, literalValue } from './python-values.js';
import type { LineageBuilder, Scope } from './lineage.js';

export type MethodHost = Pick<LineageBuilder, 'expr' | 'argValues' | 'emit' | 'span' | 'lineage' | 'emitFromJson'>;

/** Grouped operations that keep state across micro-batches. */
const STATEFUL_ON_GROUPED = new Set([
  'agg', 'count', 'sum', 'avg', 'mean', 'min', 'max', 'pivot',
  'applyInPandasWithState', 'transformWithStateInPandas', 'transformWithState', 'flatMapGroupsWithState', 'mapGroupsWithState',
]);
const STATEFUL_ON_FLOW = new Set(['transformWithStateInPandas', 'transformWithState', 'flatMapGroupsWithState', 'mapGroupsWithState']);
const FILE_FORMATS = new Set(['json', 'csv', 'parquet', 'orc', 'text', 'avro', 'xml']);
/** Calls whose first argument is a function Spark runs per group, partition, batch or row. */
const FUNCTION_TAKERS = new Set([
  'mapInPandas', 'applyInPandas', 'applyInPandasWithState', 'flatMapGroupsWithState', 'mapGroupsWithState',
  'transformWithStateInPandas', 'transformWithState', 'foreachBatch', 'udf', 'pandas_udf',
]);
// `DataStreamWriter.table(name)` starts a query like `toTable` (RULES.md, "Streaming lineage").
// `df.write.csv(path)` and the other format shorthands of DataFrameWriter save like `.save(path)`.
const SINK_METHODS = new Set(['start', 'toTable', 'table', 'save', 'saveAsTable', 'insertInto', 'csv', 'json', 'parquet', 'orc', 'text', 'xml', 'avro']);
const STARTS_QUERY = new Set(['start', 'toTable', 'table']);
/** Methods that end the DataFrame (return rows, pandas, or nothing). */
const TERMINAL = new Set(['collect', 'toPandas', 'first', 'head', 'take', 'show', 'display', 'isEmpty', 'toLocalIterator', 'printSchema', 'explain']);
const NULL_SPLIT = /\bisNull\b|\bisNotNull\b|\bIS\s+(NOT\s+)?NULL\b|\bisnull\b|\bisnotnull\b/i;

export function evalMethod(host: MethodHost, receiver: Value, methodNode: SyntaxNode, call: SyntaxNode, argsNode: SyntaxNode | null, scope: Scope): Value {
  const method = methodNode.text;
  switch (receiver.kind) {
    case 'reader':
      return readerMethod(host, receiver.source, method, methodNode, call, argsNode, scope);
    case 'flow':
      return flowMethod(host, receiver.flow, method, methodNode, call, argsNode, scope);
    case 'grouped':
      return groupedMethod(host, receiver, method, methodNode, call, argsNode, scope);
    case 'writer':
      return writerMethod(host, receiver, method, methodNode, call, argsNode, scope);
    case 'na':
      host.argValues(argsNode, scope);
      if (method === 'fill' && receiver.flow.streaming !== undefined) host.emit({ kind: 'na-fill', op: 'na.fill', flow: receiver.flow, node: call, spanNode: methodNode, endNode: call });
      return { kind: 'flow', flow: receiver.flow };
    default: {
      const args = host.argValues(argsNode, scope);
      if (method === 'addListener') host.lineage.listenerRegistered = true;
      // The receiver may be unknown (a DataFrame parameter): the function is still run by Spark.
      if (FUNCTION_TAKERS.has(method)) markFunction(host, argsNode);
      return args.positional.find((v) => v.kind === 'flow') && method === 'union' ? args.positional[0] : { kind: 'unknown' };
    }
  }
}

function readerMethod(host: MethodHost, source: SourceInfo, method: string, methodNode: SyntaxNode, call: SyntaxNode, argsNode: SyntaxNode | null, scope: Scope): Value {
  const args = host.argValues(argsNode, scope);
  const next: SourceInfo = { ...source, options: new Map(source.options) };
  const first = args.positional[0];
  const formatKeyword = args.keywords.get('format');
  switch (method) {
    case 'format':
      next.format = first?.kind === 'string' ? first.value.toLowerCase() : next.format;
      return { kind: 'reader', source: next };
    case 'option': {
      const key = first?.kind === 'string' ? first.value : undefined;
      if (key) next.options.set(key, optionValue(args.positional[1], argsNode?.namedChildren[1]));
      return { kind: 'reader', source: next };
    }
    case 'options':
      for (const splat of args.splats) if (splat.kind === 'dict') for (const [k, v] of splat.entries) next.options.set(k, v);
      for (const value of args.positional) if (value.kind === 'dict') for (const [k, v] of value.entries) next.options.set(k, v);
      for (const [k, v] of args.keywords) next.options.set(k, v.kind === 'string' ? v.value : '<expr>');
      return { kind: 'reader', source: next };
    case 'schema':
      next.schemaGiven = true;
      return { kind: 'reader', source: next };
    case 'load':
      // `load(path, format=..., schema=..., **options)` takes the same settings as the builder methods.
      loadKeywords(next, args);
      if (formatKeyword?.kind === 'string') next.format = formatKeyword.value.toLowerCase();
      return finishSource(host, next, method, first, call);
    case 'table':
    case 'name':
      return finishSource(host, next, method, first, call);
    default:
      if (FILE_FORMATS.has(method)) {
        next.format = method;
        loadKeywords(next, args);
        // json(path, schema) and csv(path, schema): the second positional argument is the schema.
        if ((method === 'json' || method === 'csv') && args.positional.length > 1) next.schemaGiven = true;
        return finishSource(host, next, 'load', first, call);
      }
      return { kind: 'reader', source: next };
  }
}

function loadKeywords(source: SourceInfo, args: { keywords: Map<string, Value>; splats: Value[] }): void {
  for (const splat of args.splats) if (splat.kind === 'dict') for (const [k, v] of splat.entries) source.options.set(k, v);
  for (const [k, v] of args.keywords) if (k !== 'format') source.options.set(k, v.kind === 'string' ? v.value : '<expr>');
  if (args.keywords.has('schema')) source.schemaGiven = true;
}

function optionValue(value: Value | undefined, node: SyntaxNode | null | undefined): OptionValue {
  if (node) {
    const literal = literalValue(node);
    if (literal !== undefined) return literal;
  }
  return value?.kind === 'string' ? value.value : '<expr>';
}

function finishSource(host: MethodHost, source: SourceInfo, method: string, first: Value | undefined, call: SyntaxNode): Value {
  const done: SourceInfo = { ...source, loadSpan: host.span(call) };
  const target = first?.kind === 'string' ? first.value : undefined;
  if (method === 'table') done.table = target ?? '<expr>';
  else done.loadPath = target ?? (typeof source.options.get('path') === 'string' ? String(source.options.get('path')) : undefined);
  if (!done.format && method === 'table') done.format = 'delta';
  host.lineage.sources.push(done);
  return { kind: 'flow', flow: { streaming: done.streaming, sources: [done] } };
}

function flowMethod(host: MethodHost, flow: Flow, method: string, methodNode: SyntaxNode, call: SyntaxNode, argsNode: SyntaxNode | null, scope: Scope): Value {
  const args = host.argValues(argsNode, scope);
  const span = host.span(methodNode);
  if (TERMINAL.has(method)) return { kind: 'unknown' };
  switch (method) {
    case 'withWatermark':
      return { kind: 'flow', flow: { ...flow, watermark: span } };
    case 'groupBy':
    case 'groupby':
    case 'groupByKey':
      return { kind: 'grouped', flow, span, byWindow: argsNode ? containsCall(argsNode, ['window', 'session_window']) : false, keys: argumentCount(argsNode) };
    case 'dropDuplicates':
    case 'drop_duplicates':
    case 'distinct':
      if (flow.streaming) host.emit({ kind: 'drop-duplicates', op: method, flow, node: call, spanNode: methodNode, endNode: call, groupKeys: method === 'distinct' ? 0 : argumentCount(argsNode) });
      return { kind: 'flow', flow };
    case 'dropDuplicatesWithinWatermark':
      if (flow.streaming) host.emit({ kind: 'drop-duplicates-within-watermark', op: method, flow, node: call, spanNode: methodNode, endNode: call });
      return { kind: 'flow', flow };
    case 'join':
      return join(host, flow, args.positional[0], methodNode, call, argsNode);
    case 'union':
    case 'unionByName': {
      const other = args.positional[0];
      if (other?.kind !== 'flow') return { kind: 'flow', flow };
      const watermark = flow.watermark && other.flow.watermark ? flow.watermark : undefined;
      return { kind: 'flow', flow: { streaming: flow.streaming || other.flow.streaming, watermark, sources: [...flow.sources, ...other.flow.sources] } };
    }
    case 'filter':
    case 'where':
      if (flow.fromJsonUnchecked && argsNode && NULL_SPLIT.test(argsNode.text)) {
        // `parsed.filter(col("data").isNull())`: the unparsed records are split off (to a dead-letter
        // table, usually), whichever branch is written first.
        (host.lineage.nullSplit ??= new Set()).add(`${flow.fromJsonUnchecked.line}:${flow.fromJsonUnchecked.column}`);
        return { kind: 'flow', flow: { ...flow, fromJsonUnchecked: undefined } };
      }
      return { kind: 'flow', flow };
    case 'fillna':
      host.emit({ kind: 'na-fill', op: 'fillna', flow, node: call, spanNode: methodNode, endNode: call });
      return { kind: 'flow', flow };
    case 'createOrReplaceTempView':
    case 'createTempView':
    case 'registerTempTable':
    case 'createOrReplaceGlobalTempView':
    case 'createGlobalTempView': {
      // `spark.sql(...)` and `spark.table(...)` read the view back (lineage.ts); global ones under `global_temp.`.
      const name = args.positional[0];
      const prefix = method.includes('Global') ? 'global_temp.' : '';
      if (name?.kind === 'string') (host.lineage.views ??= new Map()).set(`${prefix}${name.value.toLowerCase()}`, flow);
      return { kind: 'unknown' };
    }
    default:
      break;
  }
  if (STATEFUL_ON_FLOW.has(method) && flow.streaming) {
    markFunction(host, argsNode);
    host.emit({ kind: 'stateful', op: method, flow, node: call, spanNode: methodNode, endNode: call, functionName: functionArg(argsNode) });
  }
  if (method === 'select' || method === 'withColumn' || method === 'selectExpr' || method === 'withColumns') {
    const fromJson = argsNode ? findCall(argsNode, 'from_json') : undefined;
    if (fromJson) return { kind: 'flow', flow: { ...flow, fromJsonUnchecked: host.span(fromJson) } };
  }
  if (method === 'mapInPandas' || method === 'applyInPandas' || method === 'foreachBatch') markFunction(host, argsNode);
  return { kind: 'flow', flow };
}

function join(host: MethodHost, flow: Flow, other: Value | undefined, methodNode: SyntaxNode, call: SyntaxNode, argsNode: SyntaxNode | null): Value {
  if (other?.kind !== 'flow') return { kind: 'flow', flow };
  const both = flow.streaming && other.flow.streaming;
  const condition = argsNode?.namedChildren.slice(1).map((c) => c?.text ?? '').join(' ') ?? '';
  const timeBounded = /(>=|<=|<|>|\bbetween\b|\binterval\b)/i.test(condition);
  if (both) {
    host.emit({ kind: 'stream-join', op: 'join', flow, other: other.flow, timeBounded, node: call, spanNode: methodNode, endNode: call });
  }
  const watermark = both ? (flow.watermark && other.flow.watermark ? flow.watermark : undefined) : flow.streaming ? flow.watermark : other.flow.watermark;
  return { kind: 'flow', flow: { streaming: flow.streaming || other.flow.streaming, watermark, sources: [...flow.sources, ...other.flow.sources] } };
}

function groupedMethod(host: MethodHost, grouped: Extract<Value, { kind: 'grouped' }>, method: string, methodNode: SyntaxNode, call: SyntaxNode, argsNode: SyntaxNode | null, scope: Scope): Value {
  host.argValues(argsNode, scope);
  const flow = grouped.flow;
  if (STATEFUL_ON_GROUPED.has(method) && flow.streaming) {
    markFunction(host, argsNode);
    host.emit({ kind: 'stateful', op: method, flow, node: call, spanNode: methodNode, endNode: call, functionName: functionArg(argsNode), groupKeys: grouped.keys, windowed: grouped.byWindow });
    const at = host.span(methodNode);
    return { kind: 'flow', flow: { ...flow, aggregations: [...(flow.aggregations ?? []), `${at.line}:${at.column}`] } };
  } else if (method === 'applyInPandas') markFunction(host, argsNode);
  return { kind: 'flow', flow: { ...flow, fromJsonUnchecked: flow.fromJsonUnchecked } };
}

function writerMethod(host: MethodHost, writer: Extract<Value, { kind: 'writer' }>, method: string, methodNode: SyntaxNode, call: SyntaxNode, argsNode: SyntaxNode | null, scope: Scope): Value {
  const args = host.argValues(argsNode, scope);
  const first = args.positional[0];
  if (method === 'option' && first?.kind === 'string') {
    const options = new Map(writer.options);
    options.set(first.value, optionValue(args.positional[1], argsNode?.namedChildren[1]));
    return { ...writer, options };
  }
  if (method === 'trigger') {
    const once = isTrue(args.keywords.get('once'), argsNode, 'once');
    const availableNow = isTrue(args.keywords.get('availableNow'), argsNode, 'availableNow');
    const trigger = { span: host.span(methodNode), once, availableNow };
    if (once) host.emit({ kind: 'trigger', op: 'trigger', flow: writer.flow, node: call, spanNode: methodNode, endNode: call });
    return { ...writer, trigger };
  }
  // `foreachBatch` and `foreach` replace the sink a `.format(...)` named, whichever comes first.
  if (method === 'foreachBatch') {
    markFunction(host, argsNode);
    return { ...writer, format: 'foreachBatch' };
  }
  if (method === 'foreach') return { ...writer, format: 'foreach' };
  if (method === 'outputMode' && first?.kind === 'string') return { ...writer, outputMode: first.value.toLowerCase() };
  if (method === 'format' && first?.kind === 'string') return { ...writer, format: first.value.toLowerCase() };
  if (!SINK_METHODS.has(method)) return writer;
  const format = args.keywords.get('format');
  if (writer.flow.streaming && method === 'start' && (format?.kind === 'string' ? format.value.toLowerCase() : writer.format) === 'console') {
    // The console sink is for debugging: its rows go to the driver's output for a person to read,
    // as with `display()`; nothing is kept. (A memory sink's table is read back by code, so its
    // query is one the notebook depends on.)
    // https://spark.apache.org/docs/latest/structured-streaming-programming-guide.html#output-sinks
    host.lineage.shownQueries = (host.lineage.shownQueries ?? 0) + 1;
    for (const at of writer.flow.aggregations ?? []) (host.lineage.displayedAggregations ??= new Set()).add(at);
    return { kind: 'unknown' };
  }
  const targetValue = first?.kind === 'string' ? first.value : undefined;
  const optionPath = writer.options.get('path');
  const target = targetValue ?? (typeof optionPath === 'string' ? optionPath : undefined);
  const targetKind = method === 'toTable' || method === 'table' || method === 'saveAsTable' || method === 'insertInto' ? 'table' : 'path';
  if (writer.flow.streaming && STARTS_QUERY.has(method)) host.lineage.queriesStarted++;
  if (writer.outputMode === 'complete') for (const at of writer.flow.aggregations ?? []) (host.lineage.completeAggregations ??= new Set()).add(at);
  for (const at of writer.flow.aggregations ?? []) (host.lineage.writtenAggregations ??= new Set()).add(at);
  if (writer.flow.fromJsonUnchecked) host.emitFromJson(writer.flow, call);
  host.emit({ kind: 'sink', op: method, flow: writer.flow, target, targetKind, trigger: writer.trigger, node: call, spanNode: methodNode, endNode: call });
  return { kind: 'unknown' };
}

function isTrue(value: Value | undefined, argsNode: SyntaxNode | null, name: string): boolean {
  if (!argsNode) return false;
  for (const arg of argsNode.namedChildren) {
    if (arg?.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== name) continue;
    return arg.childForFieldName('value')?.type === 'true';
  }
  return value?.kind === 'string' && value.value === 'True';
}

function functionArg(argsNode: SyntaxNode | null): string | undefined {
  const first = argsNode?.namedChildren.find((c) => c?.type !== 'comment');
  if (!first) return undefined;
  if (first.type === 'identifier') return first.text;
  if (first.type === 'keyword_argument') return functionArgValue(first.childForFieldName('value'));
  return functionArgValue(first);
}

function functionArgValue(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'call') return `${dottedName(node.childForFieldName('function') ?? node) ?? ''}.*`;
  return undefined;
}

function markFunction(host: MethodHost, argsNode: SyntaxNode | null): void {
  const name = functionArg(argsNode);
  if (name) host.lineage.statefulFunctions.add(name);
}

function containsCall(node: SyntaxNode, names: string[]): boolean {
  return names.some((n) => findCall(node, n) !== undefined);
}

function findCall(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const call of node.descendantsOfType('call')) {
    const fn = call?.childForFieldName('function');
    if (!fn) continue;
    const callee = dottedName(fn) ?? '';
    if (call && (callee === name || callee.endsWith(`.${name}`))) return call;
  }
  return undefined;
}

/** Arguments of a call, comments aside (`groupBy()` has none: a global aggregate). */
function argumentCount(argsNode: SyntaxNode | null): number {
  return argsNode?.namedChildren.filter((child) => child !== null && child.type !== 'comment').length ?? 0;
}
