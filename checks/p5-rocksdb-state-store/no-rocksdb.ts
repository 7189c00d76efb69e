/**
 * P501 no-rocksdb: stateful streaming on the default HDFS-backed state store keeps all state
 * in executor memory. RocksDB is the default only from DBR 17.3; `transformWithStateInPandas`
 * requires it below that. https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store
 */
import type { FileRule } from '../types.js';
import { PROVIDER_KEY, rocksDbConfigured, settingsFor, statefulEvents } from '../shared/state-store.js';

const NEEDS_ROCKSDB = new Set(['transformWithStateInPandas', 'transformWithState']);

export const noRocksdb: FileRule = {
  meta: {
    id: 'P501',
    name: 'no-rocksdb',
    priority: 5,
    severity: 'warning',
    title: 'Stateful streaming without the RocksDB state store',
    fix: 'Set "spark.sql.streaming.stateStore.providerClass": "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider" in the job cluster spark_conf (or run on DBR 17.3+).',
    hint: 'Set the RocksDB state store provider in the job cluster spark_conf (or use DBR 17.3+)',
    remediation: [PROVIDER_KEY, 'RocksDBStateStoreProvider', 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider', 'com.databricks.sql.streaming.state.RocksDBStateStoreProvider'],
  },
  kind: 'file',
  check({ model, python, repo }) {
    const events = statefulEvents(python);
    if (events.length === 0) return [];
    const settings = settingsFor(model.path, repo);
    if (rocksDbConfigured(settings)) return [];
    const tws = events.find((e) => NEEDS_ROCKSDB.has(e.op));
    const first = tws ?? events[0];
    const where = settings.tasks.length > 0
      ? `neither this notebook, its %run includes, nor the clusters of ${[...new Set(settings.tasks.map((t) => `"${t.job.name}"`))].join(', ')} set it`
      : 'neither this notebook nor its %run includes set it, and no job or pipeline definition in the repository runs it';
    return [
      {
        span: first.span,
        severity: tws ? 'failure' : undefined,
        message: tws
          ? `\`${tws.op}\` requires the RocksDB state store below DBR 17.3: ${where}`
          : `Stateful streaming on the default in-memory state store: ${where}`,
      },
    ];
  },
};
