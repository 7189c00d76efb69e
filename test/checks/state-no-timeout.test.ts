import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const suppressed = async (rule: string, files: Record<string, string>) =>
  (await scanFiles(files)).filter((f) => f.rule === rule && f.suppressed).map((f) => f.line);

describe('P202 state-no-timeout', () => {
  it('fires on GroupStateTimeout.NoTimeout given as timeoutConf, at the value line', async () => {
    const nb = notebook(
      'from pyspark.sql.streaming.state import GroupStateTimeout',
      [
        'df = spark.readStream.table("main.raw.events")',
        'out = df.groupBy("k").applyInPandasWithState(',
        '    fn,',
        '    outputStructType=schema,',
        '    stateStructType=state_schema,',
        '    outputMode="append",',
        '    timeoutConf=GroupStateTimeout.NoTimeout,',
        ')',
      ].join('\n'),
    );
    expect(await linesOf('P202', { 'n.py': nb })).toEqual([12]);
  });

  it('fires on the string "NoTimeout" as keyword or fifth positional argument, batch or stream', async () => {
    const src = [
      'def a(df):',
      '    return df.groupBy("k").applyInPandasWithState(fn, s, t, "append", timeoutConf="NoTimeout")',
      'def b(df):',
      '    return df.groupBy("k").applyInPandasWithState(fn, s, t, "append", "NoTimeout")',
      '',
    ].join('\n');
    expect(await linesOf('state-no-timeout', { 'lib/state.py': src })).toEqual([2, 4]);
  });

  it('does not fire on a real timeout, in markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC We use `timeoutConf=GroupStateTimeout.NoTimeout` today.',
      '# timeoutConf=GroupStateTimeout.NoTimeout\nprint("GroupStateTimeout.NoTimeout")\nlabel = "NoTimeout"',
      'df = spark.readStream.table("a.b.c")\nout = df.groupBy("k").applyInPandasWithState(fn, s, t, "append", timeoutConf=GroupStateTimeout.ProcessingTimeTimeout)',
      'out2 = df.groupBy("k").applyInPandasWithState(fn, s, t, "append", GroupStateTimeout.EventTimeTimeout)',
    );
    expect(await linesOf('P202', { 'n.py': nb })).toEqual([]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const nb = notebook(
      [
        'df = spark.readStream.table("a.b.c")',
        'out = df.groupBy("k").applyInPandasWithState(',
        '    fn, s, t, "append",',
        '    # remediation: ignore[P202]',
        '    timeoutConf=GroupStateTimeout.NoTimeout,',
        ')',
        'out2 = df.groupBy("k").applyInPandasWithState(fn, s, t, "append", GroupStateTimeout.NoTimeout)  # remediation: ignore[state-no-timeout]',
      ].join('\n'),
    );
    expect(await linesOf('P202', { 'n.py': nb })).toEqual([]);
    expect(await suppressed('P202', { 'n.py': nb })).toEqual([6, 8]);
  });
});
