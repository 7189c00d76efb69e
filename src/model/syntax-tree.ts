/**
 * A memoising view of a web-tree-sitter tree. Every read of a web-tree-sitter node crosses
 * into wasm and allocates a fresh `Node`, and facts, lineage and rules read the same nodes
 * (a call's function, its arguments, identifiers) many times over. Here each node is wrapped
 * once per tree (keyed by its id) and each property is read from wasm at most once.
 * Values are exactly those of the underlying nodes; only the number of crossings changes.
 */
import type { Node, Point, Tree } from 'web-tree-sitter';
import { lineStartsOf, pointAtOffset } from './text.js';

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  private readonly nodes = new Map<number, SyntaxNode>();
  private lineStarts: number[] | undefined;

  constructor(private readonly raw: Tree, readonly source: string) {
    this.rootNode = this.wrap(raw.rootNode);
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

  /** Frees the wasm tree. Wrappers keep what they already read; nothing more can be read. */
  delete(): void {
    this.raw.delete();
    for (const node of this.nodes.values()) node.unlink();
    this.nodes.clear();
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

  constructor(raw: Node, private readonly tree: SyntaxTree) {
    this.raw = raw;
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

  /** The web-tree-sitter node; reading a freed tree is an error here rather than a read of freed memory. */
  private live(): Node {
    if (!this.raw) throw new Error('syntax tree already freed');
    return this.raw;
  }

  get type(): string {
    return (this.typeName ??= this.live().type);
  }

  get endIndex(): number {
    if (this.end === UNREAD) this.end = this.live().endIndex;
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
    return (this.error ??= this.live().hasError);
  }

  get namedChildren(): SyntaxNode[] {
    return (this.named ??= this.tree.wrapAll(this.live().namedChildren, this));
  }

  get children(): SyntaxNode[] {
    return (this.all ??= this.tree.wrapAll(this.live().children, this));
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
      const next = this.live().nextNamedSibling;
      this.nextNamed = next ? this.tree.wrap(next) : null;
    }
    return this.nextNamed;
  }

  get parent(): SyntaxNode | null {
    if (this.knownParent === undefined) {
      const parent = this.live().parent;
      this.knownParent = parent ? this.tree.wrap(parent) : null;
    }
    return this.knownParent;
  }

  childForFieldName(field: string): SyntaxNode | null {
    const fields = (this.fields ??= []);
    for (let i = 0; i < fields.length; i += 2) if (fields[i] === field) return fields[i + 1] as SyntaxNode | null;
    const raw = this.live().childForFieldName(field);
    const child = raw ? this.tree.wrap(raw) : null;
    if (child && child.knownParent === undefined) child.knownParent = this;
    fields.push(field, child);
    return child;
  }

  descendantsOfType(types: string | string[]): SyntaxNode[] {
    return this.tree.wrapAll(this.live().descendantsOfType(types));
  }
}
