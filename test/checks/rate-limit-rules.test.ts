import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';

describe('P401 kafka-unbounded', () => {
  it('fires on Kafka and Event Hubs streams without a cap', async () => {
    const nb = notebook(
      'k = (spark\n    .readStream\n    .format("kafka")\n    .option("subscribe", "t")\n    .load())',
      'conf = {"eventhubs.connectionString": cs}\ne = spark.readStream.format("eventhubs").options(**conf).load()',
      'k.union(e).writeStream.toTable("main.bronze.events")',
    );
    expect(await linesOf('P401', { 'a.py': nb })).toEqual([3, 11]);
  });
  it('does not fire on a stream that is only looked at (display); one a helper returns is kept', async () => {
    const nb = notebook(
      'display(spark.readStream.format("kafka").option("subscribe", "t").load())',
      'def read():\n    return spark.readStream.format("kafka").option("subscribe", "u").load()',
      'spark.readStream.table("main.a.b").writeStream.toTable("main.a.c")',
    );
    expect(await linesOf('P401', { 'a.py': nb })).toEqual([7]);
  });
  it('reads caps from option(), options(**dict), options(k=v) and dict updates', async () => {
    const nb = notebook(
      'k = spark.readStream.format("kafka").option("maxOffsetsPerTrigger", 1000).load()',
      'conf = {"eventhubs.connectionString": cs, "maxEventsPerTrigger": 5000}\ne = spark.readStream.format("eventhubs").options(**conf).load()',
      'c2 = {"eventhubs.connectionString": cs}\nc2["maxEventsPerTrigger"] = 10\ne2 = spark.readStream.format("eventhubs").options(**c2).load()',
      'k2 = spark.readStream.format("kafka").options(maxOffsetsPerTrigger=10).load()',
      'b = spark.read.format("kafka").load()\n# spark.readStream.format("kafka").load()\nt = "spark.readStream.format(\'kafka\').load()"',
    );
    expect(await linesOf('P401', { 'a.py': nb })).toEqual([]);
  });
});

describe('P402 delta-unbounded and P403 autoloader-unbounded', () => {
  it('fires on uncapped Delta and Auto Loader streams', async () => {
    const nb = notebook('d = spark.readStream.format("delta").load(PATH)\nt = spark.readStream.table("c.s.t")\na = spark.readStream.format("cloudFiles").option("cloudFiles.format", "json").load(p)\nd.union(t).union(a).writeStream.toTable("c.s.u")');
    expect(await linesOf('P402', { 'a.py': nb })).toEqual([2, 3]);
    expect(await linesOf('P403', { 'a.py': nb })).toEqual([4]);
  });
  it('does not fire when capped, or on batch reads', async () => {
    const nb = notebook(
      'd = spark.readStream.format("delta").option("maxBytesPerTrigger", "1g").load(PATH)\nopts = {"maxFilesPerTrigger": 100}\nt = spark.readStream.options(**opts).table("c.s.t")',
      'a = spark.readStream.format("cloudFiles").option("cloudFiles.maxBytesPerTrigger", "1g").load(p)\nb = spark.read.format("delta").load(PATH)',
    );
    expect(await linesOf('P402', { 'a.py': nb })).toEqual([]);
    expect(await linesOf('P403', { 'a.py': nb })).toEqual([]);
  });
});

describe('P404 trigger-once', () => {
  it('fires on trigger(once=True) only', async () => {
    const nb = notebook(
      's = spark.readStream.table("c.s.t")\nq = (s.writeStream\n    .trigger(once=True)\n    .toTable("c.s.u"))',
      'q2 = s.writeStream.trigger(availableNow=True).toTable("c.s.v")\n# q = s.writeStream.trigger(once=True)',
    );
    expect(await linesOf('P404', { 'a.py': nb })).toEqual([4]);
  });
  it('is the one finding of a stream every query of which runs once: the caps P401-P403 ask for would be ignored until availableNow', async () => {
    const once = notebook(
      'a = spark.readStream.format("cloudFiles").option("cloudFiles.format", "csv").option("cloudFiles.schemaLocation", "/Volumes/m/s/sc").load("/Volumes/m/s/in")',
      'a.writeStream.trigger(once=True).option("checkpointLocation", "/Volumes/m/s/cp").format("parquet").start("/Volumes/m/s/out")',
      'k = spark.readStream.format("kafka").option("subscribe", "t").load()\nk.writeStream.trigger(once=True).toTable("m.s.k")',
      'd = spark.readStream.table("m.s.d")\nd.writeStream.trigger(once=True).toTable("m.s.d1")\nd.writeStream.toTable("m.s.d2")',
    );
    expect(await linesOf('P404', { 'jobs/a.py': once })).toEqual([6, 11, 16]);
    expect(await linesOf('P403', { 'jobs/a.py': once })).toEqual([]);
    expect(await linesOf('P401', { 'jobs/a.py': once })).toEqual([]);
    // One of its queries honours caps: the cap matters there.
    expect(await linesOf('P402', { 'jobs/a.py': once })).toEqual([15]);
    const availableNow = once.replaceAll('once=True', 'availableNow=True');
    expect(await linesOf('P403', { 'jobs/a.py': availableNow })).toEqual([2]);
    expect(await linesOf('P401', { 'jobs/a.py': availableNow })).toEqual([10]);
  });
  it('fires on the stream of a helper it cannot follow: only a streaming DataFrame has writeStream', async () => {
    const nb = notebook('from lib.sources import get_stream\nq = get_stream(spark).writeStream.trigger(once=True).toTable("c.s.u")\nb = get_batch(spark).write.saveAsTable("c.s.v")');
    expect(await linesOf('P404', { 'a.py': nb })).toEqual([3]);
    expect(await linesOf('P602', { 'a.py': nb })).toEqual([3]);
  });
});

describe('P406 shuffle-partitions-default', () => {
  const stateful = 's = spark.readStream.table("c.s.t").withWatermark("t", "1 minute")\nc = s.groupBy(window("t", "1 minute")).count()';
  it('fires on stateful streams with no shuffle partitions setting', async () => {
    expect(await linesOf('P406', { 'a.py': notebook(stateful) })).toEqual([3]);
  });
  it('does not fire when set in the notebook or in the job cluster running it', async () => {
    expect(await linesOf('P406', { 'a.py': notebook('spark.conf.set("spark.sql.shuffle.partitions", "8")', stateful) })).toEqual([]);
    const job = JSON.stringify({ name: 'j', tasks: [{ task_key: 't', notebook_task: { notebook_path: 'nb/a' }, new_cluster: { spark_version: '16.4.x-scala2.12', spark_conf: { 'spark.sql.shuffle.partitions': '8' } } }] }, null, 2);
    expect(await linesOf('P406', { 'nb/a.py': notebook(stateful), 'jobs/j.json': job })).toEqual([]);
  });
});
