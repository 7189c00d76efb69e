import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

describe('P305 schema-inferred', () => {
  it('fires on streaming file sources and Auto Loader without a schema', async () => {
    const nb = notebook(
      'events = spark.readStream.format("json").load("/Volumes/main/raw/events")',
      'trades = spark.readStream.parquet("/Volumes/main/raw/trades")',
      'quotes = (spark.readStream\n    .format("cloudFiles")\n    .option("cloudFiles.format", "csv")\n    .load("/Volumes/main/raw/quotes"))',
    );
    const found = (await scanFiles({ 'n.py': nb })).filter((f) => f.rule === 'P305');
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [2, 'notice'],
      [6, 'notice'],
      [10, 'notice'],
    ]);
    expect(found[2].message).toContain('cloudFiles.schemaLocation');
  });

  it('accepts a schema or a schema location however given', async () => {
    const nb = notebook(
      'a = spark.readStream.format("json").schema(event_schema).load(p)',
      'b = spark.readStream.json(p, schema=event_schema)\nc = spark.readStream.csv(p, event_schema)',
      'opts = {"cloudFiles.format": "json", "cloudFiles.schemaLocation": "/Volumes/main/ops/schemas/events"}\nd = spark.readStream.format("cloudFiles").options(**opts).load(p)',
      'e = spark.readStream.load(p, format="json", schema=event_schema)',
    );
    expect(await linesOf('P305', { 'n.py': nb })).toEqual([]);
  });

  it('never fires on Delta, tables, Kafka, fixed-schema formats, batch reads, pipelines or text', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC `spark.readStream.format("json").load(p)` infers nothing.',
      'a = spark.readStream.format("delta").load(p)\nb = spark.readStream.table("main.raw.events")\nc = spark.readStream.format("kafka").option("subscribe", "t").load()',
      'd = spark.readStream.text(p)\ne = spark.readStream.format("cloudFiles").option("cloudFiles.format", "binaryFile").load(p)',
      'f = spark.read.json(p)\ng = spark.read.format("csv").load(p)',
      '# h = spark.readStream.json(p)\ni = "spark.readStream.json(p)"',
    );
    expect(await linesOf('P305', { 'n.py': nb })).toEqual([]);
    const pipeline = 'import dlt\n@dlt.table\ndef raw():\n    return spark.readStream.format("cloudFiles").option("cloudFiles.format", "json").load(p)\n';
    expect(await linesOf('P305', { 'pipelines/raw.py': pipeline })).toEqual([]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const nb = notebook(
      '# remediation: ignore[P305]\na = spark.readStream.json(p)\nb = spark.readStream.csv(p)  # remediation: ignore[schema-inferred]',
    );
    expect(await linesOf('P305', { 'n.py': nb })).toEqual([]);
    expect((await scanFiles({ 'n.py': nb })).filter((f) => f.rule === 'P305' && f.suppressed).map((f) => f.line)).toEqual([3, 4]);
  });
});
