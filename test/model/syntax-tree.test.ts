import { describe, expect, it } from 'vitest';
import { loadPythonParser } from '../../src/model/python-parser.js';
import { SyntaxTree, type SyntaxNode } from '../../src/model/syntax-tree.js';
import { rawNodes } from '../helpers/raw-nodes.js';

/** CRLF, astral characters, a syntax error, a BOM. */
const SOURCES = [
  'df = spark.readStream.format("delta").load(PATH)\nq = df.writeStream.start()\n',
  'a = 1\r\nb = f(x,\r\n  y)  # c\r\n',
  'x = "é😀" + f"{y!r}"\nprint(x.upper())\n',
  'def f(:\n  return (1,\n"""unterminated',
  '\ufeffimport a.b as c\n@dec\nclass K(Base):\n    def m(self): pass\n',
];

const FIELDS = ['function', 'arguments', 'object', 'attribute', 'left', 'right', 'name', 'value', 'body', 'parameters', 'key'];

describe('SyntaxTree', () => {
  it('reads exactly what web-tree-sitter reads, including CRLF, astral characters and errors', async () => {
    const parser = await loadPythonParser();
    for (const source of SOURCES) {
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

describe('SyntaxTree read in bulk (large sources)', () => {
  /** Every node of a view, depth first, in child order. */
  function walk(root: SyntaxNode): SyntaxNode[] {
    const out = [root];
    for (const child of root.children) out.push(...walk(child));
    return out;
  }

  it('answers every read as the node-by-node view does', async () => {
    const parser = await loadPythonParser();
    for (const source of [...SOURCES, 'if x:\n    y = g(a=1, *b, **c)\nelse:\n    pass\nfor r in rows:\n    print(r)\n']) {
      const byNode = new SyntaxTree(parser.parse(source)!, source, false);
      const bulk = new SyntaxTree(parser.parse(source)!, source, true);
      const [a, b] = [walk(byNode.rootNode), walk(bulk.rootNode)];
      expect(b.length).toBe(a.length);
      // Position in the walk, found by id: a table node is made each time it is reached, so two reads may be two objects.
      const positions = (nodes: SyntaxNode[]) => new Map(nodes.map((n, i) => [n.id, i]));
      const [atA, atB] = [positions(a), positions(b)];
      const index = (nodes: typeof a, n: SyntaxNode | null) => (n === null ? -1 : ((nodes === a ? atA : atB).get(n.id) ?? -2));
      a.forEach((x, i) => {
        const y = b[i];
        expect([y.type, y.text, y.startIndex, y.endIndex, y.startPosition, y.endPosition, y.hasError, y.childCount, y.namedChildCount]).toEqual([x.type, x.text, x.startIndex, x.endIndex, x.startPosition, x.endPosition, x.hasError, x.childCount, x.namedChildCount]);
        expect(y.namedChildren.map((c) => index(b, c))).toEqual(x.namedChildren.map((c) => index(a, c)));
        expect([index(b, y.parent), index(b, y.nextNamedSibling), index(b, y.firstNamedChild)]).toEqual([index(a, x.parent), index(a, x.nextNamedSibling), index(a, x.firstNamedChild)]);
        for (const field of FIELDS) expect(index(b, y.childForFieldName(field))).toBe(index(a, x.childForFieldName(field)));
      });
      for (const types of ['call', ['identifier', 'string'], ['block', 'ERROR'], 'ERROR']) {
        expect(bulk.rootNode.descendantsOfType(types).map((n) => index(b, n))).toEqual(byNode.rootNode.descendantsOfType(types).map((n) => index(a, n)));
      }
      // Ids tell nodes apart in both views: the same node read twice has one id, distinct nodes have distinct ids.
      expect(bulk.rootNode.children[0]?.id).toBe(bulk.rootNode.children[0]?.id);
      expect(new Set(b.map((n) => n.id)).size).toBe(b.length);
      expect(new Set(a.map((n) => n.id)).size).toBe(a.length);
      byNode.delete();
      bulk.delete();
      expect(() => bulk.rootNode.children[0]?.nextNamedSibling?.children).toThrow('syntax tree already freed');
    }
  });
});
