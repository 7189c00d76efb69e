/**
 * The same fact-style walk written twice, over the SyntaxNode wrapper and over the flat table,
 * for bench/tree-read.ts. It reads what collectFacts reads: the nodes of its types found by one
 * descendant search, then their fields and children (a call's function and arguments, a
 * definition's name and parameters, an assignment's sides, string and comment text). Each walk
 * returns a checksum of what it read, so the bench can check both read the same tree.
 */
import type { Node } from 'web-tree-sitter';
import {
  childForField, descendantsOfType, fieldIdOf, namedChildrenOf, textOf, typeMask, typeOf, type FlatTree,
} from '../src/model/flat-tree.js';
import type { SyntaxNode, SyntaxTree } from '../src/model/syntax-tree.js';

/** The types collectFacts searches for (FACT_TYPES in src/model/python-facts.ts). */
export const FACT_TYPE_LIST = [
  'call', 'string', 'function_definition', 'class_definition', 'try_statement', 'except_clause', 'for_statement',
  'import_statement', 'import_from_statement', 'comment', 'assignment', 'block',
];

const len = (s: string | undefined): number => s?.length ?? 0;

export function walkWrapped(tree: SyntaxTree): number {
  let sum = 0;
  const typeLen = (n: SyntaxNode | null): number => len(n?.type);
  for (const node of tree.rootNode.descendantsOfType(FACT_TYPE_LIST)) {
    sum += node.startIndex + node.endIndex + node.type.length;
    switch (node.type) {
      case 'call': {
        const fn = node.childForFieldName('function');
        sum += typeLen(fn) + (fn?.type === 'attribute' ? len(fn.childForFieldName('attribute')?.text) + typeLen(fn.childForFieldName('object')) : len(fn?.text));
        for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
          sum += arg.type.length;
          if (arg.type === 'keyword_argument') sum += len(arg.childForFieldName('name')?.text) + (arg.childForFieldName('value')?.endIndex ?? 0);
        }
        break;
      }
      case 'function_definition':
      case 'class_definition':
        sum += len(node.childForFieldName('name')?.text);
        for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) sum += p.type.length + p.endIndex;
        break;
      case 'assignment':
      case 'for_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        sum += typeLen(left) + typeLen(right) + (left?.type === 'identifier' ? left.text.length : 0);
        break;
      }
      case 'string':
      case 'comment':
        sum += node.text.length;
        break;
      case 'block':
      case 'try_statement':
      case 'except_clause':
        for (const c of node.namedChildren) sum += c.type.length;
        break;
      default:
        break;
    }
  }
  return sum;
}

export function walkFlat(t: FlatTree): number {
  let sum = 0;
  const field = (name: string): number => fieldIdOf(t, name);
  const [FUNCTION, ATTRIBUTE, OBJECT, ARGUMENTS, NAME, VALUE, PARAMETERS, LEFT, RIGHT] = ['function', 'attribute', 'object', 'arguments', 'name', 'value', 'parameters', 'left', 'right'].map(field);
  const typeLen = (id: number): number => (id < 0 ? 0 : typeOf(t, id).length);
  const textLen = (id: number): number => (id < 0 ? 0 : t.end[id] - t.start[id]);
  for (const node of descendantsOfType(t, 0, typeMask(t, FACT_TYPE_LIST))) {
    const type = typeOf(t, node);
    sum += t.start[node] + t.end[node] + type.length;
    switch (type) {
      case 'call': {
        const fn = childForField(t, node, FUNCTION);
        sum += typeLen(fn) + (fn >= 0 && typeOf(t, fn) === 'attribute' ? textLen(childForField(t, fn, ATTRIBUTE)) + typeLen(childForField(t, fn, OBJECT)) : textLen(fn));
        const args = childForField(t, node, ARGUMENTS);
        for (const arg of args < 0 ? [] : namedChildrenOf(t, args)) {
          sum += typeLen(arg);
          if (typeOf(t, arg) === 'keyword_argument') {
            const value = childForField(t, arg, VALUE);
            sum += textLen(childForField(t, arg, NAME)) + (value < 0 ? 0 : t.end[value]);
          }
        }
        break;
      }
      case 'function_definition':
      case 'class_definition': {
        sum += textLen(childForField(t, node, NAME));
        const params = childForField(t, node, PARAMETERS);
        for (const p of params < 0 ? [] : namedChildrenOf(t, params)) sum += typeLen(p) + t.end[p];
        break;
      }
      case 'assignment':
      case 'for_statement': {
        const left = childForField(t, node, LEFT);
        sum += typeLen(left) + typeLen(childForField(t, node, RIGHT)) + (left >= 0 && typeOf(t, left) === 'identifier' ? textOf(t, left).length : 0);
        break;
      }
      case 'string':
      case 'comment':
        sum += textOf(t, node).length;
        break;
      case 'block':
      case 'try_statement':
      case 'except_clause':
        for (const c of namedChildrenOf(t, node)) sum += typeLen(c);
        break;
      default:
        break;
    }
  }
  return sum;
}

/**
 * The alternative to the cursor: the same table filled by recursing through `Node.children`,
 * one `Node` per child read from wasm. Only its cost is of interest; it returns the node count.
 */
export function buildViaChildren(root: Node): number {
  const kinds: number[] = [];
  const spans: number[] = [];
  const visit = (node: Node): void => {
    kinds.push(node.typeId);
    spans.push(node.startIndex, node.endIndex);
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return kinds.length;
}
