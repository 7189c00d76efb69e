import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const findings = async (files: Record<string, string>) => (await scanFiles(files)).filter((f) => f.rule === 'P205');

describe('P205 iterrows', () => {
  it('is a warning inside a function given to applyInPandasWithState, a notice elsewhere', async () => {
    const nb = notebook(
      [
        'def process(key, pdfs, state):',
        '    for pdf in pdfs:',
        '        for _, row in pdf.iterrows():',
        '            state.update((row["v"],))',
        '    yield pdf',
        'df = spark.readStream.table("main.raw.events")',
        'out = df.groupBy("k").applyInPandasWithState(process, s, t, "append", "ProcessingTimeTimeout")',
      ].join('\n'),
      'report = spark.read.table("a.b.c").toPandas()\nfor _, r in report.iterrows():\n    total = r["v"]',
    );
    const found = await findings({ 'n.py': nb });
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [4, 'warning'],
      [13, 'notice'],
    ]);
  });

  it('treats every method of a StatefulProcessor subclass as stateful', async () => {
    const src = [
      'from pyspark.sql.streaming import StatefulProcessor',
      'class Bars(StatefulProcessor):',
      '    def handleInputRows(self, key, rows, timerValues):',
      '        for pdf in rows:',
      '            rows_ = list(pdf.iterrows())',
      '        yield pdf',
      '',
    ].join('\n');
    const found = await findings({ 'lib/bars.py': src });
    expect(found.map((f) => [f.line, f.severity])).toEqual([[5, 'warning']]);
  });

  it('does not fire in markdown, comments, strings or on a mere attribute reference', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC Rows are applied one at a time with `pdf.iterrows()`.',
      '# for _, row in pdf.iterrows():\nmsg = "book rebuilt row by row via pdf.iterrows()"\nit = pdf.iterrows',
    );
    expect(await linesOf('P205', { 'n.py': nb })).toEqual([]);
  });

  it('points at the .ipynb line of the call', async () => {
    const ipynb = [
      '{',
      ' "cells": [',
      '  {"cell_type": "markdown", "metadata": {}, "source": ["Avoid `pdf.iterrows()` here\\n"]},',
      '  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": [',
      '    "import pandas as pd; events = spark.read.table(\\"main.a.b\\")\\n",',
      '    "pdf = pd.DataFrame({\\"a\\": [1]})\\n",',
      '    "for _, row in pdf.iterrows():\\n",',
      '    "    total = row[\\"a\\"]\\n",',
      '    "events.write.saveAsTable(\\"main.a.totals\\")\\n"',
      '  ]}',
      ' ],',
      ' "metadata": {"language_info": {"name": "python"}},',
      ' "nbformat": 4,',
      ' "nbformat_minor": 5',
      '}',
      '',
    ].join('\n');
    expect(await linesOf('iterrows', { 'analysis/explore.ipynb': ipynb })).toEqual([7]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const nb = notebook(
      'pdf = spark.read.table("a.b.c").toPandas()\n# remediation: ignore[P205]\nfor _, r in pdf.iterrows():\n    pass\nrows = list(pdf.iterrows())  # remediation: ignore[iterrows]\nspark.createDataFrame(rows).write.saveAsTable("a.b.d")',
    );
    expect(await linesOf('P205', { 'n.py': nb })).toEqual([]);
    expect((await findings({ 'n.py': nb })).filter((f) => f.suppressed).map((f) => f.line)).toEqual([4, 6]);
  });
});
