import { describe, expect, it } from 'vitest';
import { jobNoRetry } from '../../checks/p6-metrics-alerting/job-no-retry.js';
import { jsonJob, lineOf, lines, run, yamlJobs } from '../helpers/job-fixtures.js';

describe('job-no-retry (P604)', () => {
  it('has its catalog metadata', () => {
    expect(jobNoRetry.meta).toMatchObject({ id: 'P604', name: 'job-no-retry', priority: 6, severity: 'warning' });
  });

  it('fires on each task without max_retries of a scheduled job, at its task_key line', () => {
    const model = jsonJob({
      name: 'hist__backfill',
      schedule: { quartz_cron_expression: '0 0 1 * * ?', timezone_id: 'UTC' },
      tasks: [
        { task_key: 'load', notebook_task: { notebook_path: 'a' } },
        { task_key: 'ok', max_retries: 3, notebook_task: { notebook_path: 'b' } },
        { task_key: 'decide', condition_task: { op: 'EQUAL_TO', left: '1', right: '1' } },
        { task_key: 'explicit', max_retries: 0, notebook_task: { notebook_path: 'c' } },
      ],
    });
    const findings = run(jobNoRetry, model);
    expect(lines(findings)).toEqual([lineOf(model, '"task_key": "load"')]);
    expect(findings[0].severity).toBeUndefined();
  });

  it('fires on the Jobs API 2.0 shape without a top-level max_retries', () => {
    const model = jsonJob({ name: 'v20', existing_cluster_id: 'x', spark_python_task: { python_file: 'a.py' } });
    expect(lines(run(jobNoRetry, model))).toEqual([lineOf(model, '"name"')]);
    const fixed = jsonJob({ name: 'v20', max_retries: 2, existing_cluster_id: 'x', spark_python_task: { python_file: 'a.py' } });
    expect(run(jobNoRetry, fixed)).toEqual([]);
  });

  it('gives a notice on a continuous job without task_retry_mode ON_FAILURE, not per task', () => {
    const model = jsonJob({ name: 'rt', continuous: { pause_status: 'UNPAUSED' }, tasks: [{ task_key: 't', notebook_task: { notebook_path: 'a' } }] });
    const findings = run(jobNoRetry, model);
    expect(lines(findings)).toEqual([lineOf(model, '"continuous"')]);
    expect(findings[0].severity).toBe('notice');
    expect(findings[0].message).toMatch(/backoff/);
    const never = jsonJob({ name: 'rt', continuous: { task_retry_mode: 'NEVER' }, tasks: [] });
    expect(run(jobNoRetry, never)).toHaveLength(1);
  });

  it('does not fire on a continuous job with ON_FAILURE (job or bundle target)', () => {
    expect(run(jobNoRetry, jsonJob({ name: 'rt', continuous: { task_retry_mode: 'ON_FAILURE' }, tasks: [{ task_key: 't' }] }))).toEqual([]);
    const bundle = yamlJobs(`resources:
  jobs:
    j:
      continuous:
        pause_status: UNPAUSED
      tasks:
        - task_key: t
targets:
  prod:
    resources:
      jobs:
        j:
          continuous:
            task_retry_mode: ON_FAILURE
`);
    expect(run(jobNoRetry, bundle)).toEqual([]);
  });

  it('accepts max_retries given to the task in a target override', () => {
    const bundle = yamlJobs(`resources:
  jobs:
    j:
      tasks:
        - task_key: t
          notebook_task: {notebook_path: ../a.py}
        - task_key: u
          notebook_task: {notebook_path: ../b.py}
targets:
  prod:
    resources:
      jobs:
        j:
          tasks:
            - task_key: t
              max_retries: 2
`);
    expect(lines(run(jobNoRetry, bundle))).toEqual([lineOf(bundle, 'task_key: u')]);
  });
});
