/**
 * Small readers over `PosNode` trees, so rules stay free of type narrowing noise.
 */
import type { PosNode, Span } from './types.js';

export type PathSegment = string | number;

/** The node at `path` (object keys and array indexes), or undefined. */
export function get(node: PosNode | undefined, ...path: PathSegment[]): PosNode | undefined {
  let current = node;
  for (const segment of path) {
    if (!current) return undefined;
    if (typeof segment === 'number') current = current.type === 'array' ? current.items[segment] : undefined;
    else current = current.type === 'object' ? current.entries.get(segment) : undefined;
  }
  return current;
}

export function str(node: PosNode | undefined): string | undefined {
  return node?.type === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

export function num(node: PosNode | undefined): number | undefined {
  return node?.type === 'scalar' && typeof node.value === 'number' ? node.value : undefined;
}

export function bool(node: PosNode | undefined): boolean | undefined {
  return node?.type === 'scalar' && typeof node.value === 'boolean' ? node.value : undefined;
}

/** A scalar rendered as text (numbers and booleans too); undefined for null and collections. */
export function text(node: PosNode | undefined): string | undefined {
  if (node?.type !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function isObject(node: PosNode | undefined): node is Extract<PosNode, { type: 'object' }> {
  return node?.type === 'object';
}

export function items(node: PosNode | undefined): PosNode[] {
  return node?.type === 'array' ? node.items : [];
}

export function entries(node: PosNode | undefined): [string, PosNode][] {
  return node?.type === 'object' ? [...node.entries] : [];
}

/** True for a non-empty array, a non-empty string (e.g. a `${var.x}` reference) or a non-empty object. */
export function isFilled(node: PosNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'array') return node.items.length > 0;
  if (node.type === 'object') return node.entries.size > 0;
  return typeof node.value === 'string' ? node.value.trim() !== '' : node.value !== null;
}

/** From the key (when there is one) to the end of a scalar value (`"num_workers": 1`), or the key alone for collections. */
export function keyValueSpan(node: PosNode): Span {
  const start = node.keySpan ?? node.span;
  const end = node.type === 'scalar' ? node.span : start;
  return { line: start.line, column: start.column, endLine: end.endLine, endColumn: end.endColumn };
}

/**
 * Visits every node depth-first (parents first) with the key it sits under.
 * Depth is bounded: trees from pos-tree.ts already are, hand-made ones may not be.
 */
export function walk(
  node: PosNode | undefined,
  visit: (node: PosNode, key: string | undefined, parent: PosNode | undefined) => void,
  maxDepth = 256,
): void {
  const stack: { node: PosNode; key?: string; parent?: PosNode; depth: number }[] = [];
  if (node) stack.push({ node, depth: 0 });
  while (stack.length > 0) {
    const { node: current, key, parent, depth } = stack.pop()!;
    visit(current, key, parent);
    if (depth >= maxDepth) continue;
    const children: { node: PosNode; key?: string }[] =
      current.type === 'object'
        ? [...current.entries].map(([k, v]) => ({ node: v, key: k }))
        : current.type === 'array'
          ? current.items.map((v) => ({ node: v }))
          : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ ...children[i], parent: current, depth: depth + 1 });
  }
}
