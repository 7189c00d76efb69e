/**
 * A scan's second pass over a part of the files (one thread's share): each file is analysed,
 * its rules run, and what the merge needs is kept as a small `FileOutcome`; its syntax tree and
 * analysis are dropped before the next file, so memory follows the largest file, not the
 * repository. Files the part's analyses ask about (`%run` includes, a job's notebooks) are
 * analysed on demand from the scan's inputs and kept in a bounded cache. Pure.
 */
import { allRules } from '../../checks/index.js';
import type { FileContext, FileRule, RepoFile, RepoView } from '../../checks/types.js';
import type { CodeModel, FileModel, FileRole, Finding, InputFile } from '../model/types.js';
import type { PythonAnalysis, Value } from '../model/python-types.js';
import type { PythonParser } from '../model/python-parser.js';
import { resolveRunTarget, stripCodeExtension } from '../model/run-target.js';
import { unknownSelectors } from '../model/suppressions.js';
import type { EngineOptions } from './api-types.js';
import { dataIo, notebookRunTargets } from './data-io.js';
import { analyseCode, buildModel, type AnalysedFile } from './file-analysis.js';
import { findingMarks, type FindingMarks } from './finding-role.js';
import { CANNOT_ANALYSE, FindingFactory, runGuarded, UNKNOWN_SUPPRESSION } from './findings.js';
import { releaseSyntax } from './release.js';
import { createRepoView, indexFiles, isTestPath } from './repo-view.js';
import { inferRole, roleInputOf, roleMatcher, runsOnItsOwn, type RoleFacts, type RoleInput } from './roles.js';
import type { ScanIndex } from './scan-index.js';
import { collectSignals, type Signal } from './signals.js';
import { DependencyCache } from './dependency-cache.js';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Files of the batch analysed early (a job's notebook, asked about by the job file before its
 * own turn) whose syntax trees are kept for their turn instead of parsed twice: at most this many.
 */
const HELD_TREES = 64;

/** A file rule's finding before roles are known. */
export interface RuledFinding {
  rule: string;
  finding: Finding;
  marks: FindingMarks;
  /** The rule said this finding concerns unattended code only (`RawFinding.unattendedOnly`). */
  unattendedOnly?: boolean;
}

/** What the merge keeps of one analysed file. Plain data: it crosses threads. */
export interface FileOutcome {
  path: string;
  bytes: number;
  /** Findings about the analysis itself (cannot analyse, unknown suppressions), in the order made. */
  direct: Finding[];
  /** File rules' findings, kept or dropped once every file's role is known. */
  ruled: RuledFinding[];
  /** For role promotion; absent for files that are neither code nor job definitions. */
  role?: RoleInput;
  signals?: Signal[];
  repoFile?: RepoFile;
}

export interface ShardInput {
  parser: PythonParser;
  options: EngineOptions;
  changedLine?: (path: string, line: number) => boolean;
  index: ScanIndex;
  /** Any input file of the scan, by path (for the files the part's analyses ask about). */
  inputOf: (path: string) => InputFile | undefined;
  /** Keep each file's model and released analysis (diff rules compare two scans). */
  keepAnalyses?: boolean;
  onFile?: (path: string) => void;
  /** Source bytes the dependency cache may hold (default: DEPENDENCY_CACHE_BYTES of dependency-cache.ts). */
  dependencyCacheBytes?: number;
}

export interface Shard {
  /** Analyses files (in path order) and runs their rules. Call again with the next files: what was learnt about the others is kept. */
  run(paths: readonly string[]): FileOutcome[];
  /** With `keepAnalyses`: the models and analyses of every file run so far, and the view that answers about them. */
  kept(): { files: { model: FileModel; python?: PythonAnalysis }[]; repo: RepoView } | undefined;
}

const RULE_METAS = allRules.map((r) => r.meta);

export function createShard(input: ShardInput): Shard {
  const { parser, options, index } = input;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const factory = new FindingFactory(options);
  const repoIndex = indexFiles(index.code, index.jobs);
  const configuredRole = roleMatcher(options.roles);
  const cache = new DependencyCache(input.dependencyCacheBytes);
  const roles = new Map<string, FileRole>();
  const inProgress = new Set<string>();
  /** The file whose turn it is, once analysed; `cut` as its analysis was (a file it includes, asked during its rules, inherits that). */
  let current: { stem: string; file: AnalysedFile; cut: boolean } | undefined;
  /** Paths of the running batch not yet done, and those of them analysed early, tree and all. */
  const pending = new Set<string>();
  const held = new Map<string, AnalysedFile>();
  /** Files whose syntax tree is alive: all freed when a batch ends, thrown out of or not. */
  const live = new Set<AnalysedFile>();
  const release = (file: AnalysedFile): void => {
    live.delete(file);
    free(file);
  };

  /** After an early analysis: held for the file's own turn in this batch, else freed; cached unless a cycle was cut. */
  const settle = (stem: string, file: AnalysedFile, cut: boolean): void => {
    if (!cut && pending.has(file.model.path) && held.size < HELD_TREES) held.set(file.model.path, file);
    else release(file);
    if (!cut) cache.remember(stem, file.python, file.bytes);
  };

  /**
   * A code file analysed with the bindings of its includes. `cut` when a `%run` cycle was cut on
   * the way: the result then depends on where the cycle was entered and is not cached.
   */
  const analyse = (stem: string, file: AnalysedFile): { cut: boolean } => {
    const model = file.model;
    if (model.kind !== 'code') return { cut: false };
    inProgress.add(stem);
    const seed = new Map<string, Value>();
    let cut = false;
    for (const run of model.runs) {
      const included = dependency(run.resolved);
      cut ||= included.cut;
      for (const [name, value] of included.python?.lineage.env ?? []) if (value.kind !== 'function') seed.set(name, value);
    }
    try {
      analyseCode(file, parser, seed, isTestPath(model.path));
    } finally {
      inProgress.delete(stem);
      if (file.tree) live.add(file);
    }
    return { cut };
  };

  /**
   * Another file's analysis (syntax released), for includes and job questions; with its role when
   * it was analysed for this (the role of a cached file is in `roles`).
   */
  function dependency(stem: string): { python?: PythonAnalysis; cut: boolean; role?: FileRole } {
    if (current?.stem === stem) return { python: current.file.python, cut: current.cut };
    const cached = cache.get(stem);
    if (cached) return { python: cached.python, cut: false };
    if (inProgress.has(stem)) return { cut: true };
    const file = modelOf(stem);
    if (!file) return { cut: false };
    const { cut } = analyse(stem, file);
    // Its role too, while its syntax nodes are there: a job rule may ask what the notebook is for.
    const path = file.model.path;
    const role = roles.get(path) ?? configuredRole(path) ?? inferRole(roleFactsOf(file));
    if (!cut) roles.set(path, role);
    settle(stem, file, cut);
    return { python: file.python, cut, role };
  }

  function modelOf(stem: string): AnalysedFile | undefined {
    const entry = repoIndex.byStem.get(stem);
    const source = entry && input.inputOf(entry.path);
    return source ? buildModel(source, maxBytes) : undefined;
  }

  const repo = createRepoView({
    index: repoIndex,
    analysisOf: (stem) => dependency(stem).python,
    testIdentifiers: index.testIdentifiers,
    hasTestSuite: index.hasTestSuite,
    changedLine: input.changedLine,
    roleOf: (path) => roleOf(path),
  });

  /** The repository file a notebook stem names, if any (for flatMap). */
  const pathOfStem = (stem: string): string[] => {
    const path = repoIndex.byStem.get(stem)?.path;
    return path === undefined ? [] : [path];
  };

  function roleFactsOf(file: AnalysedFile): RoleFacts {
    const model = file.model;
    const tasks = repo.tasksRunning(model.path);
    const pipelines = repo.pipelinesRunning(model.path);
    return {
      model,
      python: file.python,
      hasSql: file.sql.length > 0,
      isTest: isTestPath(model.path),
      runByJob: tasks.length > 0 || pipelines.length > 0,
      runOnItsOwn: tasks.some((task) => runsOnItsOwn(task.job)) || pipelines.some((p) => p.runs !== 'manual'),
      io: dataIo(file.python, file.sql),
      includes: [
        ...repo.includes(model.path).map((include) => include.path),
        ...notebookRunTargets(file.python, model.path).flatMap(pathOfStem),
      ],
      jobRuns: (file.python?.facts.notebookTasks ?? []).map((raw) => resolveRunTarget(model.path, raw)).flatMap(pathOfStem),
    };
  }

  /** A code file's role from the file alone, judged while its syntax nodes are there to read. */
  function roleOf(path: string): FileRole | undefined {
    const known = roles.get(path);
    if (known) return known;
    const stem = stripCodeExtension(path);
    if (repoIndex.byStem.get(stem)?.path !== path) return undefined;
    return dependency(stem).role ?? roles.get(path);
  }

  const fileRules = allRules.filter((r): r is FileRule => r.kind === 'file' && factory.enabled(r.meta));
  const kept: { model: FileModel; python?: PythonAnalysis }[] = [];
  const run = (paths: readonly string[]): FileOutcome[] => {
    const outcomes: FileOutcome[] = [];
    for (const path of paths) pending.add(path);
    try {
      runBatch(paths, outcomes);
    } finally {
      for (const file of live) free(file);
      live.clear();
      held.clear();
      pending.clear();
      current = undefined;
    }
    return outcomes;
  };
  const runBatch = (paths: readonly string[], outcomes: FileOutcome[]): void => {
    for (const path of paths) {
      pending.delete(path);
      const early = held.get(path);
      held.delete(path);
      const source = early ? undefined : input.inputOf(path);
      if (!early && !source) continue;
      const file = early ?? buildModel(source!, maxBytes);
      const model = file.model;
      const outcome: FileOutcome = { path: model.path, bytes: file.bytes, direct: [], ruled: [] };
      outcomes.push(outcome);
      if (file.unreadable) outcome.direct.push(factory.make(CANNOT_ANALYSE, model, { span: { line: 1, column: 1, endLine: 1, endColumn: 1 }, message: `Cannot analyse ${model.path}: ${file.unreadable}` }));
      if (model.kind === 'other') {
        input.onFile?.(model.path);
        continue;
      }
      const stem = stripCodeExtension(model.path);
      // Of two files with one stem (a.py, a.sql) the stem names the later in path order: the
      // other is analysed under its path, and is neither `current` nor cached for the stem.
      const owner = model.kind === 'code' && repoIndex.byStem.get(stem)?.path === model.path;
      // Parsing adds problems (a syntax error): the file is analysed before they are reported.
      const { cut } = early ? { cut: false } : model.kind === 'code' ? analyse(owner ? stem : `${model.path}\0`, file) : { cut: true };
      current = owner ? { stem, file, cut } : undefined;
      const problem = model.problems[0];
      if (problem) {
        const more = model.problems.length > 1 ? ` (and ${model.problems.length - 1} more problems)` : '';
        outcome.direct.push(factory.make(CANNOT_ANALYSE, model, { span: { line: problem.line, column: 1, endLine: problem.line, endColumn: 1 }, message: `Cannot analyse ${model.path} fully: ${problem.message}${more}` }));
      }
      const facts = roleFactsOf(file);
      const role = roles.get(model.path) ?? configuredRole(model.path) ?? inferRole(facts);
      roles.set(model.path, role);
      outcome.role = roleInputOf(facts, role);
      const ctx: FileContext = { model, python: file.python, sql: file.sql, sqlLineage: file.sqlLineage, repo };
      for (const rule of fileRules) outcome.ruled.push(...ruleFindings(factory, rule, ctx));
      if (model.kind === 'code') outcome.direct.push(...unknownSuppressions(factory, model));
      outcome.signals = collectSignals(file);
      outcome.repoFile = repoFileOf(file);
      current = undefined;
      // Syntax nodes die with the tree: what is kept reads facts, spans and lineage only.
      release(file);
      if (owner && !cut) cache.remember(stem, file.python, file.bytes);
      if (input.keepAnalyses) kept.push({ model, python: file.python });
      input.onFile?.(model.path);
    }
  };
  return { run, kept: () => (input.keepAnalyses ? { files: kept, repo } : undefined) };
}

/** One rule on one file. A construct is reported once: a stream built in a function called three times is one finding at the construct. */
function ruleFindings(factory: FindingFactory, rule: FileRule, ctx: FileContext): RuledFinding[] {
  const seen = new Set<string>();
  const out: RuledFinding[] = [];
  for (const raw of runGuarded(() => rule.check(ctx))) {
    const at = `${raw.span.line}:${raw.span.column}-${raw.span.endLine}:${raw.span.endColumn}`;
    if (seen.has(at)) continue;
    seen.add(at);
    const finding = factory.make(rule.meta, ctx.model, raw);
    const ruled: RuledFinding = { rule: rule.meta.id, finding, marks: findingMarks(ctx.python, finding) };
    if (raw.unattendedOnly) ruled.unattendedOnly = true;
    out.push(ruled);
  }
  return out;
}

function repoFileOf(file: AnalysedFile): RepoFile {
  const { model, python } = file;
  const methods = new Set<string>();
  for (const call of python?.facts.calls ?? []) methods.add(call.method);
  return { path: model.path, kind: model.kind, fileKind: model.fileKind, streams: python?.lineage.sources.some((s) => s.streaming) ?? false, methods: [...methods] };
}

/** A suppression naming no rule silences nothing: said, so a typo does not pass for a fix. */
function unknownSuppressions(factory: FindingFactory, model: CodeModel): Finding[] {
  return model.suppressions.flatMap((suppression) => {
    const unknown = unknownSelectors(suppression, RULE_METAS);
    if (unknown.length === 0) return [];
    const names = unknown.map((s) => `\`${s}\``).join(', ');
    const span = { line: suppression.line, column: 1, endLine: suppression.line, endColumn: 1 };
    return [factory.make(UNKNOWN_SUPPRESSION, model, { span, key: unknown.join(','), message: `Suppression names ${names}, which is no rule id, rule name or priority: it silences nothing` })];
  });
}

function free(file: AnalysedFile): void {
  file.tree?.delete();
  file.tree = undefined;
  releaseSyntax(file.python);
}
