/**
 * A node of a syntax tree read in bulk (flat-tree.ts): its row number and its tree, nothing else.
 * Every read is an array lookup in the table, so there is nothing worth memoising, and a node
 * is made each time one is reached instead of kept per node: the wrappers a 5 MB notebook's
 * facts and lineage touched (about a million, with their memoised children, fields and text)
 * were a quarter of a gigabyte. Only the nodes facts and lineage keep stay alive, at 2 fields each.
 */
import type { Point } from 'web-tree-sitter';
import * as flat from './flat-tree.js';
import { SyntaxNode } from './syntax-node.js';

/** The part of a syntax tree a table node reads; `table` is undefined once the tree is freed. */
export interface TableOwner {
  readonly table: flat.FlatTree | undefined;
  /** A mask of node types, made once per list of types. */
  maskOf(types: readonly string[]): Uint8Array;
}

export class TableNode extends SyntaxNode {
  constructor(id: number, private readonly owner: TableOwner) {
    super(id);
  }

  /** Reading a freed tree is an error, as it is for a wasm node. */
  private get rows(): flat.FlatTree {
    const table = this.owner.table;
    if (!table) throw new Error('syntax tree already freed');
    return table;
  }

  private at(id: number): TableNode | null {
    return id >= 0 ? new TableNode(id, this.owner) : null;
  }

  private all(ids: number[]): TableNode[] {
    return ids.map((id) => new TableNode(id, this.owner));
  }

  get type(): string {
    return flat.typeOf(this.rows, this.id);
  }

  get startIndex(): number {
    return this.rows.start[this.id];
  }

  get startPosition(): Point {
    return flat.startPointOf(this.rows, this.id);
  }

  get endIndex(): number {
    return this.rows.end[this.id];
  }

  get endPosition(): Point {
    return flat.endPointOf(this.rows, this.id);
  }

  get text(): string {
    return flat.textOf(this.rows, this.id);
  }

  get hasError(): boolean {
    return flat.hasError(this.rows, this.id);
  }

  get namedChildren(): SyntaxNode[] {
    return this.all(flat.namedChildrenOf(this.rows, this.id));
  }

  get children(): SyntaxNode[] {
    return this.all(flat.childrenOf(this.rows, this.id));
  }

  get namedChildCount(): number {
    const table = this.rows;
    let count = 0;
    for (let c = flat.firstChildOf(table, this.id); c >= 0; c = flat.nextSiblingOf(table, c)) if (flat.isNamed(table, c)) count++;
    return count;
  }

  get childCount(): number {
    const table = this.rows;
    let count = 0;
    for (let c = flat.firstChildOf(table, this.id); c >= 0; c = flat.nextSiblingOf(table, c)) count++;
    return count;
  }

  get firstNamedChild(): SyntaxNode | null {
    const table = this.rows;
    let c = flat.firstChildOf(table, this.id);
    while (c >= 0 && !flat.isNamed(table, c)) c = flat.nextSiblingOf(table, c);
    return this.at(c);
  }

  child(index: number): SyntaxNode | null {
    const table = this.rows;
    let c = flat.firstChildOf(table, this.id);
    for (let i = 0; c >= 0 && i < index; i++) c = flat.nextSiblingOf(table, c);
    return index >= 0 ? this.at(c) : null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    const table = this.rows;
    let next = flat.nextSiblingOf(table, this.id);
    while (next >= 0 && !flat.isNamed(table, next)) next = flat.nextSiblingOf(table, next);
    return this.at(next);
  }

  get parent(): SyntaxNode | null {
    return this.at(this.rows.parent[this.id]);
  }

  childForFieldName(field: string): SyntaxNode | null {
    const table = this.rows;
    return this.at(flat.childForField(table, this.id, flat.fieldIdOf(table, field)));
  }

  descendantsOfType(types: string | string[]): SyntaxNode[] {
    const table = this.rows;
    const list = typeof types === 'string' ? [types] : types;
    // As web-tree-sitter 0.25, which finds only ERROR nodes when ERROR is among the types asked for.
    const asked = list.includes('ERROR') ? ['ERROR'] : list;
    return this.all(flat.descendantsOfType(table, this.id, this.owner.maskOf(asked)));
  }
}
