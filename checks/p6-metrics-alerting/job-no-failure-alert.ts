/**
 * P603 job-no-failure-alert: nobody hears about a failed run. Job-level
 * `email_notifications.on_failure` or `webhook_notifications.on_failure`
 * (or the same on every task) fixes it.
 * https://docs.databricks.com/aws/en/jobs/notifications
 */
import { get, isFilled } from '../../src/model/pos-helpers.js';
import { findSetting, jobHeadSpan } from '../../src/model/job-query.js';
import type { JobDef } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';

const CHANNELS = ['email_notifications', 'webhook_notifications'] as const;

function jobAlerts(job: JobDef): boolean {
  return CHANNELS.some((channel) => findSetting(job, [channel, 'on_failure'], isFilled) !== undefined);
}

/** Task-level notifications count when every task has them. */
function everyTaskAlerts(job: JobDef): boolean {
  if (job.tasks.length === 0) return false;
  return job.tasks.every((task) => CHANNELS.some((channel) => isFilled(get(task.node, channel, 'on_failure'))));
}

export const jobNoFailureAlert: FileRule = {
  meta: {
    id: 'P603',
    name: 'job-no-failure-alert',
    priority: 6,
    severity: 'warning',
    title: 'Job sends no notification when a run fails',
    fix: 'Add "email_notifications": {"on_failure": ["oncall@example.com"]} (or "webhook_notifications": {"on_failure": [{"id": "<destination-id>"}]}) to the job.',
    hint: 'Add "email_notifications": {"on_failure": ["oncall@example.com"]} to the job',
    remediation: ['email_notifications', 'webhook_notifications', 'on_failure'],
  },
  kind: 'file',
  check(ctx) {
    if (ctx.model.kind !== 'jobs') return [];
    const findings: RawFinding[] = [];
    for (const job of ctx.model.jobs) {
      if (jobAlerts(job) || everyTaskAlerts(job)) continue;
      findings.push({
        span: jobHeadSpan(job),
        message: `Job "${job.name}" has no email_notifications.on_failure nor webhook_notifications.on_failure`,
        key: job.name,
      });
    }
    return findings;
  },
};
