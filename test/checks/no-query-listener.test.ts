import { describe, expect, it } from 'vitest';
import { linesOf, notebook } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

const READ = 'df = spark.readStream.format("delta").load("/Volumes/main/raw/events")';
const LISTENER = [
  'from pyspark.sql.streaming import StreamingQueryListener',
  'class Progress(StreamingQueryListener):',
  '    def onQueryProgress(self, event):',
  '        logger.info(event.progress.json)',
  'spark.streams.addListener(Progress())',
].join('\n');

describe('P602 no-query-listener', () => {
  it('fires on each started query, at its .start/.toTable line, when no listener is registered', async () => {
    const nb = notebook(
      READ,
      'q1 = (df.writeStream\n    .option("checkpointLocation", "/Volumes/main/cp/a")\n    .toTable("main.bronze.a"))',
      'q2 = df.writeStream.option("checkpointLocation", "/Volumes/main/cp/b").toTable("main.bronze.b")',
    );
    expect(await linesOf('P602', { 'n.py': nb })).toEqual([8, 12]);
  });

  it('counts DataStreamWriter.table(name) as starting a query', async () => {
    const nb = notebook(READ, 'df.writeStream.option("checkpointLocation", "/Volumes/main/cp/c").table("main.bronze.c")');
    expect(await linesOf('P602', { 'n.py': nb })).toEqual([6]);
    expect(await linesOf('P602', { 'n.py': notebook(READ, LISTENER, 'df.writeStream.table("main.bronze.c")') })).toEqual([]);
  });

  it('does not fire on a query writing to the console sink: its rows are shown to the reader, as with display(); a memory sink is read back by code', async () => {
    const nb = notebook(
      READ,
      'shown = df.writeStream.format("console").trigger(continuous="1 second").option("checkpointLocation", "/Volumes/main/cp/c").start()',
      'counts = df.groupBy("k").count().writeStream.outputMode("complete").format("memory").queryName("counts").start()',
      'kept = df.writeStream.format("delta").option("checkpointLocation", "/Volumes/main/cp/d").start("/Volumes/main/silver/d")',
    );
    expect(await linesOf('P602', { 'jobs/n.py': nb })).toEqual([10, 14]);
    // The format given to start(), and a foreachBatch that replaces the console sink.
    const started = notebook(READ, 'q = df.writeStream.start(format="console")');
    expect(await linesOf('P602', { 'jobs/n.py': started })).toEqual([]);
    const batches = notebook(READ, 'def upsert(b, i):\n    b.write.mode("append").saveAsTable("main.s.t")', 'df.writeStream.format("console").foreachBatch(upsert).start()');
    expect(await linesOf('P602', { 'jobs/n.py': batches })).toEqual([11]);
    const shown = notebook(READ, 'df.groupBy("k").count().writeStream.outputMode("update").format("console").start()');
    // The aggregation only shown is the reader's: no watermark finding for it either.
    expect(await linesOf('P101', { 'jobs/n.py': shown })).toEqual([]);
    expect(await linesOf('P101', { 'jobs/n.py': shown.replace('format("console")', 'format("delta")') })).toEqual([6]);
  });

  it('does not fire when the notebook registers a listener', async () => {
    const nb = notebook(LISTENER, READ, 'df.writeStream.toTable("main.bronze.a")');
    expect(await linesOf('P602', { 'n.py': nb })).toEqual([]);
  });

  it('does not fire when a %run include registers the listener', async () => {
    const nb = notebook('# MAGIC %run ./monitoring', READ, 'df.writeStream.toTable("main.bronze.a")');
    const monitoring = notebook(LISTENER);
    expect(await linesOf('P602', { 'jobs/n.py': nb, 'jobs/monitoring.py': monitoring })).toEqual([]);
    expect(await linesOf('P602', { 'jobs/n.py': nb })).toEqual([10]);
  });

  it('does not fire on batch writes, markdown, comments or strings', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC spark.readStream.load().writeStream.start()',
      'b = spark.read.table("main.bronze.a")\nb.write.mode("append").saveAsTable("main.silver.a")',
      '# df.writeStream.start()\ncode = "spark.readStream.load().writeStream.start()"',
    );
    expect(await linesOf('P602', { 'n.py': nb })).toEqual([]);
  });

  it('is suppressed by a comment on the line above', async () => {
    const nb = notebook(READ, '# remediation: ignore[P6]\ndf.writeStream.toTable("main.bronze.a")');
    expect(await linesOf('P602', { 'n.py': nb })).toEqual([]);
  });

  it('points at the real line of an .ipynb file', async () => {
    const nb = ipynb([
      { type: 'code', source: READ },
      { type: 'code', source: 'query = df.writeStream.toTable("main.bronze.a")' },
    ]);
    expect(await linesOf('P602', { 'n.ipynb': nb })).toEqual([lineContaining(nb, 'query = df.writeStream')]);
  });
});
