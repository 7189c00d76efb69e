/**
 * Questions job rules ask of a `JobDef`: where to point, which clusters it
 * starts, and whether a setting is present in the job or one of its bundle
 * target overrides.
 */
import { get, items, keyValueSpan, str } from './pos-helpers.js';
import type { FileRole, JobDef, JobTask, JobsModel, PipelineDef, PosNode, Span } from './types.js';
import { normaliseTaskPath } from './job-bindings.js';

/** The line that names the job: its `name`, else its bundle resource key, else the object's start. */
export function jobHeadSpan(job: JobDef): Span {
  const name = get(job.node, 'name');
  if (name) return keyValueSpan(name);
  if (job.node.keySpan) return job.node.keySpan;
  const { line, column } = job.node.span;
  return { line, column, endLine: line, endColumn: column + 1 };
}

/** The line that names a pipeline: its `name`, else its bundle resource key, else the object's start. */
export function pipelineHeadSpan(pipeline: PipelineDef): Span {
  const name = get(pipeline.node, 'name');
  if (name) return keyValueSpan(name);
  if (pipeline.node.keySpan) return pipeline.node.keySpan;
  const { line, column } = pipeline.node.span;
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

/** What job rules ask of the repository about the file a task names (see RepoView). */
export interface TaskCode {
  streamsOf(taskPath: string, jobsPath?: string): 'unbounded' | 'bounded' | 'none' | undefined;
  roleOf(taskPath: string, jobsPath?: string): FileRole | undefined;
}

function taskPath(task: JobTask, model: JobsModel): string | undefined {
  const raw = task.notebookPath ?? task.pythonFile;
  return raw ? normaliseTaskPath(model.path, model.fileKind, raw) : undefined;
}

/**
 * A streaming job: continuous, or one of its tasks runs a file of the repository that starts a
 * query running until stopped. A job whose queries all end (`availableNow`, `once`) processes a
 * bounded backlog per run and stops: it is a batch job for its cluster and its health rules.
 */
export function isStreamingJob(job: JobDef, model: JobsModel, code: Pick<TaskCode, 'streamsOf'>): boolean {
  if (job.runs === 'continuous') return true;
  return job.tasks.some((task) => {
    const path = taskPath(task, model);
    return path !== undefined && code.streamsOf(path, model.path) === 'unbounded';
  });
}

/** Condition tasks evaluate an expression on the control plane: no code of their own. */
function runsNoCode(task: JobTask): boolean {
  return get(task.node, 'condition_task') !== undefined;
}

/**
 * A one-shot job: started by hand (no continuous, schedule nor trigger in any layer) and every task
 * runs a file of the repository that neither reads a stream nor is pipeline code (a schema creation,
 * a sample data load, a test runner: see src/engine/roles.ts). Alerts, retries and backlog rules are
 * for jobs that run without a person watching. A task whose code is not in the repository, or that
 * runs a pipeline, SQL, a wheel or another job, counts as production code: it cannot be told apart.
 */
export function isOneShotJob(job: JobDef, model: JobsModel, code: TaskCode): boolean {
  if (job.runs !== 'manual') return false;
  const tasks = job.tasks.filter((task) => !runsNoCode(task));
  if (tasks.length === 0) return false;
  return tasks.every((task) => {
    const path = taskPath(task, model);
    if (path === undefined) return false;
    const streams = code.streamsOf(path, model.path);
    if (streams === undefined || streams !== 'none') return false;
    const role = code.roleOf(path, model.path);
    return role !== undefined && role !== 'pipeline';
  });
}
