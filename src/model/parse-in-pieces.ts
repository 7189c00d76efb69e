/**
 * A large Databricks notebook parsed a group of cells at a time into one bulk table
 * (flat-tree.ts). web-tree-sitter's wasm memory grows to hold the largest tree it parsed and never
 * shrinks: the whole 5 MB notebook grew it by about 215 MB, kept for the life of the process,
 * while a 64 K piece needs a few. Each piece's tree is copied into the table and freed before the
 * next is parsed.
 *
 * The pieces stand for the whole only when each is whole: a piece starts at a cell separator
 * (`# COMMAND ----------`, a comment at column 0, where the scanner of the whole source closes
 * every open block too) that no backslash joins to the line before, has no syntax error (a
 * string, bracket or compound statement cut by the separator would be one), and each of its
 * top-level statements starts at column 0 (a cell that starts indented is an error in the whole
 * source). Anything else, and the caller parses the source in one go, as before. Tests compare
 * the pieces' table with the whole parse's, node for node (test/fuzz/parse-in-pieces.test.ts).
 */
import type { Tree } from 'web-tree-sitter';
import { FlatTreeBuilder, languageNames, type FlatTree } from './flat-tree.js';

const SEPARATOR = '\n# COMMAND ----------';

/** Characters of a piece, at least (it ends at the next separator after them). */
export const PIECE_CHARS = 64 * 1024;

/**
 * Where the pieces start: offset 0, then the line of the first separator after every `pieceChars`.
 * Not after a line ending in a backslash: it would join the separator to the line before it in the
 * whole source, inside that line's block, and alone that piece would read without an error.
 */
export function pieceStarts(source: string, pieceChars = PIECE_CHARS): number[] {
  const starts = [0];
  let from = pieceChars - 1;
  for (;;) {
    const at = source.indexOf(SEPARATOR, from);
    if (at < 0) return starts;
    from = at + 1;
    if (endsContinued(source, at)) continue;
    starts.push(at + 1);
    from = at + pieceChars;
  }
}

/** The line ending at `newline` ends in a backslash (before a `\r` too). */
function endsContinued(source: string, newline: number): boolean {
  const last = source[newline - 1] === '\r' ? newline - 2 : newline - 1;
  return source[last] === '\\';
}

/** The table of `source` read piece by piece, or undefined when the pieces would not read as the whole does. */
export function parseInPieces(parse: (text: string) => Tree | undefined, source: string, pieceChars = PIECE_CHARS): FlatTree | undefined {
  const starts = pieceStarts(source, pieceChars);
  if (starts.length < 2) return undefined;
  let builder: FlatTreeBuilder | undefined;
  let root = -1;
  for (let i = 0; i < starts.length; i++) {
    const offset = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : source.length;
    const tree = parse(source.slice(offset, end));
    if (!tree) return undefined;
    try {
      const top = tree.rootNode;
      if (top.hasError) return undefined;
      if (!builder) {
        // Sized from the first piece's density, so the arrays grow seldom if ever.
        const expected = (top.descendantCount * source.length) / Math.max(1, end) + 1;
        builder = new FlatTreeBuilder(source, languageNames(tree.language), Math.ceil(expected * 1.05));
        root = builder.addNode(top.typeId, top.startIndex, source.length, -1);
      }
      builder.reserve(top.descendantCount, ((builder.count + top.descendantCount) * source.length) / end);
      if (!addTopLevel(builder, tree, offset, root, i > 0)) return undefined;
    } finally {
      tree.delete();
    }
  }
  builder!.closeNode(root);
  return builder!.finish();
}

/** The top-level nodes of a piece's tree, under the one root; false when one starts indented after a separator. */
function addTopLevel(builder: FlatTreeBuilder, tree: Tree, offset: number, root: number, afterSeparator: boolean): boolean {
  const cursor = tree.walk();
  try {
    if (!cursor.gotoFirstChild()) return true;
    do {
      if (afterSeparator && cursor.nodeType !== 'comment' && cursor.startPosition.column !== 0) return false;
      builder.addSubtree(cursor, offset, root);
    } while (cursor.gotoNextSibling());
    return true;
  } finally {
    cursor.delete();
  }
}
