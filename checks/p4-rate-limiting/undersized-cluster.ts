/**
 * P405 undersized-cluster: a continuous (always-on streaming) job whose cluster
 * has 0 or 1 fixed workers. A driver-only cluster runs every partition on the
 * driver; one worker leaves no headroom for a backlog after a restart.
 * https://docs.databricks.com/aws/en/compute/cluster-config-best-practices
 * https://docs.databricks.com/aws/en/structured-streaming/production
 * The same for a continuous Lakeflow pipeline's `clusters[]` (a triggered pipeline processes
 * what is new and stops; a serverless one is sized by Databricks).
 */
import { get, keyValueSpan, num, str } from '../../src/model/pos-helpers.js';
import { isStreamingJob, jobClusterRefs, uniqueBySpan } from '../../src/model/job-query.js';
import type { PipelineDef, PosNode } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';

/** `num_workers` of a fixed-size cluster with 0 or 1 workers; undefined when autoscaled or sized. */
function undersized(cluster: PosNode): { node: PosNode; what: string } | undefined {
  if (get(cluster, 'autoscale')) return undefined;
  const node = get(cluster, 'num_workers');
  const workers = num(node);
  if (!node || workers === undefined || workers > 1) return undefined;
  return { node, what: workers === 0 ? 'driver-only (num_workers: 0)' : 'a single worker (num_workers: 1)' };
}

function pipelineFindings(pipeline: PipelineDef): RawFinding[] {
  if (!pipeline.continuous || pipeline.serverless) return [];
  return pipeline.clusters.flatMap((cluster) => {
    const small = undersized(cluster);
    if (!small) return [];
    const label = str(get(cluster, 'label')) ?? 'default';
    return [{
      span: keyValueSpan(small.node),
      message: `Continuous pipeline "${pipeline.name}" runs cluster "${label}" with ${small.what} and no autoscale`,
      key: `pipeline:${pipeline.name}`,
      hint: `Set "autoscale": {"min_workers": 2, "max_workers": 8, "mode": "ENHANCED"} on cluster "${label}"`,
      fix: 'Size the pipeline cluster for the stream, e.g. "autoscale": {"min_workers": 2, "max_workers": 8, "mode": "ENHANCED"}.',
    }];
  });
}

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
      // Continuous jobs, and jobs whose tasks run a notebook of this repository starting a query that runs until stopped.
      if (!isStreamingJob(job, ctx.model, ctx.repo)) continue;
      for (const cluster of jobClusterRefs(job, true)) {
        const small = undersized(cluster.node);
        if (!small) continue;
        findings.push({
          span: keyValueSpan(small.node),
          message: `Streaming job "${job.name}" runs cluster "${cluster.label}" with ${small.what} and no autoscale`,
          key: job.name,
          hint: `Set "autoscale": {"min_workers": 2, "max_workers": 8} on cluster "${cluster.label}"`,
        });
      }
    }
    for (const pipeline of ctx.model.pipelines) findings.push(...pipelineFindings(pipeline));
    return uniqueBySpan(findings);
  },
};
