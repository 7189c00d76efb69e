import { describe, expect, it } from 'vitest';
import { jobNoFailureAlert } from '../../checks/p6-metrics-alerting/job-no-failure-alert.js';
import { jsonJob, lineOf, lines, run, yamlJobs } from '../helpers/job-fixtures.js';

const task = { task_key: 't', notebook_task: { notebook_path: 'nb' } };

describe('job-no-failure-alert (P603)', () => {
  it('has its catalog metadata', () => {
    expect(jobNoFailureAlert.meta).toMatchObject({ id: 'P603', name: 'job-no-failure-alert', priority: 6, severity: 'warning' });
  });

  it('fires at the name line of a 2.1 payload without notifications', () => {
    const model = jsonJob({ name: 'rt__gold', tasks: [task] });
    expect(lines(run(jobNoFailureAlert, model))).toEqual([lineOf(model, '"name"')]);
  });

  it('fires on a GET export and on the 2.0 shape', () => {
    const exported = jsonJob({ job_id: 7, settings: { name: 'exp', email_notifications: { on_failure: [] }, tasks: [task] } });
    expect(lines(run(jobNoFailureAlert, exported))).toEqual([lineOf(exported, '"name": "exp"')]);
    const v20 = jsonJob({ new_cluster: { num_workers: 1 }, notebook_task: { notebook_path: 'nb' } });
    expect(lines(run(jobNoFailureAlert, v20))).toEqual([1]);
  });

  it('fires at the resource key of an unnamed bundle job', () => {
    const model = yamlJobs('resources:\n  jobs:\n    stream_job:\n      tasks:\n        - task_key: t\n          notebook_task:\n            notebook_path: ../nb.py\n');
    expect(lines(run(jobNoFailureAlert, model))).toEqual([3]);
  });

  it('does not fire with email, webhooks, every task alerting, or a target adding alerts', () => {
    const near = jsonJob([
      { name: 'a', email_notifications: { on_failure: ['oncall@example.com'] }, tasks: [task] },
      { name: 'b', webhook_notifications: { on_failure: [{ id: 'dest' }] }, tasks: [task] },
      { name: 'c', tasks: [{ ...task, email_notifications: { on_failure: ['x@example.com'] } }] },
    ]);
    expect(run(jobNoFailureAlert, near)).toEqual([]);
    const bundle = yamlJobs(`resources:
  jobs:
    j:
      name: j
      tasks: []
targets:
  prod:
    resources:
      jobs:
        j:
          email_notifications:
            on_failure: \${var.oncall}
`);
    expect(run(jobNoFailureAlert, bundle)).toEqual([]);
  });

  it('still fires when only some tasks alert', () => {
    const model = jsonJob({ name: 'x', tasks: [{ ...task, email_notifications: { on_failure: ['a@b.co'] } }, task] });
    expect(run(jobNoFailureAlert, model)).toHaveLength(1);
  });
});
