import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const suppressed = async (rule: string, files: Record<string, string>) =>
  (await scanFiles(files)).filter((f) => f.rule === rule && f.suppressed).map((f) => f.line);

const stateful = (...body: string[]) =>
  [
    'def process(key, pdfs, state):',
    ...body.map((l) => `    ${l}`),
    '    yield pdf',
    'df = spark.readStream.table("main.raw.events")',
    'out = df.groupBy("k").applyInPandasWithState(process, s, t, "append", "ProcessingTimeTimeout")',
  ].join('\n');

describe('P301 unguarded-row-loop', () => {
  it('fires on a row loop in a stateful function with no try/except, at the for line', async () => {
    const nb = notebook(stateful('for pdf in pdfs:', '    for _, row in pdf.iterrows():', '        apply(row)'));
    expect(await linesOf('P301', { 'n.py': nb })).toEqual([4]);
  });

  it('fires in mapInPandas functions and @pandas_udf functions of plain modules too', async () => {
    const src = [
      'from pyspark.sql.functions import pandas_udf',
      '@pandas_udf("double")',
      'def score(s):',
      '    for row in s.to_frame().itertuples():',
      '        use(row)',
      '    return s',
      'def enrich(it):',
      '    for pdf in it:',
      '        for row in pdf.itertuples():',
      '            use(row)',
      '        yield pdf',
      'def run(df):',
      '    return df.mapInPandas(enrich, schema)',
      '',
    ].join('\n');
    expect(await linesOf('unguarded-row-loop', { 'lib/udfs.py': src })).toEqual([4, 9]);
  });

  it('fires on a loop over the input rows of handleInputRows or an Iterator parameter, once per nest', async () => {
    const processor = [
      'class Enrich(StatefulProcessor):',
      '    def handleInputRows(self, key, rows, timerValues):',
      '        for row in rows:',
      '            yield enrich(row)',
      'def update(key, pdfs: Iterator[pd.DataFrame], state):',
      '    for pdf in pdfs:',
      '        for row in pdf.itertuples():',
      '            emit(row)',
      '    yield pdf',
      'df = spark.readStream.table("main.raw.events")',
      'a = df.groupBy("k").transformWithStateInPandas(statefulProcessor=Enrich(), outputStructType=s, outputMode="Append", timeMode="None")',
      'b = df.groupBy("k").applyInPandasWithState(update, s, t, "append", "ProcessingTimeTimeout")',
    ].join('\n');
    expect(await linesOf('P301', { 'n.py': notebook(processor) })).toEqual([4, 8]);
  });

  it('does not fire when guarded, outside stateful functions, over non-row iterables, or in text', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC `for _, row in pdf.iterrows():` without try/except in process().',
      stateful(
        'for pdf in pdfs:',
        '    try:',
        '        for _, row in pdf.iterrows():',
        '            apply(row)',
        '    except ValueError as exc:',
        '        errors.append(repr(exc))',
        '    for _, row in pdf.iterrows():',
        '        try:',
        '            apply(row)',
        '        except KeyError as exc:',
        '            errors.append(repr(exc))',
        '    for level in levels:',
        '        apply(level)',
        '# for _, row in pdf.iterrows():',
        'note = "for _, row in pdf.iterrows(): apply(row)"',
      ),
      'report = spark.read.table("a.b.c").toPandas()\nfor _, r in report.iterrows():\n    print(r)',
    );
    expect(await linesOf('P301', { 'n.py': nb })).toEqual([]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const nb = notebook(
      stateful(
        'for pdf in pdfs:',
        '    # remediation: ignore[P301]',
        '    for _, row in pdf.iterrows():',
        '        apply(row)',
        '    for row in pdf.itertuples():  # remediation: ignore[unguarded-row-loop]',
        '        apply(row)',
      ),
    );
    expect(await linesOf('P301', { 'n.py': nb })).toEqual([]);
    expect(await suppressed('P301', { 'n.py': nb })).toEqual([5, 7]);
  });
});
