import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';

describe('P101 missing-watermark', () => {
  it('fires on a groupBy aggregation of a stream across cells and reassignments', async () => {
    const nb = notebook(
      'df = spark.readStream.format("delta").load("/x")',
      'df2 = df.withColumn("a", F.lit(1))\nagg = (df2\n    .groupBy("k")\n    .count())',
    );
    expect(await linesOf('P101', { 'n.py': nb })).toEqual([9]);
  });
  it('does not fire with a watermark upstream, on batch reads, or in markdown', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC df.groupBy("k").count()',
      'df = spark.readStream.table("a.b.c").withWatermark("ts", "1 minute")\nagg = df.groupBy("k").count()',
      'b = spark.read.table("a.b.c")\nb.groupBy("k").count()',
      '# df.groupBy("k").count()\ns = "spark.readStream.load().groupBy(1).count()"',
    );
    expect(await linesOf('P101', { 'n.py': nb })).toEqual([]);
  });
});
