/**
 * P206 runtime-too-old: a notebook calls transformWithStateInPandas (or the
 * row-based transformWithState) but a job runs it on a runtime without it; a notebook on
 * a legacy stateful API gets a warning, since its migration needs the same runtime.
 * Requirements: DBR 16.2+; on standard (shared) access mode Python needs 16.3+.
 * https://docs.databricks.com/aws/en/stateful-applications/#requirements
 */
import { get } from '../../src/model/pos-helpers.js';
import { parseSparkVersion, versionBelow } from '../../src/model/job-bindings.js';
import type { RepoFinding, RepoRule, TaskBinding } from '../types.js';

const STATEFUL_V2 = new Set(['transformWithStateInPandas', 'transformWithState']);
/** Legacy APIs whose migration (the P2 remediation) needs the same runtime. */
const LEGACY = new Set(['applyInPandasWithState', 'flatMapGroupsWithState', 'mapGroupsWithState']);
/** `data_security_mode` values of standard (formerly shared) access mode. */
const STANDARD_MODES = new Set(['USER_ISOLATION', 'DATA_SECURITY_MODE_STANDARD', 'SHARED']);

function minimumFor(binding: TaskBinding): { major: number; minor: number; label: string } {
  const standard = STANDARD_MODES.has((binding.accessMode ?? '').toUpperCase());
  return standard ? { major: 16, minor: 3, label: '16.3 (standard access mode)' } : { major: 16, minor: 2, label: '16.2' };
}

export const runtimeTooOld: RepoRule = {
  meta: {
    id: 'P206',
    name: 'runtime-too-old',
    priority: 2,
    severity: 'failure',
    title: 'Job runs transformWithStateInPandas on a Databricks Runtime that lacks it',
    fix: 'Set "spark_version": "16.4.x-scala2.12" (DBR 16.2+, 16.3+ on standard access mode; 17.3 LTS makes RocksDB the default).',
    hint: 'Set "spark_version": "16.4.x-scala2.12" (DBR 16.2 or later) on the cluster',
    remediation: ['spark_version'],
  },
  kind: 'repo',
  check(ctx) {
    const findings: RepoFinding[] = [];
    const seen = new Set<string>();
    for (const file of ctx.files) {
      const method = file.methods.find((m) => STATEFUL_V2.has(m)) ?? file.methods.find((m) => LEGACY.has(m));
      if (!method) continue;
      const migrating = !STATEFUL_V2.has(method);
      for (const binding of ctx.repo.tasksRunning(file.path)) {
        const version = parseSparkVersion(binding.sparkVersion);
        const versionNode = get(binding.task.cluster, 'spark_version');
        if (!version || !versionNode) continue;
        const minimum = minimumFor(binding);
        if (!versionBelow(version, minimum.major, minimum.minor)) continue;
        const id = `${binding.jobsPath}:${versionNode.span.line}:${file.path}`;
        if (seen.has(id)) continue;
        seen.add(id);
        findings.push({
          path: binding.jobsPath,
          span: versionNode.span,
          severity: migrating ? 'warning' : undefined,
          message: migrating
            ? `${file.path} uses the legacy ${method}; moving it to transformWithStateInPandas needs DBR ${minimum.label} or later, but task "${binding.task.key}" of job "${binding.job.name}" runs on ${binding.sparkVersion}`
            : `${file.path} calls ${method}, but task "${binding.task.key}" of job "${binding.job.name}" ` +
              `runs it on ${binding.sparkVersion}; it needs DBR ${minimum.label} or later`,
          // The task, not the notebook path: renaming the notebook keeps the finding.
          key: binding.task.key,
        });
      }
    }
    return findings;
  },
};
