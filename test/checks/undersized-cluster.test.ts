import { describe, expect, it } from 'vitest';
import { undersizedCluster } from '../../checks/p4-rate-limiting/undersized-cluster.js';
import { fileContext, jsonJob, lineOf, lines, run, yamlJobs } from '../helpers/job-fixtures.js';
import { emptyRepoView } from '../helpers/repo-view-stub.js';

const cluster = (extra: Record<string, unknown>) => ({ spark_version: '16.4.x-scala2.12', node_type_id: 'Standard_D4ds_v5', ...extra });

describe('undersized-cluster (P405)', () => {
  it('has its catalog metadata', () => {
    expect(undersizedCluster.meta).toMatchObject({ id: 'P405', name: 'undersized-cluster', priority: 4, severity: 'notice' });
  });

  it('fires on a continuous job with a driver-only job cluster, at the num_workers line', () => {
    const model = jsonJob({
      name: 'rt__bronze',
      continuous: { pause_status: 'UNPAUSED' },
      job_clusters: [{ job_cluster_key: 'c', new_cluster: cluster({ num_workers: 0 }) }],
      tasks: [{ task_key: 't', job_cluster_key: 'c', notebook_task: { notebook_path: 'nb' } }],
    });
    const findings = run(undersizedCluster, model);
    expect(lines(findings)).toEqual([lineOf(model, '"num_workers": 0')]);
  });

  it('fires on a task cluster with one worker and on the 2.0 top-level cluster', () => {
    const model = jsonJob([
      { name: 'a', continuous: {}, tasks: [{ task_key: 't', new_cluster: cluster({ num_workers: 1 }), notebook_task: { notebook_path: 'nb' } }] },
      { name: 'b', continuous: {}, new_cluster: cluster({ num_workers: 0 }), notebook_task: { notebook_path: 'nb' } },
    ]);
    expect(lines(run(undersizedCluster, model))).toEqual([lineOf(model, '"num_workers": 1'), lineOf(model, '"num_workers": 0')]);
  });

  it('fires once on a YAML cluster shared by an anchor, and on a target override', () => {
    const model = yamlJobs(`definitions:
  small: &small
    spark_version: 16.4.x-scala2.12
    num_workers: 1
resources:
  jobs:
    stream:
      continuous: {}
      job_clusters:
        - job_cluster_key: a
          new_cluster: *small
        - job_cluster_key: b
          new_cluster: *small
targets:
  dev:
    resources:
      jobs:
        stream:
          job_clusters:
            - job_cluster_key: a
              new_cluster:
                num_workers: 0
`);
    expect(lines(run(undersizedCluster, model))).toEqual([4, lineOf(model, 'num_workers: 0')]);
  });

  it('does not fire with autoscale, with 2+ workers, or on non-continuous jobs', () => {
    const near = jsonJob([
      { name: 'a', continuous: {}, tasks: [{ task_key: 't', new_cluster: cluster({ num_workers: 1, autoscale: { min_workers: 1, max_workers: 4 } }) }] },
      { name: 'b', continuous: {}, tasks: [{ task_key: 't', new_cluster: cluster({ num_workers: 2 }) }] },
      { name: 'c', tasks: [{ task_key: 't', new_cluster: cluster({ num_workers: 0 }) }] },
      { name: 'd', continuous: {}, tasks: [{ task_key: 't', new_cluster: cluster({ autoscale: { min_workers: 1, max_workers: 2 } }) }] },
      { name: 'e', continuous: {}, tasks: [{ task_key: 't', existing_cluster_id: '0101' }] },
    ]);
    expect(run(undersizedCluster, near)).toEqual([]);
  });

  it('ignores models that are not job models', () => {
    const ctx = fileContext(jsonJob({}));
    expect(undersizedCluster.check({ ...ctx, model: { kind: 'other', path: 'a', fileKind: 'other', text: '', lines: [], problems: [] }, repo: emptyRepoView() })).toEqual([]);
  });
});
