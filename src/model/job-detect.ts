/**
 * Whether a JSON value (from `JSON.parse`, no positions) is a job or pipeline definition: the
 * tests `isJobJson` (jobs.ts) and `isPipelineJson` (pipelines.ts) make on a positioned tree,
 * made on the plain value, so JSON that is neither never pays for a positioned tree. The keys are
 * TASK_TYPES (below, which jobs.ts reads too) and pipelines.ts's PIPELINE_KEYS and LIBRARY_KINDS,
 * written out here; test/model/job-detect.test.ts checks both answer the same.
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

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/*
 * Keys are read as properties, written out rather than looped over: sample data of thousands of
 * rows is tested row by row, and a named read per row is several times cheaper than a keyed one.
 * `JSON.parse` makes own properties and no JSON value is `undefined`, so `!== undefined` is "the key
 * is there" (Object.prototype has none of these names).
 */

function hasTaskType(v: Plain): boolean {
  return (
    v.notebook_task !== undefined ||
    v.spark_python_task !== undefined ||
    v.spark_jar_task !== undefined ||
    v.spark_submit_task !== undefined ||
    v.python_wheel_task !== undefined ||
    v.pipeline_task !== undefined ||
    v.sql_task !== undefined ||
    v.dbt_task !== undefined ||
    v.run_job_task !== undefined ||
    v.condition_task !== undefined ||
    v.for_each_task !== undefined
  );
}

function isJobValue(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (Array.isArray(value.tasks) || Array.isArray(value.job_clusters)) return true;
  return hasTaskType(value) || isPlainObject(value.new_cluster);
}

/** The job of a `{job_id, settings}` export, or the value itself. */
function unwrapsToJob(value: unknown): boolean {
  return (isPlainObject(value) && isJobValue(value.settings)) || isJobValue(value);
}

function hasPipelineKey(v: Plain): boolean {
  return (
    v.clusters !== undefined ||
    v.development !== undefined ||
    v.continuous !== undefined ||
    v.channel !== undefined ||
    v.edition !== undefined ||
    v.catalog !== undefined ||
    v.target !== undefined ||
    v.schema !== undefined ||
    v.serverless !== undefined ||
    v.photon !== undefined ||
    v.configuration !== undefined ||
    v.storage !== undefined
  );
}

function isSourceLibrary(lib: unknown): boolean {
  return isPlainObject(lib) && (lib.notebook !== undefined || lib.file !== undefined || lib.glob !== undefined);
}

function isPipelineValue(value: unknown): boolean {
  if (!isPlainObject(value) || value.tasks !== undefined || value.new_cluster !== undefined) return false;
  const libraries = value.libraries;
  if (!Array.isArray(libraries)) return false;
  return libraries.some(isSourceLibrary) || hasPipelineKey(value);
}

/** One job, an export, a list of them, `{ jobs: [...] }`, or a pipeline spec (bare or under `spec`). */
export function isJobOrPipelineValue(root: unknown): boolean {
  if (Array.isArray(root)) return root.some(unwrapsToJob);
  if (!isPlainObject(root)) return false;
  if (unwrapsToJob(root)) return true;
  if (Array.isArray(root.jobs) && root.jobs.some(unwrapsToJob)) return true;
  return isPipelineValue(root.spec) || isPipelineValue(root);
}

/**
 * Deepest nesting of arrays and objects (a scalar root is 0), counted up to `limit + 1`. Recursive
 * but bounded by `limit`; `for...in` and only containers descended into, as it walks sample data too.
 */
export function nestingOf(value: unknown, limit: number, depth = 0): number {
  if (typeof value !== 'object' || value === null) return depth;
  if (depth >= limit) return depth + 1;
  let max = depth + 1;
  // Two plain loops, no callback: a closure per container costs more than the walk itself.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && max <= limit; i++) {
      const child: unknown = value[i];
      if (typeof child === 'object' && child !== null) max = Math.max(max, nestingOf(child, limit, depth + 1));
    }
    return max;
  }
  for (const key in value) {
    const child = (value as Plain)[key];
    if (typeof child === 'object' && child !== null) max = Math.max(max, nestingOf(child, limit, depth + 1));
    if (max > limit) break;
  }
  return max;
}
