/**
 * Which job tasks run which repository file, with the cluster settings that
 * apply. Paths in job definitions come in several forms:
 * - bundles: relative to the YAML file's folder (`../src/x.py` from `resources/jobs.yml` is `src/x.py`)
 *   https://docs.databricks.com/aws/en/dev-tools/bundles/settings#paths
 * - Jobs JSON with a Git source: relative to the repository root
 * - workspace paths: `/Repos/<user>/<repo>/a/b`, `/Workspace/Users/...`: matched by suffix
 */
import { entries, get, str, text } from './pos-helpers.js';
import { mostAutomatic } from './job-runs.js';
import type { JobRuns, JobsModel, PipelineDef, PosNode } from './types.js';
import type { PipelineBinding, TaskBinding } from '../../checks/types.js';

const NOTEBOOK_EXT = /\.(py|ipynb|sql|scala|r)$/i;

function stripExt(path: string): string {
  return path.replace(NOTEBOOK_EXT, '');
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Resolves `.` and `..`; returns undefined when `..` climbs above the start. */
function resolveSegments(segments: string[]): string[] | undefined {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out;
}

/**
 * A task path as a map key: repo-relative (`src/x.py`), or absolute (`/Repos/u/r/src/x`)
 * when it cannot be tied to the repository root; absolute keys match by suffix.
 */
export function normaliseTaskPath(jobsPath: string, fileKind: JobsModel['fileKind'], raw: string): string | undefined {
  let p = raw.trim().replace(/\\/g, '/');
  if (p === '') return undefined;
  // Deploy-time prefixes such as `${workspace.file_path}/src/x` leave a path to match by suffix.
  p = p.replace(/^\$\{[^}]*\}/, '');
  p = p.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^[a-z][a-z0-9+.-]*:(?=\/)/i, '');
  if (p.startsWith('/')) {
    const parts = resolveSegments(p.split('/'));
    if (!parts || parts.length === 0) return undefined;
    if (parts[0] === 'Workspace') parts.shift();
    return parts.length > 0 ? `/${parts.join('/')}` : undefined;
  }
  const base = fileKind === 'bundle-yaml' ? dirname(jobsPath.replace(/\\/g, '/')) : '';
  const joined = resolveSegments([...base.split('/'), ...p.split('/')]);
  if (joined && joined.length > 0) return joined.join('/');
  // Climbs above the repository root: keep what is left and match it by suffix.
  const tail = p.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return tail.length > 0 ? `/${tail.join('/')}` : undefined;
}

/** `15.4.x-scala2.12` -> { major: 15, minor: 4 }; undefined for anything else. */
export function parseSparkVersion(version: string | undefined): { major: number; minor: number } | undefined {
  const m = version?.trim().match(/^(\d+)\.(\d+)(?:\.|-|$)/);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function versionBelow(v: { major: number; minor: number }, major: number, minor: number): boolean {
  return v.major < major || (v.major === major && v.minor < minor);
}

/** `${var.name}` resolved against the bundle's `variables.<name>.default` in the same file. */
function resolveVariable(model: JobsModel, value: string | undefined): string | undefined {
  const m = value?.match(/^\$\{var\.([\w-]+)\}$/);
  if (!m || model.fileKind !== 'bundle-yaml') return value;
  const variable = get(model.root, 'variables', m[1]);
  return text(get(variable, 'default')) ?? (variable?.type === 'scalar' ? text(variable) : undefined) ?? value;
}

function sparkConfOf(cluster: PosNode | undefined): Map<string, string> {
  const conf = new Map<string, string>();
  for (const [key, value] of entries(get(cluster, 'spark_conf'))) {
    const v = text(value);
    if (v !== undefined) conf.set(key, v);
  }
  return conf;
}

export function bindTasks(models: JobsModel[]): Map<string, TaskBinding[]> {
  const map = new Map<string, TaskBinding[]>();
  for (const model of models) {
    for (const job of model.jobs) {
      for (const task of job.tasks) {
        const binding: TaskBinding = { jobsPath: model.path, job, task, sparkConf: sparkConfOf(task.cluster) };
        const sparkVersion = resolveVariable(model, text(get(task.cluster, 'spark_version')));
        const accessMode = resolveVariable(model, str(get(task.cluster, 'data_security_mode')));
        if (sparkVersion) binding.sparkVersion = sparkVersion;
        if (accessMode) binding.accessMode = accessMode;
        const paths = new Set(
          [task.notebookPath, task.pythonFile]
            .filter((p): p is string => p !== undefined)
            .map((p) => normaliseTaskPath(model.path, model.fileKind, p))
            .filter((p): p is string => p !== undefined),
        );
        for (const key of paths) {
          const list = map.get(key) ?? [];
          list.push(binding);
          map.set(key, list);
        }
      }
    }
  }
  return map;
}

/**
 * Bindings for a repository file: exact key with or without extension, by suffix of a workspace
 * path, or, for a project in a subfolder of the repository, a relative key under a folder that
 * also holds the job file (`proj/jobs/a.json` naming `src/x` runs `proj/src/x`). In the map's
 * order. Each lookup reads only the keys the path could match (an index built once per map):
 * scanning every key for every file made a scan quadratic in the repository's size.
 */
export function lookupBindings<B extends { jobsPath: string }>(map: Map<string, B[]>, path: string): B[] {
  const wanted = stripExt(path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, ''));
  if (wanted === '') return [];
  const index = bindingIndex(map);
  const hits: { order: number; bindings: B[] }[] = [];
  // An absolute key ending in the path; a relative key equal to it.
  for (const entry of index.bySuffix.get(wanted) ?? []) hits.push(entry);
  for (const entry of index.relative.get(wanted) ?? []) hits.push(entry);
  // A relative key that is a tail of the path, from a project folder above the job file.
  for (let cut = wanted.indexOf('/'); cut >= 0; cut = wanted.indexOf('/', cut + 1)) {
    // Bindings whose job file lies under the folder the tail leaves.
    const folder = wanted.slice(0, cut + 1);
    for (const entry of index.relative.get(wanted.slice(cut + 1)) ?? []) {
      const inProject = entry.byFolder.get(folder);
      if (inProject) hits.push({ order: entry.order, bindings: inProject });
    }
  }
  hits.sort((a, b) => a.order - b.order);
  const found: B[] = [];
  for (const hit of hits) for (const b of hit.bindings) if (!found.includes(b)) found.push(b);
  return found;
}

interface IndexEntry<B> {
  order: number;
  bindings: B[];
  /** The bindings by each folder above their job file (`a/`, `a/b/` for `a/b/job.json`), in order. */
  byFolder: Map<string, B[]>;
}

interface BindingIndex<B> {
  size: number;
  /** Relative keys (extension stripped). */
  relative: Map<string, IndexEntry<B>[]>;
  /** Absolute keys by each of their segment tails (`/Repos/u/r/src/x`: `x`, `src/x`, ... `Repos/u/r/src/x`). */
  bySuffix: Map<string, IndexEntry<B>[]>;
}

const INDEXES = new WeakMap<Map<string, unknown[]>, BindingIndex<unknown>>();

function bindingIndex<B extends { jobsPath: string }>(map: Map<string, B[]>): BindingIndex<B> {
  const known = INDEXES.get(map as Map<string, unknown[]>) as BindingIndex<B> | undefined;
  if (known && known.size === map.size) return known;
  const index: BindingIndex<B> = { size: map.size, relative: new Map(), bySuffix: new Map() };
  const add = <T>(to: Map<string, T[]>, key: string, item: T): void => {
    const list = to.get(key);
    if (list) list.push(item);
    else to.set(key, [item]);
  };
  let order = 0;
  for (const [raw, bindings] of map) {
    const key = stripExt(raw);
    const entry: IndexEntry<B> = { order: order++, bindings, byFolder: new Map() };
    if (!key.startsWith('/')) {
      for (const binding of bindings) {
        const jobsPath = binding.jobsPath.replace(/\\/g, '/');
        for (let cut = jobsPath.indexOf('/'); cut >= 0; cut = jobsPath.indexOf('/', cut + 1)) add(entry.byFolder, jobsPath.slice(0, cut + 1), binding);
      }
      add(index.relative, key, entry);
      continue;
    }
    for (let cut = key.indexOf('/'); cut >= 0 && cut < key.length - 1; cut = key.indexOf('/', cut + 1)) add(index.bySuffix, key.slice(cut + 1), entry);
  }
  INDEXES.set(map as Map<string, unknown[]>, index as BindingIndex<unknown>);
  return index;
}

/** `${resources.pipelines.<key>.id}` -> key; a literal id stays as it is. */
function pipelineRef(id: string): string {
  return id.match(/^\$\{resources\.pipelines\.([\w-]+)\.id\}$/)?.[1] ?? id;
}

/** How the runs of each pipeline start: its own setting, or the most automatic job of the repository whose `pipeline_task` names it. */
function pipelineRuns(models: JobsModel[]): Map<PipelineDef, JobRuns> {
  const startedBy = new Map<string, JobRuns>();
  for (const model of models) {
    for (const job of model.jobs) {
      for (const task of job.tasks) {
        if (!task.pipelineId) continue;
        const ref = pipelineRef(task.pipelineId);
        startedBy.set(ref, mostAutomatic(startedBy.get(ref) ?? 'manual', job.runs));
      }
    }
  }
  const runs = new Map<PipelineDef, JobRuns>();
  for (const model of models) {
    for (const pipeline of model.pipelines) {
      const id = str(get(pipeline.node, 'id'));
      const byJob = [pipeline.key, id].map((ref) => (ref ? startedBy.get(ref) : undefined)).filter((r): r is JobRuns => r !== undefined);
      runs.set(pipeline, byJob.reduce(mostAutomatic, pipeline.runs));
    }
  }
  return runs;
}

export interface PipelineBindings {
  /** Notebook and file libraries by task-path key (see `normaliseTaskPath`). */
  byPath: Map<string, PipelineBinding[]>;
  /** `glob.include` patterns, normalised like paths, for the engine to match. */
  globs: { pattern: string; binding: PipelineBinding }[];
}

export function bindPipelines(models: JobsModel[]): PipelineBindings {
  const runs = pipelineRuns(models);
  const byPath = new Map<string, PipelineBinding[]>();
  const globs: PipelineBindings['globs'] = [];
  for (const model of models) {
    for (const pipeline of model.pipelines) {
      for (const library of pipeline.libraries) {
        const key = normaliseTaskPath(model.path, model.fileKind, library.path);
        if (!key) continue;
        const binding: PipelineBinding = { jobsPath: model.path, pipeline, library, sparkConf: pipeline.sparkConf, runs: runs.get(pipeline) ?? pipeline.runs };
        if (library.kind === 'glob') globs.push({ pattern: key, binding });
        else byPath.set(key, [...(byPath.get(key) ?? []), binding]);
      }
    }
  }
  return { byPath, globs };
}
