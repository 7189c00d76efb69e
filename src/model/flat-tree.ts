/**
 * A syntax tree read back from web-tree-sitter in bulk: one pre-order walk with a `TreeCursor`
 * fills typed arrays (kind, field, span, parent, subtree end), and every later read is an array
 * lookup in JavaScript (a point: a search of the line starts). Reading node by node through
 * web-tree-sitter crosses into wasm and allocates a `Node` per read; that was 83 % of fact
 * extraction time.
 *
 * Nodes are numbered in pre-order, so a node's descendants are the ids from `id + 1` to
 * `subtreeEnd[id]` (exclusive): the first child is `id + 1` when the node has children and the
 * next sibling is `subtreeEnd[id]` when it lies inside the parent. Those two links are derived,
 * not stored (8 bytes per node less); so are rows and columns, found from the offsets when asked
 * (8 bytes less again: 17 MB for 5 MB of Python). Offsets are the parser's: UTF-16 code units, as `String.slice`.
 */
import type { Language, Point, Tree, TreeCursor } from 'web-tree-sitter';
import { lineStartsOf, pointAtOffset } from './text.js';

/** Type and field names of a grammar, read from wasm once per language. */
export interface LanguageNames {
  /** By node type id; 65535 is tree-sitter's built-in `ERROR`. */
  readonly types: readonly string[];
  readonly named: Uint8Array;
  /** By field id (0 is "no field"). */
  readonly fields: readonly (string | null)[];
  readonly fieldIds: ReadonlyMap<string, number>;
}

export interface FlatTree {
  readonly source: string;
  readonly count: number;
  readonly kind: Uint16Array;
  /** One byte a node when the grammar has fewer than 256 fields (Python has about 30). */
  readonly field: Uint8Array | Uint16Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** -1 for the root. */
  readonly parent: Int32Array;
  readonly subtreeEnd: Int32Array;
  /** NAMED | MISSING | HAS_ERROR bits. */
  readonly flags: Uint8Array;
  readonly lineStarts: Uint32Array;
  readonly names: LanguageNames;
}

export const NAMED = 1;
export const MISSING = 2;
export const HAS_ERROR = 4;
const ERROR_ID = 65535;

const namesByLanguage = new WeakMap<Language, LanguageNames>();

export function languageNames(language: Language): LanguageNames {
  const known = namesByLanguage.get(language);
  if (known) return known;
  const types: string[] = [];
  const named = new Uint8Array(ERROR_ID + 1);
  for (let id = 0; id < language.nodeTypeCount; id++) {
    types[id] = language.nodeTypeForId(id) ?? '';
    named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
  }
  types[ERROR_ID] = 'ERROR';
  named[ERROR_ID] = 1;
  const fields: (string | null)[] = [null];
  const fieldIds = new Map<string, number>();
  for (let id = 1; id <= language.fieldCount; id++) {
    const name = language.fieldNameForId(id);
    fields[id] = name;
    if (name) fieldIds.set(name, id);
  }
  const names = { types, named, fields, fieldIds };
  namesByLanguage.set(language, names);
  return names;
}

/** Reads the whole tree once. `source` is the string the tree was parsed from. */
export function buildFlatTree(tree: Tree, source: string): FlatTree {
  // One crossing sizes every array exactly.
  const builder = new FlatTreeBuilder(source, languageNames(tree.language), tree.rootNode.descendantCount);
  const cursor = tree.walk();
  try {
    builder.addSubtree(cursor, 0, -1);
  } finally {
    cursor.delete();
  }
  return builder.finish();
}

type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array;

/** A copy of `column` with room for `size` values. */
function grown<T extends Column>(column: T, size: number): T {
  const copy = new (column.constructor as new (size: number) => T)(size);
  copy.set(column);
  return copy;
}

/** Fills the table's arrays node by node in pre-order, from one tree or from several read in turn. */
export class FlatTreeBuilder {
  private kind: Uint16Array;
  private field: Uint8Array | Uint16Array;
  private start: Uint32Array;
  private end: Uint32Array;
  private parent: Int32Array;
  private subtreeEnd: Int32Array;
  private flags: Uint8Array;
  private capacity: number;
  count = 0;

  constructor(readonly source: string, readonly names: LanguageNames, capacity: number) {
    this.capacity = capacity;
    this.kind = new Uint16Array(capacity);
    this.field = names.fields.length <= 256 ? new Uint8Array(capacity) : new Uint16Array(capacity);
    this.start = new Uint32Array(capacity);
    this.end = new Uint32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.subtreeEnd = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** Room for `more` nodes; when the arrays must grow, they grow to `expected` nodes if that is more. */
  reserve(more: number, expected = 0): void {
    const needed = this.count + more;
    if (needed <= this.capacity) return;
    const size = Math.max(needed, Math.ceil(expected));
    [this.kind, this.field, this.start, this.end] = [grown(this.kind, size), grown(this.field, size), grown(this.start, size), grown(this.end, size)];
    [this.parent, this.subtreeEnd, this.flags] = [grown(this.parent, size), grown(this.subtreeEnd, size), grown(this.flags, size)];
    this.capacity = size;
  }

  /** A node read from no tree (the root of a source read in pieces); `closeNode` ends its subtree. */
  addNode(type: number, from: number, to: number, parentId: number): number {
    if (this.count >= this.capacity) throw new Error('syntax tree has more nodes than it counted');
    const id = this.count++;
    this.kind[id] = type;
    this.field[id] = 0;
    this.start[id] = from;
    this.end[id] = to;
    this.parent[id] = parentId;
    this.flags[id] = (this.names.named[type] ? NAMED : 0) | (type === ERROR_ID ? HAS_ERROR : 0);
    return id;
  }

  closeNode(id: number): void {
    this.subtreeEnd[id] = this.count;
  }

  /**
   * The subtree at the cursor, its offsets moved by `offset`, under `parentId` (-1: it is the root).
   * The cursor ends where it started.
   */
  addSubtree(cursor: TreeCursor, offset: number, parentId: number): void {
    const open: number[] = [];
    for (;;) {
      const from = cursor.startIndex + offset;
      const to = cursor.endIndex + offset;
      const id = this.addNode(cursor.nodeTypeId, from, to, open.length > 0 ? open[open.length - 1] : parentId);
      this.field[id] = cursor.currentFieldId;
      // Only an empty node can be a missing token: ask wasm just for those.
      if (from === to && cursor.nodeIsMissing) this.flags[id] |= MISSING | HAS_ERROR;
      if (cursor.gotoFirstChild()) {
        open.push(id);
        continue;
      }
      this.closeNode(id);
      for (;;) {
        if (open.length === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        this.closeNode(open.pop() as number);
      }
    }
  }

  finish(): FlatTree {
    const { count, parent, flags } = this;
    // An error anywhere below a node marks it, as tree-sitter's `hasError` does.
    for (let id = count - 1; id > 0; id--) if (flags[id] & HAS_ERROR) flags[parent[id]] |= HAS_ERROR;
    // Views of the first `count` values: arrays grown to an estimate keep their few spare rows.
    const cut = <T extends Column>(column: T): T => (column.length === count ? column : (column.subarray(0, count) as T));
    return {
      source: this.source, count, kind: cut(this.kind), field: cut(this.field), start: cut(this.start), end: cut(this.end),
      parent: cut(parent), subtreeEnd: cut(this.subtreeEnd), flags: cut(flags), lineStarts: Uint32Array.from(lineStartsOf(this.source)), names: this.names,
    };
  }
}

export const typeOf = (t: FlatTree, id: number): string => t.names.types[t.kind[id]];
export const textOf = (t: FlatTree, id: number): string => t.source.slice(t.start[id], t.end[id]);
export const isNamed = (t: FlatTree, id: number): boolean => (t.flags[id] & NAMED) !== 0;
export const hasError = (t: FlatTree, id: number): boolean => (t.flags[id] & HAS_ERROR) !== 0;
export const fieldNameOf = (t: FlatTree, id: number): string | null => t.names.fields[t.field[id]] ?? null;
/** 0 when the grammar has no such field (no node carries field 0 as a name). */
export const fieldIdOf = (t: FlatTree, name: string): number => t.names.fieldIds.get(name) ?? 0;

/** Points of offsets: rows count `\n` only, as tree-sitter's do, and columns are UTF-16 units, as web-tree-sitter's. */
export const startPointOf = (t: FlatTree, id: number): Point => pointAtOffset(t.lineStarts, t.start[id]);

export const endPointOf = (t: FlatTree, id: number): Point => pointAtOffset(t.lineStarts, t.end[id]);

/** -1 when the node has no children. */
export const firstChildOf = (t: FlatTree, id: number): number => (id + 1 < t.subtreeEnd[id] ? id + 1 : -1);

/** -1 for the last child (and the root). */
export function nextSiblingOf(t: FlatTree, id: number): number {
  const up = t.parent[id];
  if (up < 0) return -1;
  const next = t.subtreeEnd[id];
  return next < t.subtreeEnd[up] ? next : -1;
}

export function childrenOf(t: FlatTree, id: number): number[] {
  const out: number[] = [];
  for (let c = firstChildOf(t, id); c >= 0; c = nextSiblingOf(t, c)) out.push(c);
  return out;
}

export function namedChildrenOf(t: FlatTree, id: number): number[] {
  const out: number[] = [];
  for (let c = firstChildOf(t, id); c >= 0; c = nextSiblingOf(t, c)) if (t.flags[c] & NAMED) out.push(c);
  return out;
}

/** The first child carrying the field, as `childForFieldName`; -1 when none (or `fieldId` is 0). */
export function childForField(t: FlatTree, id: number, fieldId: number): number {
  if (fieldId === 0) return -1;
  for (let c = firstChildOf(t, id); c >= 0; c = nextSiblingOf(t, c)) if (t.field[c] === fieldId) return c;
  return -1;
}

/** A lookup by type id for a set of type names (several ids may share one name). */
export function typeMask(t: FlatTree, types: readonly string[]): Uint8Array {
  const wanted = new Set(types);
  const mask = new Uint8Array(ERROR_ID + 1);
  t.names.types.forEach((name, id) => {
    if (wanted.has(name)) mask[id] = 1;
  });
  return mask;
}

/** Descendants of `id` (the node itself included, as web-tree-sitter's) whose type is in the mask, in pre-order. */
export function descendantsOfType(t: FlatTree, id: number, mask: Uint8Array): number[] {
  const out: number[] = [];
  const kind = t.kind;
  for (let d = id, last = t.subtreeEnd[id]; d < last; d++) if (mask[kind[d]]) out.push(d);
  return out;
}
