import { describe, expect, it } from 'vitest';
import { jobNoTags } from '../../checks/p6-metrics-alerting/job-no-tags.js';
import { jsonJob, lineOf, lines, run, yamlJobs } from '../helpers/job-fixtures.js';

describe('job-no-tags (P606)', () => {
  it('has its catalog metadata', () => {
    expect(jobNoTags.meta).toMatchObject({ id: 'P606', name: 'job-no-tags', priority: 6, severity: 'notice' });
  });

  it('fires on each untagged cluster at its new_cluster line', () => {
    const model = jsonJob({
      name: 'j',
      job_clusters: [
        { job_cluster_key: 'a', new_cluster: { num_workers: 2 } },
        { job_cluster_key: 'b', new_cluster: { num_workers: 2, custom_tags: { Project: 'x' } } },
      ],
      tasks: [{ task_key: 't', new_cluster: { num_workers: 3 }, notebook_task: { notebook_path: 'a' } }],
    });
    expect(lines(run(jobNoTags, model))).toEqual([lineOf(model, '"new_cluster"'), lineOf(model, '"num_workers": 3') - 1]);
  });

  it('fires on a 2.0 top-level cluster and in a bundle', () => {
    const v20 = jsonJob({ name: 'v', new_cluster: { num_workers: 1 }, notebook_task: { notebook_path: 'a' } });
    expect(lines(run(jobNoTags, v20))).toEqual([lineOf(v20, '"new_cluster"')]);
    const bundle = yamlJobs('resources:\n  jobs:\n    j:\n      job_clusters:\n        - job_cluster_key: a\n          new_cluster:\n            num_workers: 2\n');
    expect(lines(run(jobNoTags, bundle))).toEqual([6]);
  });

  it('does not fire with custom_tags, job tags, a cluster policy, or no job cluster', () => {
    const near = jsonJob([
      { name: 'a', tasks: [{ task_key: 't', new_cluster: { custom_tags: { Owner: 'team' } } }] },
      { name: 'b', tags: { cost_center: '42' }, tasks: [{ task_key: 't', new_cluster: { num_workers: 1 } }] },
      { name: 'c', tasks: [{ task_key: 't', new_cluster: { policy_id: 'ABC', num_workers: 1 } }] },
      { name: 'd', tasks: [{ task_key: 't', existing_cluster_id: '1' }] },
    ]);
    expect(run(jobNoTags, near)).toEqual([]);
  });
});
