import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const READ = 'raw = spark.readStream.format("kafka").option("subscribe", "events").load()';

describe('P303 from-json-unchecked', () => {
  it('fires at the from_json call when its result reaches a sink unsplit, across cells and functions', async () => {
    const nb = notebook(
      READ,
      [
        'def parse(df):',
        '    return (df',
        '        .select(from_json(col("value").cast("string"), schema).alias("d"))',
        '        .select("d.*"))',
      ].join('\n'),
      'parsed = parse(raw)\nq = parsed.writeStream.option("checkpointLocation", CP).toTable("main.bronze.events")',
    );
    expect(await linesOf('P303', { 'n.py': nb })).toEqual([8]);
  });

  it('fires on batch writes too', async () => {
    const nb = notebook('df = spark.read.table("main.raw.events")\nout = df.withColumn("d", from_json("body", schema))\nout.write.saveAsTable("main.bronze.events")');
    expect(await linesOf('from-json-unchecked', { 'n.py': nb })).toEqual([3]);
  });

  it('does not fire once parse failures are split off, nor in markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC Parse with `from_json(col("value"), schema)` and write.',
      READ,
      [
        'parsed = raw.select(col("value"), from_json(col("value").cast("string"), schema).alias("d"))',
        'good = parsed.filter(col("d.id").isNotNull())',
        'q = good.writeStream.toTable("main.bronze.events")',
        '# bad = raw.select(from_json(col("value"), schema)).writeStream.start()',
        'doc = "raw.select(from_json(col(\'value\'), schema)).writeStream.start()"',
      ].join('\n'),
    );
    expect(await linesOf('P303', { 'n.py': nb })).toEqual([]);
  });

  it('does not fire when the unparsed records are sent to a dead-letter table, even when the unfiltered frame is written first', async () => {
    const nb = notebook(
      READ,
      [
        'parsed = raw.withColumn("data", from_json(col("value").cast("string"), schema))',
        'q = parsed.writeStream.option("checkpointLocation", CP).toTable("main.bronze.events")',
        'dlq = parsed.filter(col("data").isNull()).writeStream.option("checkpointLocation", CP2).toTable("main.bronze.events_dlq")',
      ].join('\n'),
    );
    expect(await linesOf('P303', { 'n.py': nb })).toEqual([]);
  });

  it('fires when an @dlt.table function returns the from_json output: the pipeline writes it', async () => {
    const nb = notebook(
      'import dlt',
      [
        '@dlt.table(name="events_bronze")',
        'def events_bronze():',
        '    raw = spark.readStream.format("kafka").option("subscribe", "events").load()',
        '    return raw.select(from_json(col("value").cast("string"), schema).alias("d"))',
        '@dlt.table',
        'def events_checked():',
        '    parsed = dlt.read_stream("events_bronze").select(from_json(col("value"), schema).alias("d"))',
        '    return parsed.filter(col("d").isNotNull())',
      ].join('\n'),
    );
    expect(await linesOf('P303', { 'n.py': nb })).toEqual([9]);
  });

  it('is silenced by a suppression on the line above or on the line', async () => {
    const nb = notebook(
      READ,
      [
        '# remediation: ignore[P303]',
        'a = raw.select(from_json(col("value").cast("string"), schema).alias("d"))',
        'qa = a.writeStream.toTable("main.bronze.a")',
        'b = raw.select(from_json(col("value").cast("string"), schema).alias("d"))  # remediation: ignore[from-json-unchecked]',
        'qb = b.writeStream.toTable("main.bronze.b")',
      ].join('\n'),
    );
    expect(await linesOf('P303', { 'n.py': nb })).toEqual([]);
    expect((await scanFiles({ 'n.py': nb })).filter((f) => f.rule === 'P303' && f.suppressed).map((f) => f.line)).toEqual([7, 9]);
  });
});
