/**
 * P502 no-changelog-checkpointing: RocksDB without changelog checkpointing uploads full
 * snapshots at every commit; changelog checkpointing (DBR 13.3+) writes only what changed.
 * https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store#enable-changelog-checkpointing
 * DBR 17.3 and later enable it by default, and so does every pipeline (see shared/state-store.ts):
 * a cluster on such a runtime, or a notebook only such runtimes run, needs nothing.
 */
import { entries, get, keyValueSpan, text } from '../../src/model/pos-helpers.js';
import { jobClusterRefs, uniqueBySpan } from '../../src/model/job-query.js';
import { parseSparkVersion, versionBelow } from '../../src/model/job-bindings.js';
import type { PosNode } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';
import { allRunnersOnRocksDbDefault, CHANGELOG_KEY, confValue, isRocksDbProvider, PROVIDER_KEY, settingsFor } from '../shared/state-store.js';

function onChangelogDefault(cluster: PosNode): boolean {
  const version = parseSparkVersion(text(get(cluster, 'spark_version')));
  return version !== undefined && !versionBelow(version, 17, 3);
}

const FIX = `Set "${CHANGELOG_KEY}": "true" next to the RocksDB provider.`;

function enabled(value: unknown): boolean {
  return String(value).trim().toLowerCase() === 'true';
}

export const noChangelogCheckpointing: FileRule = {
  meta: {
    id: 'P502',
    name: 'no-changelog-checkpointing',
    priority: 5,
    severity: 'warning',
    title: 'RocksDB state store without changelog checkpointing',
    fix: 'Set "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled": "true" next to the RocksDB provider.',
    hint: 'Set "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled": "true"',
    remediation: [CHANGELOG_KEY],
  },
  kind: 'file',
  check({ model, python, repo }) {
    if (model.kind === 'jobs') {
      const out: RawFinding[] = [];
      for (const job of model.jobs) {
        for (const cluster of jobClusterRefs(job, true)) {
          const conf = get(cluster.node, 'spark_conf');
          const provider = get(conf, PROVIDER_KEY);
          if (!provider || !isRocksDbProvider(text(provider)) || onChangelogDefault(cluster.node)) continue;
          const changelog = entries(conf).find(([k]) => k === CHANGELOG_KEY)?.[1];
          if (changelog && enabled(text(changelog))) continue;
          out.push({ span: keyValueSpan(provider), message: `Cluster "${cluster.label}" of job "${job.name}" uses RocksDB without changelog checkpointing`, key: `${job.name}:${cluster.label}` });
        }
      }
      return uniqueBySpan(out);
    }
    if (!python) return [];
    const own = python.facts.confs.filter((c) => c.key === PROVIDER_KEY && isRocksDbProvider(c.value));
    if (own.length === 0) return [];
    const settings = settingsFor(model.path, repo);
    const changelog = confValue(settings, CHANGELOG_KEY);
    if (changelog ? enabled(changelog.value) : allRunnersOnRocksDbDefault(settings)) return [];
    return [{ span: own[0].span, message: 'RocksDB is set in this notebook without changelog checkpointing' }];
  },
};
