/**
 * P504 provider-change: the state store provider is recorded in a query's checkpoint; a
 * restart with another provider fails, so a change needs a new checkpoint location.
 * https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store
 */
import type { DiffRule, RepoContext, RepoFinding } from '../types.js';
import { confValue, PROVIDER_KEY, settingsFor, statefulEvents } from '../shared/state-store.js';

function providerOf(ctx: RepoContext, path: string): { provider: string; span?: RepoFinding['span'] } {
  const value = confValue(settingsFor(path, ctx.repo), PROVIDER_KEY);
  return { provider: value ? String(value.value).trim() : 'default (HDFS-backed)', span: value?.span };
}

export const providerChange: DiffRule = {
  meta: {
    id: 'P504',
    name: 'provider-change',
    priority: 5,
    severity: 'warning',
    title: 'This change switches the state store provider of an existing stateful query',
    fix: 'Start the query on a new `checkpointLocation` (and backfill state), then acknowledge with `# remediation: ignore[provider-change]`.',
    hint: 'Start the query on a new `checkpointLocation`, then acknowledge the change',
    remediation: [],
  },
  kind: 'diff',
  check({ base, head, basePathOf }) {
    const out: RepoFinding[] = [];
    const baseFiles = new Map(base.files.map((f) => [f.model.path, f]));
    for (const file of head.files) {
      const basePath = basePathOf(file.model.path);
      const before = baseFiles.get(basePath);
      const events = statefulEvents(file.python);
      if (!before || events.length === 0 || statefulEvents(before.python).length === 0) continue;
      const was = providerOf(base, basePath);
      const now = providerOf(head, file.model.path);
      if (was.provider === now.provider) continue;
      out.push({
        path: file.model.path,
        span: now.span ?? events[0].span,
        message: `State store provider changes from ${was.provider} to ${now.provider}: existing checkpoints of this query cannot be restarted; use a new checkpointLocation`,
      });
    }
    return out;
  },
};
