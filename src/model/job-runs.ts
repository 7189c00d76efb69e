/**
 * What starts the runs of a job or a pipeline, read from its definition and its bundle target
 * overrides. A definition with neither `continuous`, a `schedule` nor a `trigger` runs when a
 * person (or a tool outside the repository) starts it: the one-shot setup job of an accelerator.
 * - Jobs: https://docs.databricks.com/aws/en/jobs/triggers (schedule, file arrival, table update, periodic, continuous)
 * - Pipelines: `continuous`, and the pipeline's own `trigger.cron`; a job's `pipeline_task` can start one too
 *   (resolved in job-bindings.ts, which sees every job of the repository).
 */
import { bool, get, isObject } from './pos-helpers.js';
import type { JobRuns, PosNode } from './types.js';

/** `continuous: {...}` (jobs) or `continuous: true` (jobs of old exports, pipelines). */
export function isContinuousValue(node: PosNode | undefined): boolean {
  return isObject(node) || (node?.type === 'scalar' && node.value === true);
}

/** Jobs: the first of continuous, scheduled, triggered that any layer sets; else manual. */
export function jobRunsOf(layers: PosNode[]): JobRuns {
  if (layers.some((layer) => isContinuousValue(get(layer, 'continuous')))) return 'continuous';
  if (layers.some((layer) => isObject(get(layer, 'schedule')))) return 'scheduled';
  if (layers.some((layer) => isObject(get(layer, 'trigger')))) return 'triggered';
  return 'manual';
}

/** Pipelines: `continuous: true`, a `trigger.cron`, else manual (`trigger.manual`, or nothing). */
export function pipelineRunsOf(layers: PosNode[]): JobRuns {
  if (layers.some((layer) => bool(get(layer, 'continuous')) === true)) return 'continuous';
  if (layers.some((layer) => isObject(get(layer, 'trigger', 'cron')))) return 'scheduled';
  return 'manual';
}

/** Of two ways to start the same runs, the one that needs no person. */
export function mostAutomatic(a: JobRuns, b: JobRuns): JobRuns {
  const order: JobRuns[] = ['continuous', 'scheduled', 'triggered', 'manual'];
  return order.indexOf(a) <= order.indexOf(b) ? a : b;
}
