/** File roles, through the engine: what each kind of file is taken for, and what decides it. */
import { describe, expect, it } from 'vitest';
import type { Files } from '../helpers/engine.js';
import { getEngine, notebook, scanFiles, toInputs } from '../helpers/engine.js';

async function roles(files: Files, globs?: Record<string, string[]>): Promise<Record<string, string>> {
  const result = (await getEngine()).scan(toInputs(files), globs ? { roles: globs } : {});
  return Object.fromEntries(result.roles ?? []);
}

const STREAM = 'df = spark.readStream.table("main.bronze.a")\ndf.writeStream.toTable("main.silver.a")\n';
const JOB = JSON.stringify({ name: 'j', tasks: [{ task_key: 't', notebook_task: { notebook_path: 'notebooks/generate_bronze' } }] });

describe('file roles', () => {
  it('pipeline: Spark code, a module pipeline code imports, a notebook a job runs whatever its name', async () => {
    expect(
      await roles({
        'src/pipeline/job.py': 'from pipeline.helpers import report\nreport(spark.read.table("main.a.b").count())\n',
        'src/pipeline/helpers.py': 'def report(n):\n    print(n)\n',
        'notebooks/generate_bronze.py': notebook(STREAM),
        'jobs/job.json': JOB,
      }),
    ).toEqual({ 'src/pipeline/job.py': 'pipeline', 'src/pipeline/helpers.py': 'pipeline', 'notebooks/generate_bronze.py': 'pipeline', 'jobs/job.json': 'pipeline' });
  });

  it('setup: one-shot paths and names, and code importing a data generator library', async () => {
    expect(
      await roles({
        '_resources/00-setup.py': notebook('spark.sql("CREATE SCHEMA IF NOT EXISTS main.demo")'),
        'notebooks/00-init.py': notebook('spark.sql("CREATE CATALOG IF NOT EXISTS demo")'),
        'uc/02-manual-upgrade-to-UC.py': notebook('spark.sql("SYNC SCHEMA main.a FROM hive_metastore.a")'),
        'pipelines/bronze_events.py': notebook('from faker import Faker\nspark.createDataFrame([Faker().name()]).write.saveAsTable("main.a.b")'),
        'src/pkg/__init__.py': 'from pyspark.sql import SparkSession\n',
      }),
    ).toEqual({
      '_resources/00-setup.py': 'setup',
      'notebooks/00-init.py': 'setup',
      'uc/02-manual-upgrade-to-UC.py': 'setup',
      'pipelines/bronze_events.py': 'setup',
      'src/pkg/__init__.py': 'pipeline',
    });
  });

  it('exploration: a notebook whose stream only ends in display()', async () => {
    const explore = notebook('df = spark.readStream.table("main.bronze.a")', 'display(df)');
    expect(await roles({ 'explore/look.py': explore, 'jobs/ingest.py': notebook(STREAM, 'display(df)') })).toEqual({ 'explore/look.py': 'exploration', 'jobs/ingest.py': 'pipeline' });
  });

  it('setup: a module that only the generator code of a pipeline file calls; pipeline once other code calls it', async () => {
    const stage = [
      'import random',
      'try:',
      '    from geo_utils import load_shapes',
      'except ImportError:',
      '    load_shapes = None',
      'import text_utils as tu',
      'def generate_points(n):',
      '    shapes = load_shapes() if load_shapes else {}',
      '    return [(random.uniform(0, 1), len(shapes)) for _ in range(n)]',
      'spark.createDataFrame(generate_points(10)).write.saveAsTable("main.raw.points")',
      'spark.read.table("main.raw.events").withColumn("n", tu.normalise("x")).write.saveAsTable("main.silver.events")',
    ].join('\n');
    const helper = 'import json\ndef load_shapes():\n    out = {}\n    for f in json.load(open("states.json"))["features"]:\n        try:\n            out[f["id"]] = f["geometry"]\n        except Exception:\n            continue\n    return out\n';
    const files = { 'notebooks/points.py': stage, 'notebooks/geo_utils.py': helper, 'notebooks/text_utils.py': 'def normalise(c):\n    return c\n' };
    expect(await roles(files)).toEqual({ 'notebooks/points.py': 'pipeline', 'notebooks/geo_utils.py': 'setup', 'notebooks/text_utils.py': 'pipeline' });
    // The skipped shape is the generator's business: silent-failure judges pipeline code only.
    expect((await scanFiles(files)).filter((f) => f.rule === 'P302').map((f) => f.path)).toEqual([]);
    const reader = 'from geo_utils import load_shapes\nstates = list(load_shapes())\nspark.read.table("main.raw.events").where(spark_col("state").isin(states)).write.saveAsTable("main.silver.in_states")\n';
    expect((await roles({ ...files, 'notebooks/shapes.py': reader }))['notebooks/geo_utils.py']).toBe('pipeline');
    expect((await scanFiles({ ...files, 'notebooks/shapes.py': reader })).filter((f) => f.rule === 'P302').map((f) => f.line)).toEqual([7]);
    // Handed to Spark as a UDF by pipeline code: used outside the generator.
    const udf = stage.replace('from geo_utils import load_shapes', 'from geo_utils import load_shapes, shape_of').replace('.write.saveAsTable("main.silver.events")', '.withColumn("s", F.udf(shape_of)("x")).write.saveAsTable("main.silver.events")');
    expect((await roles({ ...files, 'notebooks/points.py': udf }))['notebooks/geo_utils.py']).toBe('pipeline');
  });

  it('exploration: a notebook whose streams only end in the console sink; a memory sink is read back by code', async () => {
    const console = notebook('df = spark.readStream.table("main.bronze.a")', 'df.writeStream.format("console").start()');
    const memory = notebook('df = spark.readStream.table("main.bronze.a")', 'df.groupBy("k").count().writeStream.outputMode("complete").start(format="memory", queryName="counts")');
    const both = notebook('df = spark.readStream.table("main.bronze.a")', 'df.writeStream.format("console").start()', 'df.writeStream.format("delta").toTable("main.silver.a")');
    expect(await roles({ 'explore/console.py': console, 'explore/memory.py': memory, 'explore/both.py': both })).toEqual({
      'explore/console.py': 'exploration',
      'explore/memory.py': 'pipeline',
      'explore/both.py': 'pipeline',
    });
  });

  it('tooling and test: no Spark at all, CI folders, test paths and test harnesses', async () => {
    expect(
      await roles({
        '.github/scripts/export.py': 'from pyspark.sql import SparkSession\nprint(SparkSession)\n',
        'notebooks/rest_calls.py': notebook('import requests\nprint(requests.get("https://example.com").status_code)'),
        'tests/test_a.py': 'def test_a():\n    assert True\n',
        'zipdcm/db_runner.py': 'import pytest\nspark.read.table("main.a.b")\n',
      }),
    ).toEqual({ '.github/scripts/export.py': 'tooling', 'notebooks/rest_calls.py': 'tooling', 'tests/test_a.py': 'test', 'zipdcm/db_runner.py': 'test' });
  });

  it('setup: code that writes only rows it made up, even when a job runs it, and reading them back reads nothing', async () => {
    const job = JSON.stringify({ name: 'j', schedule: { quartz_cron_expression: '0 0 * * * ?' }, tasks: [{ task_key: 't', notebook_task: { notebook_path: 'notebooks/generate_raw' } }] });
    const made = 'rows = [(i, "x") for i in range(10)]\nspark.createDataFrame(rows).write.mode("overwrite").json("/Volumes/main/raw/in")';
    const demo = notebook('spark.createDataFrame([(1, "a")]).write.saveAsTable("main.demo.t")', 'spark.sql("SELECT * FROM main.demo.t").show()', 'spark.sql("INSERT INTO main.demo.t VALUES (2, \'b\')")');
    const real = notebook('spark.createDataFrame([(1, "a")]).write.saveAsTable("main.demo.t")', 'spark.read.table("main.bronze.events").write.saveAsTable("main.silver.events")');
    expect(await roles({ 'notebooks/generate_raw.py': notebook(made), 'jobs/j.json': job, 'lab/demo.py': demo, 'lab/real.py': real })).toMatchObject({
      'notebooks/generate_raw.py': 'setup',
      'lab/demo.py': 'setup',
      'lab/real.py': 'pipeline',
    });
  });

  it('exploration: a batch notebook that writes nothing and defines no DataFrame functions, unless a pipeline includes or runs it', async () => {
    const look = notebook('df = spark.read.table("main.silver.a")', 'print(df.count())\ndisplay(df.groupBy("k").count())');
    const library = notebook('def load(name):\n    return spark.read.table(name)');
    const sqlOnly = notebook('# MAGIC %sql\n# MAGIC SELECT * FROM main.silver.a');
    const parent = notebook('# MAGIC %run ./shared', 'dbutils.notebook.run("./child", 600)', 'spark.read.table("main.a.b").write.saveAsTable("main.a.c")');
    expect(
      await roles({
        'explore/look.py': look,
        'explore/sql_only.py': sqlOnly,
        'lib/library.py': library,
        'flow/parent.py': parent,
        'flow/shared.py': look,
        'flow/child.py': look,
        'src/report.py': 'df = spark.read.table("main.silver.a")\nprint(df.count())\n',
      }),
    ).toEqual({
      'explore/look.py': 'exploration',
      'explore/sql_only.py': 'exploration',
      'lib/library.py': 'pipeline',
      'flow/parent.py': 'pipeline',
      'flow/shared.py': 'pipeline',
      'flow/child.py': 'pipeline',
      // Modules are imported by code the engine may not see: only notebooks are taken for exploration.
      'src/report.py': 'pipeline',
    });
  });

  it('pipeline: Lakeflow SQL datasets and their flows, whatever fills them', async () => {
    const flow = 'CREATE OR REFRESH STREAMING TABLE main.s.events;\nCREATE FLOW ingest AS INSERT INTO main.s.events BY NAME SELECT * FROM STREAM read_files("/Volumes/main/s/landing", format => "json");\n';
    const cdc = 'CREATE OR REFRESH STREAMING TABLE customers;\nAPPLY CHANGES INTO live.customers FROM stream(live.customers_raw) KEYS (id) SEQUENCE BY ts;\n';
    const autoCdc = 'CREATE OR REFRESH STREAMING TABLE customers;\nAUTO CDC INTO customers FROM stream(customers_raw) KEYS (id) SEQUENCE BY ts;\n';
    // The dataset alone, its flows in another file: still the pipeline's.
    const datasetOnly = 'CREATE OR REFRESH STREAMING TABLE main.s.events (id INT, ts TIMESTAMP) CLUSTER BY (ts);\n';
    // A table defined, then data shown: as before, not exploration.
    const defineThenLook = notebook('spark.sql("CREATE TABLE IF NOT EXISTS main.gold.t (id INT)")', 'display(spark.table("main.silver.a"))');
    expect(await roles({ 'p/flow.sql': flow, 'p/cdc.sql': cdc, 'p/auto_cdc.sql': autoCdc, 'p/dataset.sql': datasetOnly, 'p/look.py': defineThenLook })).toEqual({
      'p/flow.sql': 'pipeline',
      'p/cdc.sql': 'pipeline',
      'p/auto_cdc.sql': 'pipeline',
      'p/dataset.sql': 'pipeline',
      'p/look.py': 'pipeline',
    });
  });

  it('setup: a notebook that creates catalogs, schemas or volumes and reads and writes no data', async () => {
    const schemas = notebook('spark.sql("CREATE SCHEMA IF NOT EXISTS main.bronze")', '# MAGIC %sql\n# MAGIC CREATE VOLUME IF NOT EXISTS main.bronze.landing');
    const catalog = notebook('# MAGIC %sql\n# MAGIC CREATE CATALOG IF NOT EXISTS demo', 'spark.sql("SHOW SCHEMAS IN demo").show()');
    // Reading data too: it shows results, whatever it creates first.
    const looks = notebook('spark.sql("CREATE SCHEMA IF NOT EXISTS main.scratch")', 'display(spark.read.table("main.silver.a"))');
    // A table defined with no query holds no rows yet; one filled by a query is written.
    const table = notebook('spark.sql("CREATE TABLE IF NOT EXISTS main.bronze.t (id INT)")');
    const filled = notebook('spark.sql("CREATE TABLE main.gold.t AS SELECT * FROM main.silver.t")');
    // A clone copies its source's rows: a read and a write.
    const cloned = notebook('spark.sql("CREATE OR REPLACE TABLE main.dev.t DEEP CLONE main.prod.t")');
    // A view stores nothing and is no container.
    const view = notebook('spark.sql("CREATE OR REPLACE TEMP VIEW v AS SELECT 1")', 'display(spark.table("v"))');
    expect(await roles({ 'a/schemas.py': schemas, 'a/catalog.py': catalog, 'a/looks.py': looks, 'a/table.py': table, 'a/filled.py': filled, 'a/cloned.py': cloned, 'a/view.py': view })).toEqual({
      'a/schemas.py': 'setup',
      'a/catalog.py': 'setup',
      'a/looks.py': 'exploration',
      'a/table.py': 'setup',
      'a/filled.py': 'pipeline',
      'a/cloned.py': 'pipeline',
      'a/view.py': 'exploration',
    });
  });

  it('pipeline: a batch notebook that writes nothing but defines a UDF: Spark runs that function on rows, so it is library code', async () => {
    const udfs = notebook('def discount(amount):\n    return amount * 0.1 if amount > 100 else 0.0', 'discount_udf = udf(discount, DoubleType())\ndisplay(spark.table("main.s.txns").withColumn("d", discount_udf(col("amount"))))');
    const registered = notebook('def price(a, d):\n    return float(a - d)', 'spark.udf.register("price", price)\ndisplay(spark.sql("SELECT price(amount, 1) FROM main.s.txns"))');
    const look = notebook('def label(n):\n    return f"{n} rows"', 'print(label(spark.table("main.s.txns").count()))');
    expect(await roles({ 'labs/udf.py': udfs, 'labs/registered.py': registered, 'labs/look.py': look })).toEqual({ 'labs/udf.py': 'pipeline', 'labs/registered.py': 'pipeline', 'labs/look.py': 'exploration' });
  });

  it('pipeline: a notebook passing task values is a job task, even with the job defined outside the repository', async () => {
    const child = notebook('n = dbutils.jobs.taskValues.get(taskKey="load", key="rows", default=0)', 'print(f"rows: {n}")');
    const scorer = notebook('df = spark.table("main.s.loans")', 'avg = df.agg({"score": "avg"}).collect()[0][0]\ndbutils.jobs.taskValues.set("avg", float(avg))');
    const look = notebook('df = spark.table("main.s.loans")', 'print(df.agg({"score": "avg"}).collect()[0][0])');
    expect(await roles({ 'flow/child.py': child, 'flow/score.py': scorer, 'flow/look.py': look })).toEqual({ 'flow/child.py': 'pipeline', 'flow/score.py': 'pipeline', 'flow/look.py': 'exploration' });
  });

  it('tooling: a notebook a job starts only by hand with no Spark of its own, and the helpers it imports', async () => {
    const task = (path: string): object => ({ task_key: 't', notebook_task: { notebook_path: path } });
    const manual = JSON.stringify({ name: 'schema prep', tasks: [task('notebooks/prep_schema')] });
    const scheduled = JSON.stringify({ name: 'nightly', schedule: { quartz_cron_expression: '0 0 * * * ?' }, tasks: [task('notebooks/nightly')] });
    const prep = notebook('from util.xsd import convert\npath = dbutils.widgets.get("xsd")\nprint(convert(path))');
    const helper = 'from pyspark.sql.types import StructType\ndef convert(path):\n    with open(path, "w") as f:\n        f.write("x")\n    print(path)\n    return StructType([])\n';
    expect(
      await roles({
        'jobs/manual.json': manual,
        'jobs/nightly.json': scheduled,
        'notebooks/prep_schema.py': prep,
        'notebooks/nightly.py': prep,
        'util/xsd.py': helper,
      }),
    ).toMatchObject({ 'notebooks/prep_schema.py': 'tooling', 'notebooks/nightly.py': 'pipeline', 'util/xsd.py': 'pipeline' });
    expect(await roles({ 'jobs/manual.json': manual, 'notebooks/prep_schema.py': prep, 'util/xsd.py': helper })).toMatchObject({ 'notebooks/prep_schema.py': 'tooling', 'util/xsd.py': 'tooling' });
  });

  it('tooling: a job definition kept under docs/ documents a job, it is not deployed', async () => {
    const job = JSON.stringify({ name: 'j', tasks: [{ task_key: 't', notebook_task: { notebook_path: 'notebooks/x' } }] });
    expect(await roles({ 'docs/pipeline.json': job, 'resources/job.json': job })).toEqual({ 'docs/pipeline.json': 'tooling', 'resources/job.json': 'pipeline' });
  });

  it('configured globs win over every inference', async () => {
    expect(await roles({ '_resources/00-setup.py': notebook(STREAM) }, { pipeline: ['_resources/**'] })).toEqual({ '_resources/00-setup.py': 'pipeline' });
  });
});
