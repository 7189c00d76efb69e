/**
 * P503 conf-in-notebook: state store settings made with `spark.conf.set` live in one notebook
 * and must match the checkpoint on every restart; set them once in the job cluster's
 * `spark_conf` (or a cluster policy) instead. https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store
 */
import type { FileRule } from '../types.js';
import { runByPipelinesOnly } from '../shared/state-store.js';

const STATE_STORE_PREFIX = 'spark.sql.streaming.stateStore.';

export const confInNotebook: FileRule = {
  meta: {
    id: 'P503',
    name: 'conf-in-notebook',
    priority: 5,
    severity: 'notice',
    title: 'State store configuration set in the notebook instead of the job cluster',
    fix: 'Move the `spark.sql.streaming.stateStore.*` settings to the job cluster `spark_conf` (or a cluster policy).',
    hint: 'Move the `spark.sql.streaming.stateStore.*` settings to the job cluster spark_conf',
    remediation: ['spark_conf'],
  },
  kind: 'file',
  check({ model, python, repo }) {
    if (!python || model.kind !== 'code') return [];
    // A notebook only Lakeflow pipelines run takes its Spark conf from the pipeline `configuration`.
    const pipeline = runByPipelinesOnly({ tasks: repo.tasksRunning(model.path), pipelines: repo.pipelinesRunning(model.path) });
    const home = pipeline ? 'the pipeline configuration' : 'the job cluster spark_conf';
    return python.facts.confs
      .filter((c) => c.key.startsWith(STATE_STORE_PREFIX))
      .map((c) => ({
        span: c.span,
        message: `\`${c.key}\` is set in the notebook; set it in ${home}`,
        key: c.key,
        hint: `Move \`${c.key}\` to ${home}`,
        fix: pipeline
          ? `Move \`${c.key}\` from \`spark.conf.set\` to the pipeline \`configuration\`.`
          : `Move \`${c.key}\` from \`spark.conf.set\` to the job cluster \`spark_conf\` (or a cluster policy).`,
      }));
  },
};
