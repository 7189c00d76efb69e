/**
 * The repository context file checks may consult: which jobs run a notebook (and on
 * which cluster settings), what a notebook includes with `%run`, and what the tests use.
 */
import type { RepoView, TaskBinding } from '../../checks/types.js';
import type { ConfFact, PythonAnalysis } from '../model/python-types.js';
import type { JobsModel } from '../model/types.js';
import { bindTasks, lookupBindings } from '../model/job-bindings.js';
import { stripCodeExtension } from '../model/run-target.js';
import type { AnalysedFile } from './file-analysis.js';

const TEST_FOLDER = /(^|\/)(tests?|testing)\//i;
const TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/i;

export function isTestPath(path: string): boolean {
  return TEST_FILE.test(path) || (TEST_FOLDER.test(path) && path.toLowerCase().endsWith('.py'));
}

export interface RepoIndex {
  byStem: Map<string, AnalysedFile>;
  jobs: JobsModel[];
}

export function indexFiles(files: AnalysedFile[]): RepoIndex {
  const byStem = new Map<string, AnalysedFile>();
  const jobs: JobsModel[] = [];
  for (const file of files) {
    if (file.model.kind === 'jobs') jobs.push(file.model);
    if (file.model.kind === 'code') byStem.set(stripCodeExtension(file.model.path), file);
  }
  return { byStem, jobs };
}

/** The repository file a task path names: exact stem, or an absolute workspace path ending in it. */
function findStem(index: RepoIndex, taskPath: string): string | undefined {
  const stem = stripCodeExtension(taskPath.replace(/^\.\//, ''));
  if (index.byStem.has(stem)) return stem;
  if (!stem.startsWith('/')) return undefined;
  for (const key of index.byStem.keys()) if (stem.endsWith(`/${key}`)) return key;
  return undefined;
}

export interface RepoViewInput {
  index: RepoIndex;
  /** Analysis of a code file by path stem, done on demand. */
  analysisOf: (stem: string) => PythonAnalysis | undefined;
  testIdentifiers: Set<string>;
  hasTestSuite: boolean;
  changedLine?: (path: string, line: number) => boolean;
}

export function createRepoView(input: RepoViewInput): RepoView {
  const bindings = bindTasks(input.index.jobs);
  const bindingCache = new Map<string, TaskBinding[]>();
  const includes = (path: string): { path: string; python?: PythonAnalysis }[] => {
    const out: { path: string; python?: PythonAnalysis }[] = [];
    const seen = new Set<string>([stripCodeExtension(path)]);
    const queue = [stripCodeExtension(path)];
    while (queue.length > 0) {
      const file = input.index.byStem.get(queue.shift()!);
      if (!file || file.model.kind !== 'code') continue;
      for (const run of file.model.runs) {
        if (seen.has(run.resolved)) continue;
        seen.add(run.resolved);
        const target = input.index.byStem.get(run.resolved);
        if (!target) continue;
        out.push({ path: target.model.path, python: input.analysisOf(run.resolved) });
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
    includes,
    confsFor(path: string): ConfFact[] {
      const own = input.analysisOf(stripCodeExtension(path))?.facts.confs ?? [];
      return [...own, ...includes(path).flatMap((i) => i.python?.facts.confs ?? [])];
    },
    isTestPath,
    runsStreaming(taskPath: string): boolean | undefined {
      const stem = findStem(input.index, taskPath);
      if (stem === undefined) return undefined;
      return input.analysisOf(stem)?.lineage.sources.some((s) => s.streaming) ?? false;
    },
    testIdentifiers: input.testIdentifiers,
    hasTestSuite: input.hasTestSuite,
    changedLine: input.changedLine,
  };
}
