import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

describe('P304 no-bad-records-path', () => {
  it('fires on streaming, batch and Auto Loader JSON/CSV reads that keep no bad records', async () => {
    const nb = notebook(
      'events = spark.readStream.format("json").schema(event_schema).load("/Volumes/main/raw/events")',
      'trades = spark.read.csv("/Volumes/main/raw/trades", header=True)',
      [
        'quotes = (spark.readStream',
        '    .format("cloudFiles")',
        '    .option("cloudFiles.format", "json")',
        '    .schema(quote_schema)',
        '    .load("/Volumes/main/raw/quotes"))',
      ].join('\n'),
      'events.writeStream.toTable("main.bronze.events")\ntrades.write.saveAsTable("main.bronze.trades")\nquotes.writeStream.toTable("main.bronze.quotes")',
    );
    expect(await linesOf('P304', { 'n.py': nb })).toEqual([2, 6, 10]);
  });

  it('fires in methods a class body defines inside a try or if block, called on an instance', async () => {
    const nb = notebook(
      [
        'class Lookups:',
        '    try:',
        '        def compile(self, names):',
        '            for name in names:',
        '                df = spark.read.csv("/Volumes/main/raw/" + name + ".csv", header=True)', // 6
        '                df.write.mode("overwrite").saveAsTable("main.hls.l_" + name)',
        '    except Exception as err:',
        '        print(err)',
        '    if True:',
        '        def extra(self):',
        '            spark.read.json("/Volumes/main/raw/extra").write.saveAsTable("main.hls.extra")', // 12
        'Lookups().compile(["a", "b"])',
      ].join('\n'),
    );
    expect(await linesOf('P304', { 'n.py': nb })).toEqual([6, 12]);
  });

  it('fires only where the records are kept: written, or read inside a function that hands the frame on', async () => {
    const nb = notebook(
      'sample = spark.read.json("/Volumes/main/raw/sample")\ndisplay(sample)', // shown only
      'schema = spark.read.json("/Volumes/main/raw/sample").schema', // used for its schema
      'n = spark.read.csv("/Volumes/main/raw/x", header=True).count()', // counted
      'def orders():\n    return spark.read.json("/Volumes/main/raw/orders")', // handed on
    );
    const lines = nb.split('\n');
    expect(await linesOf('P304', { 'n.py': nb })).toEqual([lines.findIndex((l) => l.includes('raw/orders')) + 1]);
  });

  it('does not fire on a read inside a function used only for its schema, unless the function hands that frame on', async () => {
    const load = [
      'def load():',
      '    inferred = spark.read.option("inferSchema", "true").csv("/Volumes/main/raw/f/part-0")', // 2: only its schema
      '    df = spark.read.schema(inferred.schema).csv("/Volumes/main/raw/f/part-*")', // 3: written
      '    df.write.saveAsTable("main.bronze.f")',
      'def sample():',
      '    s = spark.read.json("/Volumes/main/raw/s")', // 6: its schema is read, and it is returned
      '    print(s.columns)',
      '    return s',
    ].join('\n');
    expect(await linesOf('P304', { 'src/pipeline/load.py': load })).toEqual([3, 6]);
  });

  it('counts a DataFrameWriter format shorthand (df.write.csv(path)) as keeping the records', async () => {
    const nb = notebook('df = spark.read.csv("/Volumes/main/raw/v/in.csv", header=True)\ndf.display()', 'df.write.mode("overwrite").csv("/Volumes/main/out/v/copy")');
    expect(await linesOf('P304', { 'n.py': nb })).toEqual([2]);
  });

  it('accepts badRecordsPath, rescuedDataColumn or columnNameOfCorruptRecord however given', async () => {
    const nb = notebook(
      'a = spark.readStream.format("json").schema(s).option("badRecordsPath", "/Volumes/main/ops/dlq").load(p)',
      'opts = {"rescuedDataColumn": "_rescued_data", "header": "true"}\nb = spark.read.format("csv").options(**opts).load(p)',
      'c = spark.read.json(p, schema=s, columnNameOfCorruptRecord="_corrupt")',
      'd = spark.read.load(p, format="json", badRecordsPath="/Volumes/main/ops/dlq")',
      'e = spark.read.format("json").option("badrecordspath", "/Volumes/main/ops/dlq").load(p)',
    );
    expect(await linesOf('P304', { 'n.py': nb })).toEqual([]);
  });

  it('does not fire on Auto Loader inferring the schema, other formats, markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC Landing files: `spark.read.json(path)`.',
      'a = spark.readStream.format("cloudFiles").option("cloudFiles.format", "json").option("cloudFiles.schemaLocation", SL).load(p)',
      'b = spark.readStream.format("cloudFiles").option("cloudFiles.format", "csv").option("cloudFiles.schemaEvolutionMode", "rescue").schema(s).load(p)',
      'c = spark.read.parquet(p)\nd = spark.readStream.format("delta").load(p)\ne = spark.readStream.table("main.raw.events")',
      '# f = spark.read.json(p)\ng = "spark.read.json(p)"',
    );
    expect(await linesOf('P304', { 'n.py': nb })).toEqual([]);
  });

  it('fires on Auto Loader with schemaEvolutionMode none', async () => {
    const nb = notebook(
      'a = spark.readStream.format("cloudFiles").options(**{"cloudFiles.format": "json", "cloudFiles.schemaEvolutionMode": "none"}).load(p)\na.writeStream.toTable("main.bronze.a")',
    );
    expect(await linesOf('P304', { 'n.py': nb })).toEqual([2]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const nb = notebook(
      '# remediation: ignore[P304]\na = spark.read.json(p)\nb = spark.read.csv(p)  # remediation: ignore[no-bad-records-path]\na.union(b).write.saveAsTable("main.a.b")',
    );
    expect(await linesOf('P304', { 'n.py': nb })).toEqual([]);
    expect((await scanFiles({ 'n.py': nb })).filter((f) => f.rule === 'P304' && f.suppressed).map((f) => f.line)).toEqual([3, 4]);
  });
});
