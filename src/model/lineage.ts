/**
 * Streaming lineage: a small abstract interpreter over the Python tree that follows
 * DataFrames from `spark.readStream` through assignments, cells, method chains, local
 * functions and `%run` includes, and records the streaming operations rules judge.
 * See https://docs.databricks.com/aws/en/structured-streaming/ for the APIs modelled.
 */
import type { Flow, Lineage, PythonFacts, StreamEvent, Value } from './python-types.js';
import type { SyntaxNode, Tree } from './types.js';
import { nodeSpan, type UnitMap } from './span.js';
import { dottedName, literalValue, stringValue } from './python-values.js';
import { evalMethod, type MethodHost } from './lineage-methods.js';
import { InertBodies } from './lineage-inert.js';
import { parseSqlUnit } from './sql.js';
import { parseSqlStatement } from './sql-parser.js';
import { SqlFlows, viewKey } from './sql-lineage.js';
import { anchoredSqlUnit, embeddedSqlUnit } from './sql-embedded.js';

const MAX_CALL_DEPTH = 8;
const MAX_EXPR_DEPTH = 400;

type Scope = { vars: Map<string, Value>; parent?: Scope; returns?: Value[] };

/** A DataFrame's attributes that describe it without reading its records. */
const METADATA_ATTRIBUTES = new Set(['schema', 'columns', 'dtypes']);

/** Lakeflow / DLT decorators whose function's return value is a table or view of the pipeline. */
const PIPELINE_TABLE = /^@\s*(?:dlt|dp)\.(?:table|materialized_view|view|temporary_view|append_flow)\b/;
const PIPELINE_VIEW = /^@\s*(?:dlt|dp)\.(?:view|temporary_view)\b/;

/** The `name=` a pipeline decorator gives its dataset (`@dlt.view(name="raw_events")`). */
function decoratorName(decorator: SyntaxNode): string | undefined {
  const call = decorator.namedChildren.find((c) => c?.type === 'call');
  const args = call?.childForFieldName('arguments');
  for (const arg of args?.namedChildren ?? []) {
    if (arg?.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== 'name') continue;
    const value = arg.childForFieldName('value');
    if (value) return stringValue(value);
  }
  return undefined;
}

export class LineageBuilder implements MethodHost {
  readonly lineage: Lineage;
  private readonly functions = new Map<string, SyntaxNode>();
  private readonly evaluated = new Set<string>();
  /** Functions decorated `@dlt.table` / `@dp.materialized_view` ...: the DataFrame they return is written to a pipeline table. */
  private readonly pipelineTables = new Map<string, SyntaxNode>();
  /** Pipeline views (`@dlt.view`) by dataset name, lower-case: the function whose DataFrame a read of the view is. */
  private readonly pipelineViews = new Map<string, string>();
  private readonly active = new Set<string>();
  private readonly eventKeys = new Set<string>();
  private readonly memo = new Map<string, Value>();
  private readonly module: Scope;
  private exprDepth = 0;

  constructor(readonly unit: UnitMap, seed?: Map<string, Value>) {
    this.module = { vars: new Map(seed ?? []) };
    this.lineage = { sources: [], events: [], statefulFunctions: new Set(), env: this.module.vars, queriesStarted: 0, listenerRegistered: false, views: new Map() };
  }

  run(tree: Tree, facts?: PythonFacts): Lineage {
    this.block(tree.rootNode, this.module);
    // Functions never called with known arguments still hold sources (e.g. `@dlt.table` bodies);
    // those whose bodies cannot record anything are not worth evaluating (see lineage-inert.ts).
    let inert: InertBodies | undefined;
    for (const [name, node] of this.functions) {
      if (this.evaluated.has(name)) continue;
      if (facts) inert ??= new InertBodies(tree.source, facts, this.module.vars);
      if (!inert?.isInert(node)) this.callFunction(name, node, [], new Map());
    }
    return this.lineage;
  }

  span(node: SyntaxNode) {
    return nodeSpan(this.unit, node);
  }

  emit(event: Omit<StreamEvent, 'span'> & { spanNode: SyntaxNode; endNode?: SyntaxNode }): void {
    const key = `${event.kind}:${event.spanNode.id}`;
    if (this.eventKeys.has(key)) return;
    this.eventKeys.add(key);
    const start = this.span(event.spanNode);
    const end = event.endNode ? this.span(event.endNode) : start;
    const { spanNode: _s, endNode: _e, ...rest } = event;
    this.lineage.events.push({ ...rest, span: { line: start.line, column: start.column, endLine: end.endLine, endColumn: end.endColumn } });
  }

  // ---- statements -------------------------------------------------------

  private block(node: SyntaxNode, scope: Scope): void {
    for (const child of node.namedChildren) if (child) this.statement(child, scope);
  }

  private statement(node: SyntaxNode, scope: Scope): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.expr(child, scope);
        return;
      case 'function_definition':
        this.defineFunction(node, scope, undefined);
        return;
      case 'decorated_definition': {
        const def = node.childForFieldName('definition');
        if (def?.type === 'function_definition') this.defineFunction(def, scope, node);
        else if (def?.type === 'class_definition') this.defineClass(def);
        for (const d of node.namedChildren) if (d?.type === 'decorator') this.expr(d.namedChildren[0] ?? d, scope);
        return;
      }
      case 'class_definition':
        this.defineClass(node);
        return;
      case 'return_statement': {
        const value = node.namedChildren[0];
        const result = value ? this.expr(value, scope) : { kind: 'unknown' as const };
        scope.returns?.push(result);
        return;
      }
      case 'for_statement': {
        const right = node.childForFieldName('right');
        if (right) this.expr(right, scope);
        this.bindTargets(node.childForFieldName('left'), scope);
        this.blocks(node, scope);
        return;
      }
      case 'with_statement':
      case 'if_statement':
      case 'elif_clause':
      case 'else_clause':
      case 'while_statement':
      case 'try_statement':
      case 'except_clause':
      case 'finally_clause':
      case 'block':
      case 'with_clause':
      case 'with_item':
        this.blocks(node, scope);
        return;
      default:
        return;
    }
  }

  private blocks(node: SyntaxNode, scope: Scope): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'block' || child.type.endsWith('_clause')) this.block(child, scope);
      else if (child.type === 'with_clause') this.blocks(child, scope);
      else if (child.type !== 'identifier' && child.type !== 'comment') this.expr(child, scope);
    }
  }

  private bindTargets(target: SyntaxNode | null, scope: Scope): void {
    if (!target) return;
    if (target.type === 'identifier') scope.vars.set(target.text, { kind: 'unknown' });
    else for (const c of target.namedChildren) if (c) this.bindTargets(c, scope);
  }

  private defineFunction(node: SyntaxNode, scope: Scope, decorated: SyntaxNode | undefined): void {
    const name = node.childForFieldName('name')?.text;
    if (!name) return;
    this.functions.set(name, node);
    scope.vars.set(name, { kind: 'function', name });
    const decorators = decorated?.namedChildren.filter((d) => d?.type === 'decorator').map((d) => d!.text) ?? [];
    if (decorators.some((d) => /\b(pandas_udf|udf)\b/.test(d))) this.lineage.statefulFunctions.add(name);
    const table = decorated?.namedChildren.find((d) => d?.type === 'decorator' && PIPELINE_TABLE.test(d.text));
    if (table) this.pipelineTables.set(name, table);
    // A view is not stored: reading it runs its function's reader inline.
    // https://docs.databricks.com/aws/en/dlt-ref/dlt-python-ref-view
    if (table && PIPELINE_VIEW.test(table.text)) this.pipelineViews.set((decoratorName(table) ?? name).toLowerCase(), name);
  }

  private defineClass(node: SyntaxNode): void {
    const className = node.childForFieldName('name')?.text ?? '';
    const bases = node.childForFieldName('superclasses')?.text ?? '';
    for (const def of methodsOf(node.childForFieldName('body'))) {
      const name = def.childForFieldName('name')?.text;
      if (name) this.functions.set(`${className}.${name}`, def);
    }
    if (/StatefulProcessor/.test(bases)) this.lineage.statefulFunctions.add(`${className}.*`);
  }

  // ---- expressions ------------------------------------------------------

  expr(node: SyntaxNode, scope: Scope): Value {
    if (this.exprDepth > MAX_EXPR_DEPTH) return { kind: 'unknown' };
    this.exprDepth++;
    try {
      return this.exprInner(node, scope);
    } finally {
      this.exprDepth--;
    }
  }

  private exprInner(node: SyntaxNode, scope: Scope): Value {
    switch (node.type) {
      case 'identifier':
        return lookup(scope, node.text) ?? { kind: 'unknown' };
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c?.type !== 'comment');
        return inner ? this.expr(inner, scope) : { kind: 'unknown' };
      }
      case 'string':
      case 'concatenated_string': {
        const value = stringValue(node);
        return value === undefined ? { kind: 'unknown' } : { kind: 'string', value };
      }
      case 'binary_operator':
        return this.binary(node, scope);
      case 'dictionary':
        return this.dictionary(node, scope);
      case 'assignment':
        return this.assignment(node, scope);
      case 'augmented_assignment':
        this.exprChildren(node, scope);
        return { kind: 'unknown' };
      case 'call':
        return this.call(node, scope);
      case 'attribute':
        return this.attribute(node, scope);
      case 'lambda':
        return { kind: 'unknown' };
      default:
        this.exprChildren(node, scope);
        return { kind: 'unknown' };
    }
  }

  private exprChildren(node: SyntaxNode, scope: Scope): void {
    for (const child of node.namedChildren) if (child && child.type !== 'comment') this.expr(child, scope);
  }

  private binary(node: SyntaxNode, scope: Scope): Value {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const l = left ? this.expr(left, scope) : undefined;
    const r = right ? this.expr(right, scope) : undefined;
    if (node.childForFieldName('operator')?.text === '+' && l?.kind === 'string' && r?.kind === 'string') return { kind: 'string', value: l.value + r.value };
    if (l?.kind === 'flow' || r?.kind === 'flow') return l?.kind === 'flow' ? l : r!;
    return { kind: 'unknown' };
  }

  private dictionary(node: SyntaxNode, scope: Scope): Value {
    const entries = new Map<string, string | number | boolean | null>();
    for (const pair of node.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      const k = key ? this.expr(key, scope) : undefined;
      if (k?.kind !== 'string' || !value) continue;
      const literal = literalValue(value);
      if (literal !== undefined) entries.set(k.value, literal);
      else {
        const v = this.expr(value, scope);
        entries.set(k.value, v.kind === 'string' ? v.value : '<expr>');
      }
    }
    return { kind: 'dict', entries };
  }

  private assignment(node: SyntaxNode, scope: Scope): Value {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const value = right ? this.expr(right, scope) : { kind: 'unknown' as const };
    if (!left) return value;
    if (left.type === 'identifier') scope.vars.set(left.text, value);
    else if (left.type === 'subscript') this.subscriptAssign(left, right, scope);
    else this.bindTargets(left, scope);
    return value;
  }

  /** `conf["maxEventsPerTrigger"] = 1000` updates a dict of options. */
  private subscriptAssign(left: SyntaxNode, right: SyntaxNode | null, scope: Scope): void {
    const target = left.childForFieldName('value');
    const key = left.childForFieldName('subscript');
    if (target?.type !== 'identifier' || !key || !right) return;
    const dict = lookup(scope, target.text);
    const k = stringValue(key);
    if (dict?.kind !== 'dict' || k === undefined) return;
    const literal = literalValue(right);
    dict.entries.set(k, literal === undefined ? '<expr>' : literal);
  }

  private attribute(node: SyntaxNode, scope: Scope): Value {
    const object = node.childForFieldName('object');
    const name = node.childForFieldName('attribute')?.text ?? '';
    if (!object) return { kind: 'unknown' };
    if (name === 'readStream' || name === 'read') {
      const streaming = name === 'readStream';
      const span = this.span(node.childForFieldName('attribute') ?? node);
      return { kind: 'reader', source: { span, api: name, streaming, options: new Map(), schemaGiven: false } };
    }
    const base = this.expr(object, scope);
    if ((base.kind === 'flow' || base.kind === 'grouped') && (name === 'writeStream' || name === 'write')) {
      if (name === 'writeStream' && base.flow.fromJsonUnchecked) this.emitFromJson(base.flow, node);
      return { kind: 'writer', flow: base.flow, options: new Map() };
    }
    // Only a streaming DataFrame has `.writeStream`: a stream from a helper the engine cannot
    // follow (`get_stream().writeStream`) is still a stream, of unknown sources.
    if (name === 'writeStream' && base.kind === 'unknown') return { kind: 'writer', flow: { streaming: true, sources: [] }, options: new Map() };
    if (base.kind === 'flow' && name === 'na') return { kind: 'na', flow: base.flow };
    if (base.kind === 'flow' && METADATA_ATTRIBUTES.has(name)) for (const source of base.flow.sources) (this.lineage.schemaReads ??= new Set()).add(source);
    return base.kind === 'flow' ? base : { kind: 'unknown' };
  }

  emitFromJson(flow: Flow, node: SyntaxNode): void {
    if (!flow.fromJsonUnchecked) return;
    const key = `from-json:${flow.fromJsonUnchecked.line}:${flow.fromJsonUnchecked.column}`;
    if (this.eventKeys.has(key)) return;
    this.eventKeys.add(key);
    this.lineage.events.push({ kind: 'from-json', op: 'from_json', span: flow.fromJsonUnchecked, flow, node });
  }

  private call(node: SyntaxNode, scope: Scope): Value {
    const fn = node.childForFieldName('function');
    const argsNode = node.childForFieldName('arguments');
    if (!fn) return { kind: 'unknown' };
    const callee = dottedName(fn) ?? '';
    if (callee.endsWith('streams.addListener')) this.lineage.listenerRegistered = true;
    // `spark.udf.register("name", fn)` makes `fn` a UDF SQL calls by name, as `udf(fn)` does.
    // https://spark.apache.org/docs/latest/api/python/reference/pyspark.sql/api/pyspark.sql.UDFRegistration.register.html
    if (callee.endsWith('udf.register')) {
      const fnArg = argsNode?.namedChildren.filter((c) => c && c.type !== 'comment')[1];
      if (fnArg?.type === 'identifier') this.lineage.statefulFunctions.add(fnArg.text);
    }
    if (fn.type === 'attribute') {
      const objectNode = fn.childForFieldName('object');
      const method = fn.childForFieldName('attribute');
      if (objectNode && method) {
        if (callee === 'dlt.read_stream' || callee === 'dlt.readStream' || callee === 'dlt.read' || callee.endsWith('spark.table')) {
          return this.dltSource(node, method, callee, argsNode, scope);
        }
        if (callee.endsWith('spark.sql') || callee === 'sqlContext.sql') return this.sqlCall(node, argsNode, scope);
        const receiver = this.expr(objectNode, scope);
        return evalMethod(this, receiver, method, node, argsNode, scope);
      }
    }
    if (fn.type === 'identifier') {
      const target = lookup(scope, fn.text);
      const args = this.argValues(argsNode, scope);
      // `display(stream)` runs a query whose result only the notebook's reader sees.
      const shown = args.positional[0];
      if (fn.text === 'display' && shown?.kind === 'flow') for (const at of shown.flow.aggregations ?? []) (this.lineage.displayedAggregations ??= new Set()).add(at);
      if (target?.kind === 'function' && this.functions.has(target.name)) {
        return this.callFunction(target.name, this.functions.get(target.name)!, args.positional, args.keywords);
      }
      if ((fn.text === 'udf' || fn.text === 'pandas_udf') && argsNode?.namedChildren[0]?.type === 'identifier') {
        this.lineage.statefulFunctions.add(argsNode.namedChildren[0].text);
      }
      return { kind: 'unknown' };
    }
    this.expr(fn, scope);
    this.argValues(argsNode, scope);
    return { kind: 'unknown' };
  }

  private dltSource(node: SyntaxNode, method: SyntaxNode, callee: string, argsNode: SyntaxNode | null, scope: Scope): Value {
    const streaming = callee !== 'dlt.read' && !callee.endsWith('spark.table');
    const first = argsNode?.namedChildren[0];
    const table = first ? this.expr(first, scope) : undefined;
    // `spark.table("v")` of a temporary view is the view's DataFrame.
    const view = callee.endsWith('spark.table') && table?.kind === 'string' ? this.lineage.views?.get(table.value.toLowerCase()) : undefined;
    if (view) return { kind: 'flow', flow: view };
    const pipelineView = callee.startsWith('dlt') && table?.kind === 'string' ? this.pipelineViews.get(viewKey(table.value.split('.'))) : undefined;
    const viewNode = pipelineView ? this.functions.get(pipelineView) : undefined;
    if (pipelineView && viewNode) {
      const read = this.callFunction(pipelineView, viewNode, [], new Map());
      if (read.kind === 'flow') return read;
    }
    const source = {
      span: this.span(method),
      api: callee,
      streaming,
      format: callee.startsWith('dlt') ? 'dlt' : 'delta',
      options: new Map(),
      schemaGiven: false,
      table: table?.kind === 'string' ? table.value : undefined,
      loadSpan: this.span(node),
    };
    if (streaming) this.lineage.sources.push(source);
    return { kind: 'flow', flow: { streaming, sources: [source] } };
  }

  /**
   * `spark.sql(text)` with a literal, an f-string or a string variable: its statements run through
   * the SQL lineage against this notebook's temporary views. A query over a stream is a streaming
   * DataFrame; its events carry the call's node.
   */
  private sqlCall(node: SyntaxNode, argsNode: SyntaxNode | null, scope: Scope): Value {
    const first = argsNode?.namedChildren.find((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument') ?? undefined;
    const resolve = (expr: SyntaxNode): string | undefined => {
      const value = this.expr(expr, scope);
      return value.kind === 'string' ? value.value : undefined;
    };
    let text;
    if (first?.type === 'string' || first?.type === 'concatenated_string') text = embeddedSqlUnit(first, this.unit, resolve);
    else if (first) {
      const value = this.expr(first, scope);
      if (value.kind === 'string') text = anchoredSqlUnit(value.value, this.span(first));
    }
    if (!text) return { kind: 'unknown' };
    const aggregations: string[] = [];
    const flows = new SqlFlows(
      {
        source: (source) => this.lineage.sources.push(source),
        event: (event) => {
          if (event.kind === 'stateful') aggregations.push(`${event.span.line}:${event.span.column}`);
          const key = `sql:${event.kind}:${event.span.line}:${event.span.column}`;
          if (this.eventKeys.has(key)) return;
          this.eventKeys.add(key);
          this.lineage.events.push({ ...event, node });
        },
      },
      (this.lineage.views ??= new Map()),
    );
    const statements = parseSqlUnit(text).statements.map(parseSqlStatement);
    flows.noteDefinitions(statements);
    let result: Value = { kind: 'unknown' };
    for (const statement of statements) {
      const flow = statement ? flows.statement(statement) : undefined;
      // Only a stream is modelled: a batch result stays unknown, as before SQL was read.
      result = statement?.kind === 'query' && flow?.streaming ? { kind: 'flow', flow } : { kind: 'unknown' };
    }
    if (result.kind === 'flow' && aggregations.length > 0) return { kind: 'flow', flow: { ...result.flow, aggregations: [...(result.flow.aggregations ?? []), ...aggregations] } };
    return result;
  }

  argValues(argsNode: SyntaxNode | null, scope: Scope): { positional: Value[]; keywords: Map<string, Value>; splats: Value[] } {
    const positional: Value[] = [];
    const keywords = new Map<string, Value>();
    const splats: Value[] = [];
    for (const arg of argsNode?.namedChildren ?? []) {
      if (!arg || arg.type === 'comment') continue;
      if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (name && value) keywords.set(name, this.expr(value, scope));
      } else if (arg.type === 'dictionary_splat') {
        const inner = arg.namedChildren[0];
        if (inner) splats.push(this.expr(inner, scope));
      } else if (arg.type === 'list_splat') {
        const inner = arg.namedChildren[0];
        if (inner) this.expr(inner, scope);
      } else positional.push(this.expr(arg, scope));
    }
    return { positional, keywords, splats };
  }

  callFunction(name: string, node: SyntaxNode, args: Value[], keywords: Map<string, Value>): Value {
    if (this.active.has(name) || this.active.size >= MAX_CALL_DEPTH) return { kind: 'unknown' };
    // Events are recorded once per node, so a body evaluated again with arguments of the same
    // shape adds nothing: reuse its result (a helper called in a loop or from many cells).
    const memoKey = `${name}(${[...args, ...keywords.values()].map(shapeOf).join(',')})`;
    const memo = this.memo.get(memoKey);
    if (memo) return memo;
    const result = this.evaluateFunction(name, node, args, keywords);
    this.memo.set(memoKey, result);
    return result;
  }

  private evaluateFunction(name: string, node: SyntaxNode, args: Value[], keywords: Map<string, Value>): Value {
    this.evaluated.add(name);
    this.active.add(name);
    try {
      const scope: Scope = { vars: new Map(), parent: this.module, returns: [] };
      const params = node.childForFieldName('parameters')?.namedChildren ?? [];
      let i = 0;
      for (const p of params) {
        if (!p) continue;
        const id = p.type === 'identifier' ? p : p.namedChildren.find((c) => c?.type === 'identifier');
        if (!id) continue;
        if (i === 0 && id.text === 'self' && name.includes('.')) continue;
        scope.vars.set(id.text, keywords.get(id.text) ?? args[i] ?? { kind: 'unknown' });
        i++;
      }
      const body = node.childForFieldName('body');
      if (body) this.block(body, scope);
      const result = scope.returns?.find((r) => r.kind === 'flow') ?? scope.returns?.[0] ?? { kind: 'unknown' };
      for (const value of scope.returns ?? []) if (value.kind === 'flow' || value.kind === 'grouped') for (const source of value.flow.sources) (this.lineage.returnedSources ??= new Set()).add(source);
      const table = this.pipelineTables.get(name);
      // The pipeline writes what the function returns: a sink (no target: the pipeline names the table).
      if (table && result.kind === 'flow') {
        this.emitFromJson(result.flow, table);
        this.emit({ kind: 'sink', op: 'pipeline-table', flow: result.flow, node: table, spanNode: table });
        for (const at of result.flow.aggregations ?? []) (this.lineage.writtenAggregations ??= new Set()).add(at);
      }
      return result;
    } finally {
      this.active.delete(name);
    }
  }
}

export type { Scope };

/** What a call's result can depend on: the kind of each argument and, for DataFrames, streaming and watermark. */
function shapeOf(value: Value): string {
  if (value.kind === 'flow' || value.kind === 'grouped') return `${value.kind}:${value.flow.streaming ? 's' : 'b'}${value.flow.watermark ? 'w' : ''}${value.flow.fromJsonUnchecked ? 'j' : ''}:${value.flow.sources.map((src) => `${src.span.line}.${src.span.column}`).join('+')}`;
  if (value.kind === 'string') return `string:${value.value.length > 64 ? value.value.slice(0, 64) : value.value}`;
  if (value.kind === 'function') return `function:${value.name}`;
  if (value.kind === 'dict') return `dict:${[...value.entries].map(([k, v]) => `${k}=${String(v)}`).join('&')}`;
  return value.kind;
}

export function lookup(scope: Scope | undefined, name: string): Value | undefined {
  for (let s = scope; s; s = s.parent) {
    const v = s.vars.get(name);
    if (v) return v;
  }
  return undefined;
}

/** With the file's facts, never-called functions that cannot add to the lineage are skipped. */
export function buildLineage(tree: Tree, unit: UnitMap, seed?: Map<string, Value>, facts?: PythonFacts): Lineage {
  return new LineageBuilder(unit, seed).run(tree, facts);
}

/** Compound statements of a class body whose blocks may define methods (`try:` around them, `if sys.version_info ...:`). */
const METHOD_CONTAINERS = new Set(['try_statement', 'if_statement', 'with_statement', 'block', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause']);

/** The methods a class body defines, also inside its compound statements; not those of nested functions or classes. */
function methodsOf(body: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (node: SyntaxNode, depth: number): void => {
    for (const child of node.namedChildren) {
      const def = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      if (def?.type === 'function_definition') out.push(def);
      // Bounded: a hostile file nests blocks without end.
      else if (child && METHOD_CONTAINERS.has(child.type) && depth < 8) visit(child, depth + 1);
    }
  };
  if (body) visit(body, 0);
  return out;
}
