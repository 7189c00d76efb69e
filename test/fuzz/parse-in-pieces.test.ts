/**
 * A notebook read cell by cell must give the table of one parse of the whole, or nothing (and
 * then it is parsed whole): lines of Python that open and close blocks, brackets, strings and
 * backslash continuations, cut by separators anywhere, with LF or CRLF.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFlatTree, type FlatTree } from '../../src/model/flat-tree.js';
import { parseInPieces } from '../../src/model/parse-in-pieces.js';
import { loadPythonParser, type PythonParser } from '../../src/model/python-parser.js';
import { fixtureCells, fuzzTimeout, runs, SNIPPETS } from '../helpers/fuzz.js';

const SEP = '# COMMAND ----------';

const LINES = [
  'x = 1', 'def f():', 'class K:', '    y = 2', '        z = 3', '    # at 4', '# at 0', '        # at 8', 'if a:', 'else:', 'elif b:', 'try:',
  'except E:', 'finally:', '    pass', '        pass', 'x = 1 \\', '    x = 1 \\', '    # at 4 \\', 's = """', '"""', 't = (1,', ')', '@dec',
  'for i in r:', 'while 1:', '    return', 'with a as b:', '\tq = 1', 'x = 1;', '', '  ', 'match v:', '    case 1:', 'f"{a}"', 'print(1)  # t',
  'async def g():', '    await h()', 'from a import (b,', '  c)',
];

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

function rows(t: FlatTree): string {
  return JSON.stringify([t.count, ...[t.kind, t.field, t.start, t.end, t.parent, t.subtreeEnd, t.flags, t.lineStarts].map((column) => [...column])]);
}

function whole(source: string): string {
  const raw = parser.parse(source)!;
  try {
    return rows(buildFlatTree(raw, source));
  } finally {
    raw.delete();
  }
}

const CASES = runs(3000);

describe('fuzz: parsing a notebook in pieces', () => {
  it(`gives the whole parse's table or none, whatever the separators cut (${CASES} cases)`, () => {
    const line = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...LINES) }, { weight: 3, arbitrary: fc.constant(SEP) }, { weight: 1, arbitrary: fc.constantFrom(...SNIPPETS, ...fixtureCells()) });
    let pieced = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 2, maxLength: 14 }), fc.boolean(), fc.boolean(), (lines, crlf, lastNewline) => {
        const eol = crlf ? '\r\n' : '\n';
        const source = lines.map((l) => l.replaceAll('\n', eol)).join(eol) + (lastNewline ? eol : '');
        const table = parseInPieces((s) => parser.parse(s), source, 1);
        if (!table) return;
        pieced++;
        expect(rows(table)).toBe(whole(source));
      }),
      { numRuns: CASES, seed: 16 },
    );
    // Enough cases read in pieces for the property to say something.
    expect(pieced).toBeGreaterThan(CASES / 20);
  }, fuzzTimeout());
});
