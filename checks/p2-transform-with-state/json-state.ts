/**
 * P203 json-state: state kept as a JSON string (`state.update(json.dumps(...))`,
 * `json.loads(state.get...)`). Every micro-batch pays a full (de)serialisation of the state,
 * the state schema says nothing about its content, and evolving it is manual.
 * transformWithStateInPandas offers typed ValueState / ListState / MapState instead.
 * https://docs.databricks.com/aws/en/stateful-applications/
 */
import type { SyntaxNode } from '../../src/model/types.js';
import type { CallFact, FunctionFact, PythonAnalysis } from '../../src/model/python-types.js';
import type { FileRule, RawFinding } from '../types.js';
import { isStatefulFunction } from '../shared/python-helpers.js';

const STATE_FACTORIES = new Set(['getValueState', 'getListState', 'getMapState']);
/** Reads of GroupState (`get`, `getOption`) and of ValueState / MapState (`get()`, `getValue(k)`). */
const STATE_READS = new Set(['get', 'getOption', 'getValue']);
/** Writes of GroupState / ValueState (`update`), ListState (`put`, `appendValue`, `appendList`), MapState (`updateValue`). */
const STATE_WRITES = new Set(['update', 'put', 'appendValue', 'appendList', 'updateValue']);
/** Nodes a value passes through on its way into a call's arguments. */
const WRAPPERS = new Set(['argument_list', 'tuple', 'list', 'parenthesized_expression', 'keyword_argument', 'expression_list']);

function jsonMethod(call: CallFact, imports: string[]): 'dumps' | 'loads' | undefined {
  if (call.method !== 'dumps' && call.method !== 'loads') return undefined;
  if (call.callee === `json.${call.method}`) return call.method;
  // `from json import dumps, loads`
  return call.callee === call.method && imports.includes('json') ? call.method : undefined;
}

function selfAndDescendants(node: SyntaxNode, type: string): SyntaxNode[] {
  const found = node.descendantsOfType(type).filter((n): n is SyntaxNode => !!n && n.id !== node.id);
  return node.type === type ? [node, ...found] : found;
}

/** `<x>.<method>` where `<x>` names a state object. */
function isStateAccess(attribute: SyntaxNode, methods: Set<string>, states: Set<string>): boolean {
  const name = attribute.childForFieldName('attribute')?.text ?? '';
  const object = attribute.childForFieldName('object')?.text ?? '';
  return methods.has(name) && states.has(object);
}

/** Names of state objects in one function: its state parameters and `self.x = handle.get*State(...)` attributes. */
function stateNamesFor(fns: FunctionFact[], analysis: PythonAnalysis, stateAttrs: Set<string>): Set<string> {
  const names = new Set(stateAttrs);
  for (const fn of fns) {
    const stateful = isStatefulFunction(fn.qualifiedName, analysis.lineage.statefulFunctions);
    for (const param of fn.node.childForFieldName('parameters')?.namedChildren ?? []) {
      if (!param) continue;
      const id = param.type === 'identifier' ? param : param.namedChildren.find((c) => c?.type === 'identifier');
      if (!id || id.text === 'self') continue;
      // A parameter of a stateful function, or one annotated as a GroupState anywhere.
      if (stateful || /\bGroupState\b/.test(param.childForFieldName('type')?.text ?? '')) names.add(id.text);
    }
  }
  return names;
}

function collectStateAttrs(analysis: PythonAnalysis): Set<string> {
  const attrs = new Set<string>();
  for (const call of analysis.facts.calls) {
    // Method first: `parent` walks down from the root in tree-sitter, costly on deep trees.
    if (!STATE_FACTORIES.has(call.method)) continue;
    const parent = call.node.parent;
    if (parent?.type !== 'assignment') continue;
    const left = parent.childForFieldName('left');
    if (left && parent.childForFieldName('right')?.id === call.node.id) attrs.add(left.text);
  }
  return attrs;
}

/** The local variable a call's value is assigned to (`v = json.dumps(...)`), if any. */
function assignedName(node: SyntaxNode): string | undefined {
  const parent = node.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== node.id) return undefined;
  const left = parent.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

function readsState(node: SyntaxNode, states: Set<string>): boolean {
  return selfAndDescendants(node, 'attribute').some((a) => isStateAccess(a, STATE_READS, states));
}

function loadsFromState(call: CallFact, fns: FunctionFact[], states: Set<string>): boolean {
  const arg = call.args[0];
  if (!arg) return false;
  if (readsState(arg, states)) return true;
  // `raw = state.get[0]` ... `json.loads(raw)`: one assignment away, in the same function.
  const root = selfAndDescendants(arg, 'identifier')[0];
  if (!root) return false;
  return fns.some((fn) =>
    selfAndDescendants(fn.node, 'assignment').some(
      (a) => a.childForFieldName('left')?.text === root.text && readsState(a.childForFieldName('right') ?? a, states),
    ),
  );
}

function writesState(call: SyntaxNode, states: Set<string>): boolean {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' && isStateAccess(fn, STATE_WRITES, states);
}

function dumpsIntoState(call: CallFact, calls: CallFact[], states: Set<string>): boolean {
  let node: SyntaxNode | null = call.node.parent;
  while (node && WRAPPERS.has(node.type)) node = node.parent;
  if (node?.type === 'call' && writesState(node, states)) return true;
  // `blob = json.dumps(...)` ... `state.update((blob,))` in the same function.
  const name = assignedName(call.node);
  if (!name) return false;
  return calls.some(
    (other) =>
      other.enclosingFunction === call.enclosingFunction &&
      writesState(other.node, states) &&
      [...other.args, ...other.kwargs.values()].some((a) => selfAndDescendants(a, 'identifier').some((id) => id.text === name)),
  );
}

export const jsonState: FileRule = {
  meta: {
    id: 'P203',
    name: 'json-state',
    priority: 2,
    severity: 'warning',
    title: 'State kept as a JSON string: serialised on every batch, untyped, hard to evolve',
    fix: 'Declare typed state in `StatefulProcessor.init`: `self.totals = handle.getMapState("totals", "key string", "amount double", ttlDurationMs=...)` or `handle.getValueState("last", last_schema)`, and read and write it with `get()`/`update()`/`updateValue()` instead of `json.loads`/`json.dumps`.',
    hint: 'Declare typed state: `handle.getValueState("name", schema)` instead of a JSON string',
    remediation: ['getValueState', 'getListState', 'getMapState', 'transformWithStateInPandas'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const { facts } = python;
    const stateAttrs = collectStateAttrs(python);
    const out: RawFinding[] = [];
    for (const call of facts.calls) {
      const method = jsonMethod(call, facts.imports);
      if (!method) continue;
      const fns = facts.functions.filter((f) => f.qualifiedName === call.enclosingFunction);
      const states = stateNamesFor(fns, python, stateAttrs);
      if (states.size === 0) continue;
      const hit = method === 'loads' ? loadsFromState(call, fns, states) : dumpsIntoState(call, facts.calls, states);
      if (!hit) continue;
      out.push({
        span: call.span,
        message:
          method === 'dumps'
            ? '`json.dumps` stores the state as a JSON string: the whole state is serialised on every micro-batch and its schema is invisible to Spark'
            : '`json.loads` rebuilds the state from a JSON string on every micro-batch; typed state variables avoid the round trip',
        key: method,
      });
    }
    return out;
  },
};
