/**
 * P606 job-no-tags: a job cluster without `custom_tags` shows up in billing
 * (system.billing.usage) with nothing to attribute its cost to. Job-level `tags`
 * count too: they are forwarded to job clusters as cluster tags. The same for the `clusters[]` of a
 * classic Lakeflow pipeline (pipeline `tags` count); serverless pipelines are attributed through
 * their budget policy, not cluster tags.
 * https://docs.databricks.com/aws/en/admin/account-settings/usage-detail-tags
 */
import { get, isFilled, str } from '../../src/model/pos-helpers.js';
import { findSetting, jobClusterRefs, uniqueBySpan } from '../../src/model/job-query.js';
import type { FixSettings } from '../../src/model/fix-types.js';
import type { JobsModel, PosNode } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';
import { settingsFix } from '../shared/job-fixes.js';

export const jobNoTags: FileRule = {
  meta: {
    id: 'P606',
    name: 'job-no-tags',
    priority: 6,
    severity: 'notice',
    title: 'Job cluster has no custom_tags for cost attribution',
    fix: 'Add "custom_tags": {"Environment": "prod", "Project": "<project>", "Owner": "<team>"} to the cluster (or "tags" to the job).',
    hint: 'Add "custom_tags": {"Environment": ..., "Project": ..., "Owner": ...} to the cluster',
    remediation: ['custom_tags', 'tags'],
  },
  kind: 'file',
  check(ctx) {
    if (ctx.model.kind !== 'jobs') return [];
    const findings: RawFinding[] = [];
    for (const job of ctx.model.jobs) {
      if (findSetting(job, ['tags'], isFilled)) continue;
      for (const cluster of jobClusterRefs(job)) {
        // A cluster policy can fix tags; the policy is not in the repository, so trust it.
        if (isFilled(get(cluster.node, 'custom_tags')) || get(cluster.node, 'policy_id')) continue;
        findings.push({
          span: cluster.node.keySpan ?? cluster.node.span,
          message: `Cluster "${cluster.label}" of job "${job.name}" has no custom_tags`,
          key: job.name,
          autofix: tagsFix(ctx.model, cluster.node),
        });
      }
    }
    for (const pipeline of ctx.model.pipelines) {
      if (pipeline.serverless || [pipeline.node, ...(pipeline.overrides ?? [])].some((layer) => isFilled(get(layer, 'tags')))) continue;
      for (const cluster of pipeline.clusters) {
        if (isFilled(get(cluster, 'custom_tags')) || get(cluster, 'policy_id')) continue;
        const label = str(get(cluster, 'label')) ?? 'default';
        findings.push({ span: cluster.keySpan ?? cluster.span, message: `Cluster "${label}" of pipeline "${pipeline.name}" has no custom_tags`, key: `pipeline:${pipeline.name}`, autofix: tagsFix(ctx.model, cluster) });
      }
    }
    return uniqueBySpan(findings);
  },
};

/** The configured tags (`fixes.tags`) as the cluster's `custom_tags`: values the team fills in. */
function tagsFix(model: JobsModel, cluster: PosNode): (settings: FixSettings) => ReturnType<typeof settingsFix> {
  return (settings) => (cluster.type === 'object' ? settingsFix(model, cluster, [['custom_tags', { ...settings.tags }]], 'needs-review', 'Add `custom_tags` to the cluster') : undefined);
}
