/** File roles, through the engine: what each kind of file is taken for, and what decides it. */
import { describe, expect, it } from 'vitest';
import type { Files } from '../helpers/engine.js';
import { getEngine, notebook, toInputs } from '../helpers/engine.js';

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

  it('configured globs win over every inference', async () => {
    expect(await roles({ '_resources/00-setup.py': notebook(STREAM) }, { pipeline: ['_resources/**'] })).toEqual({ '_resources/00-setup.py': 'pipeline' });
  });
});
