/**
 * The repository context file checks may consult: which jobs run a notebook (and on
 * which cluster settings), what a notebook includes with `%run`, and what the tests use.
 */
import type { PipelineBinding, RepoView, TaskBinding } from '../../checks/types.js';
import type { ConfFact, PythonAnalysis } from '../model/python-types.js';
import type { FileRole, JobsModel, RunInclude } from '../model/types.js';
import { bindPipelines, bindTasks, lookupBindings } from '../model/job-bindings.js';
import { stripCodeExtension } from '../model/run-target.js';
import { globMatcher } from './glob.js';

const TEST_FOLDER = /(^|\/)(tests?|testing)\//i;
const TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/i;

export function isTestPath(path: string): boolean {
  return TEST_FILE.test(path) || (TEST_FOLDER.test(path) && path.toLowerCase().endsWith('.py'));
}

/** A file that makes a pytest suite by its name alone (`test_*.py`, `*_test.py`, `conftest.py`). */
export function isTestSuiteFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/** What the index keeps of a code file: its path and its `%run` includes. */
export interface IndexedFile {
  path: string;
  runs: RunInclude[];
}

export interface RepoIndex {
  /** Code files by path stem; of two files with one stem, the later in path order. */
  byStem: Map<string, IndexedFile>;
  jobs: JobsModel[];
}

/** The index of code files (in path order) and job models. */
export function indexFiles(code: readonly IndexedFile[], jobs: JobsModel[]): RepoIndex {
  const byStem = new Map<string, IndexedFile>();
  for (const file of code) byStem.set(stripCodeExtension(file.path), file);
  return { byStem, jobs };
}

/**
 * The repository file a task path names: exact stem, a file of the job's own project folder
 * (as `lookupBindings` reads one), or an absolute workspace path ending in it. Reads only the stems the
 * path could match, not every stem per task.
 */
function findStem(index: RepoIndex, taskPath: string, jobsPath?: string): string | undefined {
  const stem = stripCodeExtension(taskPath.replace(/^\.\//, ''));
  if (index.byStem.has(stem)) return stem;
  if (!stem.startsWith('/')) {
    if (jobsPath === undefined) return undefined;
    // The nearest project: the longest folder above the job file holding the stem.
    const folders = jobsPath.replace(/\\/g, '/');
    for (let cut = folders.lastIndexOf('/'); cut >= 0; cut = cut === 0 ? -1 : folders.lastIndexOf('/', cut - 1)) {
      const key = `${folders.slice(0, cut + 1)}${stem}`;
      if (index.byStem.has(key)) return key;
    }
    return undefined;
  }
  // The first stem (in index order) that the absolute path ends in.
  let best: string | undefined;
  const order = stemOrder(index);
  for (let cut = stem.indexOf('/'); cut >= 0; cut = stem.indexOf('/', cut + 1)) {
    const key = stem.slice(cut + 1);
    if (order.has(key) && (best === undefined || order.get(key)! < order.get(best)!)) best = key;
  }
  return best;
}

/** Each stem's place in the index, for "the first stem that ..." answered without a scan. */
const ORDER = new WeakMap<RepoIndex, Map<string, number>>();

function stemOrder(index: RepoIndex): Map<string, number> {
  let order = ORDER.get(index);
  if (!order) ORDER.set(index, (order = new Map([...index.byStem.keys()].map((key, i) => [key, i]))));
  return order;
}

export interface RepoViewInput {
  index: RepoIndex;
  /** Analysis of a code file by path stem, done on demand. */
  analysisOf: (stem: string) => PythonAnalysis | undefined;
  testIdentifiers: Set<string>;
  hasTestSuite: boolean;
  changedLine?: (path: string, line: number) => boolean;
  /** The role of a repository file, judged without the job rules (src/engine/scan.ts). */
  roleOf?: (path: string) => FileRole | undefined;
}

/**
 * The repository globs a `glob.include` stands for: itself when repository-relative; a workspace
 * glob (`/Users/u/proj/src/**`) by each of its tails (`proj/src/**`, `src/**`), like workspace task paths.
 */
function globSuffixes(pattern: string): string[] {
  if (!pattern.startsWith('/')) return [pattern];
  const parts = pattern.slice(1).split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(i).join('/'));
}

/** Whether the streams of an analysis run until stopped, end on their own, or are not there. */
function streamKind(python: PythonAnalysis | undefined): 'unbounded' | 'bounded' | 'none' {
  if (!python?.lineage.sources.some((s) => s.streaming)) return 'none';
  const started = python.lineage.events.filter((e) => e.kind === 'sink' && e.flow.streaming && (e.op === 'start' || e.op === 'toTable' || e.op === 'table'));
  return started.some((e) => !e.trigger?.availableNow && !e.trigger?.once) ? 'unbounded' : 'bounded';
}

export function createRepoView(input: RepoViewInput): RepoView {
  const bindings = bindTasks(input.index.jobs);
  const bindingCache = new Map<string, TaskBinding[]>();
  const pipelines = bindPipelines(input.index.jobs);
  const globs = pipelines.globs.map((g) => ({ binding: g.binding, matchers: globSuffixes(g.pattern).map(globMatcher) }));
  const includes = (path: string): { path: string; python?: PythonAnalysis }[] => {
    const out: { path: string; python?: PythonAnalysis }[] = [];
    const seen = new Set<string>([stripCodeExtension(path)]);
    const queue = [stripCodeExtension(path)];
    while (queue.length > 0) {
      const file = input.index.byStem.get(queue.shift()!);
      if (!file) continue;
      for (const run of file.runs) {
        if (seen.has(run.resolved)) continue;
        seen.add(run.resolved);
        const target = input.index.byStem.get(run.resolved);
        if (!target) continue;
        out.push({ path: target.path, python: input.analysisOf(run.resolved) });
        queue.push(run.resolved);
      }
    }
    return out;
  };
  return {
    tasksRunning(path: string): TaskBinding[] {
      const key = stripCodeExtension(path);
      let found = bindingCache.get(key);
      if (!found) {
        found = lookupBindings(bindings, path);
        bindingCache.set(key, found);
      }
      return found;
    },
    pipelinesRunning(path: string): PipelineBinding[] {
      const found = lookupBindings(pipelines.byPath, path);
      const clean = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
      for (const glob of globs) if (glob.matchers.some((match) => match(clean)) && !found.includes(glob.binding)) found.push(glob.binding);
      return found;
    },
    includes,
    confsFor(path: string): ConfFact[] {
      const own = input.analysisOf(stripCodeExtension(path))?.facts.confs ?? [];
      return [...own, ...includes(path).flatMap((i) => i.python?.facts.confs ?? [])];
    },
    isTestPath,
    runsStreaming(taskPath: string, jobsPath?: string): boolean | undefined {
      const stem = findStem(input.index, taskPath, jobsPath);
      if (stem === undefined) return undefined;
      return input.analysisOf(stem)?.lineage.sources.some((s) => s.streaming) ?? false;
    },
    streamsOf(taskPath: string, jobsPath?: string) {
      const stem = findStem(input.index, taskPath, jobsPath);
      return stem === undefined ? undefined : streamKind(input.analysisOf(stem));
    },
    roleOf(taskPath: string, jobsPath?: string): FileRole | undefined {
      const stem = findStem(input.index, taskPath, jobsPath);
      const file = stem === undefined ? undefined : input.index.byStem.get(stem);
      return file ? input.roleOf?.(file.path) : undefined;
    },
    testIdentifiers: input.testIdentifiers,
    hasTestSuite: input.hasTestSuite,
    changedLine: input.changedLine,
  };
}
