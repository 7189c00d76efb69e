/**
 * Where Python code writes to, for the Unity Catalog rules: the sinks the lineage saw,
 * plus `.write`/`.writeStream` chains on DataFrames it could not follow (function
 * parameters, imported helpers). Also storage-path and table-name helpers.
 */
import { receiverChainHas } from '../../src/model/python-facts.js';
import type { CallFact, PythonAnalysis, Value } from '../../src/model/python-types.js';
import type { Span, SyntaxNode } from '../../src/model/types.js';
import { stringValue } from '../../src/model/python-values.js';

export interface WriteTarget {
  /** `start`, `toTable`, `save`, `saveAsTable`, `insertInto`. */
  op: string;
  span: Span;
  target?: string;
  targetKind: 'path' | 'table';
  streaming: boolean;
  /** The sink call. */
  node: SyntaxNode;
}

const SINK_METHODS = new Set(['start', 'toTable', 'save', 'saveAsTable', 'insertInto']);
const TABLE_METHODS = new Set(['toTable', 'saveAsTable', 'insertInto']);
/** Cloud object storage and DBFS locations that bypass Unity Catalog (`/Volumes/...` is governed). */
const STORAGE_PATH = /^(abfss?:\/\/|s3[an]?:\/\/|gs:\/\/|wasbs?:\/\/|dbfs:\/|\/mnt\/|\/dbfs\/)/i;
/** `delta.`/path`` and friends name a path, not a table. */
const PATH_TABLE_PREFIXES = new Set(['delta', 'parquet', 'json', 'csv', 'orc', 'avro', 'text', 'binaryfile']);
const MAX_RESOLVE_PASSES = 5;

export function isStoragePath(path: string): boolean {
  const trimmed = path.trim();
  // `dbfs:/Volumes/...` is a Unity Catalog volume path with the optional scheme.
  return STORAGE_PATH.test(trimmed) && !/^dbfs:\/Volumes\//i.test(trimmed);
}

/** Substitute `{NAME}` f-string parts with module-level string constants (`LAKE_ROOT = "abfss://..."`). */
export function resolveConstants(value: string, env: Map<string, Value>): string {
  let out = value;
  for (let pass = 0; pass < MAX_RESOLVE_PASSES && out.includes('{'); pass++) {
    const next = out.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
      const bound = env.get(name);
      return bound?.kind === 'string' ? bound.value : whole;
    });
    if (next === out) break;
    out = next;
  }
  return out;
}

export function writeTargets(python: PythonAnalysis): WriteTarget[] {
  const env = python.lineage.env;
  const out: WriteTarget[] = [];
  const seen = new Set<string>();
  const add = (target: WriteTarget): void => {
    const key = `${target.span.line}:${target.span.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...target, target: target.target === undefined ? undefined : resolveConstants(target.target, env) });
  };
  for (const event of python.lineage.events) {
    if (event.kind !== 'sink' || !event.targetKind) continue;
    add({ op: event.op, span: event.span, target: event.target, targetKind: event.targetKind, streaming: event.flow.streaming, node: event.node });
  }
  for (const call of python.facts.calls) {
    if (!SINK_METHODS.has(call.method)) continue;
    const chain = writerChain(call.node);
    if (!chain) continue;
    const target = firstArgument(call, env) ?? chain.pathOption;
    add({ op: call.method, span: call.span, target, targetKind: TABLE_METHODS.has(call.method) ? 'table' : 'path', streaming: chain.streaming, node: call.node });
  }
  return out;
}

/** Walks `x.write.format(...).option(...).save` back to its `.write` / `.writeStream`. */
function writerChain(call: SyntaxNode): { streaming: boolean; pathOption?: string } | undefined {
  let pathOption: string | undefined;
  let node: SyntaxNode | null = call.childForFieldName('function')?.childForFieldName('object') ?? null;
  while (node) {
    if (node.type === 'attribute') {
      const name = node.childForFieldName('attribute')?.text;
      if (name === 'write' || name === 'writeStream') return { streaming: name === 'writeStream', pathOption };
      node = node.childForFieldName('object');
    } else if (node.type === 'call') {
      pathOption ??= pathOptionOf(node);
      node = node.childForFieldName('function');
    } else if (node.type === 'parenthesized_expression') node = node.namedChildren[0] ?? null;
    else return undefined;
  }
  return undefined;
}

/** Whether a call's receiver chain goes back to `spark.read` / `spark.readStream` (or is `spark.table`). */
export function isReaderCall(call: CallFact): boolean {
  if (call.callee === 'spark.table' || call.callee.endsWith('.spark.table')) return true;
  return receiverChainHas(call.node.childForFieldName('function'), READER_PROPERTIES);
}

const READER_PROPERTIES = new Set(['read', 'readStream']);

function pathOptionOf(call: SyntaxNode): string | undefined {
  if (call.childForFieldName('function')?.childForFieldName('attribute')?.text !== 'option') return undefined;
  const [key, value] = call.childForFieldName('arguments')?.namedChildren ?? [];
  if (!key || !value || stringValue(key) !== 'path') return undefined;
  return stringValue(value);
}

/** The first argument of a call as a string: a literal or a module-level constant. */
export function firstArgument(call: CallFact, env: Map<string, Value>): string | undefined {
  const node = call.args[0] ?? call.kwargs.get('path') ?? call.kwargs.get('tableName') ?? call.kwargs.get('name');
  if (!node) return undefined;
  const literal = stringValue(node);
  if (literal !== undefined) return literal;
  const bound = node.type === 'identifier' ? env.get(node.text) : undefined;
  return bound?.kind === 'string' ? bound.value : undefined;
}

/** Parts of a table name (`a.b.c`, backticks honoured); undefined when built at run time. */
export function tableNameParts(name: string): string[] | undefined {
  const trimmed = name.trim();
  if (trimmed === '' || /[{}$]/.test(trimmed)) return undefined;
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of trimmed) {
    if (ch === '`') quoted = !quoted;
    else if (ch === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  // Whitespace means prose or an expression, not a name.
  if (parts.some((p) => p === '' || /\s/.test(p))) return undefined;
  return parts;
}

/** `schema.table`: a name that leaves the catalog to whatever the session's default is. */
export function isTwoLevelName(parts: string[] | undefined): boolean {
  if (!parts || parts.length !== 2) return false;
  if (isPathTableName(parts)) return false;
  // Global temporary views live in the reserved `global_temp` schema, outside any catalog.
  return parts[0].toLowerCase() !== 'global_temp';
}

/** `delta.`/mnt/x`` style names that point at a path. */
export function isPathTableName(parts: string[] | undefined): boolean {
  if (!parts || parts.length !== 2) return false;
  return PATH_TABLE_PREFIXES.has(parts[0].toLowerCase()) && (parts[1].startsWith('/') || parts[1].includes(':/'));
}
