import { describe, expect, it } from 'vitest';
import { userIdentity } from '../../checks/p8-unity-catalog/user-identity.js';
import { jsonJob, lineOf, lines, run, yamlJobs } from '../helpers/job-fixtures.js';

describe('user-identity (P805)', () => {
  it('has its catalog metadata', () => {
    expect(userIdentity.meta).toMatchObject({ id: 'P805', name: 'user-identity', priority: 8, severity: 'warning' });
  });

  it('fires on single_user_name and run_as.user_name emails, at the value line', () => {
    const model = jsonJob({
      name: 'rt',
      run_as: { user_name: 'logan@example.com' },
      job_clusters: [{ job_cluster_key: 'c', new_cluster: { data_security_mode: 'SINGLE_USER', single_user_name: 'logan@example.com' } }],
      tasks: [],
    });
    expect(lines(run(userIdentity, model))).toEqual([lineOf(model, '"user_name"'), lineOf(model, '"single_user_name"')]);
  });

  it('fires on run_as at the bundle root and per target', () => {
    const model = yamlJobs(`run_as:
  user_name: a@example.com
targets:
  dev:
    run_as:
      user_name: b@example.com
  prod:
    run_as:
      service_principal_name: 5f1c2d3e-0000-1111-2222-333344445555
resources:
  jobs:
    j:
      tasks: []
`, 'databricks.yml');
    expect(lines(run(userIdentity, model))).toEqual([2, 6]);
  });

  it('does not fire on service principals, groups, references or other user_name keys', () => {
    const near = jsonJob({
      name: 'rt',
      run_as: { service_principal_name: '5f1c2d3e-0000-1111-2222-333344445555' },
      access_control_list: [{ user_name: 'owner@example.com', permission_level: 'IS_OWNER' }],
      job_clusters: [
        { job_cluster_key: 'a', new_cluster: { single_user_name: '5f1c2d3e-0000-1111-2222-333344445555' } },
        { job_cluster_key: 'b', new_cluster: { single_user_name: 'data-engineers' } },
        { job_cluster_key: 'c', new_cluster: { single_user_name: '${workspace.current_user.userName}' } },
      ],
      tasks: [],
    });
    expect(run(userIdentity, near)).toEqual([]);
  });
});
