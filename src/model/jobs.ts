/**
 * Job definitions (Jobs API JSON and Databricks Asset Bundle YAML) read into a
 * typed model that keeps positions. Shapes recognised:
 * - Jobs API 2.1/2.2 create payload: `{ name, tasks[], job_clusters[], continuous, ... }`
 *   https://docs.databricks.com/api/workspace/jobs/create
 * - GET export: `{ job_id, settings: { ... } }`, and list output `{ jobs: [ ... ] }` or a bare array
 * - Jobs API 2.0 single task: `new_cluster`/`existing_cluster_id` + `notebook_task`/... at top level
 * - Bundles: `resources.jobs.<key>` at the root and under `targets.<t>.resources.jobs.<key>`;
 *   `run_as` at the job, the root or per target.
 *   https://docs.databricks.com/aws/en/dev-tools/bundles/settings
 * Lakeflow pipelines of the same files (bundle `resources.pipelines`, Pipelines API JSON) are read
 * by pipelines.ts into the same model.
 */
import { get, isObject, items, entries, str } from './pos-helpers.js';
import { MAX_SCAN_DEPTH, parseJsoncPos, parseJsonPos, parseYamlPos, type PosParseResult } from './pos-tree.js';
import { TASK_TYPES, isJobOrPipelineValue, nestingOf } from './job-detect.js';
import { isContinuousValue, jobRunsOf } from './job-runs.js';
import { bundlePipelines, isPipelineJson, jsonPipelines } from './pipelines.js';
import type { JobDef, JobTask, JobsModel, PosNode } from './types.js';

export type JobFileKind = 'job-json' | 'bundle-yaml';

const JSON_JOB_HINT = /"(tasks|job_clusters|new_cluster|existing_cluster_id|notebook_task|spark_python_task|settings|libraries)"\s*:/;

function hasTaskType(node: PosNode | undefined): boolean {
  return isObject(node) && TASK_TYPES.some((t) => node.entries.has(t));
}

/** An object that is itself a job's settings (any of the three JSON shapes, unwrapped). */
function isJobObject(node: PosNode | undefined): boolean {
  if (!isObject(node)) return false;
  if (get(node, 'tasks')?.type === 'array') return true;
  if (get(node, 'job_clusters')?.type === 'array') return true;
  return hasTaskType(node) || isObject(get(node, 'new_cluster'));
}

/** The settings inside a `{job_id, settings}` export, or the object itself when it is a job. */
function unwrap(node: PosNode | undefined): PosNode | undefined {
  const settings = get(node, 'settings');
  if (isJobObject(settings)) return settings;
  return isJobObject(node) ? node : undefined;
}

/** Every job object of a JSON document: one job, an export, a list, or `{ jobs: [...] }`. */
function jsonJobNodes(root: PosNode | undefined): PosNode[] {
  if (!root) return [];
  if (root.type === 'array') return root.items.map(unwrap).filter((n): n is PosNode => n !== undefined);
  const single = unwrap(root);
  if (single) return [single];
  return items(get(root, 'jobs')).map(unwrap).filter((n): n is PosNode => n !== undefined);
}

export function isJobJson(root: PosNode | undefined): boolean {
  return jsonJobNodes(root).length > 0;
}

function baseName(path: string): string {
  const name = path.split('/').pop() ?? path;
  return name.replace(/\.[^.]+$/, '');
}

export function detectJobFileKind(path: string, text: string): JobFileKind | undefined {
  return detect(path, text).kind;
}

/**
 * The kind of a job file. Strict JSON is decided on `JSON.parse`'s value, without positions; other
 * JSON (comments, errors) needs jsonc-parser to decide, and that parse is returned for building to reuse.
 */
function detect(path: string, text: string): { kind?: JobFileKind; json?: PosParseResult } {
  const lower = path.toLowerCase().replace(/\\/g, '/');
  const name = lower.split('/').pop() ?? lower;
  if (name.endsWith('.json')) {
    if (!JSON_JOB_HINT.test(text)) return {};
    const plain = strictJson(text);
    // Strict JSON is decided on its plain value: only a job file gets a positioned tree.
    if (plain.ok) return isJobOrPipelineValue(plain.value) || nestingOf(plain.value, MAX_SCAN_DEPTH) > MAX_SCAN_DEPTH ? { kind: 'job-json' } : {};
    const json = parseJsoncPos(text);
    if (json.root) return isJobJson(json.root) || isPipelineJson(json.root) ? { kind: 'job-json', json } : {};
    // Unparseable but clearly meant as a job: keep it so its problems get reported.
    return json.problems.length > 0 ? { kind: 'job-json', json } : {};
  }
  if (!name.endsWith('.yml') && !name.endsWith('.yaml')) return {};
  if (/^(databricks|bundle)\.ya?ml$/.test(name)) return { kind: 'bundle-yaml' };
  if (lower.startsWith('resources/') || lower.includes('/resources/')) return { kind: 'bundle-yaml' };
  if (/^bundle\s*:/m.test(text)) return { kind: 'bundle-yaml' };
  // `[ \t]`, not `\s`: `\s+` crosses newlines, so every blank line would rescan all the blank
  // lines after it (quadratic), and a top-level `jobs:` after a blank line would count as nested.
  if (/^resources[ \t]*:/m.test(text) && /^[ \t]+(jobs|pipelines)[ \t]*:/m.test(text)) return { kind: 'bundle-yaml' };
  return {};
}

function strictJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The model of a job file, or undefined when the file is none; only job files get a positioned tree. */
export function readJobFile(path: string, text: string): JobsModel | undefined {
  const { kind, json } = detect(path, text);
  if (!kind) return undefined;
  // The model parses normalised text: the parse made for detection only serves when that is the same text.
  return buildJobsModel(path, kind, text, json && normaliseText(text) === text ? json : undefined);
}

function normaliseText(text: string): string {
  // The scan hands over decoded text: most calls have nothing to replace.
  if (text.charCodeAt(0) !== 0xfeff && !text.includes('\r')) return text;
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function buildJobsModel(path: string, fileKind: JobFileKind, text: string, parsed?: PosParseResult): JobsModel {
  const clean = normaliseText(text);
  const model: JobsModel = { kind: 'jobs', path, fileKind, text: clean, lines: clean.split('\n'), jobs: [], pipelines: [], problems: [] };
  try {
    const { root, problems } = parsed ?? (fileKind === 'job-json' ? parseJsonPos(clean) : parseYamlPos(clean));
    model.root = root;
    model.problems.push(...problems);
    model.jobs = fileKind === 'job-json' ? jsonJobs(root, path) : bundleJobs(root);
    model.pipelines = fileKind === 'job-json' ? jsonPipelines(root, baseName(path)) : bundlePipelines(root);
  } catch (err) {
    model.problems.push({ message: `Cannot read job definition: ${err instanceof Error ? err.message : String(err)}`, line: 1 });
  }
  return model;
}

function jsonJobs(root: PosNode | undefined, path: string): JobDef[] {
  const nodes = jsonJobNodes(root);
  return nodes.map((node, i) => jobFromNode(node, nodes.length === 1 ? baseName(path) : `${baseName(path)}#${i + 1}`, []));
}

/** The cluster of the job cluster entries, by `job_cluster_key`. */
function jobClusterMap(node: PosNode): Map<string, PosNode> {
  const clusters = new Map<string, PosNode>();
  for (const entry of items(get(node, 'job_clusters'))) {
    const key = str(get(entry, 'job_cluster_key'));
    const cluster = get(entry, 'new_cluster');
    if (key && cluster) clusters.set(key, cluster);
  }
  return clusters;
}

function taskFrom(node: PosNode, key: string, clusters: Map<string, PosNode>): JobTask {
  // A for_each task runs its nested task: that is where the notebook and cluster are.
  const inner = get(node, 'for_each_task', 'task') ?? node;
  const clusterKey = str(get(inner, 'job_cluster_key'));
  const cluster = get(inner, 'new_cluster') ?? (clusterKey ? clusters.get(clusterKey) : undefined);
  const task: JobTask = { key, node };
  const notebookPath = str(get(inner, 'notebook_task', 'notebook_path'));
  const pythonFile = str(get(inner, 'spark_python_task', 'python_file'));
  if (notebookPath) task.notebookPath = notebookPath;
  if (pythonFile) task.pythonFile = pythonFile;
  const pipelineId = str(get(inner, 'pipeline_task', 'pipeline_id'));
  if (pipelineId) task.pipelineId = pipelineId;
  if (cluster) task.cluster = cluster;
  if (clusterKey) task.clusterKey = clusterKey;
  return task;
}

function jobFromNode(node: PosNode, fallbackName: string, extraRunAs: PosNode[], key?: string): JobDef {
  const name = str(get(node, 'name')) ?? str(get(node, 'run_name')) ?? fallbackName;
  const jobClusters = jobClusterMap(node);
  const tasksNode = get(node, 'tasks');
  const tasks: JobTask[] =
    tasksNode?.type === 'array'
      ? tasksNode.items.map((t, i) => taskFrom(t, str(get(t, 'task_key')) ?? `task_${i + 1}`, jobClusters))
      : hasTaskType(node) || isObject(get(node, 'new_cluster'))
        ? [taskFrom(node, name, jobClusters)] // Jobs API 2.0: the job is its one task.
        : [];
  const continuous = isContinuousValue(get(node, 'continuous'));
  const ownRunAs = get(node, 'run_as');
  const runAs = [ownRunAs, ...extraRunAs].filter((n): n is PosNode => isObject(n));
  const job: JobDef = { name, node, span: node.span, tasks, jobClusters, continuous, runAs, runs: jobRunsOf([node]) };
  if (key) job.key = key;
  return job;
}

/** A target job block is a full definition (not an override) when it names itself or has typed tasks. */
function looksComplete(node: PosNode): boolean {
  return str(get(node, 'name')) !== undefined || items(get(node, 'tasks')).some(hasTaskType) || hasTaskType(node);
}

function bundleJobs(root: PosNode | undefined): JobDef[] {
  if (!isObject(root)) return [];
  const rootRunAs = get(root, 'run_as');
  const targets = entries(get(root, 'targets'));
  const targetRunAs = targets.map(([, t]) => get(t, 'run_as'));
  const jobs: JobDef[] = [];
  const byKey = new Map<string, JobDef>();
  for (const [key, node] of entries(get(root, 'resources', 'jobs'))) {
    if (!isObject(node)) continue;
    const job = jobFromNode(node, key, [rootRunAs, ...targetRunAs].filter((n): n is PosNode => n !== undefined), key);
    jobs.push(job);
    byKey.set(key, job);
  }
  for (const [, target] of targets) {
    const runAsHere = [get(target, 'run_as'), rootRunAs].filter((n): n is PosNode => n !== undefined);
    for (const [key, node] of entries(get(target, 'resources', 'jobs'))) {
      if (!isObject(node)) continue;
      const base = byKey.get(key);
      if (base) {
        // Overrides merge into the root job at deploy time; rules consult them too.
        (base.overrides ??= []).push(node);
        // A target that adds a schedule or a trigger makes the job run on its own there.
        base.runs = jobRunsOf([base.node, ...base.overrides]);
        const own = get(node, 'run_as');
        if (isObject(own)) base.runAs.push(own);
        continue;
      }
      // An override of a job defined in another file of the bundle is not a job on its own.
      if (looksComplete(node)) jobs.push(jobFromNode(node, key, runAsHere, key));
    }
  }
  return jobs;
}
