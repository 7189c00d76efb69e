import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

describe('P802 path-source', () => {
  it('fires on Delta reads by path, with or without an explicit format, at the .load line', async () => {
    const nb = notebook(
      'SILVER = "abfss://lake@acct.dfs.core.windows.net/silver"',
      'df = (spark.readStream\n    .format("delta")\n    .load(SILVER))',
      'ref = spark.read.load("/mnt/lake/reference")\nopt = spark.read.format("delta").option("path", "/data/x").load()',
      'df.join(ref.join(opt, "k"), "k").writeStream.toTable("main.gold.x")',
    );
    expect(await linesOf('P802', { 'n.py': nb })).toEqual([8, 12, 13]);
  });

  it('does not fire on a path read only looked at (display, a count), whose records go nowhere', async () => {
    const nb = notebook('display(spark.read.format("delta").load("/Volumes/main/a/v/delta"))\nn = spark.read.load("/data/x").count()');
    expect(await linesOf('P802', { 'n.py': nb })).toEqual([]);
  });

  it('does not fire on table reads, file or message formats, markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC spark.read.format("delta").load("/mnt/x")',
      'a = spark.readStream.table("main.silver.a")\nb = spark.read.format("json").load("/Volumes/main/raw/v/json")\nc = spark.readStream.format("kafka").option("subscribe", "t").load()',
      'd = spark.readStream.format("cloudFiles").option("cloudFiles.format", "json").load("/Volumes/main/raw/v")\ne = spark.read.parquet("/mnt/x")',
      '# spark.read.format("delta").load("/mnt/x")\ns = "spark.read.format(\'delta\').load(\'/mnt/x\')"',
    );
    expect(await linesOf('P802', { 'n.py': nb })).toEqual([]);
  });

  it('is suppressed by a comment on the line above and by ignore-file[P8]', async () => {
    const above = notebook('# remediation: ignore[path-source]\ndf = spark.read.format("delta").load("/data/x")');
    expect(await linesOf('P802', { 'a.py': above })).toEqual([]);
    const fileWide = notebook('# remediation: ignore-file[P8]', 'df = spark.read.format("delta").load("/data/x")');
    expect(await linesOf('P802', { 'b.py': fileWide })).toEqual([]);
  });

  it('points at the real line of an .ipynb file', async () => {
    const nb = ipynb([{ type: 'code', source: 'x = 1\ndf = spark.readStream.format("delta").load("/data/bronze")\ndf.writeStream.toTable("main.silver.t")' }]);
    expect(await linesOf('P802', { 'n.ipynb': nb })).toEqual([lineContaining(nb, '.load(')]);
  });
});
