/**
 * A view of a web-tree-sitter tree. Every read of a web-tree-sitter node crosses into wasm and
 * allocates a fresh `Node`, and facts, lineage and rules read the same nodes (a call's function,
 * its arguments, identifiers) many times over. For a source below FLAT_TREE_MIN_CHARS each node
 * is wrapped once per tree (keyed by its id) and each property is read from wasm at most once;
 * a larger source is read in bulk and its nodes are table nodes (table-node.ts).
 * Values are exactly those of the underlying nodes; only the number of crossings changes.
 */
import type { Node, Point, Tree } from 'web-tree-sitter';
import { lineStartsOf, pointAtOffset } from './text.js';
import * as flat from './flat-tree.js';
import { SyntaxNode } from './syntax-node.js';
import { TableNode, type TableOwner } from './table-node.js';
import { parseInPieces } from './parse-in-pieces.js';
import type { PythonParser } from './python-parser.js';

export { SyntaxNode };

/**
 * Sources from this many UTF-16 units up are read back in bulk (src/model/flat-tree.ts) and their
 * wasm tree freed at once: node by node, the largest notebooks kept a web-tree-sitter node and a
 * wrapper per node read (about 560 MB for 5 MB of Python). Below it, reading only the nodes
 * asked for is quicker than reading every node (`npm run bench:tree`).
 */
export const FLAT_TREE_MIN_CHARS = 256 * 1024;

export class SyntaxTree implements TableOwner {
  readonly rootNode: SyntaxNode;
  private readonly nodes = new Map<number, WasmNode>();
  private lineStarts: number[] | undefined;
  /** @internal The bulk copy, for large sources; the wasm tree is gone then. */
  table: flat.FlatTree | undefined;
  private raw: Tree | undefined;
  private readonly masks = new Map<string, Uint8Array>();

  /**
   * The tree of `source`, undefined when the parser cannot read it. A large notebook is read a
   * group of cells at a time when its cells read alone as they do together (parse-in-pieces.ts).
   */
  static parse(parser: PythonParser, source: string): SyntaxTree | undefined {
    const pieces = source.length >= FLAT_TREE_MIN_CHARS ? parseInPieces((text) => parser.parse(text), source) : undefined;
    if (pieces) return new SyntaxTree(pieces, source);
    const raw = parser.parse(source);
    return raw ? new SyntaxTree(raw, source) : undefined;
  }

  /** From a wasm tree (freed at once when read in bulk) or from a table already read. */
  constructor(raw: Tree | flat.FlatTree, readonly source: string, bulk = source.length >= FLAT_TREE_MIN_CHARS) {
    if ('names' in raw) {
      this.table = raw;
      this.rootNode = new TableNode(0, this);
    } else if (bulk) {
      this.table = flat.buildFlatTree(raw, source);
      raw.delete();
      this.rootNode = new TableNode(0, this);
    } else {
      this.raw = raw;
      this.rootNode = this.wrap(raw.rootNode);
    }
  }

  /** @internal A mask of node types of the bulk copy, made once per list. */
  maskOf(types: readonly string[]): Uint8Array {
    const key = types.join(',');
    let mask = this.masks.get(key);
    if (!mask) this.masks.set(key, (mask = flat.typeMask(this.table!, types)));
    return mask;
  }

  /** The one wrapper of a node of this tree (read node by node). */
  wrap(node: Node): SyntaxNode {
    let wrapped = this.nodes.get(node.id);
    if (!wrapped) {
      wrapped = new WasmNode(node, this);
      this.nodes.set(node.id, wrapped);
    }
    return wrapped;
  }

  /** @internal */
  wrapAll(nodes: (Node | null)[], parent?: WasmNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const node of nodes) {
      if (!node) continue;
      const wrapped = this.wrap(node) as WasmNode;
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
    this.nodes.clear();
    this.masks.clear();
  }
}

const UNREAD = -1;

/** A wasm node, each property read at most once. */
class WasmNode extends SyntaxNode {
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
    super(raw.id);
    this.raw = raw;
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
    const child = raw ? (this.tree.wrap(raw) as WasmNode) : null;
    if (child && child.knownParent === undefined) child.knownParent = this;
    fields.push(field, child);
    return child;
  }

  descendantsOfType(types: string | string[]): SyntaxNode[] {
    return this.tree.wrapAll(this.live().descendantsOfType(types));
  }
}
