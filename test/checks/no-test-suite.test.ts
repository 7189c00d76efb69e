import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';
import { ipynb } from '../helpers/ipynb.js';

const NB = notebook('df = spark.readStream.table("main.bronze.a")', 'df.writeStream.toTable("main.silver.a")');

describe('P703 no-test-suite', () => {
  it('fires once, anchored to the repository (`.`), when there is no pytest suite', async () => {
    const findings = (await scanFiles({ 'jobs/b.py': NB, 'jobs/a.py': NB, 'src/util.py': 'X = 1\n' })).filter((f) => f.rule === 'P703');
    expect(findings.map((f) => [f.path, f.line])).toEqual([['.', 1]]);
    expect(findings[0].message).toContain('No pytest suite found');
  });

  it('keeps its identity when a file that sorts first is added or the first file is renamed', async () => {
    const before = (await scanFiles({ 'jobs/b.py': NB })).find((f) => f.rule === 'P703');
    const added = (await scanFiles({ 'jobs/b.py': NB, 'aaa_helpers.py': 'df = spark.readStream.table("x")\n' })).find((f) => f.rule === 'P703');
    const renamed = (await scanFiles({ 'jobs/c.py': NB })).find((f) => f.rule === 'P703');
    expect(added?.fingerprint).toBe(before?.fingerprint);
    expect(renamed?.fingerprint).toBe(before?.fingerprint);
  });

  it('fires for a module that reads a stream and for an .ipynb notebook', async () => {
    expect(await linesOf('P703', { 'src/stream.py': 'df = spark.readStream.format("kafka").load()\n' })).toEqual([1]);
    expect(await linesOf('P703', { 'n.ipynb': ipynb([{ type: 'code', source: 'x = 1' }]) })).toEqual([1]);
  });

  it('does not fire when a pytest suite exists', async () => {
    expect(await linesOf('P703', { 'jobs/a.py': NB, 'tests/test_a.py': 'def test_a():\n    assert True\n' })).toEqual([]);
    expect(await linesOf('P703', { 'jobs/a.py': NB, 'tests/conftest.py': 'import pytest\n' })).toEqual([]);
  });

  it('does not fire without pipeline code (plain modules, SQL files, batch code)', async () => {
    const files = { 'src/util.py': 'def f(x):\n    return x\n', 'sql/ddl.sql': 'CREATE TABLE main.a.b (id INT);\n', 'src/batch.py': 'spark.read.table("main.a.b").count()\n' };
    expect(await linesOf('P703', files)).toEqual([]);
  });

  it('is ignored through the configuration (it belongs to no file)', async () => {
    const findings = await scanFiles({ 'jobs/a.py': NB }, { ignores: [{ selector: 'no-test-suite', reason: 'tested elsewhere' }] });
    expect(findings.filter((f) => f.rule === 'P703').map((f) => f.suppressed)).toEqual([true]);
  });
});
