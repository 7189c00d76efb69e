import { describe, expect, it } from 'vitest';
import { getEngine, linesOf, notebook, scanFiles } from '../helpers/engine.js';
import { ipynb, lineContaining } from '../helpers/ipynb.js';

const sqlNotebook = (...cells: string[]): string => `-- Databricks notebook source\n${cells.join('\n\n-- COMMAND ----------\n\n')}\n`;

/** `line:column` of every open finding of a rule. */
async function at(rule: string, files: Record<string, string>): Promise<string[]> {
  return (await scanFiles(files)).filter((f) => (f.rule === rule || f.name === rule) && !f.suppressed).map((f) => `${f.path}:${f.line}:${f.column}`);
}

describe('P101 missing-watermark on SQL', () => {
  it('fires on GROUP BY and DISTINCT over STREAM without WATERMARK, at the GROUP keyword', async () => {
    const sql = [
      'CREATE OR REFRESH STREAMING TABLE per_uri AS',
      'SELECT uri, count(*) AS c',
      'FROM STREAM(LIVE.events)',
      'GROUP BY uri;',
      'CREATE OR REFRESH STREAMING TABLE users AS SELECT DISTINCT user_id FROM STREAM events;',
    ].join('\n');
    expect(await at('P101', { 'pipeline/agg.sql': sql })).toEqual(['pipeline/agg.sql:4:1', 'pipeline/agg.sql:5:51']);
    const [finding] = (await scanFiles({ 'pipeline/agg.sql': sql })).filter((f) => f.rule === 'P101');
    expect(finding.message).toBe('`GROUP BY` over a stream with no `WATERMARK` clause: its state is never cleaned up');
  });

  it('does not fire with a WATERMARK clause, on batch reads, global aggregates, or materialized views of tables', async () => {
    const sql = [
      "CREATE OR REFRESH STREAMING TABLE w AS SELECT window(ts, '5 minutes') AS win, count(*) FROM STREAM events WATERMARK ts DELAY OF INTERVAL 10 MINUTES GROUP BY window(ts, '5 minutes');",
      'CREATE OR REFRESH MATERIALIZED VIEW daily AS SELECT day, count(*) FROM LIVE.events GROUP BY day;',
      'CREATE OR REFRESH STREAMING TABLE total AS SELECT count(*) AS n FROM STREAM events;',
      'SELECT k, count(*) FROM main.s.events GROUP BY k;',
      'CREATE TEMPORARY VIEW wm AS SELECT * FROM STREAM src WATERMARK ts DELAY OF INTERVAL 1 HOUR;',
      'CREATE OR REFRESH STREAMING TABLE via_view AS SELECT k, count(*) FROM wm GROUP BY k;',
    ].join('\n');
    expect(await at('P101', { 'pipeline/ok.sql': sql })).toEqual([]);
  });

  it('follows temporary views and CTEs to the stream they read', async () => {
    const sql = [
      'CREATE TEMPORARY LIVE VIEW clean AS SELECT * FROM STREAM(LIVE.raw) WHERE id IS NOT NULL;',
      'CREATE OR REFRESH STREAMING TABLE counts AS WITH c AS (SELECT * FROM STREAM(LIVE.clean)) SELECT id, count(*) FROM c GROUP BY id;',
    ].join('\n');
    expect(await at('P101', { 'p.sql': sql })).toEqual(['p.sql:2:117']);
  });

  it('reports real lines in SQL notebooks, %sql cells of Python notebooks and .ipynb', async () => {
    const snb = sqlNotebook('-- MAGIC %md\n-- MAGIC # Silver', 'CREATE OR REFRESH STREAMING TABLE s AS\nSELECT k, count(*) FROM STREAM bronze\nGROUP BY k');
    expect(await at('P101', { 'snb.sql': snb })).toEqual([`snb.sql:${lineContaining(snb, 'GROUP BY')}:1`]);
    const pnb = notebook('x = 1', '# MAGIC %sql\n# MAGIC CREATE OR REFRESH STREAMING TABLE s AS\n# MAGIC SELECT k, count(*) FROM STREAM bronze GROUP BY k');
    expect(await at('P101', { 'pnb.py': pnb })).toEqual([`pnb.py:${lineContaining(pnb, 'GROUP BY')}:47`]);
    const nb = ipynb([{ type: 'code', source: 'x = 1' }, { type: 'code', source: '%sql\nCREATE OR REFRESH STREAMING TABLE s AS\nSELECT k, count(*)\nFROM STREAM bronze GROUP BY k' }]);
    const line = lineContaining(nb, 'GROUP BY');
    expect(await at('P101', { 'n.ipynb': nb })).toEqual([`n.ipynb:${line}:${nb.split('\n')[line - 1].indexOf('GROUP BY') + 1}`]);
  });
});

describe('P101 missing-watermark on spark.sql over a streaming temporary view', () => {
  const repro = [
    '# Databricks notebook source',
    'spark.readStream.table("main.s.events").createOrReplaceTempView("events_stream")',
    'per_uri = spark.sql("SELECT uri, count(*) AS c FROM events_stream GROUP BY uri")',
    'per_uri.writeStream.outputMode("complete").option("checkpointLocation", "/Volumes/main/s/cp").toTable("main.s.per_uri")',
    '',
  ].join('\n');

  it('fires on the issue reproduction, at GROUP BY inside the string, and the result is a started query', async () => {
    expect(await at('P101', { 'jobs/per_uri.py': repro })).toEqual(['jobs/per_uri.py:3:67']);
    expect(await linesOf('P602', { 'jobs/per_uri.py': repro })).toEqual([4]);
  });

  it('reads f-strings with resolvable parts, string variables, triple-quoted SQL and spark.table of the view', async () => {
    const nb = notebook(
      'view = "events_stream"\nspark.readStream.table("main.s.events").createOrReplaceTempView(view)',
      'a = spark.sql(f"SELECT uri, count(*) FROM {view} GROUP BY uri")',
      'q = "SELECT DISTINCT uri FROM events_stream"\nb = spark.sql(q)',
      'c = spark.sql("""\n    SELECT uri, count(*)\n    FROM events_stream\n    GROUP BY uri\n""")',
      'd = spark.table("events_stream").groupBy("uri").count()',
    );
    expect(await linesOf('P101', { 'n.py': nb })).toEqual([
      lineContaining(nb, 'a = spark.sql'),
      lineContaining(nb, 'b = spark.sql'),
      lineContaining(nb, '    GROUP BY uri'),
      lineContaining(nb, 'd = spark.table'),
    ]);
  });

  it('follows the view into %sql cells and views that spark.sql itself creates', async () => {
    const nb = notebook(
      'spark.readStream.table("a.b.c").createOrReplaceTempView("s")',
      '# MAGIC %sql\n# MAGIC CREATE OR REFRESH STREAMING TABLE t AS\n# MAGIC SELECT k, count(*) FROM s GROUP BY k',
      'spark.sql("CREATE OR REPLACE TEMP VIEW s2 AS SELECT * FROM s WHERE k IS NOT NULL")\nagg = spark.sql("SELECT k, count(*) FROM s2 GROUP BY k")',
    );
    expect(await linesOf('P101', { 'n.py': nb })).toEqual([lineContaining(nb, '# MAGIC SELECT k'), lineContaining(nb, 'agg = spark.sql')]);
  });

  it('does not fire when the stream is watermarked before the view or in the query, or the view is a batch', async () => {
    const nb = notebook(
      'spark.readStream.table("a.b.c").withWatermark("ts", "10 minutes").createOrReplaceTempView("w")',
      'spark.sql("SELECT k, count(*) FROM w GROUP BY k")',
      'spark.readStream.table("a.b.c").createOrReplaceTempView("s")',
      'spark.sql("SELECT k, count(*) FROM s WATERMARK ts DELAY OF INTERVAL 10 MINUTES GROUP BY k")',
      'spark.read.table("a.b.c").createOrReplaceTempView("batch")',
      'spark.sql("SELECT k, count(*) FROM batch GROUP BY k")',
      'spark.sql("SELECT k, count(*) FROM unknown_view GROUP BY k")',
    );
    expect(await linesOf('P101', { 'n.py': nb })).toEqual([]);
  });
});

describe('P103 stream-join-unbounded on SQL', () => {
  it('fires on a join of two streams without watermarks or a time range, not when both are bounded', async () => {
    const sql = [
      'CREATE OR REFRESH STREAMING TABLE j AS SELECT * FROM STREAM a JOIN STREAM b ON a.id = b.id;',
      'CREATE OR REFRESH STREAMING TABLE ok AS SELECT * FROM STREAM a WATERMARK ts DELAY OF INTERVAL 10 MINUTES',
      '  JOIN STREAM b WATERMARK ts DELAY OF INTERVAL 10 MINUTES ON a.id = b.id AND b.ts BETWEEN a.ts AND a.ts + INTERVAL 1 HOUR;',
      'CREATE OR REFRESH STREAMING TABLE static AS SELECT * FROM STREAM a JOIN dims d ON a.k = d.k;',
    ].join('\n');
    expect(await at('P103', { 'j.sql': sql })).toEqual(['j.sql:1:63']);
  });
});

describe('P401 kafka-unbounded and P403 autoloader-unbounded on SQL', () => {
  it('fire on STREAM read_kafka / read_files / cloud_files without per-trigger limits, at the function name', async () => {
    const sql = [
      "CREATE OR REFRESH STREAMING TABLE k AS SELECT value::string AS v FROM STREAM read_kafka(bootstrapServers => 'b:9092', subscribe => 'events');",
      "CREATE OR REFRESH STREAMING TABLE f AS SELECT * FROM STREAM read_files('/Volumes/m/s/in', format => 'parquet');",
      "CREATE OR REFRESH STREAMING LIVE TABLE c AS SELECT * FROM cloud_files('/in', 'parquet', map('cloudFiles.inferColumnTypes', 'true'));",
    ].join('\n');
    expect(await at('P401', { 'i.sql': sql })).toEqual(['i.sql:1:78']);
    expect(await at('P403', { 'i.sql': sql })).toEqual(['i.sql:2:61', 'i.sql:3:59']);
    const findings = (await scanFiles({ 'i.sql': sql })).filter((f) => f.rule === 'P403' || f.rule === 'P401');
    expect(findings.map((f) => f.hint)).toEqual([
      'Cap each micro-batch: `maxOffsetsPerTrigger => 10000` in `read_kafka(...)`',
      'Add `maxFilesPerTrigger => 500` to `read_files(...)`',
      'Add `map("cloudFiles.maxFilesPerTrigger", "500")` to `cloud_files(...)`',
    ]);
  });

  it('do not fire with the limits as named arguments or map entries, or on batch reads', async () => {
    const sql = [
      "CREATE OR REFRESH STREAMING TABLE k AS SELECT * FROM STREAM read_kafka(bootstrapServers => 'b:9092', subscribe => 'e', maxOffsetsPerTrigger => 10000);",
      "CREATE OR REFRESH STREAMING TABLE f AS SELECT * FROM STREAM read_files('/in', format => 'parquet', maxBytesPerTrigger => '1g');",
      "CREATE OR REFRESH STREAMING TABLE g AS SELECT * FROM STREAM read_files('/in', format => 'parquet', `cloudFiles.maxFilesPerTrigger` => 10);",
      "CREATE OR REFRESH STREAMING LIVE TABLE c AS SELECT * FROM cloud_files('/in', 'parquet', map('cloudFiles.maxFilesPerTrigger', '100'));",
      "CREATE OR REFRESH MATERIALIZED VIEW b AS SELECT * FROM read_files('/in', format => 'parquet');",
      "SELECT * FROM read_kafka(bootstrapServers => 'b:9092', subscribe => 'e') LIMIT 10;",
    ].join('\n');
    expect(await at('P401', { 'i.sql': sql })).toEqual([]);
    expect(await at('P403', { 'i.sql': sql })).toEqual([]);
  });
});

describe('P402 delta-unbounded on SQL and pipeline tables', () => {
  it('fires on STREAM over a Delta or pipeline table without a cap, at the relation, with the WITH (...) advice', async () => {
    const sql = [
      'CREATE OR REFRESH STREAMING TABLE silver AS SELECT * FROM STREAM(LIVE.bronze);', // 1
      'CREATE OR REFRESH STREAMING TABLE copy AS SELECT * FROM STREAM main.raw.events;',
      'CREATE OR REFRESH STREAMING TABLE capped AS SELECT * FROM STREAM(LIVE.bronze) WITH (\'maxBytesPerTrigger\' = \'1g\');',
      "CREATE OR REFRESH STREAMING TABLE files AS SELECT * FROM STREAM main.raw.events WITH (maxFilesPerTrigger = 10) AS e;",
      'CREATE OR REFRESH MATERIALIZED VIEW daily AS SELECT * FROM LIVE.bronze;', // 5: a batch read
    ].join('\n');
    const col = (line: number): number => sql.split('\n')[line - 1].indexOf('FROM STREAM') + 6;
    expect(await at('P402', { 'pipeline/silver.sql': sql })).toEqual([`pipeline/silver.sql:1:${col(1)}`, `pipeline/silver.sql:2:${col(2)}`]);
    const [finding] = (await scanFiles({ 'pipeline/silver.sql': sql })).filter((f) => f.rule === 'P402');
    expect(finding.fix).toContain("WITH ('maxBytesPerTrigger' = '1g')");
    expect(finding.autofix).toBeUndefined();
  });

  it('fires on dlt.read_stream, whose table spark.readStream reads capped; not on a capped spark.readStream.table', async () => {
    const nb = notebook(
      'import dlt\n@dlt.table\ndef silver():\n    return dlt.read_stream("bronze").where("id IS NOT NULL")',
      '@dlt.table\ndef gold():\n    return spark.readStream.option("maxBytesPerTrigger", "1g").table("LIVE.silver")',
    );
    expect(await linesOf('P402', { 'pipelines/p.py': nb })).toEqual([5]);
    const [finding] = (await scanFiles({ 'pipelines/p.py': nb })).filter((f) => f.rule === 'P402');
    expect(finding.hint).toBe('Read it with `spark.readStream.option("maxBytesPerTrigger", "1g").table("bronze")`');
  });

  it('reads a @dlt.view through dlt.read_stream as the view\'s own reader, which its rule judges', async () => {
    const nb = notebook(
      'import dlt\n@dlt.view\ndef raw_events():\n    return spark.readStream.format("kafka").option("subscribe", "t").option("maxOffsetsPerTrigger", 10000).load()',
      '@dlt.view(name="raw_files")\ndef files_view():\n    return spark.readStream.format("cloudFiles").option("cloudFiles.format", "json").load("/Volumes/m/s/in")',
      '@dlt.table\ndef bronze():\n    return dlt.read_stream("raw_events").where("value IS NOT NULL")',
      '@dlt.table\ndef bronze_files():\n    return dlt.read_stream("LIVE.raw_files")',
      '@dlt.table\ndef silver():\n    return dlt.read_stream("bronze")',
    );
    const findings = (await scanFiles({ 'pipelines/p.py': nb })).filter((f) => f.rule.startsWith('P40'));
    // The capped Kafka view gives nothing; the uncapped Auto Loader view is the view's finding; only the stored table is a Delta stream.
    expect(findings.map((f) => `${f.rule}:${f.line}`)).toEqual(['P403:11', 'P402:29']);
  });
});

describe('P304 no-bad-records-path and P305 schema-inferred on SQL', () => {
  it('P304 fires on json/csv read_files with a given schema and no rescue column, at the whole call', async () => {
    const sql = [
      "CREATE OR REFRESH STREAMING TABLE j AS SELECT * FROM STREAM read_files('/in/j', format => 'json', schema => 'id INT, v STRING');",
      "CREATE OR REFRESH MATERIALIZED VIEW c AS SELECT * FROM read_files('/in/c', format => 'csv', schema => 'id INT', header => true);",
    ].join('\n');
    const findings = (await scanFiles({ 'b.sql': sql })).filter((f) => f.rule === 'P304');
    expect(findings.map((f) => `${f.line}:${f.column}-${f.endLine}`)).toEqual(['1:61-1', '2:56-2']);
  });

  it('P304 does not fire when Auto Loader rescues the data (inferred schema), a rescue column or bad-records path is set, or the read is only displayed', async () => {
    const sql = [
      "CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM STREAM read_files('/in', format => 'json');",
      "CREATE OR REFRESH STREAMING TABLE b AS SELECT * FROM STREAM read_files('/in', format => 'json', schema => 'id INT', rescuedDataColumn => '_rescued');",
      "CREATE OR REFRESH STREAMING TABLE c AS SELECT * FROM STREAM read_files('/in', format => 'csv', schema => 'id INT', badRecordsPath => '/Volumes/m/s/bad');",
      "CREATE OR REFRESH STREAMING LIVE TABLE d AS SELECT * FROM cloud_files('/in', 'csv', map('header', 'true'));",
      "CREATE OR REFRESH STREAMING TABLE e AS SELECT * FROM STREAM read_files('/in', format => 'json', schema => 'id INT', schemaEvolutionMode => 'rescue');",
      "SELECT * FROM read_files('/in', format => 'json', schema => 'id INT') LIMIT 10;",
    ].join('\n');
    expect(await at('P304', { 'b.sql': sql })).toEqual([]);
  });

  it('P305 does not apply: streaming tables run in pipelines, which keep the inferred schema', async () => {
    const sql = "CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM STREAM read_files('/in', format => 'json');";
    expect(await at('P305', { 'b.sql': sql })).toEqual([]);
  });
});

describe('SQL sinks and other rules', () => {
  it('P602 no-query-listener ignores pipeline tables: their progress is in the pipeline event log', async () => {
    const sql = "CREATE OR REFRESH STREAMING TABLE a AS SELECT * FROM STREAM read_files('/in', format => 'parquet', maxFilesPerTrigger => 10);";
    expect(await at('P602', { 'a.sql': sql })).toEqual([]);
  });

  it('a suppression comment in SQL silences a lineage finding', async () => {
    const sql = 'CREATE OR REFRESH STREAMING TABLE s AS SELECT k, count(*) FROM STREAM e\nGROUP BY k -- remediation: ignore[missing-watermark]\n';
    const findings = (await scanFiles({ 's.sql': sql })).filter((f) => f.rule === 'P101');
    expect(findings.map((f) => f.suppressed)).toEqual([true]);
  });
});

describe('SQL fixes in a diff', () => {
  it('a WATERMARK clause added to a streaming table resolves P101 and its hunk works on priority 1', async () => {
    const before = 'CREATE OR REFRESH STREAMING TABLE s AS\nSELECT k, count(*) FROM STREAM e\nGROUP BY k;\n';
    const after = 'CREATE OR REFRESH STREAMING TABLE s AS\nSELECT k, count(*) FROM STREAM e\nWATERMARK ts DELAY OF INTERVAL 10 MINUTES\nGROUP BY k;\n';
    const result = (await getEngine()).diff({ base: [{ path: 's.sql', content: before }], head: [{ path: 's.sql', content: after }] });
    expect(result.findings.filter((f) => f.rule === 'P101').map((f) => f.status)).toEqual(['resolved']);
    expect(result.hunks.map((h) => [h.newStart, h.priorities.includes(1)])).toEqual([[3, true]]);
  });
});

describe('identity of SQL lineage findings', () => {
  const fingerprints = async (path: string, content: string): Promise<string[]> =>
    (await scanFiles({ [path]: content })).filter((f) => f.rule === 'P101' || f.rule === 'P403').map((f) => `${f.rule}:${f.fingerprint}`);

  it('survives re-casing, re-wrapping and comments of the SQL, and re-wrapping the spark.sql call', async () => {
    const a = await fingerprints('a.sql', "CREATE OR REFRESH STREAMING TABLE s AS SELECT k, count(*) FROM STREAM read_files('/x', format => 'parquet') GROUP BY k;");
    const b = await fingerprints('a.sql', "-- header\ncreate or refresh streaming table s as\n  select k, count(*)\n  from stream read_files('/x', format => 'parquet')  -- src\n  group   by k;");
    expect(a).toHaveLength(2);
    expect(b).toEqual(a);
    const py1 = '# Databricks notebook source\nspark.readStream.table("a.b").createOrReplaceTempView("v")\nx = spark.sql("SELECT k, count(*) FROM v GROUP BY k")\n';
    const py2 = '# Databricks notebook source\n\nspark.readStream.table("a.b").createOrReplaceTempView("v")  # c\nx = spark.sql(\n    "SELECT k, count(*) FROM v GROUP BY k"\n)\n';
    expect(await fingerprints('p.py', py2)).toEqual(await fingerprints('p.py', py1));
  });
});
