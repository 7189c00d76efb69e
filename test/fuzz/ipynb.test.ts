/**
 * `.ipynb` notebooks: valid ones with sources as strings or line lists, ones with values of the
 * wrong type or missing fields, and truncated or otherwise broken JSON.
 */
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { InputFile } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';
import { anyText, expectSoundFindings, fixtureCells, fixturesEnding, fuzzTimeout, mutate, mutationArb, runs, SNIPPETS } from '../helpers/fuzz.js';

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

function scanAndCheck(files: InputFile[]): void {
  expectSoundFindings(files, engine.scan(files).findings);
}

const code = fc.array(fc.oneof(fc.constantFrom(...SNIPPETS, ...fixtureCells().slice(0, 20), '%sql SELECT 1', '%run ./x', '%md # t', '!ls', '%pip install x'), anyText), { maxLength: 5 }).map((parts) => parts.join('\n'));

/** A cell's `source`: one string, Jupyter's list of lines, or something that is not text at all. */
const source = fc.oneof(
  { weight: 3, arbitrary: code },
  { weight: 3, arbitrary: code.map((text) => text.split('\n').map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line))) },
  { weight: 1, arbitrary: fc.array(fc.oneof(code, fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const cell = fc.record(
  {
    cell_type: fc.oneof(fc.constantFrom('code', 'markdown', 'raw'), fc.jsonValue({ maxDepth: 1 })),
    source,
    metadata: fc.oneof(fc.constant({}), fc.jsonValue({ maxDepth: 2 })),
    outputs: fc.oneof(fc.constant([]), fc.jsonValue({ maxDepth: 2 })),
    execution_count: fc.oneof(fc.constant(null), fc.integer()),
  },
  { requiredKeys: ['cell_type', 'source'] },
);

const language = fc.oneof(fc.constantFrom('python', 'sql', 'scala', 'r', 'SQL', ''), fc.jsonValue({ maxDepth: 1 }));
const metadata = fc.oneof(
  fc.record({ language_info: fc.record({ name: language }) }),
  fc.record({ kernelspec: fc.record({ language }) }),
  fc.record({ 'application/vnd.databricks.v1+notebook': fc.record({ language }, { requiredKeys: [] }) }),
  fc.jsonValue({ maxDepth: 2 }),
);

const notebook = fc.record(
  {
    cells: fc.oneof({ weight: 6, arbitrary: fc.array(cell, { maxLength: 8 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
    metadata,
    nbformat: fc.oneof(fc.constant(4), fc.jsonValue({ maxDepth: 1 })),
    nbformat_minor: fc.constant(5),
  },
  { requiredKeys: [] },
);

const VALID = runs(200);
const BROKEN = runs(200);
const FIXTURE = runs(100);

describe('fuzz: .ipynb notebooks', () => {
  it(`generated notebooks, well-formed JSON with odd content (${VALID} cases)`, () => {
    fc.assert(
      fc.property(notebook, fc.constantFrom<number | string | undefined>(undefined, 1, 2, '\t'), (nb, indent) => {
        scanAndCheck([{ path: 'exploration/n.ipynb', content: JSON.stringify(nb, null, indent) }]);
      }),
      { numRuns: VALID },
    );
  }, fuzzTimeout());

  it(`generated notebooks with broken JSON: cut, re-encoded, edited (${BROKEN} cases)`, () => {
    fc.assert(
      fc.property(notebook, fc.array(mutationArb(['"source": [', '"cells": {', ']]]', '{"cell_type": "code", "source": "x = (']), { minLength: 1, maxLength: 5 }), (nb, mutations) => {
        scanAndCheck([{ path: 'n.ipynb', content: mutate(JSON.stringify(nb, null, 1), mutations) }]);
      }),
      { numRuns: BROKEN },
    );
  }, fuzzTimeout());

  it(`the fixture notebook, mutated (${FIXTURE} cases)`, () => {
    const [seed] = fixturesEnding(/\.ipynb$/);
    fc.assert(
      fc.property(fc.array(mutationArb(), { minLength: 1, maxLength: 8 }), (mutations) => {
        scanAndCheck([{ path: seed.path, content: mutate(seed.text, mutations) }]);
      }),
      { numRuns: FIXTURE },
    );
  }, fuzzTimeout());
});
