/**
 * File roles: what a file's code is for, so rules judge it by what it does in production
 * (RULES.md, "File roles"). Every file gets one:
 * - `pipeline`: run by a job of the repository, or building Spark reads and writes;
 * - `test`: under `tests/` / `test/`, `test_*.py`, `*_test.py`, `conftest.py`;
 * - `setup`: one-shot code (creating schemas and tables, generating or loading sample data,
 *   cleanup), recognised by its path or name;
 * - `exploration`: a notebook whose streams only end in `display()` (or the console sink);
 * - `tooling`: no Spark at all (CI and deployment scripts, web app back ends, helpers).
 * The repository config's `roles:` globs win over what is inferred; a file a job runs is a
 * pipeline whatever its name. Pure.
 */
import type { PythonAnalysis } from '../model/python-types.js';
import type { FileModel, FileRole, JobDef } from '../model/types.js';
import type { DataIo } from './data-io.js';
import { ignorePathMatcher } from './glob.js';
import { looksHandRun } from './hand-run.js';
import { isReadNotebook } from '../model/classify.js';
import { inGeneratedCode } from '../model/generated-data.js';

export type { FileRole };
export const FILE_ROLES: readonly FileRole[] = ['pipeline', 'test', 'setup', 'exploration', 'tooling'];

/** Globs per role from `.github/remediation.yml` (`roles: {setup: ["_resources/**"]}`). */
export type RoleGlobs = Partial<Record<FileRole, string[]>>;

export interface RoleFacts {
  model: FileModel;
  python?: PythonAnalysis;
  /** The file has SQL statements (a `.sql` file, SQL notebook or `%sql` cell). */
  hasSql: boolean;
  isTest: boolean;
  /** A job or pipeline of the repository runs the file. */
  runByJob: boolean;
  /** One of those jobs runs on its own (a schedule, a file-arrival or table trigger, continuously), not only by hand. */
  runOnItsOwn?: boolean;
  /** What the file does with data (src/engine/data-io.ts); unknown when absent. */
  io?: DataIo;
  /** Notebooks this one includes with `%run` (repository paths). */
  includes?: string[];
  /** Notebooks that job definitions written in this file's code run (repository paths). */
  jobRuns?: string[];
}

// Path segments or file-name words of one-shot code, word-bounded so `datasetup_utils` or
// `cleaner` are not taken for them (dbdemos: `_resources/00-setup`, `01-load-data`, `00-init`).
const SETUP_WORD = /(?:^|[/_\-. \d])(?:_?resources|setup|set_up|initiali[sz]e|bootstrap|cleanup|clean_up|teardown|tear_down|generate|generator|datagen|data_gen|data_generator|fake|faker|sample_data|load[_-]?data|seed|simulat(?:e|or|ion)|upgrade|migrat(?:e|ion))(?:$|[/_\-. \d])/i;
// `init` alone, but not a package's `__init__.py`.
const INIT_WORD = /(?:^|[/\-. \d])init(?:$|[/\-. \d])/i;
// CI, deployment, web apps and docs: tooling unless the code reads a stream.
const TOOLING_PATH = /(?:^|\/)(?:\.github|\.circleci|\.azure-pipelines|scripts|tools|ci|deploy|deployment|apps?|frontend|webapp|docs)\//i;
// `dbutils` alone (widgets, secrets, `fs.ls`) is notebook plumbing, not Spark.
const DOCS_PATH = /(?:^|\/)docs?\//i;
const SPARK_CALLEE = /^(?:spark|dlt|dp|sqlContext)\b/;
/** A DataFrame read or write on any receiver (`batch_df.write.format(...)`). */
// The property, followed by the writer's methods: `f.write(text)` is a local file.
const SPARK_IO = /\.(?:write|writeStream|read|readStream)\./;
// `databricks.sdk` is the REST client of tooling; `databricks.connect` gives a Spark session.
// `pyspark.sql.types` alone declares schemas (a schema helper of a one-shot script is not Spark code).
const SPARK_IMPORT = /^(?:pyspark(?!\.sql\.types$)|dlt|delta|databricks\.connect)\b/;
/** Libraries that make up data: code importing them generates samples (setup). */
const GENERATOR_IMPORT = /^(?:faker|dbldatagen|mimesis)\b/;
/** Test frameworks: a harness importing them is test code wherever it lives. */
const TEST_IMPORT = /^(?:pytest|unittest)\b/;

/** A role for every path the globs name; the first role listed wins on overlaps. */
export function roleMatcher(globs: RoleGlobs | undefined): (path: string) => FileRole | undefined {
  const matchers = FILE_ROLES.flatMap((role) => (globs?.[role] ?? []).map((glob) => ({ role, match: ignorePathMatcher(glob) })));
  return (path) => matchers.find((m) => m.match(path))?.role;
}

/** Notebooks in languages the engine does not read: their Spark use is unknown, so they count as pipeline code. */
const UNREAD_NOTEBOOKS = new Set(['scala-notebook', 'r-notebook']);

export function inferRole(facts: RoleFacts): FileRole {
  const { model, python } = facts;
  const imports = python?.facts.imports ?? [];
  if (facts.isTest || imports.some((name) => TEST_IMPORT.test(name))) return 'test';
  // A job definition kept under `docs/` documents a job (an older export, an example); it is not deployed.
  if (model.kind === 'jobs') return DOCS_PATH.test(model.path) ? 'tooling' : 'pipeline';
  // Code that fabricates data and reads none is one-shot, even when a job runs it (a demo's
  // generator step; a notebook of `INSERT ... VALUES`): it imports a data-faking library or
  // writes only rows it made up in Python. A job's stage that also reads its input is a pipeline.
  const readsNothing = facts.io ? !facts.io.reads : false;
  if (readsNothing && imports.some((name) => GENERATOR_IMPORT.test(name))) return 'setup';
  if (readsNothing && facts.io!.writes && facts.io!.inMemory) return 'setup';
  // A job binding makes production code, except a job started only by hand whose notebook has no
  // Spark of its own (the one-shot "schema creation" job of an accelerator): that is a helper.
  const sparkFree = model.kind === 'code' && !UNREAD_NOTEBOOKS.has(model.fileKind) && !facts.hasSql && !usesSparkIn(python);
  if (facts.runByJob && (facts.runOnItsOwn !== false || !sparkFree)) return 'pipeline';
  // Task values pass results between the tasks of one job run: a notebook reading or setting
  // them is a job's task, defined in the workspace when not in the repository.
  // https://docs.databricks.com/en/jobs/task-values.html
  if (!facts.runByJob && python?.facts.calls.some((call) => call.callee.startsWith('dbutils.jobs.taskValues.'))) return 'pipeline';
  if (model.kind !== 'code') return 'pipeline';
  // Code without Spark at all (a notebook of shell or REST calls, a helper, a script) is tooling.
  if (sparkFree) return 'tooling';
  if (TOOLING_PATH.test(model.path) && !streams(python)) return 'tooling';
  // One-shot code by its path or name (a job binding, above, wins: telco demos name stages `generate_bronze_*`).
  if (SETUP_WORD.test(model.path) || INIT_WORD.test(model.path)) return 'setup';
  if (displaysOnly(python)) return 'exploration';
  // Defining catalogs, schemas, volumes or empty tables, with no data read or written: code that
  // sets the workspace up (RULES.md: setup is "creating schemas and tables"), not one that shows results.
  if (facts.io?.creates && !facts.io.reads && !facts.io.fills && !streamsAny(python)) return 'setup';
  // A notebook of batch code that writes nothing and defines no DataFrame functions shows results
  // to its reader (an analysis, an exercise, a check of a table): nothing it does reaches
  // production data. Streams are judged by `displaysOnly` above. One a pipeline includes with
  // `%run` or runs with `dbutils.notebook.run` is promoted back below.
  if (isReadNotebook(model.fileKind) && facts.io && !facts.io.writes && !streamsAny(python) && !definesSparkFunctions(python)) return 'exploration';
  return 'pipeline';
}


function usesSparkIn(python: PythonAnalysis | undefined): boolean {
  if (!python) return false;
  if (python.lineage.sources.length > 0 || python.lineage.events.length > 0 || python.lineage.statefulFunctions.size > 0) return true;
  if (python.facts.functions.some((f) => f.framesInSignature || f.transformsParams)) return true;
  if (python.facts.imports.some((name) => SPARK_IMPORT.test(name))) return true;
  return python.facts.calls.some((call) => SPARK_CALLEE.test(call.callee) || SPARK_IO.test(call.callee));
}

/** Functions that build or take DataFrames, or that Spark runs on rows (a UDF, a stateful function), make a library notebook, whoever calls them. */
function definesSparkFunctions(python: PythonAnalysis | undefined): boolean {
  if (!python) return false;
  if (python.facts.functions.some((f) => f.framesInSignature || f.transformsParams)) return true;
  if (python.facts.functions.some((f) => python.lineage.statefulFunctions.has(f.name) || python.lineage.statefulFunctions.has(f.qualifiedName))) return true;
  return python.facts.calls.some((call) => call.enclosingFunction !== undefined && (SPARK_CALLEE.test(call.callee) || SPARK_IO.test(call.callee)));
}

/** A stream read here or flowing in from a `%run` include. */
function streamsAny(python: PythonAnalysis | undefined): boolean {
  return streams(python) || (python?.lineage.events.some((e) => e.flow.streaming) ?? false);
}

function streams(python: PythonAnalysis | undefined): boolean {
  return python?.lineage.sources.some((s) => s.streaming) ?? false;
}

/** Streams are read, none is written anywhere, and something is shown with `display()` or the console sink. */
function displaysOnly(python: PythonAnalysis | undefined): boolean {
  if (!python || !streams(python)) return false;
  const sinks = python.lineage.events.some((e) => e.kind === 'sink');
  if (sinks || python.lineage.queriesStarted > 0) return false;
  return (python.lineage.shownQueries ?? 0) > 0 || python.facts.calls.some((call) => call.callee === 'display' || call.callee === 'displayHTML');
}

/** A job that starts without a person: on a schedule, a trigger (file arrival, table update, periodic) or continuously (src/model/job-runs.ts). */
export function runsOnItsOwn(job: JobDef): boolean {
  return job.runs !== 'manual';
}

/**
 * Which roles a rule judges (its `roles`, else by priority): streaming rules (P1, P2, P4,
 * P5) and data-handling rules (P3) pipeline and setup code; metrics and testing rules
 * (P6, P7) pipeline code; Unity Catalog rules (P8) everything but tests and tooling;
 * the analysis's own notices (P0xx) every file.
 */
export function rolesOf(meta: { id: string; priority: number; roles?: readonly FileRole[] }): readonly FileRole[] {
  if (meta.roles) return meta.roles;
  if (meta.id.startsWith('P0')) return FILE_ROLES;
  if (meta.priority === 6 || meta.priority === 7) return ['pipeline'];
  if (meta.priority === 8) return ['pipeline', 'setup', 'exploration'];
  return ['pipeline', 'setup'];
}

/**
 * Whether a rule judges only code that runs unattended (its `unattendedOnly`, else by priority):
 * metrics and testing rules (P6, P7) are about production code, so notebooks run by hand
 * (src/engine/hand-run.ts) are not theirs to judge.
 */
export function onlyUnattended(meta: { priority: number; unattendedOnly?: boolean }): boolean {
  return meta.unattendedOnly ?? (meta.priority === 6 || meta.priority === 7);
}

/** What role promotion needs of a file: kept for every file of a scan, so it stays small. */
export interface RoleInput {
  path: string;
  /** Its role from the file alone: configured, else inferred. */
  role: FileRole;
  /** Python modules it imports. */
  imports: readonly string[];
  /** Notebooks it includes with `%run` or runs with `dbutils.notebook.run` (repository paths). */
  includes: readonly string[];
  /** A notebook that looks run by hand on its own (src/engine/hand-run.ts). */
  handRun: boolean;
  /** Notebooks that job definitions written in its code run (a RUNME notebook's `job_json`). */
  jobRuns: readonly string[];
  /** Modules it imports only for its generator code (src/model/generated-data.ts): every call of what they give is there. */
  generatorImports?: readonly string[];
}

/** The compact form of a file's role facts. Reads syntax-free facts only. */
export function roleInputOf(facts: RoleFacts, role: FileRole): RoleInput {
  const input: RoleInput = { path: facts.model.path, role, imports: facts.python?.facts.imports ?? [], includes: facts.includes ?? [], handRun: looksHandRun(facts), jobRuns: facts.jobRuns ?? [] };
  const forGenerators = generatorImports(facts.python);
  if (forGenerators.length > 0) input.generatorImports = forGenerators;
  return input;
}

/**
 * Modules whose imported names are used, called or handed to a call (`F.udf(geo.parse)`,
 * `foreachBatch(sinks.upsert)`), only inside the file's generator code.
 */
function generatorImports(python: PythonAnalysis | undefined): string[] {
  const bindings = python?.facts.importBindings;
  if (!python?.generated?.length || !bindings) return [];
  const used = new Map<string, boolean>();
  const use = (name: string, line: number): void => {
    const dot = name.indexOf('.');
    const module = bindings.get(dot < 0 ? name : name.slice(0, dot));
    if (module !== undefined) used.set(module, (used.get(module) ?? true) && inGeneratedCode(python.generated, line));
  };
  for (const call of python.facts.calls) {
    use(call.callee, call.span.line);
    for (const arg of [...call.args, ...call.kwargs.values()]) if (arg.type === 'identifier' || arg.type === 'attribute') use(arg.text, call.span.line);
  }
  return [...used].filter(([, only]) => only).map(([module]) => module);
}

/**
 * Roles of a set of files from their roles judged file by file (configured, else inferred):
 * a module that pipeline code imports is pipeline code too (a helper without Spark of its own,
 * a logging wrapper), and so is a notebook it includes.
 */
export function promoteRoles(files: readonly RoleInput[], globs: RoleGlobs | undefined): Map<string, FileRole> {
  const configured = roleMatcher(globs);
  const roles = new Map<string, FileRole>();
  for (const file of files) roles.set(file.path, file.role);
  const modules = moduleIndex(files.map((f) => f.path));
  const queue = files.filter((f) => roles.get(f.path) === 'pipeline');
  const byPath = new Map(files.map((f) => [f.path, f]));
  const promote = (path: string, from: readonly FileRole[]): void => {
    const role = roles.get(path);
    if (role === undefined || !from.includes(role) || configured(path)) return;
    roles.set(path, 'pipeline');
    const file = byPath.get(path);
    if (file) queue.push(file);
  };
  const forGenerators: string[] = [];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const name of file.imports) {
      // What only generator code uses is setup code, as that generator code is (below).
      if (file.generatorImports?.includes(name)) forGenerators.push(...(modules.get(name) ?? []));
      else for (const path of modules.get(name) ?? []) promote(path, ['tooling']);
    }
    // A notebook a pipeline includes with `%run` is part of it, whatever it does on its own.
    for (const path of file.includes) promote(path, ['tooling', 'exploration']);
  }
  for (const path of forGenerators) if (roles.get(path) === 'tooling' && !configured(path)) roles.set(path, 'setup');
  return roles;
}

/** Python module names (`c`, `b.c`, `a.b.c`; a package by its folder) -> the files they may name. */
function moduleIndex(paths: string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const path of paths) {
    if (!path.endsWith('.py')) continue;
    const parts = path.slice(0, -3).split('/');
    if (parts[parts.length - 1] === '__init__') parts.pop();
    for (let i = parts.length - 1; i >= 0; i--) {
      const name = parts.slice(i).join('.');
      index.set(name, [...(index.get(name) ?? []), path]);
    }
  }
  return index;
}
