/**
 * Small helpers shared by the Python rules of P2 and P3: which functions Spark runs as
 * stateful or UDF functions, node spans in file coordinates, and file sources seen through
 * Auto Loader (its inner `cloudFiles.format`).
 */
import type { FileModel, Span, SyntaxNode } from '../../src/model/types.js';
import type { SourceInfo } from '../../src/model/python-types.js';
import { nodeSpan } from '../../src/model/span.js';
import { optionOf } from './sources.js';

/**
 * Whether a function (qualified name, `Class.method` for methods) is run by Spark as a
 * stateful or UDF function. A `StatefulProcessor` subclass `Foo` is recorded as `Foo.*`.
 */
export function isStatefulFunction(name: string | undefined, stateful: ReadonlySet<string>): boolean {
  if (!name) return false;
  if (stateful.has(name)) return true;
  const dot = name.indexOf('.');
  return dot > 0 && stateful.has(`${name.slice(0, dot)}.*`);
}

/** The file span of a Python node, or undefined when the model has no Python unit. */
export function spanOf(model: FileModel, node: SyntaxNode): Span | undefined {
  if (model.kind !== 'code' || !model.python) return undefined;
  return nodeSpan(model.python, node);
}

/** A source's file format, with Auto Loader (`cloudFiles`) resolved to its `cloudFiles.format`. */
export function fileFormatOf(source: SourceInfo): { format?: string; autoLoader: boolean } {
  const format = source.format?.toLowerCase();
  if (format !== 'cloudfiles') return { format, autoLoader: false };
  const inner = optionOf(source, 'cloudFiles.format');
  return { format: typeof inner === 'string' ? inner.toLowerCase() : undefined, autoLoader: true };
}

/** Where a source finishes (its `.load(...)` / `.table(...)` call), for findings. */
export function loadSpanOf(source: SourceInfo): Span {
  return source.loadSpan ?? source.span;
}

/**
 * Sources can be recorded more than once (a function evaluated with different arguments);
 * filter first, then keep one flagged source per position.
 */
export function uniqueSources(sources: readonly SourceInfo[]): SourceInfo[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const span = loadSpanOf(source);
    const id = `${span.line}:${span.column}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
