/**
 * P603 job-no-failure-alert: nobody hears about a failed run. Job-level
 * `email_notifications.on_failure` or `webhook_notifications.on_failure`
 * (or the same on every task) fixes it. A one-shot job started by hand (a schema creation) is
 * watched by whoever starts it. A Lakeflow pipeline alerts through its own `notifications`
 * (`on-update-failure`, `on-update-fatal-failure`, `on-flow-failure`), or through the job that starts it.
 * https://docs.databricks.com/aws/en/jobs/notifications
 * https://docs.databricks.com/aws/en/ldp/properties (notifications)
 */
import { get, isFilled, items, str } from '../../src/model/pos-helpers.js';
import { findSetting, isOneShotJob, jobHeadSpan, pipelineHeadSpan } from '../../src/model/job-query.js';
import type { JobDef, JobsModel, PipelineDef } from '../../src/model/types.js';
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

/** Pipeline alerts that fire when an update or a flow fails (`on-update-success` does not). */
const FAILURE_ALERTS = new Set(['on-update-failure', 'on-update-fatal-failure', 'on-flow-failure']);

function pipelineAlerts(pipeline: PipelineDef): boolean {
  return [pipeline.node, ...(pipeline.overrides ?? [])].some((layer) =>
    items(get(layer, 'notifications')).some(
      (entry) => isFilled(get(entry, 'email_recipients')) && items(get(entry, 'alerts')).some((alert) => FAILURE_ALERTS.has(str(alert) ?? '')),
    ),
  );
}

/** A job of the same file whose `pipeline_task` starts the pipeline and alerts on failure hears of it. */
function startedByAlertingJob(pipeline: PipelineDef, model: JobsModel): boolean {
  const refs = new Set([pipeline.key && `\${resources.pipelines.${pipeline.key}.id}`, str(get(pipeline.node, 'id'))].filter(Boolean));
  return model.jobs.some((job) => job.tasks.some((task) => task.pipelineId !== undefined && refs.has(task.pipelineId)) && (jobAlerts(job) || everyTaskAlerts(job)));
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
      if (jobAlerts(job) || everyTaskAlerts(job) || isOneShotJob(job, ctx.model, ctx.repo)) continue;
      findings.push({
        span: jobHeadSpan(job),
        message: `Job "${job.name}" has no email_notifications.on_failure nor webhook_notifications.on_failure`,
        key: job.name,
      });
    }
    for (const pipeline of ctx.model.pipelines) {
      // Development mode is for the person iterating on the pipeline; a target deploys it for production.
      if (pipeline.development || pipelineAlerts(pipeline) || startedByAlertingJob(pipeline, ctx.model)) continue;
      findings.push({
        span: pipelineHeadSpan(pipeline),
        message: `Pipeline "${pipeline.name}" has no notifications entry alerting on on-update-failure or on-flow-failure`,
        key: `pipeline:${pipeline.name}`,
        fix: 'Add "notifications": [{"email_recipients": ["oncall@example.com"], "alerts": ["on-update-failure", "on-update-fatal-failure", "on-flow-failure"]}] to the pipeline.',
        hint: 'Add "notifications" with "on-update-failure" and "on-flow-failure" alerts to the pipeline',
      });
    }
    return findings;
  },
};
