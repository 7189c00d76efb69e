/**
 * P406 shuffle-partitions-default: the number of shuffle partitions of a stateful query is
 * fixed by its checkpoint at the first run; leaving the default (200) cannot be undone later
 * without a new checkpoint. https://docs.databricks.com/aws/en/structured-streaming/stateful-streaming
 */
import type { FileRule } from '../types.js';
import { confValue, settingsFor, SHUFFLE_KEY, statefulEvents } from '../shared/state-store.js';

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
    if (confValue(settingsFor(model.path, repo), SHUFFLE_KEY)) return [];
    return [{ span: first.span, message: 'Stateful streaming query with the default 200 shuffle partitions, fixed by the checkpoint at its first run' }];
  },
};
