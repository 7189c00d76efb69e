/**
 * Source notebooks, plain modules and SQL files, broken in the ways real files break: the
 * engine must not throw, and every finding must point inside its file.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { InputFile } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';
import { expectSoundFindings, fixtureCells, fixturesEnding, fuzzTimeout, mutate, mutationArb, runs, SNIPPETS, sourceNotebook } from '../helpers/fuzz.js';

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

const cells = fixtureCells();
const notebooks = fixturesEnding(/\.py$/);
const paths = ['backend/databricks/streaming/rt__x.py', 'jobs/helpers.py', 'tests/test_x.py', 'x.sql', 'n.ipynb.py', 'lib/mod.py'];

function scanAndCheck(files: InputFile[]): void {
  const result = engine.scan(files);
  expectSoundFindings(files, result.findings);
}

const MUTATED_FIXTURES = runs(150);
const GENERATED = runs(150);
const MODULES = runs(100);
const REPOS = runs(40);

describe('fuzz: source notebooks', () => {
  it(`mutated fixture notebooks (${MUTATED_FIXTURES} cases)`, () => {
    const arb = fc.record({
      seed: fc.constantFrom(...notebooks),
      mutations: fc.array(mutationArb(), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(arb, ({ seed, mutations }) => {
        scanAndCheck([{ path: seed.path, content: mutate(seed.text, mutations) }]);
      }),
      { numRuns: MUTATED_FIXTURES },
    );
  }, fuzzTimeout());

  it(`notebooks assembled from fixture cells and snippets, then mutated (${GENERATED} cases)`, () => {
    const arb = fc.record({
      cells: fc.array(fc.constantFrom(...cells, ...SNIPPETS), { minLength: 0, maxLength: 10 }),
      mutations: fc.array(mutationArb(SNIPPETS), { maxLength: 5 }),
      path: fc.constantFrom(...paths),
      bytes: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ cells: chosen, mutations, path, bytes }) => {
        const text = mutate(sourceNotebook(chosen), mutations);
        scanAndCheck([{ path, content: bytes ? new TextEncoder().encode(text) : text }]);
      }),
      { numRuns: GENERATED },
    );
  }, fuzzTimeout());

  it(`plain modules, SQL files and SQL notebooks (${MODULES} cases)`, () => {
    const sqlCell = fc.constantFrom(
      'SELECT * FROM a.b WHERE x IS NULL',
      "CREATE TABLE t USING delta LOCATION 'abfss://c@a.dfs.core.windows.net/t'",
      "-- remediation: ignore[P8]\nINSERT INTO s.t SELECT 'x'",
      "SELECT 'unterminated",
      '/* open comment',
      '`quoted ident',
      'SET spark.sql.shuffle.partitions = 8;',
    );
    const arb = fc.oneof(
      fc.record({ path: fc.constantFrom('lib/m.py', 'tests/test_m.py', 'conftest.py'), body: fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 8 }).map((s) => s.join('\n')), mutations: fc.array(mutationArb(SNIPPETS), { maxLength: 6 }) }),
      fc.record({ path: fc.constant('sql/ddl.sql'), body: fc.array(sqlCell, { maxLength: 8 }).map((s) => s.join(';\n')), mutations: fc.array(mutationArb(), { maxLength: 6 }) }),
      fc.record({
        path: fc.constant('nb/q.sql'),
        body: fc.array(fc.oneof(sqlCell, fc.constant('-- MAGIC %python\n-- MAGIC df = spark.readStream.table("a.b.c")\n-- MAGIC df.groupBy("k").count()')), { maxLength: 6 }).map((s) => `-- Databricks notebook source\n${s.join('\n\n-- COMMAND ----------\n\n')}`),
        mutations: fc.array(mutationArb(['-- MAGIC %sql', '-- MAGIC %python', '-- COMMAND ----------', '-- remediation: ignore[P3]']), { maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ path, body, mutations }) => {
        scanAndCheck([{ path, content: mutate(body, mutations) }]);
      }),
      { numRuns: MODULES },
    );
  }, fuzzTimeout());

  it(`whole mutated repositories: notebooks, %run includes, jobs and bundles together, in any order (${REPOS} cases)`, () => {
    const all = fixturesEnding(/\.(py|ipynb|json|ya?ml)$/);
    const arb = fc.record({
      picked: fc.shuffledSubarray(all, { minLength: 1 }),
      mutations: fc.array(fc.record({ file: fc.nat(), mutations: fc.array(mutationArb(), { minLength: 1, maxLength: 4 }) }), { maxLength: 4 }),
      include: fc.boolean(),
      order: fc.func(fc.integer()),
    });
    fc.assert(
      fc.property(arb, ({ picked, mutations, include, order }) => {
        const files: InputFile[] = picked.map((f) => ({ path: f.path, content: f.text }));
        for (const m of mutations) {
          const file = files[m.file % files.length];
          file.content = mutate(String(file.content), m.mutations);
        }
        // Notebooks that include each other (and themselves) must not loop.
        if (include) {
          files.push({ path: 'nb/a.py', content: sourceNotebook(['# MAGIC %run ./b', 'x = spark.readStream.table("a.b.c")']) });
          files.push({ path: 'nb/b.py', content: sourceNotebook(['# MAGIC %run ./a', '# MAGIC %run ./b', 'y = x.groupBy("k").count()']) });
        }
        scanAndCheck(files);
        // The order files arrive in (walk order, API order) must not change any finding.
        const shuffled = [...files].sort((a, b) => order(a.path) - order(b.path) || (a.path < b.path ? -1 : 1));
        expect(engine.scan(shuffled).findings).toEqual(engine.scan(files).findings);
      }),
      { numRuns: REPOS },
    );
  }, fuzzTimeout());
});
