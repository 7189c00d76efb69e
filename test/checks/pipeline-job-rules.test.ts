/**
 * Job rules on Lakeflow pipelines (bundle `resources.pipelines`) and on one-shot jobs started by
 * hand, through the engine: what a task's notebook does decides whether a manual job is judged.
 */
import { describe, expect, it } from 'vitest';
import { linesOf, notebook, scanFiles } from '../helpers/engine.js';

const lineIn = (text: string, marker: string): number => text.split('\n').findIndex((l) => l.includes(marker)) + 1;

/** A bundle job running `src/nb.py`, with extra YAML at the job level. */
const bundleJob = (extra = '') => `resources:
  jobs:
    prep:
      name: prep
${extra}      tasks:
        - task_key: main
          notebook_task:
            notebook_path: ../src/nb.py
`;
const SCHEDULE = '      schedule:\n        quartz_cron_expression: "0 0 1 * * ?"\n';
const sparkFree = notebook('import json\nname = dbutils.widgets.get("schemas_path")\nprint(json.dumps({"a": name}))');
const batch = notebook('df = spark.read.table("c.s.raw")\ndf.write.mode("overwrite").saveAsTable("c.s.clean")');
const availableNow = notebook('q = (spark.readStream.table("c.s.raw")\n  .writeStream.trigger(availableNow=True)\n  .option("checkpointLocation", "/Volumes/c/s/v/cp")\n  .toTable("c.s.bronze"))');
const unbounded = notebook('q = (spark.readStream.table("c.s.raw")\n  .writeStream.option("checkpointLocation", "/Volumes/c/s/v/cp")\n  .toTable("c.s.bronze"))');

describe('one-shot jobs (started by hand)', () => {
  it('skips retry and alert rules when every task runs code that is neither streaming nor pipeline code', async () => {
    const files = { 'resources/prep.yml': bundleJob(), 'src/nb.py': sparkFree };
    expect(await linesOf('P604', files)).toEqual([]);
    expect(await linesOf('P603', files)).toEqual([]);
  });

  it('judges the same job once it runs on a schedule, or when a task runs pipeline or streaming code', async () => {
    const scheduled = bundleJob(SCHEDULE);
    expect(await linesOf('P604', { 'resources/prep.yml': scheduled, 'src/nb.py': sparkFree })).toEqual([lineIn(scheduled, 'task_key: main')]);
    expect(await linesOf('P603', { 'resources/prep.yml': scheduled, 'src/nb.py': sparkFree })).toEqual([lineIn(scheduled, 'name: prep')]);
    const manual = bundleJob();
    expect(await linesOf('P604', { 'resources/prep.yml': manual, 'src/nb.py': batch })).toEqual([lineIn(manual, 'task_key: main')]);
    expect(await linesOf('P604', { 'resources/prep.yml': manual, 'src/nb.py': availableNow })).toEqual([lineIn(manual, 'task_key: main')]);
    // Code outside the repository cannot be told apart from production code.
    expect(await linesOf('P604', { 'resources/prep.yml': manual })).toEqual([lineIn(manual, 'task_key: main')]);
  });
});

describe('streaming jobs for backlog health (P605) and cluster size (P405)', () => {
  const job = (cluster = '') => `resources:
  jobs:
    stream:
      name: stream
      tasks:
        - task_key: main
          notebook_task:
            notebook_path: ../src/nb.py
${cluster}`;
  const single = '          new_cluster:\n            spark_version: 16.4.x-scala2.12\n            num_workers: 1\n';

  it('takes a job whose queries all end (availableNow) for a batch job', async () => {
    const files = { 'resources/j.yml': job(single), 'src/nb.py': availableNow };
    expect(await linesOf('P605', files)).toEqual([]);
    expect(await linesOf('P405', files)).toEqual([]);
  });

  it('judges a job starting a query that runs until stopped', async () => {
    const text = job(single);
    const files = { 'resources/j.yml': text, 'src/nb.py': unbounded };
    expect(await linesOf('P605', files)).toEqual([lineIn(text, 'name: stream')]);
    expect(await linesOf('P405', files)).toEqual([lineIn(text, 'num_workers: 1')]);
  });
});

const pipeline = (extra = '', libraries = '        - notebook:\n            path: ../src/dlt.py\n') => `resources:
  pipelines:
    silver:
      name: silver
${extra}      libraries:
${libraries}`;
const dltStateful = notebook('import dlt\n\n@dlt.table\ndef counts():\n    return spark.readStream.table("c.s.raw").groupBy("k").count()');

describe('job-no-failure-alert (P603) on pipelines', () => {
  it('fires at the name of a production pipeline without a failure alert', async () => {
    const text = pipeline();
    expect(await linesOf('P603', { 'resources/p.yml': text })).toEqual([lineIn(text, 'name: silver')]);
    const successOnly = pipeline('      notifications:\n        - email_recipients: [a@example.com]\n          alerts: [on-update-success]\n');
    expect(await linesOf('P603', { 'resources/p.yml': successOnly })).toEqual([lineIn(successOnly, 'name: silver')]);
  });

  it('does not fire with on-update-failure or on-flow-failure alerts, in development mode, or when an alerting job starts it', async () => {
    const alerts = pipeline('      notifications:\n        - email_recipients: [a@example.com]\n          alerts: [on-flow-failure]\n');
    expect(await linesOf('P603', { 'resources/p.yml': alerts })).toEqual([]);
    expect(await linesOf('P603', { 'resources/p.yml': pipeline('      development: true\n') })).toEqual([]);
    const started = `${pipeline()}  jobs:
    refresh:
      name: refresh
      email_notifications:
        on_failure: [a@example.com]
      tasks:
        - task_key: run
          pipeline_task:
            pipeline_id: \${resources.pipelines.silver.id}
`;
    expect(await linesOf('P603', { 'resources/p.yml': started })).toEqual([]);
  });

  it('never asks a pipeline for max_retries or backlog health rules (it retries itself; it has no health rules)', async () => {
    const files = { 'resources/p.yml': pipeline('      continuous: true\n'), 'src/dlt.py': dltStateful };
    expect(await linesOf('P604', files)).toEqual([]);
    expect(await linesOf('P605', files)).toEqual([]);
  });
});

describe('undersized-cluster (P405) and job-no-tags (P606) on pipeline clusters', () => {
  const clusters = '      clusters:\n        - label: default\n          num_workers: 1\n';

  it('fires on a continuous pipeline with one fixed worker, and on a classic cluster without tags', async () => {
    const text = pipeline(`      continuous: true\n${clusters}`);
    expect(await linesOf('P405', { 'resources/p.yml': text })).toEqual([lineIn(text, 'num_workers: 1')]);
    expect(await linesOf('P606', { 'resources/p.yml': text })).toEqual([lineIn(text, '- label: default')]);
  });

  it('does not fire on a triggered or serverless pipeline, or a tagged cluster', async () => {
    expect(await linesOf('P405', { 'resources/p.yml': pipeline(clusters) })).toEqual([]);
    expect(await linesOf('P405', { 'resources/p.yml': pipeline(`      continuous: true\n      serverless: true\n${clusters}`) })).toEqual([]);
    expect(await linesOf('P606', { 'resources/p.yml': pipeline(`${clusters}          custom_tags:\n            Project: p\n`) })).toEqual([]);
    expect(await linesOf('P606', { 'resources/p.yml': pipeline('      serverless: true\n') })).toEqual([]);
  });
});

describe('state store rules on notebooks a pipeline runs', () => {
  it('trusts the pipeline runtime for RocksDB (no-rocksdb), but not a notebook no pipeline runs', async () => {
    expect(await linesOf('P501', { 'resources/p.yml': pipeline(), 'src/dlt.py': dltStateful })).toEqual([]);
    expect(await linesOf('P501', { 'src/dlt.py': dltStateful })).toEqual([6]);
  });

  it('reads spark.sql.shuffle.partitions from the pipeline configuration, and says to set it there', async () => {
    const configured = pipeline('      configuration:\n        spark.sql.shuffle.partitions: "64"\n');
    expect(await linesOf('P406', { 'resources/p.yml': configured, 'src/dlt.py': dltStateful })).toEqual([]);
    const findings = (await scanFiles({ 'resources/p.yml': pipeline(), 'src/dlt.py': dltStateful })).filter((f) => f.rule === 'P406');
    expect(findings.map((f) => [f.line, f.hint])).toEqual([[6, 'Set "spark.sql.shuffle.partitions" (2-3x total cores) in the pipeline configuration']]);
  });

  it('points state store conf of a pipeline notebook at the pipeline configuration (conf-in-notebook), and needs no changelog setting there', async () => {
    const nb = notebook('spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")', 'import dlt\n\n@dlt.table\ndef counts():\n    return spark.readStream.table("c.s.raw").groupBy("k").count()');
    const findings = await scanFiles({ 'resources/p.yml': pipeline(), 'src/dlt.py': nb });
    expect(findings.filter((f) => f.rule === 'P503').map((f) => f.message)).toEqual(['`spark.sql.streaming.stateStore.providerClass` is set in the notebook; set it in the pipeline configuration']);
    expect(findings.filter((f) => f.rule === 'P502')).toEqual([]);
    expect((await scanFiles({ 'src/dlt.py': nb })).filter((f) => f.rule === 'P502').map((f) => f.line)).toEqual([2]);
  });

  it('makes a notebook a pipeline runs pipeline code, whatever its name says', async () => {
    const nb = notebook('import dlt\n\n@dlt.table\ndef t():\n    print("building")\n    return spark.read.table("c.s.raw")');
    expect(await linesOf('P601', { 'src/setup_tables.py': nb })).toEqual([]);
    const bound = pipeline('', '        - glob:\n            include: ../src/**\n');
    expect(await linesOf('P601', { 'resources/p.yml': bound, 'src/setup_tables.py': nb })).toEqual([6]);
  });
});

describe('no-changelog-checkpointing (P502) on job clusters', () => {
  it('does not fire on DBR 17.3 or later, where changelog checkpointing is the default', async () => {
    const job = (version: string) => JSON.stringify({ name: 'j', tasks: [{ task_key: 't', notebook_task: { notebook_path: 'nb' }, new_cluster: { spark_version: version, num_workers: 2, spark_conf: { 'spark.sql.streaming.stateStore.providerClass': 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider' } } }] }, null, 2);
    expect(await linesOf('P502', { 'j.json': job('17.3.x-scala2.13') })).toEqual([]);
    expect(await linesOf('P502', { 'j.json': job('16.4.x-scala2.12') })).toEqual([lineIn(job('16.4.x-scala2.12'), 'providerClass')]);
  });
});
