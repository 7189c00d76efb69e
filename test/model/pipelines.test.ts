import { describe, expect, it } from 'vitest';
import { detectJobFileKind, readJobFile } from '../../src/model/jobs.js';
import { bindPipelines, lookupBindings } from '../../src/model/job-bindings.js';
import { jsonJob, lineOf, yamlJobs } from '../helpers/job-fixtures.js';

const BUNDLE = `resources:
  pipelines:
    emir:
      name: "EMIR (SDP)"
      catalog: main
      schema: raw
      development: false
      continuous: false
      configuration:
        spark.sql.shuffle.partitions: 64
        landing_path: /Volumes/x
      clusters:
        - label: default
          num_workers: 1
          spark_conf:
            spark.sql.shuffle.partitions: "8"
            spark.databricks.delta.optimizeWrite.enabled: "true"
          custom_tags:
            Project: emir
        - label: maintenance
          spark_conf:
            spark.x: "y"
      notifications:
        - email_recipients: [oncall@example.com]
          alerts: [on-update-failure]
      libraries:
        - notebook:
            path: ../src/pipelines/bronze.py
        - file:
            path: ../src/pipelines/silver.py
        - glob:
            include: ../src/transformations/**
targets:
  dev:
    resources:
      pipelines:
        emir:
          development: true
  prod:
    resources:
      pipelines:
        emir:
          continuous: true
`;

describe('pipelines (bundle resources.pipelines)', () => {
  it('reads name, mode, configuration, clusters, notifications, libraries and schema with positions', () => {
    const model = yamlJobs(BUNDLE);
    expect(model.jobs).toEqual([]);
    expect(model.pipelines).toHaveLength(1);
    const [p] = model.pipelines;
    expect(p).toMatchObject({ name: 'EMIR (SDP)', key: 'emir', catalog: 'main', schema: 'raw', serverless: false });
    // The dev target says development, prod does not: a production pipeline that prod runs continuously.
    expect(p.development).toBe(false);
    expect(p.continuous).toBe(true);
    expect(p.runs).toBe('continuous');
    // `configuration` first, then the default cluster's spark_conf; the maintenance cluster's conf is not the pipeline's.
    expect([...p.sparkConf]).toEqual([
      ['spark.sql.shuffle.partitions', '64'],
      ['landing_path', '/Volumes/x'],
      ['spark.databricks.delta.optimizeWrite.enabled', 'true'],
    ]);
    expect(p.clusters).toHaveLength(2);
    expect(p.libraries.map((l) => [l.kind, l.path, l.node.span.line])).toEqual([
      ['notebook', '../src/pipelines/bronze.py', lineOf(model, 'path: ../src/pipelines/bronze.py')],
      ['file', '../src/pipelines/silver.py', lineOf(model, 'path: ../src/pipelines/silver.py')],
      ['glob', '../src/transformations/**', lineOf(model, 'include:')],
    ]);
    expect(p.overrides).toHaveLength(2);
  });

  it('is in development mode when every layer that says so says true', () => {
    const dev = yamlJobs('resources:\n  pipelines:\n    p:\n      development: true\n      libraries:\n        - notebook:\n            path: a.py\n');
    expect(dev.pipelines[0]).toMatchObject({ name: 'p', development: true, continuous: false, runs: 'manual' });
    const unset = yamlJobs('resources:\n  pipelines:\n    p:\n      libraries:\n        - notebook:\n            path: a.py\n');
    expect(unset.pipelines[0].development).toBe(false);
  });

  it('takes a target-only override of a pipeline of another file for no pipeline, but a complete one for its own', () => {
    const text = 'bundle:\n  name: b\ntargets:\n  dev:\n    resources:\n      pipelines:\n        other:\n          development: true\n        own:\n          name: own\n          libraries:\n            - notebook:\n                path: ./x.py\n';
    expect(yamlJobs(text, 'databricks.yml').pipelines.map((p) => p.name)).toEqual(['own']);
  });

  it('reads a schedule of the pipeline itself (trigger.cron) as scheduled', () => {
    const model = yamlJobs('resources:\n  pipelines:\n    p:\n      trigger:\n        cron:\n          quartz_cron_schedule: "0 0 * * * ?"\n      libraries:\n        - notebook:\n            path: a.py\n');
    expect(model.pipelines[0].runs).toBe('scheduled');
  });
});

describe('pipelines (Pipelines API JSON)', () => {
  const spec = {
    id: '61855cda',
    name: 'nurse_callout_pipeline',
    clusters: [{ label: 'default', autoscale: { min_workers: 1, max_workers: 1, mode: 'ENHANCED' } }],
    development: true,
    continuous: false,
    channel: 'PREVIEW',
    libraries: [{ notebook: { path: '/Repos/u/nursing_callout/python/10_DLT' } }],
    catalog: 'main',
    configuration: { yearly_hours: '400' },
    target: 'hls',
  };

  it('detects and reads the create payload and a GET answer wrapping it in spec', () => {
    const text = JSON.stringify(spec, null, 2);
    expect(detectJobFileKind('workflow_configs/pipeline.json', text)).toBe('job-json');
    const model = readJobFile('workflow_configs/pipeline.json', text)!;
    expect(model.jobs).toEqual([]);
    expect(model.pipelines.map((p) => [p.name, p.development, p.channel, p.schema, p.catalog])).toEqual([['nurse_callout_pipeline', true, 'PREVIEW', 'hls', 'main']]);
    expect(model.pipelines[0].span.line).toBe(1);
    const wrapped = readJobFile('p.json', JSON.stringify({ pipeline_id: 'x', state: 'IDLE', spec }, null, 2))!;
    expect(wrapped.pipelines.map((p) => p.name)).toEqual(['nurse_callout_pipeline']);
  });

  it('does not take a Jobs API 2.0 job with jar libraries, or an unrelated JSON with libraries, for a pipeline', () => {
    const job = jsonJob({ name: 'v20', new_cluster: { num_workers: 1 }, libraries: [{ jar: 'dbfs:/a.jar' }], spark_jar_task: { main_class_name: 'A' } });
    expect(job.pipelines).toEqual([]);
    expect(job.jobs).toHaveLength(1);
    expect(detectJobFileKind('package.json', JSON.stringify({ name: 'x', libraries: ['a'] }))).toBeUndefined();
  });
});

describe('job runs', () => {
  it('tells continuous, scheduled, triggered and manual jobs apart, bundle target overrides included', () => {
    const model = jsonJob([
      { name: 'c', continuous: { pause_status: 'UNPAUSED' }, tasks: [] },
      { name: 's', schedule: { quartz_cron_expression: '0 0 * * * ?' }, tasks: [] },
      { name: 't', trigger: { file_arrival: { url: '/Volumes/x' } }, tasks: [] },
      { name: 'm', tasks: [{ task_key: 'a', notebook_task: { notebook_path: 'a' } }] },
    ]);
    expect(model.jobs.map((j) => [j.name, j.runs])).toEqual([['c', 'continuous'], ['s', 'scheduled'], ['t', 'triggered'], ['m', 'manual']]);
    const bundle = yamlJobs('resources:\n  jobs:\n    j:\n      name: j\n      tasks: []\ntargets:\n  prod:\n    resources:\n      jobs:\n        j:\n          schedule:\n            quartz_cron_expression: "0 0 * * * ?"\n');
    expect(bundle.jobs.map((j) => [j.key, j.runs])).toEqual([['j', 'scheduled']]);
  });
});

describe('pipeline bindings', () => {
  const jobs = `resources:
  jobs:
    nightly:
      name: nightly
      schedule:
        quartz_cron_expression: "0 0 1 * * ?"
      tasks:
        - task_key: refresh
          pipeline_task:
            pipeline_id: \${resources.pipelines.emir.id}
`;

  it('binds notebook and file libraries by path, relative to the YAML file, and glob includes for the engine', () => {
    const { byPath, globs } = bindPipelines([yamlJobs(BUNDLE)]);
    expect(lookupBindings(byPath, 'src/pipelines/bronze.py').map((b) => b.library.kind)).toEqual(['notebook']);
    expect(lookupBindings(byPath, 'src/pipelines/silver.py').map((b) => b.pipeline.name)).toEqual(['EMIR (SDP)']);
    expect(lookupBindings(byPath, 'src/pipelines/other.py')).toEqual([]);
    expect(globs.map((g) => g.pattern)).toEqual(['src/transformations/**']);
    expect(lookupBindings(byPath, 'src/pipelines/bronze.py')[0].sparkConf.get('spark.sql.shuffle.partitions')).toBe('64');
  });

  it('gives a pipeline the runs of the job of the repository whose pipeline_task starts it', () => {
    const manual = yamlJobs(BUNDLE.replace('          continuous: true\n', '          development: false\n'));
    expect(manual.pipelines[0].runs).toBe('manual');
    const { byPath } = bindPipelines([manual, yamlJobs(jobs, 'resources/jobs.yml')]);
    expect(lookupBindings(byPath, 'src/pipelines/bronze.py').map((b) => b.runs)).toEqual(['scheduled']);
    expect(lookupBindings(bindPipelines([manual]).byPath, 'src/pipelines/bronze.py').map((b) => b.runs)).toEqual(['manual']);
  });

  it('reads the pipeline_task of a job task', () => {
    expect(yamlJobs(jobs).jobs[0].tasks[0].pipelineId).toBe('${resources.pipelines.emir.id}');
  });
});
