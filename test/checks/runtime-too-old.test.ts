import { describe, expect, it } from 'vitest';
import { runtimeTooOld } from '../../checks/p2-transform-with-state/runtime-too-old.js';
import { bindTasks, lookupBindings } from '../../src/model/job-bindings.js';
import type { JobsModel } from '../../src/model/types.js';
import type { RepoFile, RepoRuleContext } from '../../checks/types.js';
import { jsonJob, lineOf, yamlJobs } from '../helpers/job-fixtures.js';
import { emptyRepoView } from '../helpers/repo-view-stub.js';

function codeFile(path: string, methods: string[]): RepoFile {
  return { path, kind: 'code', fileKind: 'python-notebook', streams: false, methods };
}

function context(jobs: JobsModel[], files: RepoFile[]): RepoRuleContext {
  const map = bindTasks(jobs);
  const jobFiles = jobs.map((model): RepoFile => ({ path: model.path, kind: 'jobs', fileKind: model.fileKind, streams: false, methods: [] }));
  return { files: [...files, ...jobFiles], repo: emptyRepoView({ tasksRunning: (p) => lookupBindings(map, p) }) };
}

const job = (sparkVersion: string, accessMode?: string) =>
  jsonJob(
    {
      name: 'rt__state',
      job_clusters: [{ job_cluster_key: 'c', new_cluster: { spark_version: sparkVersion, num_workers: 2, ...(accessMode ? { data_security_mode: accessMode } : {}) } }],
      tasks: [{ task_key: 'main', job_cluster_key: 'c', notebook_task: { notebook_path: '/Repos/me@example.com/repo/notebooks/rt__state' } }],
    },
    'jobs/rt__state.json',
  );

describe('runtime-too-old (P206)', () => {
  it('has its catalog metadata', () => {
    expect(runtimeTooOld.meta).toMatchObject({ id: 'P206', name: 'runtime-too-old', priority: 2, severity: 'failure' });
  });

  it('fires on the job file at the spark_version line when DBR < 16.2', () => {
    const jobs = job('15.4.x-scala2.12');
    const findings = runtimeTooOld.check(context([jobs], [codeFile('notebooks/rt__state.py', ['groupBy', 'transformWithStateInPandas'])]));
    expect(findings).toHaveLength(1);
    expect(findings[0].path).toBe('jobs/rt__state.json');
    expect(findings[0].span.line).toBe(lineOf(jobs, '"spark_version"'));
    expect(findings[0].message).toContain('notebooks/rt__state.py');
    expect(findings[0].message).toContain('15.4.x-scala2.12');
  });

  it('needs 16.3 on standard access mode', () => {
    const file = codeFile('notebooks/rt__state.py', ['transformWithStateInPandas']);
    expect(runtimeTooOld.check(context([job('16.2.x-scala2.12', 'USER_ISOLATION')], [file]))).toHaveLength(1);
    expect(runtimeTooOld.check(context([job('16.2.x-photon-scala2.12', 'DATA_SECURITY_MODE_STANDARD')], [file]))).toHaveLength(1);
    expect(runtimeTooOld.check(context([job('16.3.x-scala2.12', 'USER_ISOLATION')], [file]))).toEqual([]);
    expect(runtimeTooOld.check(context([job('16.2.x-scala2.12', 'SINGLE_USER')], [file]))).toEqual([]);
  });

  it('follows bundle paths and variables and also sees transformWithState', () => {
    const bundle = yamlJobs(
      'variables:\n  dbr:\n    default: 16.1.x-scala2.12\nresources:\n  jobs:\n    j:\n      tasks:\n        - task_key: t\n          spark_python_task:\n            python_file: ../src/state.py\n          new_cluster:\n            spark_version: ${var.dbr}\n',
      'resources/j.yml',
    );
    const findings = runtimeTooOld.check(context([bundle], [codeFile('src/state.py', ['transformWithState'])]));
    expect(findings.map((f) => [f.path, f.span.line])).toEqual([['resources/j.yml', lineOf(bundle, 'spark_version')]]);
  });

  it('warns on a legacy stateful API whose migration needs the newer runtime', () => {
    const findings = runtimeTooOld.check(context([job('15.4.x-scala2.12')], [codeFile('notebooks/rt__state.py', ['applyInPandasWithState'])]));
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0].message).toContain('legacy applyInPandasWithState');
  });

  it('does not fire on new runtimes, unparseable versions or other notebooks', () => {
    const file = codeFile('notebooks/rt__state.py', ['transformWithStateInPandas']);
    expect(runtimeTooOld.check(context([job('16.4.x-scala2.12')], [file]))).toEqual([]);
    expect(runtimeTooOld.check(context([job('17.3.x-cpu-ml-scala2.13')], [file]))).toEqual([]);
    expect(runtimeTooOld.check(context([job('custom:my-image')], [file]))).toEqual([]);
    expect(runtimeTooOld.check(context([job('15.4.x-scala2.12')], [codeFile('notebooks/other.py', ['transformWithStateInPandas'])]))).toEqual([]);
    expect(runtimeTooOld.check(context([job('16.4.x-scala2.12')], [codeFile('notebooks/rt__state.py', ['applyInPandasWithState'])]))).toEqual([]);
  });
});
