import { describe, expect, it } from 'vitest';
import { buildJobsModel, detectJobFileKind, isJobJson } from '../../src/model/jobs.js';
import { parseJsonPos } from '../../src/model/pos-tree.js';
import { get, num, str } from '../../src/model/pos-helpers.js';
import { jsonJob, lineOf, yamlJobs } from '../helpers/job-fixtures.js';

const create21 = {
  name: 'rt__bronze_to_silver',
  continuous: { pause_status: 'UNPAUSED' },
  run_as: { service_principal_name: 'abc' },
  job_clusters: [{ job_cluster_key: 'stream', new_cluster: { spark_version: '15.4.x-scala2.12', num_workers: 1 } }],
  tasks: [
    { task_key: 'ingest', job_cluster_key: 'stream', notebook_task: { notebook_path: 'notebooks/rt__bronze_to_silver' } },
    { task_key: 'py', spark_python_task: { python_file: 'src/job.py' }, new_cluster: { spark_version: '16.4.x-scala2.12' } },
    { task_key: 'loop', for_each_task: { inputs: '[1]', task: { task_key: 'inner', notebook_task: { notebook_path: 'nb/inner' }, job_cluster_key: 'stream' } } },
  ],
};

describe('buildJobsModel: Jobs API JSON', () => {
  it('reads a 2.1 create payload', () => {
    const model = jsonJob(create21);
    expect(model.problems).toEqual([]);
    expect(model.jobs).toHaveLength(1);
    const [job] = model.jobs;
    expect(job.name).toBe('rt__bronze_to_silver');
    expect(job.continuous).toBe(true);
    expect(job.runAs).toHaveLength(1);
    expect([...job.jobClusters.keys()]).toEqual(['stream']);
    expect(job.tasks.map((t) => t.key)).toEqual(['ingest', 'py', 'loop']);
    const [ingest, py, loop] = job.tasks;
    expect(ingest.notebookPath).toBe('notebooks/rt__bronze_to_silver');
    expect(ingest.clusterKey).toBe('stream');
    expect(num(get(ingest.cluster, 'num_workers'))).toBe(1);
    expect(get(ingest.cluster, 'num_workers')!.span.line).toBe(lineOf(model, '"num_workers": 1'));
    expect(py.pythonFile).toBe('src/job.py');
    expect(str(get(py.cluster, 'spark_version'))).toBe('16.4.x-scala2.12');
    expect(loop.notebookPath).toBe('nb/inner');
    expect(loop.cluster).toBe(ingest.cluster);
  });

  it('reads a GET export wrapped in settings', () => {
    const model = jsonJob({ job_id: 42, creator_user_name: 'x@example.com', settings: { ...create21, continuous: undefined } });
    expect(model.jobs).toHaveLength(1);
    expect(model.jobs[0].node).toBe(get(model.root, 'settings'));
    expect(model.jobs[0].continuous).toBe(false);
    expect(model.jobs[0].tasks).toHaveLength(3);
  });

  it('reads the Jobs API 2.0 single-task shape as one task named after the job', () => {
    const model = jsonJob({
      name: 'hist__daily',
      new_cluster: { spark_version: '13.3.x-scala2.12', num_workers: 0 },
      notebook_task: { notebook_path: '/Repos/me@example.com/pipeline/notebooks/hist__daily' },
      max_retries: 2,
    });
    const [job] = model.jobs;
    expect(job.tasks).toHaveLength(1);
    expect(job.tasks[0].key).toBe('hist__daily');
    expect(job.tasks[0].node).toBe(job.node);
    expect(job.tasks[0].notebookPath).toBe('/Repos/me@example.com/pipeline/notebooks/hist__daily');
    expect(str(get(job.tasks[0].cluster, 'spark_version'))).toBe('13.3.x-scala2.12');
  });

  it('reads a bare list and the list API output', () => {
    expect(jsonJob([create21, { name: 'b', tasks: [] }, { not: 'a job' }]).jobs.map((j) => j.name)).toEqual(['rt__bronze_to_silver', 'b']);
    const listed = jsonJob({ jobs: [{ job_id: 1, settings: create21 }, { job_id: 2, settings: { name: 'two', tasks: [] } }], has_more: false });
    expect(listed.jobs.map((j) => j.name)).toEqual(['rt__bronze_to_silver', 'two']);
  });

  it('names unnamed jobs after the file', () => {
    expect(jsonJob({ tasks: [] }, 'jobs/stream_job.json').jobs[0].name).toBe('stream_job');
  });

  it('gives valid non-job JSON no jobs and no problems', () => {
    for (const value of [{ cells: [] }, [1, 2], 'text', null, { clusters: [{ num_workers: 1 }] }]) {
      const model = jsonJob(value);
      expect(model.jobs).toEqual([]);
      expect(model.problems).toEqual([]);
    }
  });

  it('turns invalid JSON into problems with lines, never a throw', () => {
    const model = buildJobsModel('jobs/bad.json', 'job-json', '{\n  "name": "x",\n  "tasks": [\n    {"task_key": }\n  ]\n}');
    expect(model.problems.length).toBeGreaterThan(0);
    expect(model.problems[0].line).toBe(4);
    expect(() => buildJobsModel('x.json', 'job-json', '')).not.toThrow();
    expect(() => buildJobsModel('x.json', 'job-json', '{"tasks":'.repeat(10_000))).not.toThrow();
    expect(() => buildJobsModel('x.yml', 'bundle-yaml', 'resources:\n  jobs: [\n')).not.toThrow();
  });

  it('strips a BOM and CRLF so lines match the file', () => {
    const model = buildJobsModel('j.json', 'job-json', '\uFEFF{\r\n  "name": "a",\r\n  "tasks": []\r\n}\r\n');
    expect(model.lines[1]).toBe('  "name": "a",');
    expect(get(model.jobs[0].node, 'name')!.span.line).toBe(2);
  });
});

const bundle = `bundle:
  name: pipeline
run_as:
  service_principal_name: sp-app-id
variables:
  dbr:
    default: 15.4.x-scala2.12
resources:
  jobs:
    stream_job:
      name: rt stream
      continuous:
        pause_status: UNPAUSED
      job_clusters:
        - job_cluster_key: main
          new_cluster:
            spark_version: \${var.dbr}
            num_workers: 1
      tasks:
        - task_key: ingest
          job_cluster_key: main
          notebook_task:
            notebook_path: ../src/ingest.py
targets:
  dev:
    run_as:
      user_name: dev@example.com
    resources:
      jobs:
        stream_job:
          job_clusters:
            - job_cluster_key: main
              new_cluster:
                num_workers: 0
  prod:
    resources:
      jobs:
        extra_job:
          name: extra
          tasks:
            - task_key: t
              spark_python_task:
                python_file: ../src/extra.py
        defined_elsewhere:
          email_notifications:
            on_failure: [a@example.com]
`;

describe('buildJobsModel: bundle YAML', () => {
  it('reads root jobs, target overrides, target-only jobs and every run_as', () => {
    const model = yamlJobs(bundle, 'resources/jobs.yml');
    expect(model.problems).toEqual([]);
    expect(model.jobs.map((j) => j.name)).toEqual(['rt stream', 'extra']);
    const [stream, extra] = model.jobs;
    expect(stream.continuous).toBe(true);
    expect(stream.tasks[0].notebookPath).toBe('../src/ingest.py');
    expect(str(get(stream.tasks[0].cluster, 'spark_version'))).toBe('${var.dbr}');
    expect(stream.overrides).toHaveLength(1);
    expect(stream.runAs.map((n) => str(get(n, 'service_principal_name')) ?? str(get(n, 'user_name')))).toEqual(['sp-app-id', 'dev@example.com']);
    expect(stream.node.keySpan?.line).toBe(lineOf(model, 'stream_job:'));
    expect(extra.tasks[0].pythonFile).toBe('../src/extra.py');
    expect(extra.runAs).toHaveLength(1);
  });

  it('reads a databricks.yml without resources as no jobs', () => {
    expect(yamlJobs('bundle:\n  name: x\n', 'databricks.yml').jobs).toEqual([]);
  });
});

describe('detectJobFileKind / isJobJson', () => {
  it('recognises job JSON by its keys, not its name', () => {
    expect(detectJobFileKind('jobs/a.json', JSON.stringify(create21))).toBe('job-json');
    expect(detectJobFileKind('a.json', JSON.stringify({ job_id: 1, settings: create21 }))).toBe('job-json');
    expect(detectJobFileKind('a.json', '{"name": "x", "new_cluster": {}, "notebook_task": {}}')).toBe('job-json');
    expect(detectJobFileKind('package.json', '{"name": "x", "version": "1"}')).toBeUndefined();
    expect(detectJobFileKind('x.json', '{"settings": {"editor.tabSize": 2}}')).toBeUndefined();
    expect(detectJobFileKind('broken.json', '{"tasks": [')).toBe('job-json');
    expect(detectJobFileKind('nb.ipynb', '{"cells": []}')).toBeUndefined();
  });

  it('recognises bundle YAML by name, folder or top-level keys', () => {
    expect(detectJobFileKind('databricks.yml', '')).toBe('bundle-yaml');
    expect(detectJobFileKind('sub/databricks.yaml', '')).toBe('bundle-yaml');
    expect(detectJobFileKind('resources/jobs/stream.yml', 'x: 1')).toBe('bundle-yaml');
    expect(detectJobFileKind('deploy/jobs.yml', 'resources:\n  jobs:\n    a: {}\n')).toBe('bundle-yaml');
    expect(detectJobFileKind('conf/app.yaml', 'bundle:\n  name: x\n')).toBe('bundle-yaml');
    expect(detectJobFileKind('.github/workflows/ci.yml', 'on: push\njobs:\n  build: {}\n')).toBeUndefined();
    expect(detectJobFileKind('src/x.py', '')).toBeUndefined();
  });

  it('isJobJson accepts the three shapes and lists', () => {
    expect(isJobJson(parseJsonPos(JSON.stringify(create21)).root)).toBe(true);
    expect(isJobJson(parseJsonPos('{"job_id": 1, "settings": {"tasks": []}}').root)).toBe(true);
    expect(isJobJson(parseJsonPos('{"existing_cluster_id": "1", "spark_python_task": {"python_file": "a.py"}}').root)).toBe(true);
    expect(isJobJson(parseJsonPos('{"jobs": [{"job_id": 1, "settings": {"tasks": []}}]}').root)).toBe(true);
    expect(isJobJson(parseJsonPos('{"jobs": []}').root)).toBe(false);
    expect(isJobJson(undefined)).toBe(false);
  });
});
