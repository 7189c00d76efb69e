import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

describe('P801 path-sink', () => {
  it('fires on streaming and batch writes to storage paths, resolving constants and f-strings', async () => {
    const nb = notebook(
      'LAKE_ROOT = "abfss://lake@acct.dfs.core.windows.net"\nSILVER_PATH = f"{LAKE_ROOT}/silver/bars"',
      'df = spark.readStream.table("main.bronze.a")',
      'q = (df.writeStream\n    .option("checkpointLocation", "/Volumes/main/cp/a")\n    .start(SILVER_PATH))',
      'spark.read.table("main.bronze.a").write.format("delta").mode("append").save("s3://bucket/gold")',
      'df.writeStream.format("delta").option("path", "/mnt/lake/x").start()',
    );
    expect(await linesOf('P801', { 'n.py': nb })).toEqual([13, 17, 21]);
  });

  it('fires inside foreachBatch functions whose DataFrame is a parameter', async () => {
    const src = 'GOLD = "dbfs:/gold/features"\n\ndef write_batch(batch_df, batch_id):\n    batch_df.write.format("delta").mode("append").save(GOLD)\n';
    expect(await linesOf('P801', { 'src/sinks.py': src })).toEqual([4]);
  });

  it('does not fire on a path under an external location the notebook declares (SQL variables and f-strings alike)', async () => {
    const nb = notebook(
      'bucket = "s3a://lake-demo"',
      "# MAGIC %sql\n# MAGIC CREATE EXTERNAL LOCATION IF NOT EXISTS `demo_loc` URL '${bucket}/external_location/' WITH (CREDENTIAL `c`)",
      'df = spark.read.table("main.a.b")\ndf.write.format("csv").save(f"{bucket}/external_location/out")\ndf.write.format("csv").save("s3a://other-bucket/out")',
    );
    expect(await linesOf('P801', { 'n.py': nb })).toEqual([13]);
  });

  it('does not fire on table writes, volumes, message sinks, markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC df.writeStream.start("abfss://lake@acct.dfs.core.windows.net/x")',
      'df = spark.readStream.table("main.bronze.a")',
      'df.writeStream.toTable("main.silver.a")\ndf.writeStream.format("eventhubs").options(**conf).start()',
      'df.writeStream.format("delta").start("/Volumes/main/raw/vol/out")\ndf.writeStream.start("dbfs:/Volumes/main/raw/vol/out2")',
      '# df.writeStream.start("/mnt/lake/x")\nexample = "df.writeStream.start(\'/mnt/lake/x\')"',
    );
    expect(await linesOf('P801', { 'n.py': nb })).toEqual([]);
  });

  it('is suppressed file-wide by ignore-file[P8] in the first cell', async () => {
    const nb = notebook('# remediation: ignore-file[P8]', 'df = spark.readStream.table("a.b.c")\ndf.writeStream.start("/mnt/x")');
    expect(await linesOf('P801', { 'n.py': nb })).toEqual([]);
  });

  it('points at the real line of an .ipynb file', async () => {
    const nb = ipynb([
      { type: 'code', source: 'df = spark.readStream.table("main.bronze.a")' },
      { type: 'code', source: 'q = (df.writeStream\n    .start("gs://bucket/out"))' },
    ]);
    expect(await linesOf('P801', { 'n.ipynb': nb })).toEqual([lineContaining(nb, '.start(')]);
  });
});
