import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

describe('P804 dbfs-mount', () => {
  it('fires on mount calls (once, with their mount_point) and on /mnt paths', async () => {
    const nb = notebook(
      'dbutils.fs.mount(\n    source="abfss://lake@acct.dfs.core.windows.net/",\n    mount_point="/mnt/lake",\n    extra_configs=configs,\n)',
      'df = spark.read.json("/mnt/lake/landing")\nout = "dbfs:/mnt/lake/out"',
    );
    expect(await linesOf('P804', { 'n.py': nb })).toEqual([2, 10, 11]);
  });

  it('fires on /mnt locations in SQL files and %sql cells', async () => {
    expect(await linesOf('P804', { 'ddl.sql': "CREATE TABLE main.a.b\nLOCATION '/mnt/lake/b';\n" })).toEqual([2]);
    const nb = notebook('x = 1', "# MAGIC %sql\n# MAGIC SELECT * FROM json.`/mnt/lake/x`\n# MAGIC LIMIT 1", "# MAGIC %sql\n# MAGIC CREATE TABLE t LOCATION 'dbfs:/mnt/lake/t'");
    expect(await linesOf('P804', { 'n.py': nb })).toEqual([7, 13]);
  });

  it('does not fire on volumes, markdown, comments, docstrings or strings that only mention the API', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC Data used to live under `/mnt/lake` (`dbutils.fs.mount`).',
      'df = spark.read.json("/Volumes/main/raw/landing")\n# dbutils.fs.mount(source=s, mount_point="/mnt/x")\nnote = "we removed dbutils.fs.mount"',
      'def f():\n    """Formerly read /mnt/lake/x."""\n    return 1',
    );
    expect(await linesOf('P804', { 'n.py': nb })).toEqual([]);
  });

  it('does not fire on a mount path searched for in text, only on one used', async () => {
    const nb = notebook('managed = not location.startswith("dbfs:/mnt/") and location.replace("/mnt/", "") != ""', 'spark.read.json(location.replace("/tmp/", "/mnt/lake/"))');
    expect(await linesOf('P804', { 'n.py': nb })).toEqual([6]);
  });

  it('is suppressed by ignore-file[P8] in the first cell and by -- comments in SQL', async () => {
    const nb = notebook('# remediation: ignore-file[P8]', 'df = spark.read.json("/mnt/lake/landing")');
    expect(await linesOf('P804', { 'n.py': nb })).toEqual([]);
    expect(await linesOf('P804', { 'ddl.sql': "-- remediation: ignore[dbfs-mount]\nCREATE TABLE t LOCATION '/mnt/t';\n" })).toEqual([]);
  });

  it('points at the real line of an .ipynb file', async () => {
    const nb = ipynb([{ type: 'code', source: 'x = 1\nrows = spark.read.csv("/mnt/lake/ref.csv")' }]);
    expect(await linesOf('P804', { 'n.ipynb': nb })).toEqual([lineContaining(nb, '/mnt/lake/ref.csv')]);
  });
});
