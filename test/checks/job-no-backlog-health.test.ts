import { describe, expect, it } from 'vitest';
import { jobNoBacklogHealth } from '../../checks/p6-metrics-alerting/job-no-backlog-health.js';
import { fileContext, jsonJob, lineOf, lines, run, yamlJobs } from '../helpers/job-fixtures.js';
import { emptyRepoView } from '../helpers/repo-view-stub.js';

describe('job-no-backlog-health (P605)', () => {
  it('has its catalog metadata', () => {
    expect(jobNoBacklogHealth.meta).toMatchObject({ id: 'P605', name: 'job-no-backlog-health', priority: 6, severity: 'notice' });
  });

  it('fires on a continuous job without backlog rules, at the name line', () => {
    const model = jsonJob({
      name: 'rt',
      continuous: { pause_status: 'UNPAUSED' },
      health: { rules: [{ metric: 'RUN_DURATION_SECONDS', op: 'GREATER_THAN', value: 3600 }] },
      tasks: [{ task_key: 't', notebook_task: { notebook_path: 'a' } }],
    });
    expect(lines(run(jobNoBacklogHealth, model))).toEqual([lineOf(model, '"name"')]);
  });

  it('fires on a bundle continuous job', () => {
    const model = yamlJobs('resources:\n  jobs:\n    j:\n      name: j\n      continuous:\n        pause_status: UNPAUSED\n      tasks: []\n');
    expect(lines(run(jobNoBacklogHealth, model))).toEqual([4]);
  });

  it('fires on a scheduled job whose task runs a notebook of the repository starting a query that runs until stopped', () => {
    const model = jsonJob({ name: 'sched', tasks: [{ task_key: 't', notebook_task: { notebook_path: '/Repos/me/repo/nb/stream' } }] });
    const ctx = { ...fileContext(model), repo: emptyRepoView({ streamsOf: (p) => (p.endsWith('nb/stream') ? 'unbounded' : undefined) }) };
    expect(lines(jobNoBacklogHealth.check(ctx))).toEqual([lineOf(model, '"name"')]);
  });

  it('does not fire on a job whose streams all end (availableNow): each run drains a bounded backlog', () => {
    const model = jsonJob({ name: 'batchy', schedule: { quartz_cron_expression: '0 0 * * * ?' }, tasks: [{ task_key: 't', notebook_task: { notebook_path: 'nb/stream' } }] });
    const ctx = { ...fileContext(model), repo: emptyRepoView({ streamsOf: () => 'bounded' }) };
    expect(jobNoBacklogHealth.check(ctx)).toEqual([]);
  });

  it('does not fire with a STREAMING_BACKLOG_ rule (job or task) or on scheduled jobs', () => {
    const near = jsonJob([
      { name: 'a', continuous: {}, health: { rules: [{ metric: 'STREAMING_BACKLOG_SECONDS', op: 'GREATER_THAN', value: 600 }] }, tasks: [] },
      { name: 'b', continuous: {}, tasks: [{ task_key: 't', health: { rules: [{ metric: 'STREAMING_BACKLOG_RECORDS', op: 'GREATER_THAN', value: 1 }] } }] },
      { name: 'c', tasks: [{ task_key: 't', notebook_task: { notebook_path: 'a' } }] },
    ]);
    expect(run(jobNoBacklogHealth, near)).toEqual([]);
  });
});
