/**
 * Questions job rules ask of a `JobDef`: where to point, which clusters it
 * starts, and whether a setting is present in the job or one of its bundle
 * target overrides.
 */
import { get, items, keyValueSpan, str } from './pos-helpers.js';
import type { JobDef, JobsModel, PosNode, Span } from './types.js';
import { normaliseTaskPath } from './job-bindings.js';

/** The line that names the job: its `name`, else its bundle resource key, else the object's start. */
export function jobHeadSpan(job: JobDef): Span {
  const name = get(job.node, 'name');
  if (name) return keyValueSpan(name);
  if (job.node.keySpan) return job.node.keySpan;
  const { line, column } = job.node.span;
  return { line, column, endLine: line, endColumn: column + 1 };
}

/** The job node followed by its target overrides (bundles). */
export function jobLayers(job: JobDef): PosNode[] {
  return [job.node, ...(job.overrides ?? [])];
}

/** The first layer (job, then overrides) where `path` exists and `accept` holds. */
export function findSetting(
  job: JobDef,
  path: (string | number)[],
  accept: (node: PosNode) => boolean = () => true,
): PosNode | undefined {
  for (const layer of jobLayers(job)) {
    const found = get(layer, ...path);
    if (found && accept(found)) return found;
  }
  return undefined;
}

export interface ClusterRef {
  /** The `new_cluster` object. */
  node: PosNode;
  /** `job_cluster_key`, or the task key for a task's own cluster. */
  label: string;
  fromOverride: boolean;
}

function clustersOfLayer(layer: PosNode, fromOverride: boolean): ClusterRef[] {
  const found: ClusterRef[] = [];
  for (const entry of items(get(layer, 'job_clusters'))) {
    const node = get(entry, 'new_cluster');
    if (node) found.push({ node, label: str(get(entry, 'job_cluster_key')) ?? 'job cluster', fromOverride });
  }
  for (const task of items(get(layer, 'tasks'))) {
    const node = get(task, 'new_cluster') ?? get(task, 'for_each_task', 'task', 'new_cluster');
    if (node) found.push({ node, label: str(get(task, 'task_key')) ?? 'task', fromOverride });
  }
  // Jobs API 2.0: the cluster sits at the top of the job.
  const top = get(layer, 'new_cluster');
  if (top) found.push({ node: top, label: 'new_cluster', fromOverride });
  return found;
}

/** Every cluster definition the job starts (job clusters and task clusters), each once. */
export function jobClusterRefs(job: JobDef, withOverrides = false): ClusterRef[] {
  const refs = clustersOfLayer(job.node, false);
  if (withOverrides) for (const layer of job.overrides ?? []) refs.push(...clustersOfLayer(layer, true));
  const seen = new Set<PosNode>();
  return refs.filter((r) => (seen.has(r.node) ? false : (seen.add(r.node), true)));
}

const EMAIL = /^[^@\s/${}]+@[^@\s/${}]+\.[a-z]{2,}$/i;

/**
 * A person's identity: an email address. Service principals are application ids (UUIDs)
 * or display names; `${workspace.current_user.userName}` is a deploy-time reference.
 */
export function isPersonIdentity(value: string | undefined): boolean {
  return value !== undefined && EMAIL.test(value.trim());
}

/** Keeps the first of findings that point at the same place (YAML aliases can share one cluster). */
export function uniqueBySpan<T extends { span: Span; key?: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const id = `${f.span.line}:${f.span.column}:${f.key ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * A streaming job: continuous, or one of its tasks runs a file of the repository that reads a
 * stream. `runsStreaming` answers for repo paths (see RepoView.runsStreaming).
 */
export function isStreamingJob(job: JobDef, model: JobsModel, runsStreaming: (taskPath: string, jobsPath?: string) => boolean | undefined): boolean {
  if (job.continuous) return true;
  return job.tasks.some((task) => {
    const raw = task.notebookPath ?? task.pythonFile;
    const path = raw ? normaliseTaskPath(model.path, model.fileKind, raw) : undefined;
    return path !== undefined && runsStreaming(path, model.path) === true;
  });
}
