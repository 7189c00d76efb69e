/**
 * A scan's first pass: what any file's analysis may ask about the others, small enough to keep
 * for every file and to hand to another thread: each code file's path and `%run` includes, the
 * job and pipeline models, and the identifiers the tests use. The pass runs over a part of the
 * files (one thread's share); `mergeIndexParts` joins the parts in path order. Pure.
 */
import type { InputFile, JobsModel, PosNode } from '../model/types.js';
import type { PythonParser } from '../model/python-parser.js';
import { collectFacts } from '../model/python-facts.js';
import { SyntaxTree } from '../model/syntax-tree.js';
import { buildModel, type AnalysedFile } from './file-analysis.js';
import { isTestPath, isTestSuiteFile, type IndexedFile } from './repo-view.js';

export interface IndexPart {
  /** Code files, in path order. */
  code: IndexedFile[];
  /** Job and pipeline definition files, in path order. */
  jobPaths: string[];
  /** Their models, unless the part was made for another thread (which builds them from `jobPaths`). */
  jobs: JobsModel[];
  /** Identifiers the part's test files use. */
  testIdentifiers: string[];
}

export interface ScanIndex {
  code: IndexedFile[];
  jobPaths: string[];
  jobs: JobsModel[];
  testIdentifiers: Set<string>;
  hasTestSuite: boolean;
}

/**
 * The index part of some files (in path order). Their models are not kept: the second pass
 * builds each again when its turn comes (a few per cent of a scan), so no more than one file's
 * model is alive at a time.
 */
export function indexPart(parser: PythonParser, files: readonly InputFile[], maxBytes: number, keepJobs = true): IndexPart {
  const part: IndexPart = { code: [], jobPaths: [], jobs: [], testIdentifiers: [] };
  for (const input of files) {
    const file = buildModel(input, maxBytes);
    const model = file.model;
    if (model.kind === 'jobs') {
      part.jobPaths.push(model.path);
      if (keepJobs) part.jobs.push(indexedJob(model));
    }
    if (model.kind !== 'code') continue;
    part.code.push({ path: model.path, runs: model.runs });
    if (isTestPath(model.path)) part.testIdentifiers.push(...identifiersOf(parser, file));
  }
  return part;
}

/**
 * What bindings read of a job file, kept for the whole scan: a large repository has thousands.
 * Bindings read a job's name, runs and tasks (their keys, paths and resolved clusters), a
 * pipeline's settings and libraries, and a bundle's `variables`; never the text, the rest of
 * the tree or the job object itself, which the job rules read from the file's own model. A
 * position tree has no parent links, so a kept cluster keeps only its own subtree.
 */
export function indexedJob(model: JobsModel): JobsModel {
  const variables = model.root?.type === 'object' ? model.root.entries.get('variables') : undefined;
  const root: PosNode | undefined = model.root && { type: 'object', span: model.root.span, entries: new Map(variables ? [['variables', variables]] : []) };
  const stub = (node: PosNode): PosNode => ({ type: 'object', span: node.span, entries: new Map() });
  return {
    ...model,
    text: '',
    lines: [],
    root,
    jobs: model.jobs.map((job) => ({
      ...job,
      node: stub(job.node),
      jobClusters: new Map(),
      runAs: [],
      overrides: undefined,
      tasks: job.tasks.map((task) => ({ ...task, node: stub(task.node) })),
    })),
    pipelines: model.pipelines.map((pipeline) => {
      const id = pipeline.node.type === 'object' ? pipeline.node.entries.get('id') : undefined;
      return { ...pipeline, node: { type: 'object', span: pipeline.node.span, entries: new Map(id ? [['id', id]] : []) }, overrides: undefined, clusters: [] };
    }),
  };
}

/** The job models of an index made elsewhere, built again from the inputs. */
export function jobsOf(paths: readonly string[], inputOf: (path: string) => InputFile | undefined, maxBytes: number): JobsModel[] {
  return paths.flatMap((path) => {
    const input = inputOf(path);
    const model = input && buildModel(input, maxBytes).model;
    return model?.kind === 'jobs' ? [indexedJob(model)] : [];
  });
}

export function mergeIndexParts(parts: readonly IndexPart[]): ScanIndex {
  const code = parts.flatMap((p) => p.code);
  return {
    code,
    jobPaths: parts.flatMap((p) => p.jobPaths),
    jobs: parts.flatMap((p) => p.jobs),
    testIdentifiers: new Set(parts.flatMap((p) => p.testIdentifiers)),
    hasTestSuite: code.some((file) => isTestSuiteFile(file.path)),
  };
}

/** The names a test file uses: its facts need no lineage, so no other file is read. */
function identifiersOf(parser: PythonParser, file: AnalysedFile): string[] {
  const model = file.model;
  if (model.kind !== 'code' || !model.python) return [];
  const tree = SyntaxTree.parse(parser, model.python.text);
  if (!tree) return [];
  try {
    return [...collectFacts(tree, model.python, { identifiers: true }).identifiers];
  } finally {
    tree.delete();
  }
}
