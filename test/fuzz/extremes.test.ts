/**
 * Encodings and sizes at the edges: CRLF, lone CR, BOM, NUL bytes, invalid UTF-8, a 10 MB
 * line, 100 000 nested brackets in JSON, YAML and Python. Big inputs run in a worker thread
 * with a time budget, so a super-linear step fails the test instead of hanging the suite.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { EngineOptions } from '../../src/engine/api-types.js';
import type { Finding, InputFile } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';
import { EngineWorker } from '../helpers/budget.js';
import { expectSoundFindings, fixtureCells, fixturesEnding, fuzzTimeout, runs, SNIPPETS, sourceNotebook } from '../helpers/fuzz.js';

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

const encoder = new TextEncoder();

/** What must not depend on how lines end or whether a BOM is there. */
function located(findings: Finding[]): string[] {
  return findings.map((f) => `${f.path} ${f.rule} ${f.line}:${f.column}-${f.endLine} ${f.fingerprint}`);
}

const ENCODINGS = runs(100);
const BYTES = runs(100);

describe('fuzz: line endings, BOM, NUL and invalid UTF-8', () => {
  it(`CRLF, lone CR and a BOM change no finding, in notebooks, .ipynb and job files (${ENCODINGS} cases)`, () => {
    const notebook = fc.array(fc.constantFrom(...SNIPPETS, ...fixtureCells()), { minLength: 1, maxLength: 6 }).map((cells) => ({ path: 'nb/n.py', text: sourceNotebook(cells) }));
    const seed = fc.oneof(notebook, fc.constantFrom(...fixturesEnding(/\.(ipynb|json|ya?ml)$/)));
    const variant = fc.constantFrom('crlf', 'cr', 'bom', 'bom-crlf', 'bytes-crlf');
    fc.assert(
      fc.property(seed, variant, ({ path, text }, kind) => {
        const changed = kind === 'cr' ? text.replace(/\n/g, '\r') : kind === 'bom' ? `\uFEFF${text}` : kind === 'bom-crlf' ? `\uFEFF${text.replace(/\n/g, '\r\n')}` : text.replace(/\n/g, '\r\n');
        const content = kind === 'bytes-crlf' ? encoder.encode(changed) : changed;
        const plain = engine.scan([{ path, content: text }]).findings;
        const other = engine.scan([{ path, content }]).findings;
        expectSoundFindings([{ path, content }], other);
        expect(located(other)).toEqual(located(plain));
      }),
      { numRuns: ENCODINGS },
    );
  }, fuzzTimeout());

  it(`NUL bytes anywhere and invalid UTF-8, as strings and as bytes (${BYTES} cases)`, () => {
    const seed = fc.constantFrom(...fixturesEnding(/\.(py|ipynb|json|ya?ml)$/));
    const junk = fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => bytes.map((b) => (b < 0x80 ? b | 0x80 : b)));
    fc.assert(
      fc.property(seed, fc.nat(), junk, fc.boolean(), fc.boolean(), ({ path, text }, at, invalid, nul, asBytes) => {
        const bytes = encoder.encode(text);
        const cut = at % (bytes.length + 1);
        const inserted = nul ? new Uint8Array([0, ...invalid]) : invalid;
        const content = new Uint8Array([...bytes.subarray(0, cut), ...inserted, ...bytes.subarray(cut)]);
        const file: InputFile = { path, content: asBytes ? content : new TextDecoder().decode(content) };
        expectSoundFindings([file], engine.scan([file]).findings);
      }),
      { numRuns: BYTES },
    );
  }, fuzzTimeout());

  it('a NUL byte makes a text file binary: one notice, nothing else', () => {
    const files = [
      { path: 'a.py', content: 'x = 1\n\u0000\ndf = spark.readStream.table("a")\ndf.groupBy("k").count()\n' },
      { path: 'b.py', content: new Uint8Array([...encoder.encode('x = 1\n'), 0, ...encoder.encode('y = 2\n')]) },
    ];
    const findings = engine.scan(files).findings.filter((f) => f.rule !== 'P703');
    expect(findings.map((f) => [f.path, f.rule, f.line])).toEqual([
      ['a.py', 'P000', 1],
      ['b.py', 'P000', 1],
    ]);
  });
});

const MB = 1024 * 1024;
const TEN_MB = 'a'.repeat(10 * MB);
const DEEP = 100_000;
/** Large enough that 10 MB files are analysed rather than skipped. */
const NO_LIMIT: EngineOptions = { maxFileBytes: 64 * MB };

interface Extreme {
  name: string;
  files: InputFile[];
  options?: EngineOptions;
  /** Wall-clock budget in the worker; generous, as a fixed bound on linear work. */
  budgetMs: number;
  /** Rules that must be among the findings (e.g. the cannot-analyse notice). */
  expectRules?: string[];
}

const nb = (...cells: string[]): string => sourceNotebook(cells);

const EXTREMES: Extreme[] = [
  { name: 'a 10 MB single-line module, over the default limit: skipped', files: [{ path: 'm.py', content: `x = "${TEN_MB}"` }], budgetMs: 5_000, expectRules: ['P000'] },
  { name: 'a 10 MB string literal in a module', files: [{ path: 'm.py', content: `x = "${TEN_MB}"\n` }], options: NO_LIMIT, budgetMs: 20_000 },
  { name: 'a 10 MB %sql MAGIC line', files: [{ path: 'n.py', content: nb(`# MAGIC %sql\n# MAGIC SELECT '${TEN_MB}'`) }], options: NO_LIMIT, budgetMs: 20_000 },
  { name: 'a 10 MB SQL file line', files: [{ path: 'q.sql', content: `SELECT * FROM t WHERE x = '${TEN_MB}'` }], options: NO_LIMIT, budgetMs: 20_000 },
  { name: 'a 10 MB .ipynb source line', files: [{ path: 'n.ipynb', content: JSON.stringify({ cells: [{ cell_type: 'code', source: [`x = "${TEN_MB}"`] }] }) }], options: NO_LIMIT, budgetMs: 20_000 },
  { name: 'a 10 MB job JSON value', files: [{ path: 'j.json', content: JSON.stringify({ name: TEN_MB, tasks: [{ task_key: 't', notebook_task: { notebook_path: TEN_MB } }] }) }], options: NO_LIMIT, budgetMs: 20_000 },
  { name: 'a 10 MB bundle YAML scalar', files: [{ path: 'databricks.yml', content: `resources:\n  jobs:\n    j:\n      name: ${TEN_MB}\n` }], options: NO_LIMIT, budgetMs: 20_000 },
  { name: '100 000 nested [ in job JSON', files: [{ path: 'j.json', content: `{"tasks": ${'['.repeat(DEEP)}` }], budgetMs: 5_000, expectRules: ['P000'] },
  { name: '100 000 nested [ in an .ipynb', files: [{ path: 'n.ipynb', content: `{"cells": [{"source": ${'['.repeat(DEEP)}` }], budgetMs: 5_000, expectRules: ['P000'] },
  { name: '100 000 nested [ in bundle YAML', files: [{ path: 'databricks.yml', content: `a: ${'['.repeat(DEEP)}` }], budgetMs: 5_000, expectRules: ['P000'] },
  { name: '2 000 nested block levels in bundle YAML', files: [{ path: 'databricks.yml', content: Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}- a:`).join('\n') }], budgetMs: 5_000, expectRules: ['P000'] },
  { name: '100 000 nested, balanced Python parentheses', files: [{ path: 'm.py', content: `x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)}\n` }], budgetMs: 5_000 },
  { name: '100 000 nested Python lists', files: [{ path: 'm.py', content: `x = ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n` }], budgetMs: 5_000 },
  { name: '100 000 unclosed Python parentheses', files: [{ path: 'm.py', content: `x = ${'('.repeat(DEEP)}\n` }], budgetMs: 5_000 },
  { name: '100 000 nested parentheses around a stream in a notebook', files: [{ path: 'n.py', content: nb('df = spark.readStream.table("a")', `y = ${'('.repeat(DEEP)}df.groupBy("k").count()${')'.repeat(DEEP)}`) }], budgetMs: 5_000 },
  { name: '20 000 nested calls', files: [{ path: 'm.py', content: `x = ${'f('.repeat(20_000)}1${')'.repeat(20_000)}\n` }], budgetMs: 5_000 },
  { name: 'a 10 000-link method chain with string arguments (120 kB)', files: [{ path: 'm.py', content: `x = spark.readStream.table("a")${'.filter("x")'.repeat(10_000)}\n` }], budgetMs: 5_000 },
  { name: 'a 10 000-term string concatenation (60 kB)', files: [{ path: 'm.py', content: `x = ${Array.from({ length: 10_000 }, () => '"a"').join(' + ')}\n` }], budgetMs: 5_000 },
  { name: '100 000 blank lines in a YAML file that names resources', files: [{ path: 'conf/x.yml', content: `resources:\n${'\n'.repeat(DEEP)}x: 1\n` }], budgetMs: 5_000 },
  { name: 'a 100 kB dotted string literal', files: [{ path: 'm.py', content: `x = "${'a.'.repeat(50_000)}"\n` }], budgetMs: 5_000 },
];

describe('extreme inputs, each within a time budget', () => {
  const worker = new EngineWorker();
  afterAll(() => worker.stop());

  for (const c of EXTREMES) {
    it(`${c.name} (${c.budgetMs / 1000} s budget)`, async () => {
      const outcome = await worker.scan(c.files, c.budgetMs, c.options);
      expect(outcome.finished, `${c.name}: no answer within ${c.budgetMs} ms`).toBe(true);
      expect(outcome.value?.error).toBeUndefined();
      const findings = outcome.value?.findings ?? [];
      expectSoundFindings(c.files, findings);
      for (const rule of c.expectRules ?? []) expect(findings.map((f) => f.rule)).toContain(rule);
    }, 90_000);
  }
});
