import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bindTasks, lookupBindings, normaliseTaskPath, parseSparkVersion, versionBelow } from '../../src/model/job-bindings.js';
import { jsonJob, yamlJobs } from '../helpers/job-fixtures.js';

describe('normaliseTaskPath', () => {
  it('resolves bundle paths against the YAML file folder', () => {
    expect(normaliseTaskPath('resources/jobs.yml', 'bundle-yaml', '../src/x.py')).toBe('src/x.py');
    expect(normaliseTaskPath('databricks.yml', 'bundle-yaml', './src/x.py')).toBe('src/x.py');
    expect(normaliseTaskPath('a/b/resources/jobs.yml', 'bundle-yaml', '../../nb')).toBe('a/nb');
    expect(normaliseTaskPath('resources/jobs.yml', 'bundle-yaml', '${workspace.file_path}/src/x.py')).toBe('/src/x.py');
  });

  it('treats Jobs JSON relative paths as repo-relative and keeps workspace paths absolute', () => {
    expect(normaliseTaskPath('jobs/a.json', 'job-json', './notebooks/rt')).toBe('notebooks/rt');
    expect(normaliseTaskPath('jobs/a.json', 'job-json', 'notebooks\\rt')).toBe('notebooks/rt');
    expect(normaliseTaskPath('jobs/a.json', 'job-json', '/Workspace/Repos/u@x.com/r/notebooks/rt')).toBe('/Repos/u@x.com/r/notebooks/rt');
    expect(normaliseTaskPath('jobs/a.json', 'job-json', 'dbfs:/FileStore/jobs/x.py')).toBe('/FileStore/jobs/x.py');
    expect(normaliseTaskPath('jobs/a.json', 'job-json', '../outside/x.py')).toBe('/outside/x.py');
    expect(normaliseTaskPath('jobs/a.json', 'job-json', '  ')).toBeUndefined();
  });
});

describe('bindTasks / lookupBindings', () => {
  const json = jsonJob(
    {
      name: 'rt',
      job_clusters: [
        {
          job_cluster_key: 'c',
          new_cluster: {
            spark_version: '15.4.x-scala2.12',
            data_security_mode: 'USER_ISOLATION',
            spark_conf: { 'spark.sql.shuffle.partitions': 64, 'spark.a': 'b', 'spark.n': null },
          },
        },
      ],
      tasks: [
        { task_key: 'ws', job_cluster_key: 'c', notebook_task: { notebook_path: '/Repos/me@x.com/pipeline/notebooks/rt__bronze' } },
        { task_key: 'rel', job_cluster_key: 'c', notebook_task: { notebook_path: 'notebooks/rt__silver' } },
        { task_key: 'py', existing_cluster_id: 'x', spark_python_task: { python_file: 'src/main.py' } },
      ],
    },
    'jobs/rt.json',
  );
  const bundle = yamlJobs(
    'variables:\n  dbr:\n    default: 16.1.x-scala2.12\nresources:\n  jobs:\n    j:\n      tasks:\n        - task_key: t\n          notebook_task:\n            notebook_path: ../src/nb.ipynb\n          new_cluster:\n            spark_version: ${var.dbr}\n',
    'resources/j.yml',
  );
  const map = bindTasks([json, bundle]);

  it('keys bindings by normalised path with the cluster settings', () => {
    expect([...map.keys()].sort()).toEqual(['/Repos/me@x.com/pipeline/notebooks/rt__bronze', 'notebooks/rt__silver', 'src/main.py', 'src/nb.ipynb']);
    const [silver] = map.get('notebooks/rt__silver')!;
    expect(silver.sparkVersion).toBe('15.4.x-scala2.12');
    expect(silver.accessMode).toBe('USER_ISOLATION');
    expect(Object.fromEntries(silver.sparkConf)).toEqual({ 'spark.sql.shuffle.partitions': '64', 'spark.a': 'b' });
    expect(silver.jobsPath).toBe('jobs/rt.json');
    expect(silver.task.key).toBe('rel');
    const [py] = map.get('src/main.py')!;
    expect(py.sparkVersion).toBeUndefined();
    expect(py.sparkConf.size).toBe(0);
  });

  it('resolves ${var.x} spark versions from the bundle variables', () => {
    expect(map.get('src/nb.ipynb')![0].sparkVersion).toBe('16.1.x-scala2.12');
  });

  it('matches repo files with or without extension and workspace paths by suffix', () => {
    expect(lookupBindings(map, 'notebooks/rt__silver.py').map((b) => b.task.key)).toEqual(['rel']);
    expect(lookupBindings(map, './notebooks/rt__silver').map((b) => b.task.key)).toEqual(['rel']);
    expect(lookupBindings(map, 'notebooks/rt__bronze.py').map((b) => b.task.key)).toEqual(['ws']);
    expect(lookupBindings(map, 'src/nb.ipynb').map((b) => b.task.key)).toEqual(['t']);
    expect(lookupBindings(map, 'src/nb.py').map((b) => b.task.key)).toEqual(['t']);
    expect(lookupBindings(map, 'src/main.py')).toHaveLength(1);
  });

  it('does not match partial names or other folders', () => {
    expect(lookupBindings(map, 'rt__silver.py')).toEqual([]);
    expect(lookupBindings(map, 'other/notebooks/rt__silver.py')).toEqual([]);
    expect(lookupBindings(map, 'otes/rt__bronze.py')).toEqual([]);
    expect(lookupBindings(map, '')).toEqual([]);
  });

  it('matches a relative Jobs JSON path inside the project folder holding the job file, not a sibling project', () => {
    const nested = bindTasks([
      jsonJob({ name: 'a', tasks: [{ task_key: 'a', existing_cluster_id: 'x', notebook_task: { notebook_path: 'notebooks/rt' } }] }, 'examples/a/jobs/a.json'),
    ]);
    expect(lookupBindings(nested, 'examples/a/notebooks/rt.py').map((b) => b.task.key)).toEqual(['a']);
    expect(lookupBindings(nested, 'examples/b/notebooks/rt.py')).toEqual([]);
  });
});

describe('parseSparkVersion', () => {
  it('reads major.minor of runtime strings', () => {
    expect(parseSparkVersion('15.4.x-scala2.12')).toEqual({ major: 15, minor: 4 });
    expect(parseSparkVersion('16.2.x-photon-scala2.12')).toEqual({ major: 16, minor: 2 });
    expect(parseSparkVersion('17.3.x-cpu-ml-scala2.13')).toEqual({ major: 17, minor: 3 });
    expect(parseSparkVersion('${var.dbr}')).toBeUndefined();
    expect(parseSparkVersion('custom:abc')).toBeUndefined();
    expect(parseSparkVersion(undefined)).toBeUndefined();
    expect(versionBelow({ major: 16, minor: 1 }, 16, 2)).toBe(true);
    expect(versionBelow({ major: 16, minor: 2 }, 16, 2)).toBe(false);
    expect(versionBelow({ major: 15, minor: 9 }, 16, 2)).toBe(true);
  });
});

describe('lookupBindings index', () => {
  /** The lookup as it was before the index: every key tested for every path. */
  function linearLookup<B extends { jobsPath: string }>(map: Map<string, B[]>, path: string): B[] {
    const strip = (p: string) => p.replace(/\.(py|ipynb|sql|scala|r)$/i, '');
    const wanted = strip(path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, ''));
    if (wanted === '') return [];
    const found: B[] = [];
    for (const [key, bindings] of map) {
      const k = strip(key);
      const hit = k.startsWith('/') ? k === `/${wanted}` || k.endsWith(`/${wanted}`) : k === wanted;
      for (const b of bindings) if ((hit || (!k.startsWith('/') && wanted.endsWith(`/${k}`) && b.jobsPath.startsWith(wanted.slice(0, wanted.length - k.length)))) && !found.includes(b)) found.push(b);
    }
    return found;
  }

  it('finds what a scan of every key finds, in the same order', () => {
    const segment = fc.constantFrom('a', 'b', 'src', 'proj', 'x');
    const relPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const key = fc.oneof(relPath, relPath.map((p) => `/Repos/u/${p}`), relPath.map((p) => `${p}.py`));
    const binding = fc.record({ jobsPath: fc.oneof(relPath.map((p) => `${p}/job.json`), fc.constant('job.json')) });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.array(binding, { minLength: 1, maxLength: 2 })), { maxLength: 12 }), fc.array(relPath, { minLength: 1, maxLength: 6 }), (pairs, paths) => {
        const map = new Map<string, { jobsPath: string }[]>();
        for (const [k, bindings] of pairs) map.set(k, [...(map.get(k) ?? []), ...bindings]);
        for (const path of [...paths, ...paths.map((p) => `${p}.py`)]) expect(lookupBindings(map, path)).toEqual(linearLookup(map, path));
      }),
      { numRuns: 300 },
    );
  });
});
