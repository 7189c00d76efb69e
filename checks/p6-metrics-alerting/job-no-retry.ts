/**
 * P604 job-no-retry. Two cases, because Databricks treats them differently:
 * - a task of a scheduled/triggered job without `max_retries` fails the run on the
 *   first transient error (https://docs.databricks.com/aws/en/jobs/configure-task#retries);
 * - a continuous job cannot use `max_retries`: the run is restarted with exponential
 *   backoff anyway, and `continuous.task_retry_mode: ON_FAILURE` (API default NEVER)
 *   retries just the failed task (https://docs.databricks.com/aws/en/jobs/continuous).
 * Not for a one-shot job started by hand (whoever starts it sees it fail), nor for Lakeflow
 * pipelines: in production mode they retry failed tasks, flows and updates themselves
 * (`pipelines.numUpdateRetryAttempts`); see job-no-retry.md.
 */
import { get, items, keyValueSpan, str } from '../../src/model/pos-helpers.js';
import { findSetting, isOneShotJob, jobHeadSpan } from '../../src/model/job-query.js';
import { fixValue, type FixSettings } from '../../src/model/fix-types.js';
import type { JobDef, JobTask, JobsModel } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';
import { settingsFix } from '../shared/job-fixes.js';

/** `max_retries` on the task, or on the same task_key in a bundle target override. */
function taskRetries(job: JobDef, task: JobTask): boolean {
  if (get(task.node, 'max_retries')) return true;
  return (job.overrides ?? []).some((layer) =>
    items(get(layer, 'tasks')).some((t) => str(get(t, 'task_key')) === task.key && get(t, 'max_retries') !== undefined),
  );
}

function continuousFinding(model: JobsModel, job: JobDef): RawFinding | undefined {
  const mode = str(findSetting(job, ['continuous', 'task_retry_mode']));
  if (mode === 'ON_FAILURE') return undefined;
  const continuous = get(job.node, 'continuous');
  return {
    span: continuous ? keyValueSpan(continuous) : jobHeadSpan(job),
    severity: 'notice',
    message:
      `Continuous job "${job.name}" has task_retry_mode ${mode ?? 'unset (NEVER)'}: a failed task cancels the run. ` +
      'The run is restarted with backoff anyway; "task_retry_mode": "ON_FAILURE" retries just the failed task',
    key: `${job.name}:continuous`,
    // The documented setting with one right value: safe. In the job's own `continuous` block.
    autofix: continuous?.type === 'object' ? settingsFix(model, continuous, [['task_retry_mode', 'ON_FAILURE']], 'safe', 'Set `continuous.task_retry_mode` to ON_FAILURE') : undefined,
  };
}

/** The retry policy of the fix text, with the configured counts: how many retries is the team's call. */
function retryFix(model: JobsModel, task: JobTask): (settings: FixSettings) => ReturnType<typeof settingsFix> {
  return (settings) =>
    settingsFix(
      model,
      task.node,
      [
        ['max_retries', fixValue(settings, 'max_retries')],
        ['min_retry_interval_millis', fixValue(settings, 'min_retry_interval_millis')],
      ],
      'needs-review',
      'Add `max_retries` and `min_retry_interval_millis` to the task',
    );
}

export const jobNoRetry: FileRule = {
  meta: {
    id: 'P604',
    name: 'job-no-retry',
    priority: 6,
    severity: 'warning',
    title: 'Job task has no retry policy',
    fix: 'Add "max_retries": 3, "min_retry_interval_millis": 60000, "retry_on_timeout": true to the task; for continuous jobs set "continuous": {"task_retry_mode": "ON_FAILURE"}.',
    hint: 'Add "max_retries": 3, "min_retry_interval_millis": 60000 to the task',
    remediation: ['max_retries', 'task_retry_mode', 'retry_on_timeout'],
  },
  kind: 'file',
  check(ctx) {
    if (ctx.model.kind !== 'jobs') return [];
    const findings: RawFinding[] = [];
    for (const job of ctx.model.jobs) {
      if (isOneShotJob(job, ctx.model, ctx.repo)) continue;
      if (job.continuous) {
        const finding = continuousFinding(ctx.model, job);
        if (finding) findings.push(finding);
        continue;
      }
      for (const task of job.tasks) {
        // Condition tasks evaluate an expression on the control plane: nothing to retry.
        if (get(task.node, 'condition_task') || taskRetries(job, task)) continue;
        const keyNode = get(task.node, 'task_key');
        findings.push({
          span: keyNode ? keyValueSpan(keyNode) : jobHeadSpan(job),
          message: `Task "${task.key}" of job "${job.name}" has no max_retries: one transient failure fails the run`,
          key: `${job.name}:${task.key}`,
          autofix: retryFix(ctx.model, task),
        });
      }
    }
    return findings;
  },
};
