/**
 * What facts, lineage and rules read of a Python syntax node: the part of web-tree-sitter's
 * `Node` they use. Two kinds answer it: a memoising wrapper of a wasm node (syntax-tree.ts) and,
 * for large sources, a light view of one row of the bulk table (table-node.ts).
 *
 * Compare nodes by `id`, never by reference: a table node is made each time one is reached, so
 * two reads of the same node may be two objects (keeping one object per node was a million
 * wrappers, about 250 MB, for a 5 MB notebook).
 */
import type { Point } from 'web-tree-sitter';

export abstract class SyntaxNode {
  /** Unique within its tree. */
  readonly id: number;

  protected constructor(id: number) {
    this.id = id;
  }

  abstract get type(): string;
  abstract get startIndex(): number;
  abstract get startPosition(): Point;
  abstract get endIndex(): number;
  abstract get endPosition(): Point;
  /** The source between the indices, as web-tree-sitter's `text` for a tree parsed from a string. */
  abstract get text(): string;
  abstract get hasError(): boolean;
  abstract get namedChildren(): SyntaxNode[];
  abstract get children(): SyntaxNode[];
  abstract get namedChildCount(): number;
  abstract get childCount(): number;
  abstract get firstNamedChild(): SyntaxNode | null;
  abstract child(index: number): SyntaxNode | null;
  abstract get nextNamedSibling(): SyntaxNode | null;
  abstract get parent(): SyntaxNode | null;
  abstract childForFieldName(field: string): SyntaxNode | null;
  /** The node itself included when its type is asked for, in pre-order. */
  abstract descendantsOfType(types: string | string[]): SyntaxNode[];
}
