/**
 * Whether a JSON value (from `JSON.parse`, no positions) is a job or pipeline definition: the
 * tests `isJobJson` (jobs.ts) and `isPipelineJson` (pipelines.ts) make on a positioned tree,
 * made on the plain value, so JSON that is neither never pays for a positioned tree.
 * test/model/job-detect.test.ts checks both answer the same.
 */

/** Task type keys of a Jobs API task (any one makes an object a task). */
export const TASK_TYPES = [
  'notebook_task',
  'spark_python_task',
  'spark_jar_task',
  'spark_submit_task',
  'python_wheel_task',
  'pipeline_task',
  'sql_task',
  'dbt_task',
  'run_job_task',
  'condition_task',
  'for_each_task',
] as const;

/** As in pipelines.ts: keys only a pipeline spec has. */
const PIPELINE_KEYS = ['clusters', 'development', 'continuous', 'channel', 'edition', 'catalog', 'target', 'schema', 'serverless', 'photon', 'configuration', 'storage'];
const LIBRARY_KINDS = ['notebook', 'file', 'glob'];

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key of the object itself (`JSON.parse` makes own properties; nothing inherited counts). */
function has(value: unknown, key: string): boolean {
  return isPlainObject(value) && Object.hasOwn(value, key);
}

function at(value: unknown, key: string): unknown {
  return has(value, key) ? (value as Plain)[key] : undefined;
}

function isJobValue(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (Array.isArray(at(value, 'tasks')) || Array.isArray(at(value, 'job_clusters'))) return true;
  return TASK_TYPES.some((t) => has(value, t)) || isPlainObject(at(value, 'new_cluster'));
}

/** The job of a `{job_id, settings}` export, or the value itself. */
function unwrapsToJob(value: unknown): boolean {
  return isJobValue(at(value, 'settings')) || isJobValue(value);
}

function isPipelineValue(value: unknown): boolean {
  if (!isPlainObject(value) || has(value, 'tasks') || has(value, 'new_cluster')) return false;
  const libraries = at(value, 'libraries');
  if (!Array.isArray(libraries)) return false;
  if (libraries.some((lib) => LIBRARY_KINDS.some((kind) => has(lib, kind)))) return true;
  return PIPELINE_KEYS.some((key) => has(value, key));
}

/** One job, an export, a list of them, `{ jobs: [...] }`, or a pipeline spec (bare or under `spec`). */
export function isJobOrPipelineValue(root: unknown): boolean {
  if (Array.isArray(root)) return root.some(unwrapsToJob);
  if (unwrapsToJob(root)) return true;
  const jobs = at(root, 'jobs');
  if (Array.isArray(jobs) && jobs.some(unwrapsToJob)) return true;
  return isPipelineValue(at(root, 'spec')) || isPipelineValue(root);
}

/** Deepest nesting of arrays and objects (a scalar root is 0), counted up to `limit + 1`. */
export function nestingOf(root: unknown, limit: number): number {
  let max = 0;
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > limit) return max;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return max;
}
