/**
 * P406 shuffle-partitions-default: the number of shuffle partitions of a stateful query is
 * fixed by its checkpoint at the first run; leaving the default (200) cannot be undone later
 * without a new checkpoint. https://docs.databricks.com/aws/en/structured-streaming/stateful-streaming
 * A Lakeflow pipeline's `configuration` is its cluster's Spark conf: a key set there counts, and
 * that is where the fix goes for a notebook only pipelines run.
 */
import type { FileRule } from '../types.js';
import { confValue, runByPipelinesOnly, settingsFor, SHUFFLE_KEY, statefulEvents } from '../shared/state-store.js';

export const shufflePartitionsDefault: FileRule = {
  meta: {
    id: 'P406',
    name: 'shuffle-partitions-default',
    priority: 4,
    severity: 'notice',
    title: 'Stateful streaming query with the default `spark.sql.shuffle.partitions`',
    fix: 'Set `"spark.sql.shuffle.partitions": "<2-3x total cores>"` in the job cluster `spark_conf` before the first run of the query.',
    hint: 'Set "spark.sql.shuffle.partitions" (2-3x total cores) in the job cluster spark_conf',
    remediation: [SHUFFLE_KEY],
  },
  kind: 'file',
  check({ model, python, repo }) {
    const first = statefulEvents(python)[0];
    if (!first) return [];
    const settings = settingsFor(model.path, repo);
    if (confValue(settings, SHUFFLE_KEY)) return [];
    const message = 'Stateful streaming query with the default 200 shuffle partitions, fixed by the checkpoint at its first run';
    if (!runByPipelinesOnly(settings)) return [{ span: first.span, message }];
    return [{ span: first.span, message, hint: `Set "${SHUFFLE_KEY}" (2-3x total cores) in the pipeline configuration`, fix: `Set \`"${SHUFFLE_KEY}": "<2-3x total cores>"\` in the pipeline \`configuration\` before its first update.` }];
  },
};
