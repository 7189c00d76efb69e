/**
 * Facts about the state store configuration of a notebook: set in the notebook (or its
 * `%run` includes) with `spark.conf.set`, in the `spark_conf` of the job clusters that run it,
 * or in the `configuration` of the Lakeflow pipelines that run it.
 * https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store
 *
 * A pipeline pins no runtime: Databricks upgrades the pipeline runtime itself (channel `CURRENT`
 * or `PREVIEW`), so it runs DBR 17.3 or later, where RocksDB with changelog checkpointing is the
 * default state store. https://docs.databricks.com/aws/en/release-notes/dlt
 */
import type { ConfFact, PythonAnalysis, StreamEvent } from '../../src/model/python-types.js';
import type { Span } from '../../src/model/types.js';
import type { PipelineBinding, RepoView, TaskBinding } from '../types.js';
import { parseSparkVersion, versionBelow } from '../../src/model/job-bindings.js';

export const PROVIDER_KEY = 'spark.sql.streaming.stateStore.providerClass';
export const CHANGELOG_KEY = 'spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled';
export const SHUFFLE_KEY = 'spark.sql.shuffle.partitions';

/** Both class names are accepted: Apache Spark's and the one older Databricks docs use. */
export const ROCKSDB_PROVIDERS = [
  'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider',
  'com.databricks.sql.streaming.state.RocksDBStateStoreProvider',
];

export function isRocksDbProvider(value: unknown): boolean {
  return typeof value === 'string' && ROCKSDB_PROVIDERS.includes(value.trim());
}

/** Stateful streaming operations of a file (aggregations, dedup, joins, arbitrary state). */
export function statefulEvents(python: PythonAnalysis | undefined): StreamEvent[] {
  if (!python) return [];
  return python.lineage.events.filter((e) => e.kind === 'stateful' || e.kind === 'drop-duplicates' || e.kind === 'stream-join' || e.kind === 'drop-duplicates-within-watermark');
}

export interface StateStoreSettings {
  notebookConfs: ConfFact[];
  tasks: TaskBinding[];
  pipelines: PipelineBinding[];
}

export function settingsFor(path: string, repo: RepoView): StateStoreSettings {
  return { notebookConfs: repo.confsFor(path), tasks: repo.tasksRunning(path), pipelines: repo.pipelinesRunning(path) };
}

/** Value of a conf key set in the notebook (the last `set` wins; with its place), else in any cluster or pipeline running it. */
export function confValue(settings: StateStoreSettings, key: string): { value: unknown; where: 'notebook' | 'cluster' | 'pipeline'; span?: Span } | undefined {
  const own = [...settings.notebookConfs].reverse().find((c) => c.key === key);
  if (own) return { value: own.value, where: 'notebook', span: own.span };
  for (const task of settings.tasks) {
    const value = task.sparkConf.get(key);
    if (value !== undefined) return { value, where: 'cluster' };
  }
  for (const pipeline of settings.pipelines) {
    const value = pipeline.sparkConf.get(key);
    if (value !== undefined) return { value, where: 'pipeline' };
  }
  return undefined;
}

/**
 * Everything that runs the notebook is on a runtime where RocksDB (with changelog checkpointing)
 * is the default: jobs on DBR 17.3 or later, and pipelines (see above). False when nothing runs it.
 */
export function allRunnersOnRocksDbDefault(settings: Pick<StateStoreSettings, 'tasks' | 'pipelines'>): boolean {
  if (settings.tasks.length === 0 && settings.pipelines.length === 0) return false;
  return settings.tasks.every((t) => {
    const v = parseSparkVersion(t.sparkVersion);
    return v !== undefined && !versionBelow(v, 17, 3);
  });
}

export function rocksDbConfigured(settings: StateStoreSettings): boolean {
  return isRocksDbProvider(confValue(settings, PROVIDER_KEY)?.value) || allRunnersOnRocksDbDefault(settings);
}

/** Only pipelines run the notebook: its Spark conf belongs in the pipeline `configuration`, not a job cluster. */
export function runByPipelinesOnly(settings: Pick<StateStoreSettings, 'tasks' | 'pipelines'>): boolean {
  return settings.pipelines.length > 0 && settings.tasks.length === 0;
}
