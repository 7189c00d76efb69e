import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const suppressed = async (rule: string, files: Record<string, string>) =>
  (await scanFiles(files)).filter((f) => f.rule === rule && f.suppressed).map((f) => f.line);

describe('P201 legacy-stateful-api', () => {
  it('fires on applyInPandasWithState at the method name line', async () => {
    const nb = notebook(
      'from pyspark.sql.streaming.state import GroupStateTimeout',
      'df = spark.readStream.table("main.raw.events")\nout = (df\n    .groupBy("k")\n    .applyInPandasWithState(\n        fn, schema, state_schema, "append", GroupStateTimeout.ProcessingTimeTimeout))',
    );
    expect(await linesOf('P201', { 'n.py': nb })).toEqual([9]);
  });

  it('fires on batch and plain modules too, and on flatMapGroupsWithState', async () => {
    const src = 'def build(df):\n    return df.groupBy("k").flatMapGroupsWithState(fn, "append", "NoTimeout")\n';
    expect(await linesOf('legacy-stateful-api', { 'lib/build.py': src })).toEqual([2]);
  });

  it('does not fire in markdown, comments, strings, on a local function of the same name, or on the new API', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC State is kept with `df.groupBy("k").applyInPandasWithState(fn, ...)`.',
      '# TODO: migrate df.groupBy("k").applyInPandasWithState(fn) away\ns = "df.groupBy(1).applyInPandasWithState(f)"',
      'def applyInPandasWithState(x):\n    return x\napplyInPandasWithState(1)',
      'df = spark.readStream.table("a.b.c")\nout = df.groupBy("k").transformWithStateInPandas(statefulProcessor=P(), outputStructType=s, outputMode="Append", timeMode="None")',
    );
    expect(await linesOf('P201', { 'n.py': nb })).toEqual([]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const nb = notebook(
      'df = spark.readStream.table("a.b.c")\n# remediation: ignore[P201]\na = df.groupBy("k").applyInPandasWithState(f, s, t, "append", "NoTimeout")',
      'b = df.groupBy("k").applyInPandasWithState(f, s, t, "append", "NoTimeout")  # remediation: ignore[legacy-stateful-api]',
    );
    expect(await linesOf('P201', { 'n.py': nb })).toEqual([]);
    expect(await suppressed('P201', { 'n.py': nb })).toEqual([4, 8]);
  });
});
