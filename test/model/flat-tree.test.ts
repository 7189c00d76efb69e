import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Tree } from 'web-tree-sitter';
import { buildModel } from '../../src/engine/file-analysis.js';
import {
  buildFlatTree, childForField, childrenOf, descendantsOfType, endPointOf, fieldIdOf, fieldNameOf, hasError, isNamed, namedChildrenOf,
  nextSiblingOf, startPointOf, textOf, typeMask, typeOf, type FlatTree,
} from '../../src/model/flat-tree.js';
import { loadPythonParser } from '../../src/model/python-parser.js';
import { SyntaxTree } from '../../src/model/syntax-tree.js';
import { rawNodes } from '../helpers/raw-nodes.js';

const fixture = fileURLToPath(new URL('../../examples/spymaster', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The Python the engine parses for each fixture notebook, module and `.ipynb` (its code cells joined). */
function fixturePython(): { path: string; text: string }[] {
  return filesUnder(fixture)
    .filter((p) => p.endsWith('.py') || p.endsWith('.ipynb'))
    .map((p) => ({ path: relative(fixture, p), model: buildModel({ path: p, content: readFileSync(p, 'utf8') }, 5_000_000).model }))
    .flatMap(({ path, model }) => (model.kind === 'code' && model.python ? [{ path, text: model.python.text }] : []));
}

/** Compares the table with the wrapper node for node: types, spans, points, text, links, fields, errors. */
function compareNodeForNode(raw: Tree, source: string): number {
  const wrapped = new SyntaxTree(raw, source, false);
  const flat = buildFlatTree(raw, source);
  const nodes = rawNodes(raw.rootNode);
  expect(flat.count).toBe(nodes.length);
  const idOf = new Map(nodes.map((n, i) => [n.id, i]));
  const index = (n: { id: number } | null): number => (n ? idOf.get(n.id) ?? -2 : -1);
  const fields = [...flat.names.fieldIds.keys()];
  for (let i = 0; i < nodes.length; i++) {
    const w = wrapped.wrap(nodes[i]);
    expect([typeOf(flat, i), flat.start[i], flat.end[i], textOf(flat, i)]).toEqual([w.type, w.startIndex, w.endIndex, w.text]);
    expect([startPointOf(flat, i), endPointOf(flat, i)]).toEqual([w.startPosition, w.endPosition]);
    expect([isNamed(flat, i), hasError(flat, i)]).toEqual([nodes[i].isNamed, w.hasError]);
    expect(childrenOf(flat, i)).toEqual(w.children.map(index));
    expect(namedChildrenOf(flat, i)).toEqual(w.namedChildren.map(index));
    expect(flat.parent[i]).toBe(index(w.parent));
    // Against the parent's child list: web-tree-sitter's own `nextSibling` skips a missing `)`.
    const siblings = w.parent ? w.parent.children.map(index) : [i];
    expect(nextSiblingOf(flat, i)).toBe(siblings[siblings.indexOf(i) + 1] ?? -1);
    // A leaf has no field child; asking wasm for each of its fields only costs time.
    const leaf = w.children.length === 0;
    for (const name of fields) expect([name, childForField(flat, i, fieldIdOf(flat, name))]).toEqual([name, leaf ? -1 : index(w.childForFieldName(name))]);
  }
  wrapped.delete();
  return nodes.length;
}

describe('flat tree', () => {
  it('reads the fixture node for node as the wrapper does (every .py and .ipynb Python)', async () => {
    const parser = await loadPythonParser();
    const sources = fixturePython();
    expect(sources.map((s) => s.path).filter((p) => p.endsWith('.ipynb')).length).toBeGreaterThan(0);
    expect(sources.length).toBeGreaterThanOrEqual(7);
    let total = 0;
    for (const { text } of sources) {
      const raw = parser.parse(text)!;
      total += compareNodeForNode(raw, text);
      raw.delete();
    }
    expect(total).toBeGreaterThan(5_000);
  });

  it('agrees on CRLF, astral characters, syntax errors and missing tokens', async () => {
    const parser = await loadPythonParser();
    const sources = [
      'a = 1\r\nb = f(x,\r\n  y)  # c\r\n',
      'x = "é😀" + f"{y!r}"\nprint(x.upper())\n',
      'def f(:\n  return (1,\n"""unterminated',
      'if x\n    y = (1 + )\nprint(z',
      '\ufeffimport a.b as c\n@dec\nclass K(Base):\n    def m(self): pass\n',
      '',
    ];
    for (const source of sources) {
      const raw = parser.parse(source)!;
      expect(hasError(buildFlatTree(raw, source), 0)).toBe(raw.rootNode.hasError);
      // Frees the tree.
      compareNodeForNode(raw, source);
    }
  });

  it('finds descendants of given types in the order and number web-tree-sitter does', async () => {
    const parser = await loadPythonParser();
    // Not 'ERROR': web-tree-sitter 0.25.6 finds nothing at all when it is in the list.
    const types = ['call', 'string', 'function_definition', 'block', 'comment'];
    let errors = 0;
    for (const { text } of [...fixturePython(), { text: 'def f(:\n  g(1)\n' }, { text: 'def f(a):\n  print(1 +* 2)\n' }]) {
      const raw = parser.parse(text)!;
      const flat: FlatTree = buildFlatTree(raw, text);
      const nodes = rawNodes(raw.rootNode);
      const idOf = new Map(nodes.map((n, i) => [n.id, i]));
      const mask = typeMask(flat, types);
      expect(descendantsOfType(flat, 0, mask)).toEqual(raw.rootNode.descendantsOfType(types).map((n) => idOf.get(n!.id)));
      // Inside one function: only its own subtree.
      const fn = descendantsOfType(flat, 0, typeMask(flat, ['function_definition']))[0];
      if (fn !== undefined) expect(descendantsOfType(flat, fn, mask)).toEqual(nodes[fn].descendantsOfType(types).map((n) => idOf.get(n!.id)));
      expect(fieldNameOf(flat, 0)).toBeNull();
      for (const id of descendantsOfType(flat, 0, typeMask(flat, ['ERROR']))) {
        expect([typeOf(flat, id), hasError(flat, id), hasError(flat, 0)]).toEqual([nodes[id].type, true, true]);
        errors++;
      }
      raw.delete();
    }
    expect(errors).toBeGreaterThan(0);
  });
});
