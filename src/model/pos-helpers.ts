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
  // Parallel stacks rather than an object per child: signals walk every job file.
  const nodes: PosNode[] = [];
  const keys: (string | undefined)[] = [];
  const parents: (PosNode | undefined)[] = [];
  const depths: number[] = [];
  if (node) {
    nodes.push(node);
    keys.push(undefined);
    parents.push(undefined);
    depths.push(0);
  }
  while (nodes.length > 0) {
    const current = nodes.pop()!;
    const key = keys.pop();
    const parent = parents.pop();
    const depth = depths.pop()!;
    visit(current, key, parent);
    if (depth >= maxDepth) continue;
    if (current.type === 'object') {
      const children = [...current.entries];
      for (let i = children.length - 1; i >= 0; i--) {
        nodes.push(children[i][1]);
        keys.push(children[i][0]);
        parents.push(current);
        depths.push(depth + 1);
      }
    } else if (current.type === 'array') {
      for (let i = current.items.length - 1; i >= 0; i--) {
        nodes.push(current.items[i]);
        keys.push(undefined);
        parents.push(current);
        depths.push(depth + 1);
      }
    }
  }
}
