import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

describe('P101 missing-watermark', () => {
  it('fires on a groupBy aggregation of a stream across cells and reassignments', async () => {
    const nb = notebook(
      'df = spark.readStream.format("delta").load("/x")',
      'df2 = df.withColumn("a", F.lit(1))\nagg = (df2\n    .groupBy("k")\n    .count())',
    );
    expect(await linesOf('P101', { 'n.py': nb })).toEqual([9]);
  });
  it('does not fire with a watermark upstream, on batch reads, or in markdown', async () => {
    const nb = notebook(
      '# MAGIC %md\n# MAGIC df.groupBy("k").count()',
      'df = spark.readStream.table("a.b.c").withWatermark("ts", "1 minute")\nagg = df.groupBy("k").count()',
      'b = spark.read.table("a.b.c")\nb.groupBy("k").count()',
      '# df.groupBy("k").count()\ns = "spark.readStream.load().groupBy(1).count()"',
    );
    expect(await linesOf('P101', { 'n.py': nb })).toEqual([]);
  });

  it('says of an aggregation written in complete mode that complete mode keeps every group, watermark or not; update mode gets the usual advice', async () => {
    const file = [
      'df = spark.readStream.table("main.s.sales")',
      'totals = df.groupBy("category").agg(F.sum("amount").alias("total"))', // 2: complete
      'totals.select("category", "total").writeStream.outputMode("complete").format("memory").queryName("t").start()',
      'per_city = df.groupBy("city").count()', // 4: update
      'per_city.writeStream.outputMode("update").option("checkpointLocation", "/Volumes/m/s/cp").toTable("main.s.per_city")',
    ].join('\n');
    const p101 = (await scanFiles({ 'jobs/totals.py': file })).filter((f) => f.rule === 'P101');
    expect(p101.map((f) => f.line)).toEqual([2, 4]);
    expect(p101[0].message).toContain('complete output mode');
    expect(p101[0].hint).toContain('update or append mode');
    expect(p101[1].message).toContain('keeps a state row per key forever');
  });

  it('says of a keyed aggregation with no window that a watermark alone would not drop its state', async () => {
    const file = [
      'df = spark.readStream.table("main.s.sales")',
      'per_city = df.groupBy("city").agg(F.sum("amount"))', // 2: keys, no window
      'per_window = df.groupBy(F.window("ts", "5 minutes"), "city").count()', // 3: a window key
      'for q, t in [(per_city, "a"), (per_window, "b")]:',
      '    q.writeStream.outputMode("update").option("checkpointLocation", f"/Volumes/m/s/{t}").toTable(f"main.s.{t}")',
    ].join('\n');
    const p101 = (await scanFiles({ 'jobs/sales.py': file })).filter((f) => f.rule === 'P101');
    expect(p101.map((f) => f.line)).toEqual([2, 3]);
    expect(p101[0].message).toBe('`agg` on a streaming DataFrame grouped with no `withWatermark` upstream and no `window(...)` key: it keeps a state row per key forever (a watermark would drop state only for keys on its event-time column)');
    expect(p101[0].hint).toContain('Group by `window("event_time", "10 minutes")`');
    expect(p101[1].message).toBe('`count` on a streaming DataFrame with no `withWatermark` upstream: its state is never cleaned up');
  });

  it('judges an aggregation only passed to display() as exploration, in a file that also writes; one a query writes still fires', async () => {
    const file = notebook(
      'spark.read.table("main.s.users").write.saveAsTable("main.s.users_copy")',
      'spark.readStream.table("main.s.users").createOrReplaceTempView("users_stream")',
      'by_gender = spark.sql("SELECT gender, count(*) AS n FROM users_stream GROUP BY gender")\ndisplay(by_gender)', // 8: shown only
      'by_city = spark.readStream.table("main.s.users").groupBy("city").count()\ndisplay(by_city)', // 11: shown and written
      'by_city.writeStream.outputMode("update").option("checkpointLocation", "/Volumes/m/s/cp").toTable("main.s.by_city")',
    );
    const findings = await scanFiles({ 'jobs/users.py': file });
    expect(findings.filter((f) => f.rule === 'P101').map((f) => f.line)).toEqual([15]);
  });

  it('does not fire when the state is bounded otherwise: a global aggregate, TTL on every state variable, a timeout that removes the state', async () => {
    const tws = [
      'class Counter(StatefulProcessor):',
      '    def init(self, handle):',
      '        self.n = handle.getValueState("n", "n long", 60000)',
      '        self.seen = handle.getListState("seen", "id string", ttlDurationMs=3600000)',
      '    def handleInputRows(self, key, rows, timerValues):',
      '        yield from rows',
      'df = spark.readStream.table("main.s.events")',
      'out = df.groupBy("k").transformWithStateInPandas(statefulProcessor=Counter(), outputStructType=schema, outputMode="Update", timeMode="None")',
    ].join('\n');
    const timeout = [
      'def update(key, rows, state):',
      '    if state.hasTimedOut:',
      '        state.remove()',
      '        return',
      '    state.setTimeoutDuration(60000)',
      '    yield from rows',
      'df = spark.readStream.table("main.s.events")',
      'out = df.groupBy("k").applyInPandasWithState(update, schema, state_schema, "update", GroupStateTimeout.ProcessingTimeTimeout)',
    ].join('\n');
    const global = 'df = spark.readStream.table("main.s.events")\ntotal = df.groupBy().count()';
    expect(await linesOf('P101', { 'a.py': notebook(tws), 'b.py': notebook(timeout), 'c.py': notebook(global) })).toEqual([]);
  });

  it('fires when one state variable has no TTL, when the timeout never removes the state, or with no timeout', async () => {
    const tws = [
      'class Counter(StatefulProcessor):',
      '    def init(self, handle):',
      '        self.n = handle.getValueState("n", "n long", 60000)',
      '        self.last = handle.getValueState("last", "ts long")',
      'df = spark.readStream.table("main.s.events")',
      'out = df.groupBy("k").transformWithStateInPandas(Counter(), schema, "Update", "None")',
    ].join('\n');
    const keeps = 'def update(key, rows, state):\n    state.update((1,))\n    yield from rows\ndf = spark.readStream.table("main.s.events")\nout = df.groupBy("k").applyInPandasWithState(update, schema, state_schema, "update", GroupStateTimeout.ProcessingTimeTimeout)';
    const none = 'def update(key, rows, state):\n    state.remove()\n    yield from rows\ndf = spark.readStream.table("main.s.events")\nout = df.groupBy("k").applyInPandasWithState(update, schema, state_schema, "update", GroupStateTimeout.NoTimeout)';
    expect(await linesOf('P101', { 'a.py': notebook(tws) })).toEqual([7]);
    expect(await linesOf('P101', { 'b.py': notebook(keeps) })).toEqual([6]);
    expect(await linesOf('P101', { 'c.py': notebook(none) })).toEqual([6]);
  });
});
