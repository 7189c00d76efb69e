/** Test helpers for syntax trees read straight from web-tree-sitter. */
import type { Node } from 'web-tree-sitter';

/** Every node of the raw tree in pre-order, visited with a cursor (no wrapper involved). */
export function rawNodes(root: Node): Node[] {
  const out: Node[] = [];
  const cursor = root.walk();
  for (;;) {
    out.push(cursor.currentNode);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return out;
      }
    }
  }
}
