/** Fixes of the job rules (P604, P606): JSON keeps its indentation, YAML its comments and layout. */
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/apply-fixes.js';
import type { EngineOptions } from '../../src/engine/api-types.js';
import { scanFiles, type Files } from '../helpers/engine.js';

async function fixed(rule: string, files: Files, path: string, options?: EngineOptions): Promise<{ text: string; safety: string[] }> {
  const findings = (await scanFiles(files, options)).filter((f) => f.rule === rule && f.autofix);
  const texts = new Map(Object.entries(files).map(([p, c]) => [p, String(c)]));
  const result = applyFixes(texts, findings.map((f) => ({ id: f.fingerprint, fix: f.autofix! })));
  expect(result.skipped).toEqual([]);
  return { text: result.texts.get(path) ?? texts.get(path)!, safety: findings.map((f) => f.autofix!.safety) };
}

const schedule = { quartz_cron_expression: '0 0 1 * * ?', timezone_id: 'UTC' };

describe('P604 job-no-retry fix', () => {
  it('JSON: adds max_retries and min_retry_interval_millis to the task at the file\'s indentation (needs review)', async () => {
    const job = JSON.stringify({ name: 'nightly', schedule, tasks: [{ task_key: 'load', notebook_task: { notebook_path: 'n' } }] }, null, 4);
    const out = await fixed('P604', { 'jobs/nightly.json': job }, 'jobs/nightly.json');
    expect(out.text).toBe(job.replace('"notebook_path": "n"\n            }', '"notebook_path": "n"\n            },\n            "max_retries": 3,\n            "min_retry_interval_millis": 60000'));
    expect(out.safety).toEqual(['needs-review']);
  });

  it('JSON: sets task_retry_mode ON_FAILURE in a continuous job\'s block (safe)', async () => {
    const job = JSON.stringify({ name: 'rt', continuous: { pause_status: 'UNPAUSED' }, tasks: [{ task_key: 't', notebook_task: { notebook_path: 'n' } }] }, null, 2);
    const out = await fixed('P604', { 'jobs/rt.json': job }, 'jobs/rt.json');
    expect(out.text).toBe(job.replace('"pause_status": "UNPAUSED"', '"pause_status": "UNPAUSED",\n    "task_retry_mode": "ON_FAILURE"'));
    expect(out.safety).toEqual(['safe']);
  });

  it('YAML: adds the keys under the task, comments and layout untouched, values from fixes.defaults', async () => {
    const yml = [
      'resources:',
      '  jobs:',
      '    nightly:',
      '      name: nightly   # the batch',
      '      schedule: {quartz_cron_expression: "0 0 1 * * ?", timezone_id: UTC}',
      '      tasks:',
      '      - task_key: load',
      '        notebook_task:',
      '          notebook_path: ../n.py',
      '        # more settings to come',
      '      - task_key: next',
      '        max_retries: 1',
      '',
    ].join('\n');
    const out = await fixed('P604', { 'resources/jobs.yml': yml }, 'resources/jobs.yml', { fixes: { defaults: { max_retries: 2 }, tags: {} } });
    expect(out.text).toBe(yml.replace('          notebook_path: ../n.py\n', '          notebook_path: ../n.py\n        max_retries: 2\n        min_retry_interval_millis: 60000\n'));
  });

  it('YAML: replaces task_retry_mode NEVER in place', async () => {
    const yml = 'resources:\n  jobs:\n    rt:\n      name: rt\n      continuous:\n        task_retry_mode: NEVER # the API default\n      tasks:\n        - task_key: t\n          notebook_task: {notebook_path: ../n.py}\n';
    const out = await fixed('P604', { 'resources/rt.yml': yml }, 'resources/rt.yml');
    expect(out.text).toBe(yml.replace('NEVER', 'ON_FAILURE'));
  });

  it('has no fix for a continuous job without its own continuous block (set in a target override)', async () => {
    const yml = 'resources:\n  jobs:\n    rt:\n      name: rt\n      continuous: true\n      tasks:\n        - task_key: t\n          notebook_task: {notebook_path: ../n.py}\n';
    const findings = (await scanFiles({ 'resources/rt.yml': yml })).filter((f) => f.rule === 'P604');
    expect(findings.map((f) => [f.line, f.autofix])).toEqual([[5, undefined]]);
  });
});

describe('P606 job-no-tags fix', () => {
  it('JSON: adds custom_tags with the configured tags to the job cluster (needs review)', async () => {
    const job = JSON.stringify({ name: 'nightly', schedule, job_clusters: [{ job_cluster_key: 'c', new_cluster: { spark_version: '15.4.x-scala2.12', num_workers: 2 } }], tasks: [{ task_key: 'load', job_cluster_key: 'c', max_retries: 1, notebook_task: { notebook_path: 'n' } }] }, null, 2);
    const out = await fixed('P606', { 'jobs/nightly.json': job }, 'jobs/nightly.json', { fixes: { defaults: {}, tags: { team: 'data', cost_center: 'TODO' } } });
    expect(out.text).toBe(job.replace('"num_workers": 2\n', '"num_workers": 2,\n        "custom_tags": {\n          "team": "data",\n          "cost_center": "TODO"\n        }\n'));
    expect(out.safety).toEqual(['needs-review']);
  });

  it('YAML: adds a custom_tags block with the default tag', async () => {
    const yml = 'resources:\n  jobs:\n    nightly:\n      name: nightly\n      schedule:\n        quartz_cron_expression: "0 0 1 * * ?"\n      job_clusters:\n        - job_cluster_key: c\n          new_cluster:\n            spark_version: 15.4.x-scala2.12 # LTS\n            num_workers: 2\n      tasks:\n        - task_key: t\n          job_cluster_key: c\n          max_retries: 1\n          notebook_task: {notebook_path: ../n.py}\n';
    const out = await fixed('P606', { 'resources/jobs.yml': yml }, 'resources/jobs.yml');
    expect(out.text).toBe(yml.replace('            num_workers: 2\n', '            num_workers: 2\n            custom_tags:\n              team: TODO\n'));
  });
});
