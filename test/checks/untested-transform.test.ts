import { describe, expect, it } from 'vitest';
import { getEngine, linesOf, notebook, toInputs, type Files } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

const MODULE = [
  'from pyspark.sql import DataFrame, functions as F', // 1
  '',
  'def parse_events(df_raw: DataFrame) -> DataFrame:', // 3
  '    return df_raw.select("body")',
  '',
  'def add_session_date(df):', // 6
  '    return df.withColumn("session_date", F.to_date("event_time"))',
  '',
  'def update_book(key, pdfs, state):', // 9
  '    yield from pdfs',
  '',
  'def helper(x):', // 12
  '    return x + 1',
  '',
  'def outer(df: DataFrame) -> DataFrame:', // 15
  '    def inner(d: DataFrame) -> DataFrame:',
  '        return d.select("a")',
  '    return inner(df)',
  '',
  'stream = spark.readStream.table("main.bronze.events")',
  'out = stream.groupBy("k").applyInPandasWithState(update_book, "k string", "k string", "append", "NoTimeout")',
  '',
].join('\n');

/** P701 lines of a pull request from `base` to `head` (findings still open in head). */
async function prLines(base: Files, head: Files): Promise<number[]> {
  const result = (await getEngine()).diff({ base: toInputs(base), head: toInputs(head) });
  return result.findings.filter((f) => f.rule === 'P701' && f.status !== 'resolved' && !f.suppressed).map((f) => f.line);
}

describe('P701 untested-transform', () => {
  it('fires in a PR that adds transformation functions no test names, at the def line', async () => {
    expect(await prLines({}, { 'src/pipeline/transforms.py': MODULE })).toEqual([3, 6, 9, 15]);
  });

  it('a method reading through its object (`self.spark.table`) is not a transformation; one handed a DataFrame is', async () => {
    const module = [
      'from pyspark.sql import functions as F',
      'class OffsetManager:',
      '    def __init__(self, spark):',
      '        self.spark = spark',
      '    def get_last_offset(self, table: str) -> int:', // 5
      '        return self.spark.table("main.etl.offsets").filter(F.col("t") == table).count()',
      '    def tag(self, df):', // 7
      '        return df.withColumn("tagged", F.lit(True))',
      '    @staticmethod',
      '    def clean(df):', // 10
      '        return df.filter(F.col("a").isNotNull())',
    ].join('\n');
    expect(await prLines({}, { 'src/pipeline/offsets.py': module })).toEqual([7, 10]);
  });

  it('a function untested at the base stays `existing` when the PR edits its body or comments it', async () => {
    const head = MODULE.replace('F.to_date("event_time")', 'F.to_date("ts")').replace('def helper(x):', '# a helper\ndef helper(x):');
    const result = (await getEngine()).diff({ base: toInputs({ 'src/pipeline/transforms.py': MODULE }), head: toInputs({ 'src/pipeline/transforms.py': head }) });
    const p701 = result.findings.filter((f) => f.rule === 'P701');
    expect(p701.map((f) => [f.line, f.status])).toEqual([
      [3, 'existing'],
      [6, 'existing'],
      [9, 'existing'],
      [16, 'existing'],
    ]);
  });

  it('a function the PR adds is new; one a new test references is resolved', async () => {
    const added = `${MODULE}\ndef drop_nulls(df: DataFrame) -> DataFrame:\n    return df.dropna()\n`;
    const test = 'from pipeline.transforms import parse_events\n\ndef test_parse(spark):\n    assert parse_events(spark.range(1)) is not None\n';
    const result = (await getEngine()).diff({ base: toInputs({ 'src/pipeline/transforms.py': MODULE }), head: toInputs({ 'src/pipeline/transforms.py': added, 'tests/test_t.py': test }) });
    const p701 = result.findings.filter((f) => f.rule === 'P701');
    expect(p701.filter((f) => f.status === 'new').map((f) => f.message)).toEqual([expect.stringContaining('`drop_nulls`')]);
    expect(p701.filter((f) => f.status === 'resolved').map((f) => f.message)).toEqual([expect.stringContaining('`parse_events`')]);
  });

  it('does not take I/O wrappers for transformations: a loader taking no frame, a saver returning nothing', async () => {
    const io = [
      'import pandas as pd',
      'from pyspark.sql import DataFrame',
      'def load_silver(spark) -> pd.DataFrame:', // 3: takes no frame
      '    return spark.read.table("main.silver.x").toPandas()',
      'def save_gold(df: DataFrame) -> None:', // 5: writes what it is given
      '    df.write.mode("overwrite").saveAsTable("main.gold.x")',
      'def enrich_and_save(df: DataFrame) -> DataFrame:', // 7: transforms, writes, and hands on
      '    out = df.withColumn("y", df.x)',
      '    out.write.saveAsTable("main.gold.y")',
      '    return out',
    ].join('\n');
    expect(await linesOf('P701', { 'src/pipeline/io.py': io })).toEqual([7]);
  });

  it('takes a function that computes a new frame from the one it is given and writes that for logic, not I/O', async () => {
    const offsets = [
      'import pandas as pd',
      'class Offsets:',
      '    def update_offset(self, table, pk, df):', // 3: computes the offset from df, writes another frame
      '        if df.count() == 0:',
      '            return',
      '        max_pk = df.agg({pk: "max"}).first()[0]',
      '        out = self.spark.createDataFrame([(table, max_pk)], ["table_name", "last_offset"])',
      '        out.write.format("delta").mode("append").saveAsTable(self.path)',
      '    def save(self, df):', // 9: writes what it is given
      '        df.write.mode("append").saveAsTable(self.path)',
      '    def save_rows(self, rows: pd.DataFrame):', // 11: writes what it is given, converted
      '        spark_df = spark.createDataFrame(rows)',
      '        spark_df.write.mode("overwrite").saveAsTable(self.path)',
      'def rows(spark, table):', // 14: the file reads a table, so it is not data generation
      '    return spark.read.table(table)',
    ].join('\n');
    expect(await linesOf('P701', { 'src/pipeline/offsets.py': offsets })).toEqual([3]);
  });

  it('reports in a full scan too (the tracking issue counts these)', async () => {
    expect(await linesOf('P701', { 'src/pipeline/transforms.py': MODULE })).toEqual([3, 6, 9, 15]);
  });

  it('does not fire for functions a test references, nor for functions in test files', async () => {
    const test = 'from pipeline.transforms import parse_events, update_book\n\ndef test_parse(spark):\n    assert parse_events(spark.range(1)) is not None\n';
    const helperInTest = 'def make_frame(df: DataFrame) -> DataFrame:\n    return df.select("a")\n';
    const head = { 'src/pipeline/transforms.py': MODULE, 'tests/test_transforms.py': test, 'tests/helpers.py': helperInTest };
    expect(await prLines({}, head)).toEqual([6, 15]);
  });

  it('does not fire on functions shown in markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC def parse(df: DataFrame) -> DataFrame:\n# MAGIC     return df',
      '# def parse(df: DataFrame) -> DataFrame:\nexample = "def parse(df: DataFrame) -> DataFrame: return df"',
    );
    expect(await prLines({}, { 'n.py': nb })).toEqual([]);
  });

  it('is suppressed by a comment on the line above the def', async () => {
    const src = '# remediation: ignore[untested-transform]\ndef parse(df: DataFrame) -> DataFrame:\n    return df\n';
    expect(await prLines({}, { 'src/p.py': src })).toEqual([]);
  });

  it('points at the def line of an .ipynb cell', async () => {
    const nb = ipynb([
      { type: 'markdown', source: 'Helpers' },
      { type: 'code', source: 'def clean(df: DataFrame) -> DataFrame:\n    return df.dropna()' },
    ]);
    expect(await prLines({}, { 'n.ipynb': nb })).toEqual([lineContaining(nb, 'def clean')]);
  });
});
