/**
 * The rule contract. A rule is a pure function from one analysed file (or the
 * whole repository) to raw findings; the engine adds path, metadata,
 * fingerprint and suppression. Rules never throw: the engine also guards them.
 */
import type { CodeModel, FileKind, FileModel, FileRole, JobDef, JobRuns, JobTask, JobsModel, PipelineDef, PipelineLibrary, PosNode, Priority, Severity, Span } from '../src/model/types.js';
import type { ConfFact, PythonAnalysis } from '../src/model/python-types.js';
import type { SqlStatement } from '../src/model/sql.js';
import type { SqlLineage } from '../src/model/sql-lineage.js';
import type { Fix, FixSettings } from '../src/model/fix-types.js';

export interface RuleMeta {
  /** Banded by priority: P1xx for priority 1 ... P8xx for priority 8. */
  id: string;
  /** Kebab-case name of the flagged pattern, e.g. `missing-watermark`. */
  name: string;
  priority: Exclude<Priority, 0>;
  severity: Severity;
  /** One line: what is wrong. Used as the default message. */
  title: string;
  /** What to write instead: the full text, shown once per rule (or under each finding with `--show-fixes`). */
  fix: string;
  /** The same as one imperative line (<= ~90 characters), shown under every finding. */
  hint: string;
  /** Method names, options or keys whose appearance in a change signals remediation of this rule. */
  remediation: string[];
  /** The rule judges the repository as a whole: skipped when the engine sees only part of it. */
  needsWholeRepository?: boolean;
  /** The rule looks up the repository's tests: skipped when they are not among the files. */
  needsTests?: boolean;
  /** File roles the rule judges; by priority when absent (src/engine/roles.ts `rolesOf`). */
  roles?: readonly FileRole[];
  /** The rule judges only code that runs with nobody watching, not notebooks run by hand (src/engine/hand-run.ts); by priority when absent (P6, P7: `onlyUnattended`). */
  unattendedOnly?: boolean;
}

export interface RawFinding {
  span: Span;
  /** Overrides the title as message when the finding needs specifics. */
  message?: string;
  /** Overrides the rule's severity for this finding (e.g. iterrows outside stateful functions). */
  severity?: Severity;
  /** Extra text folded into the fingerprint to tell apart findings on the same line text. */
  key?: string;
  /**
   * The finding is about code that runs with nobody watching (an error only printed): not
   * reported in a notebook run by hand, whose reader sees the output (src/engine/hand-run.ts).
   */
  unattendedOnly?: boolean;
  /** Override the rule's hint and fix when the finding knows the names (table, option, column, host). */
  hint?: string;
  fix?: string;
  /**
   * Edits that make the change the fix text describes, when it is mechanical (src/model/fix-types.ts).
   * A function when the edits hold configured values (`fixes:` of the config): the engine calls
   * it at once with them, so rules stay free of configuration.
   */
  autofix?: Fix | ((settings: FixSettings) => Fix | undefined);
}

export interface RepoFinding extends RawFinding {
  path: string;
}

/** A job task that runs a given notebook, with the cluster settings that apply to it. */
export interface TaskBinding {
  jobsPath: string;
  job: JobDef;
  task: JobTask;
  sparkVersion?: string;
  sparkConf: Map<string, string>;
  /** Access mode (`data_security_mode`) of the cluster, if set. */
  accessMode?: string;
}

/** A Lakeflow pipeline that runs a given file as one of its `libraries`, with the Spark conf that applies. */
export interface PipelineBinding {
  jobsPath: string;
  pipeline: PipelineDef;
  library: PipelineLibrary;
  /** The pipeline's `configuration` and default cluster `spark_conf`. */
  sparkConf: Map<string, string>;
  /** The pipeline's own runs, or those of a job of the repository whose `pipeline_task` starts it. */
  runs: JobRuns;
}

/** What a file check may ask of the rest of the repository. Pure: built before checks run. */
export interface RepoView {
  /** Job tasks that run this path (matched with or without extension). */
  tasksRunning(path: string): TaskBinding[];
  /** Lakeflow pipelines whose `libraries` (a notebook, a file, a glob) include this path. */
  pipelinesRunning(path: string): PipelineBinding[];
  /**
   * What the file a job task names does with streams: `unbounded` when it starts a query that runs
   * until stopped (no trigger, or a processing-time one), `bounded` when every query it starts ends
   * (`availableNow`, `once`) or it starts none, `none` without a streaming read; undefined when the
   * file is not in the repository. Paths as for `runsStreaming`.
   */
  streamsOf(taskPath: string, jobsPath?: string): 'unbounded' | 'bounded' | 'none' | undefined;
  /**
   * The role the file a job task names has (src/engine/roles.ts), judged without the job rules;
   * undefined when the file is not in the repository.
   */
  roleOf(taskPath: string, jobsPath?: string): FileRole | undefined;
  /** Analyses of the notebooks this file includes with `%run`, transitively. */
  includes(path: string): { path: string; python?: PythonAnalysis }[];
  /** `spark.conf.set` facts of this file and its includes. */
  confsFor(path: string): ConfFact[];
  isTestPath(path: string): boolean;
  /**
   * Whether the file a job task names (repo-relative, or an absolute workspace path matched by
   * suffix; with or without extension) starts a streaming read. Undefined when no such file is in the repository.
   * With the job file's path, a relative task path may also name a file of a project folder above it.
   */
  runsStreaming(taskPath: string, jobsPath?: string): boolean | undefined;
  /** Identifiers used in the repository's test files. */
  testIdentifiers: Set<string>;
  hasTestSuite: boolean;
  /** In diff mode: whether the line of head was added or modified. Undefined in scan mode. */
  changedLine?: (path: string, line: number) => boolean;
}

export interface FileContext {
  model: FileModel;
  /** Present for code models with Python. */
  python?: PythonAnalysis;
  /** SQL statements of `.sql` files, SQL notebooks and `%sql` cells. */
  sql: SqlStatement[];
  /** Their lineage: sources and streaming events, in the shapes of the Python lineage. */
  sqlLineage?: SqlLineage;
  repo: RepoView;
}

export interface FileRule {
  meta: RuleMeta;
  kind: 'file';
  check(ctx: FileContext): RawFinding[];
}

/**
 * What a diff rule sees of one side of a change (repository rules see `RepoRuleContext`). It runs
 * after every file's syntax tree was freed: it reads facts, spans and lineage, never `node`
 * fields. So do file rules for the analyses of `%run` includes.
 */
export interface RepoContext {
  files: { model: FileModel; python?: PythonAnalysis }[];
  repo: RepoView;
}

/**
 * What a repository rule sees of a file: a summary small enough to keep for every file of a
 * large repository, whose syntax trees and analyses are gone by the time repository rules run.
 */
export interface RepoFile {
  path: string;
  kind: FileModel['kind'];
  fileKind: FileKind;
  /** Its Python reads a stream. */
  streams: boolean;
  /** Methods its Python calls, each once, in the order of their first call. */
  methods: readonly string[];
}

export interface RepoRuleContext {
  files: RepoFile[];
  repo: Pick<RepoView, 'tasksRunning' | 'pipelinesRunning' | 'isTestPath' | 'hasTestSuite'>;
}

export interface RepoRule {
  meta: RuleMeta;
  kind: 'repo';
  check(ctx: RepoRuleContext): RepoFinding[];
}

/** A rule that judges a change: it sees the repository before and after. */
export interface DiffRule {
  meta: RuleMeta;
  kind: 'diff';
  /** `basePathOf`: the base path of a head file (its old name when the change renamed it). */
  check(ctx: { base: RepoContext; head: RepoContext; basePathOf: (headPath: string) => string }): RepoFinding[];
}

export type Rule = FileRule | RepoRule | DiffRule;

/** Helpers shared by rules, re-exported for convenience. */
export type { CodeModel, JobsModel, JobDef, JobTask, PosNode, Span };
