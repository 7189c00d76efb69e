/**
 * P405 undersized-cluster: a continuous (always-on streaming) job whose cluster
 * has 0 or 1 fixed workers. A driver-only cluster runs every partition on the
 * driver; one worker leaves no headroom for a backlog after a restart.
 * https://docs.databricks.com/aws/en/compute/cluster-config-best-practices
 * https://docs.databricks.com/aws/en/structured-streaming/production
 */
import { get, keyValueSpan, num } from '../../src/model/pos-helpers.js';
import { isStreamingJob, jobClusterRefs, uniqueBySpan } from '../../src/model/job-query.js';
import type { FileRule, RawFinding } from '../types.js';

export const undersizedCluster: FileRule = {
  meta: {
    id: 'P405',
    name: 'undersized-cluster',
    priority: 4,
    severity: 'notice',
    title: 'Streaming job cluster has 0 or 1 workers and no autoscale',
    fix: 'Size the cluster for the stream, e.g. "autoscale": {"min_workers": 2, "max_workers": 8}, or "num_workers": 2 or more.',
    hint: 'Set "autoscale": {"min_workers": 2, "max_workers": 8} on the cluster',
    remediation: ['autoscale', 'num_workers', 'min_workers', 'max_workers'],
  },
  kind: 'file',
  check(ctx) {
    if (ctx.model.kind !== 'jobs') return [];
    const findings: RawFinding[] = [];
    for (const job of ctx.model.jobs) {
      // Continuous jobs, and jobs whose tasks run a notebook of this repository that reads a stream.
      if (!isStreamingJob(job, ctx.model, ctx.repo.runsStreaming)) continue;
      for (const cluster of jobClusterRefs(job, true)) {
        if (get(cluster.node, 'autoscale')) continue;
        const workersNode = get(cluster.node, 'num_workers');
        const workers = num(workersNode);
        if (!workersNode || workers === undefined || workers > 1) continue;
        const what = workers === 0 ? 'driver-only (num_workers: 0)' : 'a single worker (num_workers: 1)';
        findings.push({
          span: keyValueSpan(workersNode),
          message: `Streaming job "${job.name}" runs cluster "${cluster.label}" with ${what} and no autoscale`,
          key: job.name,
          hint: `Set "autoscale": {"min_workers": 2, "max_workers": 8} on cluster "${cluster.label}"`,
        });
      }
    }
    return uniqueBySpan(findings);
  },
};
