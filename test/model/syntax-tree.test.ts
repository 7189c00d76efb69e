import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { loadPythonParser } from '../../src/model/python-parser.js';
import { SyntaxTree } from '../../src/model/syntax-tree.js';

const FIELDS = ['function', 'arguments', 'object', 'attribute', 'left', 'right', 'name', 'value', 'body', 'parameters', 'key'];

/** Every node of the raw tree, visited with a cursor (no wrapper involved). */
function rawNodes(root: Node): Node[] {
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

describe('SyntaxTree', () => {
  it('reads exactly what web-tree-sitter reads, including CRLF, astral characters and errors', async () => {
    const parser = await loadPythonParser();
    const sources = [
      'df = spark.readStream.format("delta").load(PATH)\nq = df.writeStream.start()\n',
      'a = 1\r\nb = f(x,\r\n  y)  # c\r\n',
      'x = "é😀" + f"{y!r}"\nprint(x.upper())\n',
      'def f(:\n  return (1,\n"""unterminated',
      '\ufeffimport a.b as c\n@dec\nclass K(Base):\n    def m(self): pass\n',
    ];
    for (const source of sources) {
      const raw = parser.parse(source)!;
      const wrapped = new SyntaxTree(raw, source);
      for (const node of rawNodes(raw.rootNode)) {
        const w = wrapped.wrap(node);
        expect([w.type, w.text, w.endIndex, w.endPosition, w.startPosition]).toEqual([node.type, node.text, node.endIndex, node.endPosition, node.startPosition]);
        expect(w.namedChildren.map((c) => c.id)).toEqual(node.namedChildren.map((c) => c?.id));
        expect(w.parent?.id ?? null).toEqual(node.parent?.id ?? null);
        for (const field of FIELDS) expect(w.childForFieldName(field)?.id ?? null).toEqual(node.childForFieldName(field)?.id ?? null);
      }
      // One wrapper per node: facts, lineage and rules share what was read.
      const call = wrapped.rootNode.descendantsOfType('call')[0];
      if (call) expect(wrapped.rootNode.descendantsOfType('call')[0]).toBe(call);
      wrapped.delete();
    }
  });
});
