/**
 * A full analysis of a set of files: models, one parse per Python file, shared facts and
 * lineage, file rules, then repository rules. Trees are freed as soon as a file's rules ran.
 */
import { allRules } from '../../checks/index.js';
import type { FileContext, FileRule, RawFinding, RepoContext, RepoRule, RuleMeta } from '../../checks/types.js';
import type { CodeModel, FileRole, Finding, InputFile } from '../model/types.js';
import { assignRoles, inferRole, roleMatcher, rolesOf, runsOnItsOwn, type RoleFacts } from './roles.js';
import { dataIo, notebookRunTargets } from './data-io.js';
import { findingRole } from './finding-role.js';
import type { PythonAnalysis, Value } from '../model/python-types.js';
import type { PythonParser } from '../model/python-parser.js';
import type { EngineOptions } from './api-types.js';
import { analyseCode, buildModel, type AnalysedFile } from './file-analysis.js';
import { unknownSelectors } from '../model/suppressions.js';
import { CANNOT_ANALYSE, compareByLocation, FindingFactory, UNKNOWN_SUPPRESSION } from './findings.js';
import { createRepoView, indexFiles, isTestPath } from './repo-view.js';
import { collectSignals, type Signal } from './signals.js';
import { releaseSyntax } from './release.js';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ScanOutput {
  findings: Finding[];
  /** The role of every analysed file (src/engine/roles.ts). */
  roles: Map<string, FileRole>;
  /** Remediation signals per path (for mapping hunks to priorities). */
  signals: Map<string, Signal[]>;
  filesAnalysed: number;
  bytesAnalysed: number;
  /** Models and analyses (syntax trees already freed), for rules that compare two scans. */
  context: RepoContext;
}

export function scanFiles(parser: PythonParser, files: InputFile[], options: EngineOptions = {}, changedLine?: (path: string, line: number) => boolean): ScanOutput {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const factory = new FindingFactory(options);
  const findings: Finding[] = [];
  const signals = new Map<string, Signal[]>();
  // Path order, not arrival order: which notebook of a `%run` cycle is analysed first decides
  // what the others see, and the CLI walk and the GitHub API list files in different orders.
  const analysed = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((file) => buildModel(file, maxBytes));
  const index = indexFiles(analysed);
  const inProgress = new Set<string>();

  const ensure = (file: AnalysedFile): PythonAnalysis | undefined => {
    const model = file.model;
    if (model.kind !== 'code' || file.python || file.tree || inProgress.has(model.path)) return file.python;
    inProgress.add(model.path);
    const seed = new Map<string, Value>();
    for (const run of model.runs) {
      const target = index.byStem.get(run.resolved);
      const included = target ? ensure(target) : undefined;
      for (const [name, value] of included?.lineage.env ?? []) if (value.kind !== 'function') seed.set(name, value);
    }
    analyseCode(file, parser, seed, isTestPath(model.path));
    inProgress.delete(model.path);
    return file.python;
  };

  const codeFiles = analysed.filter((f) => f.model.kind === 'code');
  const tests = codeFiles.filter((f) => isTestPath(f.model.path));
  const testIdentifiers = new Set<string>();
  for (const test of tests) for (const id of ensure(test)?.facts.identifiers ?? []) testIdentifiers.add(id);
  const repo = createRepoView({
    index,
    analysisOf: (stem) => {
      const file = index.byStem.get(stem);
      return file ? ensure(file) : undefined;
    },
    testIdentifiers,
    hasTestSuite: tests.some((t) => /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/i.test(t.model.path)),
    changedLine,
    roleOf: (path) => roleOf(path),
  });

  const roleFactsOf = (file: AnalysedFile): RoleFacts => {
    const model = file.model;
    const tasks = repo.tasksRunning(model.path);
    const pipelines = repo.pipelinesRunning(model.path);
    return {
      model,
      python: ensure(file),
      hasSql: file.sql.length > 0,
      isTest: isTestPath(model.path),
      runByJob: tasks.length > 0 || pipelines.length > 0,
      runOnItsOwn: tasks.some((task) => runsOnItsOwn(task.job)) || pipelines.some((p) => p.runs !== 'manual'),
      io: dataIo(file.python, file.sql),
      includes: [
        ...repo.includes(model.path).map((include) => include.path),
        ...notebookRunTargets(file.python, model.path).flatMap((stem) => index.byStem.get(stem)?.model.path ?? []),
      ],
    };
  };
  // A job rule asks what a task's notebook is for before that notebook's turn: its role as
  // inferred from the file alone (the import and `%run` promotions of assignRoles need every file).
  const configuredRole = roleMatcher(options.roles);
  const earlyRoles = new Map<string, FileRole>();
  const byModelPath = new Map(analysed.map((f) => [f.model.path, f]));
  function roleOf(path: string): FileRole | undefined {
    const file = byModelPath.get(path);
    if (!file || file.model.kind === 'other') return undefined;
    let role = earlyRoles.get(path);
    if (!role) earlyRoles.set(path, (role = configuredRole(path) ?? inferRole(roleFactsOf(file))));
    return role;
  }

  const fileRules = allRules.filter((r): r is FileRule => r.kind === 'file' && factory.enabled(r.meta));
  /** File findings with their rule, kept until every file's role is known. */
  const fileFindings: { meta: RuleMeta; finding: Finding }[] = [];
  const roleFacts: RoleFacts[] = [];
  let done = 0;
  let bytes = 0;
  for (const file of analysed) {
    bytes += file.bytes;
    const model = file.model;
    if (file.unreadable) findings.push(factory.make(CANNOT_ANALYSE, model, { span: { line: 1, column: 1, endLine: 1, endColumn: 1 }, message: `Cannot analyse ${model.path}: ${file.unreadable}` }));
    // Parsing adds problems (a syntax error): the file is analysed before they are reported.
    if (model.kind !== 'other') ensure(file);
    const problem = model.problems[0];
    if (problem) {
      const more = model.problems.length > 1 ? ` (and ${model.problems.length - 1} more problems)` : '';
      findings.push(factory.make(CANNOT_ANALYSE, model, { span: { line: problem.line, column: 1, endLine: problem.line, endColumn: 1 }, message: `Cannot analyse ${model.path} fully: ${problem.message}${more}` }));
    }
    if (model.kind !== 'other') {
      const facts = roleFactsOf(file);
      roleFacts.push(facts);
      // A job file after its notebook may ask the notebook's role: decided now, while the
      // notebook's syntax nodes are there to read (they are released after its rules).
      if (!earlyRoles.has(model.path)) earlyRoles.set(model.path, configuredRole(model.path) ?? inferRole(facts));
      const ctx: FileContext = { model, python: file.python, sql: file.sql, sqlLineage: file.sqlLineage, repo };
      for (const rule of fileRules) {
        // A construct is reported once: a stream built in a function called three times is
        // one finding at the construct, whatever each call's lineage made of it.
        const seen = new Set<string>();
        for (const raw of runGuarded(rule.meta, () => rule.check(ctx))) {
          const at = `${raw.span.line}:${raw.span.column}-${raw.span.endLine}:${raw.span.endColumn}`;
          if (seen.has(at)) continue;
          seen.add(at);
          fileFindings.push({ meta: rule.meta, finding: factory.make(rule.meta, model, raw) });
        }
      }
      if (model.kind === 'code') findings.push(...unknownSuppressions(factory, model));
      signals.set(model.path, collectSignals(file));
      // Syntax nodes die with the tree: later phases read facts, spans and lineage only.
      freeTree(file);
    }
    done++;
    options.onProgress?.(done, analysed.length, model.path);
  }

  // Rules judge code by what it is for: no print-logging in a CI script, no watermark in a test.
  const roles = assignRoles(roleFacts, options.roles);
  for (const { meta, finding } of fileFindings) {
    // Parts of a file can be for something else: generator code, a stream only displayed.
    const role = findingRole(roles.get(finding.path) ?? 'pipeline', byModelPath.get(finding.path)?.python, finding);
    if (rolesOf(meta).includes(role)) findings.push({ ...finding, role });
  }

  const repoCtx: RepoContext = { files: analysed.filter((f) => f.model.kind !== 'other').map((f) => ({ model: f.model, python: f.python })), repo };
  const byPath = new Map(analysed.map((f) => [f.model.path, f.model]));
  for (const rule of allRules.filter((r): r is RepoRule => r.kind === 'repo' && factory.enabled(r.meta))) {
    for (const raw of runGuarded(rule.meta, () => rule.check(repoCtx))) {
      const model = byPath.get(raw.path) ?? { kind: 'other' as const, path: raw.path, fileKind: 'other' as const, text: '', lines: [], problems: [] };
      findings.push(factory.make(rule.meta, model, raw));
    }
  }
  for (const file of analysed) freeTree(file);
  findings.sort(compareByLocation);
  return { findings, roles, signals, filesAnalysed: analysed.length, bytesAnalysed: bytes, context: repoCtx };
}

const RULE_METAS = allRules.map((r) => r.meta);

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

function freeTree(file: AnalysedFile): void {
  file.tree?.delete();
  file.tree = undefined;
  releaseSyntax(file.python);
}

/** A rule that throws must not take the run down with it. */
function runGuarded<T extends RawFinding>(meta: RuleMeta, check: () => T[]): T[] {
  try {
    return check();
  } catch {
    return [];
  }
}

