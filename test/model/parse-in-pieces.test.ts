import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/file-analysis.js';
import { buildFlatTree, type FlatTree } from '../../src/model/flat-tree.js';
import { parseInPieces, pieceStarts } from '../../src/model/parse-in-pieces.js';
import { loadPythonParser, type PythonParser } from '../../src/model/python-parser.js';
import { FLAT_TREE_MIN_CHARS, SyntaxTree } from '../../src/model/syntax-tree.js';

const fixture = fileURLToPath(new URL('../../examples/spymaster', import.meta.url));
const SEP = '# COMMAND ----------';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The Python the engine parses for each fixture source notebook. */
function fixtureNotebooks(): string[] {
  return filesUnder(fixture)
    .filter((p) => p.endsWith('.py'))
    .map((p) => buildModel({ path: p, content: readFileSync(p, 'utf8') }, 5_000_000).model)
    .flatMap((model) => (model.kind === 'code' && model.python && model.fileKind === 'python-notebook' ? [model.python.text] : []));
}

/** The table of one parse of the whole source. */
function wholeTable(parser: PythonParser, source: string): FlatTree {
  const raw = parser.parse(source)!;
  try {
    return buildFlatTree(raw, source);
  } finally {
    raw.delete();
  }
}

/** Every column of two tables, as plain arrays (a mismatch shows which column and row). */
function columns(t: FlatTree) {
  const { count, kind, field, start, end, parent, subtreeEnd, flags, lineStarts } = t;
  return { count, kind: [...kind], field: [...field], start: [...start], end: [...end], parent: [...parent], subtreeEnd: [...subtreeEnd], flags: [...flags], lineStarts: [...lineStarts] };
}

const cells = (...bodies: string[]): string => `# Databricks notebook source\n${bodies.join(`\n\n${SEP}\n\n`)}\n`;

/** Cells that read alone as they read together. */
const WHOLE_CELLS = [
  cells('import os', 'def f(x):\n    return x\n    # trailing, inside the block', 'class K:\n    def m(self):\n        pass\n            # deeper', 'y = f(1)'),
  cells('', 'x = 1  # c', '', '@dec\ndef g():\n    """doc"""\n    if x:\n        pass\n    else:\n        pass', 'for r in rows:\n    print(r)'),
  cells('a = 1\r\nb = f(x,\r\n  y)  # c\r', 'z = "é😀" + f"{a!r}"'),
  `\ufeff${cells('x = 1', 'try:\n    g()\nexcept E:\n    pass', '    # an indented comment opens this cell\nw = 2')}`,
  cells('s = """\nmany\nlines\n"""', 't = (1,\n     2)', 'u = x \\\n    + 1'),
  // A backslash joins the separator to its block in the whole source: no piece starts there.
  `def f():\n    x = 1 \\\n${SEP}\ny = 2\n${SEP}\nz = 3\n`,
];

/** Cells cut through a statement, or starting indented: the whole source must be parsed in one go. */
const CUT_CELLS = [
  cells('s = """open', 'still in the string"""'),
  cells('t = f(1,', '2)'),
  cells('@dec', 'def g():\n    pass'),
  cells('if x:\n    pass', 'else:\n    pass'),
  cells('def f():\n    x = 1', '    y = 2'),
  cells('x = (1 +', ')'),
];

describe('parse in pieces', () => {
  it('reads each fixture notebook cut at every separator into the table of the whole parse', async () => {
    const parser = await loadPythonParser();
    const notebooks = fixtureNotebooks();
    expect(notebooks.length).toBeGreaterThanOrEqual(5);
    for (const text of notebooks) {
      expect(pieceStarts(text, 1).length).toBeGreaterThan(2);
      const pieces = parseInPieces((s) => parser.parse(s), text, 1);
      expect(pieces).toBeDefined();
      expect(columns(pieces!)).toEqual(columns(wholeTable(parser, text)));
    }
  });

  it('agrees on blocks closed by a separator, comments at a block end, CRLF, a BOM, empty cells and continued lines', async () => {
    const parser = await loadPythonParser();
    for (const text of WHOLE_CELLS) {
      const pieces = parseInPieces((s) => parser.parse(s), text, 1);
      expect(pieces, text).toBeDefined();
      expect(columns(pieces!)).toEqual(columns(wholeTable(parser, text)));
    }
  });

  it('gives up when a cell cuts a string, a bracket, a decorated or compound statement, or starts indented', async () => {
    const parser = await loadPythonParser();
    for (const text of CUT_CELLS) expect(parseInPieces((s) => parser.parse(s), text, 1), text).toBeUndefined();
    // A parser that fails on a piece: no table either.
    expect(parseInPieces(() => undefined, WHOLE_CELLS[0], 1)).toBeUndefined();
  });

  it('cuts at separator lines only, at least a piece apart, and not a source without one', () => {
    const text = cells(...Array.from({ length: 50 }, (_, i) => `x_${i} = ${i}`));
    const starts = pieceStarts(text, 100);
    expect(starts[0]).toBe(0);
    for (let i = 1; i < starts.length; i++) {
      expect(text.startsWith(SEP, starts[i])).toBe(true);
      expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(100);
    }
    expect(starts.length).toBeGreaterThan(5);
    expect(pieceStarts('x = 1\n'.repeat(1000), 100)).toEqual([0]);
    // Not after a line ending in a backslash (LF or CRLF): only the separator after `y = 2` starts a piece.
    const continued = `x = 1 \\\n${SEP}\ny = 2\r\n${SEP}\nz = 3 \\\r\n${SEP}\n`;
    expect(pieceStarts(continued, 1)).toEqual([0, continued.indexOf('y = 2\r\n') + 'y = 2\r\n'.length]);
  });
});

describe('SyntaxTree.parse of a large notebook', () => {
  const big = (body: string): string => cells(...Array.from({ length: Math.ceil(FLAT_TREE_MIN_CHARS / body.length) + 1 }, (_, i) => body.replaceAll('$', String(i))));

  it('hands the parser pieces, not the whole source, and reads the same table', async () => {
    const parser = await loadPythonParser();
    const text = big('df_$ = spark.readStream.table("c.s.t$")\nq_$ = df_$.groupBy("k").count()\n');
    const lengths: number[] = [];
    const tree = SyntaxTree.parse({ parse: (s) => (lengths.push(s.length), parser.parse(s)) }, text)!;
    expect(Math.max(...lengths)).toBeLessThan(text.length / 2);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(text.length);
    expect(columns(tree.table!)).toEqual(columns(wholeTable(parser, text)));
    tree.delete();
  });

  it('parses the whole source when a piece does not read alone (here a syntax error)', async () => {
    const parser = await loadPythonParser();
    const text = `${big('v_$ = $\n')}${SEP}\n\nx = (1 +\n`;
    const lengths: number[] = [];
    const tree = SyntaxTree.parse({ parse: (s) => (lengths.push(s.length), parser.parse(s)) }, text)!;
    expect(lengths[lengths.length - 1]).toBe(text.length);
    expect(columns(tree.table!)).toEqual(columns(wholeTable(parser, text)));
    tree.delete();
  });
});
