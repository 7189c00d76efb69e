/**
 * A memoising view of a web-tree-sitter tree. Every read of a web-tree-sitter node crosses
 * into wasm and allocates a fresh `Node`, and facts, lineage and rules read the same nodes
 * (a call's function, its arguments, identifiers) many times over. Here each node is wrapped
 * once per tree (keyed by its id) and each property is read from wasm at most once.
 * Values are exactly those of the underlying nodes; only the number of crossings changes.
 */
import type { Node, Point, Tree } from 'web-tree-sitter';
import { lineStartsOf, pointAtOffset } from './text.js';
import * as flat from './flat-tree.js';

/**
 * Sources from this many UTF-16 units up are read back in bulk (src/model/flat-tree.ts) and their
 * wasm tree freed at once: node by node, the largest notebooks kept a web-tree-sitter node and a
 * wrapper per node read (about 560 MB for 5 MB of Python). Below it, reading only the nodes
 * asked for is quicker than reading every node (`npm run bench:tree`).
 */
export const FLAT_TREE_MIN_CHARS = 256 * 1024;

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  private readonly nodes = new Map<number, SyntaxNode>();
  private lineStarts: number[] | undefined;
  /** @internal The bulk copy, for large sources; the wasm tree is gone then. */
  table: flat.FlatTree | undefined;
  private raw: Tree | undefined;
  private readonly masks = new Map<string, Uint8Array>();
  /** Wrappers of the bulk copy by node id: an array sized once is lighter than a Map of a million entries. */
  private byId: (SyntaxNode | undefined)[] = [];

  constructor(raw: Tree, readonly source: string, bulk = source.length >= FLAT_TREE_MIN_CHARS) {
    if (bulk) {
      this.table = flat.buildFlatTree(raw, source);
      raw.delete();
      this.byId = new Array<SyntaxNode | undefined>(this.table.count);
      this.rootNode = this.wrapId(0);
    } else {
      this.raw = raw;
      this.rootNode = this.wrap(raw.rootNode);
    }
  }

  /** @internal The one wrapper of a node of the bulk copy. */
  wrapId(id: number, parent?: SyntaxNode): SyntaxNode {
    let wrapped = this.byId[id];
    if (!wrapped) {
      const table = this.table!;
      wrapped = new SyntaxNode({ id, startIndex: table.start[id], startPosition: flat.startPointOf(table, id) }, this);
      this.byId[id] = wrapped;
    }
    if (parent && wrapped.knownParent === undefined) wrapped.knownParent = parent;
    return wrapped;
  }

  /** @internal A mask of node types of the bulk copy, made once per list. */
  maskOf(types: readonly string[]): Uint8Array {
    const key = types.join(',');
    let mask = this.masks.get(key);
    if (!mask) this.masks.set(key, (mask = flat.typeMask(this.table!, types)));
    return mask;
  }

  /** The one wrapper of a node of this tree. */
  wrap(node: Node): SyntaxNode {
    let wrapped = this.nodes.get(node.id);
    if (!wrapped) {
      wrapped = new SyntaxNode(node, this);
      this.nodes.set(node.id, wrapped);
    }
    return wrapped;
  }

  wrapAll(nodes: (Node | null)[], parent?: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const node of nodes) {
      if (!node) continue;
      const wrapped = this.wrap(node);
      // A visible child's parent is the node it was listed under, so it need not be asked again.
      if (parent && wrapped.knownParent === undefined) wrapped.knownParent = parent;
      out.push(wrapped);
    }
    return out;
  }

  /**
   * The point of a source index, without asking wasm: tree-sitter counts rows at `\n` only and
   * web-tree-sitter reports columns in UTF-16 code units, the same units as the index.
   */
  pointAt(index: number): Point {
    return pointAtOffset((this.lineStarts ??= lineStartsOf(this.source)), index);
  }

  /** Frees the wasm tree (or the bulk copy). Wrappers keep what they already read; nothing more can be read. */
  delete(): void {
    this.raw?.delete();
    this.raw = undefined;
    this.table = undefined;
    for (const node of this.nodes.values()) node.unlink();
    for (const node of this.byId) node?.unlink();
    this.nodes.clear();
    this.byId = [];
    this.masks.clear();
  }
}

const UNREAD = -1;

export class SyntaxNode {
  readonly id: number;
  readonly startIndex: number;
  readonly startPosition: Point;
  /** @internal Set when the node was reached from its parent. */
  knownParent: SyntaxNode | null | undefined;
  private typeName: string | undefined;
  private end = UNREAD;
  private endPoint: Point | undefined;
  private content: string | undefined;
  private named: SyntaxNode[] | undefined;
  private all: SyntaxNode[] | undefined;
  /** Field name, child, field name, child...: a node has few fields read, an array is lighter than a Map. */
  private fields: (string | SyntaxNode | null)[] | undefined;
  private nextNamed: SyntaxNode | null | undefined;
  private error: boolean | undefined;

  private raw: Node | undefined;

  /** From a web-tree-sitter node, or (bulk copy) from its row of the table. */
  constructor(raw: Node | { id: number; startIndex: number; startPosition: Point }, private readonly tree: SyntaxTree) {
    if ('tree' in raw) this.raw = raw;
    this.id = raw.id;
    this.startIndex = raw.startIndex;
    this.startPosition = raw.startPosition;
  }

  /**
   * @internal Drops the links to other nodes and to wasm once the tree is freed: facts keep some
   * nodes for the whole scan, and with the links they would keep every wrapper of their file
   * (208 MB instead of 64 MB retained by a scan of the 1,000-file benchmark corpus).
   */
  unlink(): void {
    this.knownParent = this.nextNamed = undefined;
    this.named = this.all = undefined;
    this.fields = undefined;
    this.raw = undefined;
  }

  /** The tree's bulk copy, or undefined when this node reads wasm; throws once the tree was freed. */
  private bulk(): flat.FlatTree | undefined {
    if (this.raw) return undefined;
    if (!this.tree.table) throw new Error('syntax tree already freed');
    return this.tree.table;
  }

  private wrapIds(ids: number[], asParent: boolean): SyntaxNode[] {
    return ids.map((id) => this.tree.wrapId(id, asParent ? this : undefined));
  }

  /** The web-tree-sitter node; reading a freed tree is an error here rather than a read of freed memory. */
  private live(): Node {
    if (!this.raw) throw new Error('syntax tree already freed');
    return this.raw;
  }

  get type(): string {
    if (this.typeName === undefined) {
      const table = this.bulk();
      this.typeName = table ? flat.typeOf(table, this.id) : this.live().type;
    }
    return this.typeName;
  }

  get endIndex(): number {
    if (this.end === UNREAD) {
      const table = this.bulk();
      this.end = table ? table.end[this.id] : this.live().endIndex;
    }
    return this.end;
  }

  get endPosition(): Point {
    return (this.endPoint ??= this.tree.pointAt(this.endIndex));
  }

  /** Same as web-tree-sitter's `text` for a tree parsed from a string: the source between the indices. */
  get text(): string {
    return (this.content ??= this.tree.source.slice(this.startIndex, this.endIndex));
  }

  get hasError(): boolean {
    if (this.error === undefined) {
      const table = this.bulk();
      this.error = table ? flat.hasError(table, this.id) : this.live().hasError;
    }
    return this.error;
  }

  get namedChildren(): SyntaxNode[] {
    if (!this.named) {
      const table = this.bulk();
      this.named = table ? this.wrapIds(flat.namedChildrenOf(table, this.id), true) : this.tree.wrapAll(this.live().namedChildren, this);
    }
    return this.named;
  }

  get children(): SyntaxNode[] {
    if (!this.all) {
      const table = this.bulk();
      this.all = table ? this.wrapIds(flat.childrenOf(table, this.id), true) : this.tree.wrapAll(this.live().children, this);
    }
    return this.all;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get childCount(): number {
    return this.children.length;
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.namedChildren[0] ?? null;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    if (this.nextNamed === undefined) {
      const table = this.bulk();
      if (table) {
        let next = flat.nextSiblingOf(table, this.id);
        while (next >= 0 && !flat.isNamed(table, next)) next = flat.nextSiblingOf(table, next);
        this.nextNamed = next >= 0 ? this.tree.wrapId(next) : null;
      } else {
        const next = this.live().nextNamedSibling;
        this.nextNamed = next ? this.tree.wrap(next) : null;
      }
    }
    return this.nextNamed;
  }

  get parent(): SyntaxNode | null {
    if (this.knownParent === undefined) {
      const table = this.bulk();
      if (table) {
        const up = table.parent[this.id];
        this.knownParent = up >= 0 ? this.tree.wrapId(up) : null;
      } else {
        const parent = this.live().parent;
        this.knownParent = parent ? this.tree.wrap(parent) : null;
      }
    }
    return this.knownParent;
  }

  childForFieldName(field: string): SyntaxNode | null {
    const fields = (this.fields ??= []);
    for (let i = 0; i < fields.length; i += 2) if (fields[i] === field) return fields[i + 1] as SyntaxNode | null;
    const table = this.bulk();
    let child: SyntaxNode | null;
    if (table) {
      const id = flat.childForField(table, this.id, flat.fieldIdOf(table, field));
      child = id >= 0 ? this.tree.wrapId(id) : null;
    } else {
      const raw = this.live().childForFieldName(field);
      child = raw ? this.tree.wrap(raw) : null;
    }
    if (child && child.knownParent === undefined) child.knownParent = this;
    fields.push(field, child);
    return child;
  }

  descendantsOfType(types: string | string[]): SyntaxNode[] {
    const table = this.bulk();
    if (!table) return this.tree.wrapAll(this.live().descendantsOfType(types));
    const list = typeof types === 'string' ? [types] : types;
    // As web-tree-sitter 0.25, which finds only ERROR nodes when ERROR is among the types asked for.
    const asked = list.includes('ERROR') ? ['ERROR'] : list;
    return this.wrapIds(flat.descendantsOfType(table, this.id, this.tree.maskOf(asked)), false);
  }
}
