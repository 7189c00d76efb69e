import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

describe('P702 logic-in-notebook', () => {
  it('fires on transformation functions defined in a source notebook', async () => {
    const nb = notebook(
      'from pyspark.sql import DataFrame',
      'def parse(df_raw: DataFrame) -> DataFrame:\n    return df_raw.select("body")',
      'def add_cols(df):\n    return df.withColumn("a", F.lit(1))\n\ndef fmt(x):\n    return str(x)',
    );
    expect(await linesOf('P702', { 'jobs/n.py': nb })).toEqual([6, 11]);
  });

  it('fires once per StatefulProcessor class, at handleInputRows, not at init, close and helpers', async () => {
    const nb = notebook(
      [
        'class Sessions(StatefulProcessor):',
        '    def init(self, handle):',
        '        self.n = handle.getValueState("n", "n long", 60000)',
        '    def _bump(self, k):',
        '        return k + 1',
        '    def handleInputRows(self, key, rows, timerValues):',
        '        yield from rows',
        '    def close(self):',
        '        pass',
        'df = spark.readStream.table("main.s.events").withWatermark("ts", "1 minute")',
        'out = df.groupBy("k").transformWithStateInPandas(statefulProcessor=Sessions(), outputStructType=s, outputMode="Append", timeMode="None")',
        'out.writeStream.toTable("main.s.sessions")',
      ].join('\n'),
    );
    expect(await linesOf('P702', { 'jobs/n.py': nb })).toEqual([7]);
  });

  it('does not fire in modules, markdown cells, comments or strings', async () => {
    const module = 'def parse(df_raw: DataFrame) -> DataFrame:\n    return df_raw.select("body")\n';
    const nb = notebook(
      '# MAGIC %md\n# MAGIC ```python\n# MAGIC def parse(df: DataFrame) -> DataFrame:\n# MAGIC ```',
      '# def parse(df: DataFrame) -> DataFrame:\nsnippet = "def parse(df: DataFrame) -> DataFrame: ..."',
    );
    expect(await linesOf('P702', { 'src/pipeline/parse.py': module, 'jobs/n.py': nb })).toEqual([]);
  });

  it('does not judge a notebook run by hand (a tutorial); does once a job runs it or it reads job parameters', async () => {
    const tutorial = notebook('def add_cols(df):\n    return df.withColumn("a", F.lit(1))', 'display(add_cols(spark.read.table("main.s.t")))\nadd_cols(spark.read.table("main.s.t")).write.saveAsTable("main.s.u")');
    expect(await linesOf('P702', { 'demo/04-features.py': tutorial })).toEqual([]);
    expect(await linesOf('P701', { 'demo/04-features.py': tutorial })).toEqual([]);
    const parameterised = tutorial.replace('def add_cols', 'env = dbutils.widgets.get("env")\ndef add_cols');
    expect(await linesOf('P702', { 'demo/04-features.py': parameterised })).toEqual([3]);
    const job = JSON.stringify({ name: 'features', tasks: [{ task_key: 'f', notebook_task: { notebook_path: '../demo/04-features' } }] });
    expect(await linesOf('P701', { 'demo/04-features.py': tutorial, 'resources/features.json': job })).toEqual([2]);
  });

  it('is suppressed file-wide from the first cell', async () => {
    const nb = notebook('# remediation: ignore-file[P7]', 'def parse(df: DataFrame) -> DataFrame:\n    return df');
    expect(await linesOf('P702', { 'n.py': nb })).toEqual([]);
  });

  it('fires in .ipynb notebooks at the real file line', async () => {
    const nb = ipynb([
      { type: 'markdown', source: '# Bars\ndef not_code(df: DataFrame) -> DataFrame: ...' },
      { type: 'code', source: 'import pandas as pd\n\ndef to_bars(pdf: pd.DataFrame) -> pd.DataFrame:\n    return pdf' },
    ]);
    expect(await linesOf('P702', { 'jobs/n.ipynb': nb })).toEqual([lineContaining(nb, 'def to_bars')]);
  });
});
