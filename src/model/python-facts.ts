/**
 * One walk over a Python tree collecting the facts rules need. Comments and strings are
 * never taken for code: they are separate node types in the tree.
 */
import type { CallFact, ExceptFact, FunctionFact, HandlerKind, LoopFact, PythonFacts, StringFact } from './python-types.js';
import type { SyntaxNode, Tree } from './types.js';
import { nodeSpan, joinSpan, type UnitMap } from './span.js';
import { literalValue, stringValue, dottedName } from './python-values.js';
import { followsCode } from './text.js';

/** DataFrame methods whose use on a parameter makes a function a transformation. */
const FRAME_METHODS = new Set([
  'withColumn', 'withColumns', 'select', 'selectExpr', 'filter', 'where', 'groupBy', 'groupby', 'agg', 'join', 'withWatermark',
  'drop', 'dropDuplicates', 'union', 'unionByName', 'withColumnRenamed', 'applyInPandasWithState', 'transformWithStateInPandas',
  'mapInPandas', 'applyInPandas', 'merge', 'apply', 'assign', 'sort_values', 'explode', 'alias', 'orderBy', 'na', 'fillna',
]);
const LOG_ROOTS = /^(log|logger|logging|_log|_logger|LOG|LOGGER|self\.log|self\.logger)\b/;
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log']);
const ROW_ITERATORS = new Set(['iterrows', 'itertuples', 'collect', 'toLocalIterator']);

interface Frame {
  fn?: FunctionFact;
  inTry: boolean;
  className?: string;
}

/** An open container while captures are visited in document order. */
interface Scope {
  kind: 'function' | 'class' | 'try-body' | 'raising-handler';
  end: number;
  fn?: FunctionFact;
  className?: string;
}

export interface FactOptions {
  /** Collect every identifier (only test files need them: it is the costliest part). */
  identifiers?: boolean;
}

// One descendant search, run inside the wasm module, instead of visiting every node from
// JavaScript: crossing into web-tree-sitter costs about as much per node as parsing does.
// (A query is slower on pathological trees, e.g. one ERROR node with 100k children.)
const FACT_TYPES: Record<string, string> = {
  call: 'call',
  string: 'string',
  function_definition: 'function',
  class_definition: 'class',
  try_statement: 'try',
  except_clause: 'except',
  for_statement: 'for',
  import_statement: 'import',
  import_from_statement: 'import',
  comment: 'comment',
  assignment: 'assignment',
  block: 'block',
  pair: 'pair',
};
const TYPE_LIST = Object.keys(FACT_TYPES);

export function collectFacts(tree: Tree, unit: UnitMap, options: FactOptions = {}): PythonFacts {
  const facts: PythonFacts = {
    calls: [], functions: [], classes: [], excepts: [], loops: [], strings: [], confs: [], imports: [], comments: [],
    identifiers: new Set(), hasSyntaxErrors: tree.rootNode.hasError,
  };
  const scopes: Scope[] = [];
  // Context found from the containers, never from `node.parent`: in web-tree-sitter a parent
  // lookup walks down from the root, which is quadratic on deep chains.
  const docstrings = new Set<number>();
  const assignedTo = new Map<number, string>();
  /** Literals given to a method that inspects text (`location.startswith("dbfs:/mnt/")`). */
  const patterns = new Set<number>();
  /** Except clauses of a try whose body only imports or defines. */
  const setupGuards = new Set<number>();
  /** Fallback literals of environment lookups. */
  const envDefaults = new Set<number>();
  let stringEnd = -1;
  noteDocstring(tree.rootNode, docstrings);
  for (const node of tree.rootNode.descendantsOfType(TYPE_LIST)) {
    if (!node) continue;
    const name = FACT_TYPES[node.type];
    const start = node.startIndex;
    // Strings are opaque: nothing inside an f-string's braces is taken apart.
    if (start < stringEnd) continue;
    while (scopes.length > 0 && scopes[scopes.length - 1].end <= start) scopes.pop();
    const frame = frameOf(scopes);
    switch (name) {
      case 'string':
        stringEnd = node.endIndex;
        facts.strings.push(stringFact(node, unit, docstrings.has(node.id), assignedTo.get(node.id), patterns.has(node.id), envDefaults.has(node.id)));
        break;
      case 'block':
        noteDocstring(node, docstrings);
        break;
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type === 'identifier' && right?.type === 'string') assignedTo.set(right.id, left.text);
        break;
      }
      case 'pair': {
        // `"notebook_task": {"notebook_path": "06_rule"}`: a job definition written as a Python dict
        // (the accelerators' RUNME notebooks deploy their jobs so), naming a notebook the job runs.
        const task = notebookTaskPath(node);
        if (task !== undefined) (facts.notebookTasks ??= []).push(task);
        break;
      }
      case 'comment':
        if (node.text.includes('remediation')) facts.comments.push({ text: node.text, line: nodeSpan(unit, node).line, trailing: followsCode(tree.source, node.startIndex) });
        break;
      case 'call': {
        const call = callFact(node, unit, frame);
        facts.calls.push(call);
        noteFrameUse(node, frame);
        // The call comes before its arguments in this walk: their strings are marked before they are read.
        // `replace(old, new)`: only `old` is searched for; the replacement is text that is used.
        if (TEXT_METHODS.has(call.method) && call.callee.includes('.')) for (const arg of call.method === 'replace' ? call.args.slice(0, 1) : call.args) if (arg.type === 'string') patterns.add(arg.id);
        // `os.environ.get("HOST", "https://...")`: the literal is what the environment overrides.
        if (ENV_GETTERS.has(call.callee)) {
          const fallback = call.args[1] ?? call.kwargs.get('default');
          if (fallback?.type === 'string') envDefaults.add(fallback.id);
        }
        break;
      }
      case 'function': {
        const fn = functionFact(node, unit, frame.className);
        facts.functions.push(fn);
        scopes.push({ kind: 'function', end: node.endIndex, fn });
        break;
      }
      case 'class': {
        const className = node.childForFieldName('name')?.text ?? '';
        const bases = node.childForFieldName('superclasses')?.namedChildren.map((b) => b?.text ?? '') ?? [];
        facts.classes.push({ name: className, bases, span: nodeSpan(unit, node) });
        scopes.push({ kind: 'class', end: node.endIndex, className });
        break;
      }
      case 'try': {
        // The body of a try with handlers is guarded; its handlers, else and finally are not.
        const body = node.childForFieldName('body');
        const handled = node.namedChildren.some((c) => c?.type === 'except_clause' || c?.type === 'except_group_clause');
        if (body && handled) scopes.push({ kind: 'try-body', end: body.endIndex });
        // `try: from openai import OpenAI` / `except ImportError: OpenAI = None`: an optional import, no record.
        if (body && onlyImportsOrDefinitions(body)) for (const c of node.namedChildren) if (c?.type === 'except_clause') setupGuards.add(c.id);
        break;
      }
      case 'except': {
        const inRaisingHandler = scopes.some((s) => s.kind === 'raising-handler');
        const fact = exceptFact(node, unit, frame, setupGuards.has(node.id), inRaisingHandler);
        facts.excepts.push(fact);
        // A best-effort cleanup (`conn.rollback()`) swallowed inside a handler that re-raises loses nothing.
        if (fact.kind === 'raise') scopes.push({ kind: 'raising-handler', end: node.endIndex });
        break;
      }
      case 'for':
        facts.loops.push(loopFact(node, unit, frame));
        break;
      case 'import':
        for (const dotted of node.descendantsOfType(['dotted_name'])) if (dotted) facts.imports.push(dotted.text);
        bindImports(node, (facts.importBindings ??= new Map()));
        break;
      default:
        break;
    }
  }
  markDataTries(facts);
  if (options.identifiers) for (const node of tree.rootNode.descendantsOfType('identifier')) if (node) facts.identifiers.add(node.text);
  for (const call of facts.calls) {
    if (call.callee.endsWith('conf.set') && call.args.length >= 1) {
      const key = stringValue(call.args[0]);
      if (key !== undefined) facts.confs.push({ key, value: call.args[1] ? literalValue(call.args[1]) : undefined, span: call.span });
    }
  }
  return facts;
}

/** The literal `notebook_path` of a `"notebook_task": {...}` pair; f-strings with placeholders name no path. */
function notebookTaskPath(pair: SyntaxNode): string | undefined {
  const key = pair.childForFieldName('key');
  const value = pair.childForFieldName('value');
  if (key?.type !== 'string' || value?.type !== 'dictionary' || stringValue(key) !== 'notebook_task') return undefined;
  for (const inner of value.namedChildren) {
    const innerKey = inner?.type === 'pair' ? inner.childForFieldName('key') : null;
    if (!inner || !innerKey || stringValue(innerKey) !== 'notebook_path') continue;
    const path = inner.childForFieldName('value');
    const text = path ? stringValue(path) : undefined;
    return text && !text.includes('{') ? text : undefined;
  }
  return undefined;
}

/**
 * The context of a capture: the innermost function, the class it sits in directly (methods),
 * and whether a guarded try body encloses it inside that function.
 */
function frameOf(scopes: Scope[]): Frame {
  let inTry = false;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    if (scope.kind === 'try-body') {
      inTry = true;
      continue;
    }
    if (scope.kind === 'raising-handler') continue;
    if (scope.kind === 'class') return { fn: enclosingFunction(scopes, i), inTry, className: scope.className };
    return { fn: scope.fn, inTry };
  }
  return { inTry };
}

function enclosingFunction(scopes: Scope[], below: number): FunctionFact | undefined {
  for (let i = below - 1; i >= 0; i--) if (scopes[i].kind === 'function') return scopes[i].fn;
  return undefined;
}

const NO_KWARGS: ReadonlyMap<string, SyntaxNode> = new Map();

function callFact(node: SyntaxNode, unit: UnitMap, frame: Frame): CallFact {
  const fn = node.childForFieldName('function');
  const callee = fn ? dottedName(fn) ?? '' : '';
  let method = '';
  let nameNode: SyntaxNode | null = fn;
  if (fn?.type === 'attribute') {
    nameNode = fn.childForFieldName('attribute');
    method = nameNode?.text ?? '';
  } else if (fn?.type === 'identifier') method = fn.text;
  const args: SyntaxNode[] = [];
  let kwargs: Map<string, SyntaxNode> | undefined;
  for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) (kwargs ??= new Map()).set(name, value);
    } else args.push(arg);
  }
  const span = nameNode ? joinSpan(unit, nameNode, node) : nodeSpan(unit, node);
  // Most calls have no keyword arguments: they share one empty map (facts of a large notebook hold 100,000s of calls).
  return { callee: callee || method, method, span, node, args, kwargs: kwargs ?? NO_KWARGS, enclosingFunction: frame.fn?.qualifiedName, inTry: frame.inTry, writes: persists(method, fn), onWriter: onWriter(fn) };
}

/** Methods that persist whatever their receiver (a DataFrame writer or a Delta table builder). */
const PERSIST_METHODS = new Set(['saveAsTable', 'insertInto', 'toTable', 'writeTo']);
/** Methods that end a `.write` / `.writeStream` chain (`df.write.mode(...).json(path)`, `.writeStream.table(name)`). */
const WRITER_METHODS = new Set(['save', 'start', 'json', 'csv', 'parquet', 'orc', 'text', 'jdbc', 'table']);

function persists(method: string, fn: SyntaxNode | null): boolean {
  if (PERSIST_METHODS.has(method)) return true;
  return WRITER_METHODS.has(method) && onWriter(fn);
}

/**
 * The call's receiver chain goes through the `.write` / `.writeStream` property
 * (`spark.createDataFrame(rows).write.mode("overwrite").json(p)`); `f.write(text)`, where
 * `write` is the method called, writes a local file.
 */
function onWriter(fn: SyntaxNode | null): boolean {
  return receiverChainHas(fn, WRITER_PROPERTIES);
}

const WRITER_PROPERTIES = new Set(['write', 'writeStream']);

/** The receiver chain of a call's callee (`a.b(...).c.d`) goes through one of the `properties` (`.read`, `.write`). */
export function receiverChainHas(fn: SyntaxNode | null, properties: ReadonlySet<string>): boolean {
  let node = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  for (let depth = 0; node && depth < 200; depth++) {
    if (node.type === 'attribute') {
      if (properties.has(node.childForFieldName('attribute')?.text ?? '')) return true;
      node = node.childForFieldName('object');
    } else if (node.type === 'call') node = node.childForFieldName('function');
    else if (node.type === 'parenthesized_expression') node = node.namedChildren[0] ?? null;
    else return false;
  }
  return false;
}

/** Marks the enclosing function as a transformation when it calls DataFrame methods on a parameter. */
function noteFrameUse(node: SyntaxNode, frame: Frame): void {
  const fn = frame.fn;
  if (!fn || fn.transformsParams) return;
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'attribute') return;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  if (!FRAME_METHODS.has(method)) return;
  let root: SyntaxNode | null = callee.childForFieldName('object');
  while (root && (root.type === 'attribute' || root.type === 'call' || root.type === 'parenthesized_expression')) {
    root = root.type === 'attribute' ? root.childForFieldName('object') : root.type === 'call' ? root.childForFieldName('function') : root.namedChildren[0];
  }
  if (root?.type !== 'identifier' || !fn.params.includes(root.text)) return;
  // A method's first parameter is its object (`self.spark.table(...)`): the method reads
  // through it, it is not handed a DataFrame to transform.
  if (fn.className !== undefined && root.text === fn.params[0] && !fn.decorators.includes('staticmethod')) return;
  fn.transformsParams = true;
}

function functionFact(node: SyntaxNode, unit: UnitMap, className?: string): FunctionFact {
  const name = node.childForFieldName('name')?.text ?? '';
  const paramsNode = node.childForFieldName('parameters');
  const params: string[] = [];
  for (const p of paramsNode?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : p.namedChildren.find((c) => c?.type === 'identifier');
    if (id) params.push(id.text);
  }
  const decorators: string[] = [];
  if (node.parent?.type === 'decorated_definition') {
    for (const d of node.parent.namedChildren) if (d?.type === 'decorator') decorators.push(d.text.replace(/^@\s*/, ''));
  }
  const signature = `${paramsNode?.text ?? ''} ${node.childForFieldName('return_type')?.text ?? ''}`;
  const span = nodeSpan(unit, node);
  const defLine = nodeSpan(unit, node.childForFieldName('name') ?? node);
  return {
    name,
    qualifiedName: className ? `${className}.${name}` : name,
    className,
    span,
    defSpan: { line: span.line, column: span.column, endLine: defLine.endLine, endColumn: defLine.endColumn },
    params,
    decorators,
    node,
    framesInSignature: /DataFrame/.test(signature),
    framesInParams: /DataFrame/.test(paramsNode?.text ?? ''),
    framesInReturn: /DataFrame/.test(node.childForFieldName('return_type')?.text ?? ''),
    transformsParams: false,
  };
}

function stringFact(node: SyntaxNode, unit: UnitMap, docstring: boolean, assignedTo: string | undefined, pattern: boolean, envDefault: boolean): StringFact {
  return { value: stringValue(node) ?? '', span: nodeSpan(unit, node), docstring, assignedTo, ...(pattern ? { pattern } : {}), ...(envDefault ? { envDefault } : {}) };
}

const ENV_GETTERS = new Set(['os.environ.get', 'os.getenv', 'environ.get', 'getenv']);

/** `str` methods whose arguments are text to look for, not paths or names to use. */
const TEXT_METHODS = new Set(['startswith', 'endswith', 'find', 'rfind', 'index', 'rindex', 'count', 'replace', 'split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'removeprefix', 'removesuffix', 'partition', 'rpartition']);

/** The first statement of a module or block, when it is a lone string, is a docstring. */
function noteDocstring(body: SyntaxNode, docstrings: Set<number>): void {
  const first = body.firstNamedChild;
  let statement = first;
  while (statement?.type === 'comment') statement = statement.nextNamedSibling;
  if (statement?.type !== 'expression_statement' || statement.namedChildCount !== 1) return;
  const value = statement.firstNamedChild;
  if (value?.type === 'string') docstrings.add(value.id);
}

const DEFINITIONS = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'function_definition', 'class_definition', 'decorated_definition', 'pass_statement', 'comment']);

function onlyImportsOrDefinitions(body: SyntaxNode): boolean {
  return body.namedChildren.every((c) => !c || DEFINITIONS.has(c.type) || (c.type === 'expression_statement' && c.namedChildren[0]?.type === 'string'));
}

function exceptFact(node: SyntaxNode, unit: UnitMap, frame: Frame, guardsSetup: boolean, inRaisingHandler: boolean): ExceptFact {
  const types: string[] = [];
  let block: SyntaxNode | undefined;
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'block') block = c;
    else if (c.type === 'as_pattern') types.push(c.namedChildren[0]?.text ?? '');
    else if (c.type !== 'comment') types.push(c.text);
  }
  const alias = node.namedChildren.find((c) => c?.type === 'as_pattern')?.childForFieldName('alias')?.text;
  const kind = block ? handlerKind(block, alias) : 'other';
  const header = node.child(0) ?? node;
  return {
    span: joinSpan(unit, header, header),
    kind,
    types,
    enclosingFunction: frame.fn?.qualifiedName,
    node,
    ...(guardsSetup ? { guards: 'setup' as const } : {}),
    ...(inRaisingHandler ? { inRaisingHandler } : {}),
  };
}

/**
 * What an except block does with the error. Filling sentinel values counts as silent unless the
 * error itself is recorded beside them (an error column or DLQ record), as dead-letter routing does.
 */
export function handlerKind(block: SyntaxNode, alias?: string): HandlerKind {
  const statements = block.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (block.descendantsOfType('raise_statement').length > 0) return 'raise';
  const calls = block.descendantsOfType('call').filter((c): c is SyntaxNode => !!c);
  const logs = calls.some((c) => {
    const fn = c.childForFieldName('function');
    if (fn?.type !== 'attribute') return false;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    return LOG_METHODS.has(method) && LOG_ROOTS.test(fn.childForFieldName('object')?.text ?? '');
  });
  // `LOGGER.error(...)` then `return None`: the failure is logged where alerts can see it.
  if (logs) return 'logs';
  if (hasSentinelFill(block) && !recordsError(block, alias)) return 'sentinel';
  if (statements.every((s) => s.type === 'pass_statement')) return 'pass';
  if (statements.every((s) => s.type === 'continue_statement' || s.type === 'pass_statement')) return 'continue';
  const printOnly = statements.every((s) => s.type === 'expression_statement' && s.namedChildren[0]?.type === 'call' && s.namedChildren[0].childForFieldName('function')?.text === 'print');
  if (printOnly) return 'print-only';
  return 'other';
}

/** The caught exception is stored as data: assigned, put in a dict, or passed to a call other than print/log. */
function recordsError(block: SyntaxNode, alias: string | undefined): boolean {
  if (!alias) return false;
  for (const id of block.descendantsOfType('identifier')) {
    if (id?.text !== alias) continue;
    for (let up = id.parent; up && up.id !== block.id; up = up.parent) {
      if (up.type === 'assignment' || up.type === 'pair') return true;
      if (up.type === 'call') {
        const callee = up.childForFieldName('function');
        const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text ?? '' : callee?.text ?? '';
        if (method !== 'print' && !LOG_METHODS.has(method)) return true;
        break;
      }
    }
  }
  return false;
}

const SENTINELS = new Set(['-1', '0', '0.0', '-1.0', 'None', "float('nan')", 'float("nan")', 'np.nan']);

function hasSentinelFill(block: SyntaxNode): boolean {
  for (const pair of block.descendantsOfType('pair')) {
    const value = pair?.childForFieldName('value');
    if (value && SENTINELS.has(value.text.replace(/\s+/g, ''))) return true;
  }
  for (const ret of block.descendantsOfType('return_statement')) {
    const value = ret?.namedChildren[0];
    if (value && SENTINELS.has(value.text.replace(/\s+/g, ''))) return true;
  }
  for (const assign of block.descendantsOfType('assignment')) {
    const value = assign?.childForFieldName('right');
    if (value && SENTINELS.has(value.text.replace(/\s+/g, ''))) return true;
  }
  return false;
}

/**
 * A parameter that carries the input rows of a function Spark runs per group or batch:
 * `handleInputRows(self, key, rows, timerValues)` of a StatefulProcessor, or one annotated
 * `Iterator[...]` / `Iterable[...]` (`def update(key, pdfs: Iterator[pd.DataFrame], state)`).
 * https://docs.databricks.com/aws/en/stateful-applications/
 */
function isRowsParameter(fn: FunctionFact, name: string): boolean {
  const index = fn.params.indexOf(name);
  if (index < 0) return false;
  if (fn.className && fn.name === 'handleInputRows') return index === (fn.params[0] === 'self' ? 2 : 1);
  for (const p of fn.node.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type !== 'typed_parameter' && p?.type !== 'typed_default_parameter') continue;
    const id = p.type === 'typed_parameter' ? p.namedChildren.find((c) => c?.type === 'identifier') : p.childForFieldName('name');
    if (id?.text === name) return /\b(?:Iterator|Iterable)\b/.test(p.childForFieldName('type')?.text ?? '');
  }
  return false;
}

function hasRowIteratorLoop(body: SyntaxNode): boolean {
  return body.descendantsOfType('for_statement').some((loop) => {
    const call = loop?.childForFieldName('right');
    if (call?.type !== 'call') return false;
    const fn = call.childForFieldName('function');
    return ROW_ITERATORS.has((fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text) ?? '');
  });
}

function loopFact(node: SyntaxNode, unit: UnitMap, frame: Frame): LoopFact {
  const right = node.childForFieldName('right');
  const body = node.childForFieldName('body');
  let overRows = false;
  if (right?.type === 'call') {
    const fn = right.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    overRows = ROW_ITERATORS.has(method ?? '');
  } else if (right?.type === 'identifier' && frame.fn) {
    // `for pdf in rows: for row in pdf.itertuples()`: the inner loop is the row loop.
    overRows = isRowsParameter(frame.fn, right.text) && !(body && hasRowIteratorLoop(body));
  }
  const bodyGuarded = (body?.namedChildren ?? []).some((s) => s?.type === 'try_statement');
  const header = node.childForFieldName('left') ?? node;
  return {
    span: joinSpan(unit, node, right ?? header),
    iterText: right?.text ?? '',
    overRows,
    inTry: frame.inTry,
    bodyGuarded,
    enclosingFunction: frame.fn?.qualifiedName,
    node,
  };
}

/** `import a.b as c` binds `c` to `a.b`, `import a.b` binds `a` to `a`; `from m import x as y` binds `y` to `m`. */
function bindImports(node: SyntaxNode, bindings: Map<string, string>): void {
  const moduleNode = node.type === 'import_from_statement' ? node.childForFieldName('module_name') : null;
  const from = moduleNode?.text;
  const names = node.namedChildren.filter((child): child is SyntaxNode => child !== null && (child.type === 'dotted_name' || child.type === 'aliased_import') && child.startIndex !== moduleNode?.startIndex);
  for (const name of names) {
    const aliased = name.type === 'aliased_import';
    const dotted = aliased ? name.childForFieldName('name')?.text : name.text;
    if (!dotted) continue;
    const local = aliased ? name.childForFieldName('alias')?.text : from ? dotted : dotted.split('.')[0];
    if (local) bindings.set(local, from ?? (aliased ? dotted : local));
  }
}

/** A DataFrame read or write on any receiver, or Spark itself. */
const DATA_CALLEE = /^(?:spark|dlt|dp|sqlContext)\.|\.(?:write|writeStream|read|readStream)\b/;
/** DataFrame actions and writes: calling one moves records. */
const DATA_METHODS = new Set(['saveAsTable', 'toTable', 'insertInto', 'save', 'start', 'load', 'collect', 'toPandas', 'count', 'take', 'first', 'foreach', 'foreachBatch', 'foreachPartition', 'merge', 'execute', 'createDataFrame', 'sql', 'table']);

/** Marks the excepts whose try body moves data (src/model/python-types.ts `tryTouchesData`). */
function markDataTries(facts: PythonFacts): void {
  for (const fact of facts.excepts) {
    const body = fact.node.parent?.type === 'try_statement' ? fact.node.parent.childForFieldName('body') : null;
    if (!body) continue;
    const inBody = (node: SyntaxNode): boolean => node.startIndex >= body.startIndex && node.endIndex <= body.endIndex;
    const moves = facts.calls.some((call) => inBody(call.node) && (DATA_CALLEE.test(call.callee) || DATA_METHODS.has(call.method))) || facts.loops.some((loop) => inBody(loop.node));
    if (moves) fact.tryTouchesData = true;
  }
}
