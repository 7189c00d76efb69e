/**
 * What a file keeps once its rules ran. Its syntax tree is freed then (scan.ts), but facts and
 * lineage held on to syntax nodes (a call's node, its arguments, a function's body, an event's
 * call), and through them the wrappers, their memoised text and points and the source: about
 * 30 KB per file of the bench corpus, 1.8 GB at 20,000 files, for nothing, since no phase after
 * a file's turn reads a node (roles, `%run` includes, repository and diff rules read the plain
 * fields: callee, method, spans, values). The node fields point at shared stand-ins instead:
 * reading one is the same error as reading a freed tree, and nothing is allocated per fact.
 */
import type { PythonAnalysis } from '../model/python-types.js';
import { SyntaxNode } from '../model/syntax-tree.js';

const released = (): never => {
  throw new Error('syntax tree already freed: this file was analysed and its syntax nodes released');
};

/** Every property read (type, text, children, ...) throws; `instanceof SyntaxNode` still holds. */
export const RELEASED_NODE: SyntaxNode = new Proxy(Object.create(SyntaxNode.prototype) as SyntaxNode, { get: released, has: released });

/** A call's positional arguments once released: reading its length or an element throws. */
export const RELEASED_NODES: SyntaxNode[] = new Proxy([] as SyntaxNode[], { get: released, has: released });

/** A call's keyword arguments once released: every method and `size` throw. */
class ReleasedKwargs extends Map<string, SyntaxNode> {
  override get(): never {
    return released();
  }
  override has(): never {
    return released();
  }
  override get size(): never {
    return released();
  }
  override forEach(): never {
    return released();
  }
  override entries(): never {
    return released();
  }
  override keys(): never {
    return released();
  }
  override values(): never {
    return released();
  }
  override [Symbol.iterator](): never {
    return released();
  }
}
export const RELEASED_KWARGS: Map<string, SyntaxNode> = new ReleasedKwargs();

/** Points every syntax node a file's analysis holds at the stand-ins. Idempotent. */
export function releaseSyntax(python: PythonAnalysis | undefined): void {
  if (!python) return;
  const { facts, lineage } = python;
  for (const call of facts.calls) {
    call.node = RELEASED_NODE;
    call.args = RELEASED_NODES;
    call.kwargs = RELEASED_KWARGS;
  }
  for (const fn of facts.functions) fn.node = RELEASED_NODE;
  for (const handler of facts.excepts) handler.node = RELEASED_NODE;
  for (const loop of facts.loops) loop.node = RELEASED_NODE;
  for (const event of lineage.events) event.node = RELEASED_NODE;
}
