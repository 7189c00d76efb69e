/**
 * One walk over a Python tree collecting the facts rules need. Comments and strings are
 * never taken for code: they are separate node types in the tree.
 */
import type { CallFact, ExceptFact, FunctionFact, HandlerKind, LoopFact, PythonFacts, StringFact } from './python-types.js';
import type { SyntaxNode, Tree } from './types.js';
import { nodeSpan, joinSpan, type UnitMap } from './span.js';
import { literalValue, stringValue, dottedName } from './python-values.js';

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
  node: SyntaxNode;
  fn?: FunctionFact;
  inTry: boolean;
  className?: string;
}

export function collectFacts(tree: Tree, unit: UnitMap): PythonFacts {
  const facts: PythonFacts = {
    calls: [], functions: [], classes: [], excepts: [], loops: [], strings: [], confs: [], imports: [],
    identifiers: new Set(), hasSyntaxErrors: tree.rootNode.hasError, syntaxErrorLines: [],
  };
  const stack: Frame[] = [{ node: tree.rootNode, inTry: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node } = frame;
    let child: Frame = frame;
    switch (node.type) {
      case 'identifier':
        facts.identifiers.add(node.text);
        continue;
      case 'comment':
        continue;
      case 'string':
        facts.strings.push(stringFact(node, unit));
        continue;
      case 'ERROR':
        if (facts.syntaxErrorLines.length < 50) facts.syntaxErrorLines.push(nodeSpan(unit, node).line);
        break;
      case 'call':
        facts.calls.push(callFact(node, unit, frame));
        noteFrameUse(node, frame);
        break;
      case 'function_definition': {
        const fn = functionFact(node, unit, frame.className);
        facts.functions.push(fn);
        child = { node, fn, inTry: false, className: undefined };
        break;
      }
      case 'class_definition': {
        const name = node.childForFieldName('name')?.text ?? '';
        const bases = node.childForFieldName('superclasses')?.namedChildren.map((b) => b?.text ?? '') ?? [];
        facts.classes.push({ name, bases, span: nodeSpan(unit, node) });
        child = { node, fn: frame.fn, inTry: false, className: name };
        break;
      }
      case 'try_statement':
        pushTry(stack, node, frame);
        continue;
      case 'except_clause':
        facts.excepts.push(exceptFact(node, unit, frame));
        break;
      case 'for_statement':
        facts.loops.push(loopFact(node, unit, frame));
        break;
      case 'import_statement':
      case 'import_from_statement':
        for (const name of node.descendantsOfType(['dotted_name'])) if (name) facts.imports.push(name.text);
        break;
      default:
        break;
    }
    pushChildren(stack, node, child);
  }
  facts.calls.reverse();
  facts.strings.reverse();
  facts.functions.reverse();
  facts.loops.reverse();
  facts.excepts.reverse();
  for (const call of facts.calls) {
    if (call.callee.endsWith('conf.set') && call.args.length >= 1) {
      const key = stringValue(call.args[0]);
      if (key !== undefined) facts.confs.push({ key, value: call.args[1] ? literalValue(call.args[1]) : undefined, span: call.span });
    }
  }
  return facts;
}

function pushChildren(stack: Frame[], node: SyntaxNode, frame: Frame): void {
  const children = node.namedChildren;
  for (let i = children.length - 1; i >= 0; i--) {
    const c = children[i];
    if (c) stack.push({ node: c, fn: frame.fn, inTry: frame.inTry, className: frame.className });
  }
}

/** The body of a try with handlers is guarded; its handlers, else and finally are not. */
function pushTry(stack: Frame[], node: SyntaxNode, frame: Frame): void {
  const children = node.namedChildren;
  const hasHandler = children.some((c) => c?.type === 'except_clause' || c?.type === 'except_group_clause');
  for (let i = children.length - 1; i >= 0; i--) {
    const c = children[i];
    if (!c) continue;
    const guarded = c.id === node.childForFieldName('body')?.id && hasHandler;
    stack.push({ node: c, fn: frame.fn, inTry: frame.inTry || guarded, className: frame.className });
  }
}

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
  const kwargs = new Map<string, SyntaxNode>();
  for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) kwargs.set(name, value);
    } else args.push(arg);
  }
  const span = nameNode ? joinSpan(unit, nameNode, node) : nodeSpan(unit, node);
  return { callee: callee || method, method, span, node, args, kwargs, enclosingFunction: frame.fn?.qualifiedName, inTry: frame.inTry };
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
  if (root?.type === 'identifier' && fn.params.includes(root.text)) fn.transformsParams = true;
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
  const body = node.childForFieldName('body');
  const defEnd = body ?? node;
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
    node: defEnd === node ? node : node,
    framesInSignature: /DataFrame/.test(signature),
    transformsParams: false,
  };
}

function stringFact(node: SyntaxNode, unit: UnitMap): StringFact {
  const statement = node.parent;
  const block = statement?.parent;
  const docstring =
    statement?.type === 'expression_statement' &&
    statement.namedChildren.length === 1 &&
    (block?.type === 'module' || block?.type === 'block') &&
    block.namedChildren.find((c) => c?.type !== 'comment')?.id === statement.id;
  const left = statement?.type === 'assignment' && statement.childForFieldName('right')?.id === node.id ? statement.childForFieldName('left') : null;
  const assignedTo = left?.type === 'identifier' ? left.text : undefined;
  return { value: stringValue(node) ?? '', span: nodeSpan(unit, node), docstring, assignedTo };
}

function exceptFact(node: SyntaxNode, unit: UnitMap, frame: Frame): ExceptFact {
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
  return { span: joinSpan(unit, header, header), kind, types, enclosingFunction: frame.fn?.qualifiedName, node };
}

/**
 * What an except block does with the error. Filling sentinel values counts as silent unless the
 * error itself is recorded beside them (an error column or DLQ record), as dead-letter routing does.
 */
export function handlerKind(block: SyntaxNode, alias?: string): HandlerKind {
  const statements = block.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (block.descendantsOfType('raise_statement').length > 0) return 'raise';
  if (hasSentinelFill(block) && !recordsError(block, alias)) return 'sentinel';
  const calls = block.descendantsOfType('call').filter((c): c is SyntaxNode => !!c);
  const logs = calls.some((c) => {
    const fn = c.childForFieldName('function');
    if (fn?.type !== 'attribute') return false;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    return LOG_METHODS.has(method) && LOG_ROOTS.test(fn.childForFieldName('object')?.text ?? '');
  });
  if (logs) return 'logs';
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

function loopFact(node: SyntaxNode, unit: UnitMap, frame: Frame): LoopFact {
  const right = node.childForFieldName('right');
  const body = node.childForFieldName('body');
  let overRows = false;
  if (right?.type === 'call') {
    const fn = right.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    overRows = ROW_ITERATORS.has(method ?? '');
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
