/**
 * P605 job-no-backlog-health: a streaming job (continuous, or running a notebook that starts a query
 * running until stopped; `availableNow` runs drain a bounded backlog and stop) with no health rule on a
 * `STREAMING_BACKLOG_*` metric. The stream can fall hours behind while the run
 * stays green; a backlog rule plus `on_streaming_backlog_exceeded` notifications says so.
 * https://docs.databricks.com/aws/en/jobs/notifications (streaming backlog thresholds)
 * Lakeflow pipelines have no health rules of their own: see job-no-backlog-health.md.
 */
import { get, items, str } from '../../src/model/pos-helpers.js';
import { findSetting, isStreamingJob, jobHeadSpan } from '../../src/model/job-query.js';
import type { JobDef, PosNode } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';

function hasBacklogRule(rules: PosNode | undefined): boolean {
  return items(rules).some((rule) => str(get(rule, 'metric'))?.toUpperCase().startsWith('STREAMING_BACKLOG_') === true);
}

function jobWatchesBacklog(job: JobDef): boolean {
  if (findSetting(job, ['health', 'rules'], hasBacklogRule)) return true;
  return job.tasks.some((task) => hasBacklogRule(get(task.node, 'health', 'rules')));
}

export const jobNoBacklogHealth: FileRule = {
  meta: {
    id: 'P605',
    name: 'job-no-backlog-health',
    priority: 6,
    severity: 'notice',
    title: 'Streaming job has no streaming backlog health rule',
    fix: 'Add "health": {"rules": [{"metric": "STREAMING_BACKLOG_SECONDS", "op": "GREATER_THAN", "value": 600}]} and "email_notifications": {"on_streaming_backlog_exceeded": ["oncall@example.com"]}.',
    hint: 'Add a STREAMING_BACKLOG_SECONDS health rule and an on_streaming_backlog_exceeded alert',
    remediation: ['health', 'STREAMING_BACKLOG_SECONDS', 'STREAMING_BACKLOG_BYTES', 'STREAMING_BACKLOG_RECORDS', 'STREAMING_BACKLOG_FILES', 'on_streaming_backlog_exceeded'],
  },
  kind: 'file',
  check(ctx) {
    if (ctx.model.kind !== 'jobs') return [];
    const findings: RawFinding[] = [];
    for (const job of ctx.model.jobs) {
      if (jobWatchesBacklog(job) || !isStreamingJob(job, ctx.model, ctx.repo)) continue;
      findings.push({
        span: jobHeadSpan(job),
        message: `Streaming job "${job.name}" has no health rule on a STREAMING_BACKLOG_* metric`,
        key: job.name,
      });
    }
    return findings;
  },
};
