/**
 * Shared types of the pure analysis core. Nothing here does I/O.
 * Lines and columns are 1-based and always refer to the real file on disk
 * (for `.ipynb` files: the line of the JSON file, not of the cell).
 */
import type { SyntaxNode, SyntaxTree as Tree } from './syntax-tree.js';
import type { Fix } from './fix-types.js';

export type { SyntaxNode, Tree };

export type Severity = 'failure' | 'warning' | 'notice';
/** What a file's code is for (src/engine/roles.ts). */
export type FileRole = 'pipeline' | 'test' | 'setup' | 'exploration' | 'tooling';
export type Priority = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export type FindingStatus = 'new' | 'existing' | 'resolved';

/** A file handed to the engine by the CLI or the GitHub gatherer. */
export interface InputFile {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  content: string | Uint8Array;
}

export type FileKind =
  | 'python-notebook'
  | 'python-module'
  | 'sql-notebook'
  | 'sql-file'
  | 'scala-notebook'
  | 'r-notebook'
  | 'ipynb'
  | 'job-json'
  | 'bundle-yaml'
  | 'other';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A stretch of code of one language cut out of a file, with a map back to
 * the file. `lineMap[i]` is the 1-based file line of the unit's line i (0-based);
 * `colOffset[i]` is added to a 0-based unit column to get the 0-based file column.
 */
export interface TextUnit {
  text: string;
  lineMap: number[];
  colOffset: number[];
  /**
   * Rows whose text was decoded from an escaped string (an `.ipynb` source line with `\"`,
   * `\\`, `\t`, `\u00e9`): `colMaps[i][c]` is the 0-based file column of the unit's column
   * `c` (one entry past the end too). Other rows use `colOffset`.
   */
  colMaps?: (number[] | undefined)[];
}

export type CellLanguage = 'python' | 'sql' | 'markdown' | 'scala' | 'r' | 'shell' | 'run' | 'pip' | 'other';

export interface Cell {
  index: number;
  language: CellLanguage;
  /** 1-based file lines, inclusive. */
  startLine: number;
  endLine: number;
  title?: string;
}

/** A `%run ./other` include. */
export interface RunInclude {
  target: string;
  /** Target resolved against the including file's folder, without extension. */
  resolved: string;
  line: number;
}

export interface Suppression {
  /** Rule ids (`P401`), slugs (`kafka-unbounded`) or priority bands (`P4`). */
  selectors: string[];
  /**
   * File line the comment is on. A comment alone on its line silences findings on the next
   * line; a comment after code (`trailing`) silences its own line only.
   */
  line: number;
  trailing: boolean;
  fileWide: boolean;
}

export interface CodeModel {
  kind: 'code';
  path: string;
  fileKind: FileKind;
  /** The file's text, BOM removed, CRLF normalised to LF. */
  text: string;
  lines: string[];
  cells: Cell[];
  python?: TextUnit;
  sql: TextUnit[];
  runs: RunInclude[];
  suppressions: Suppression[];
  /** Problems found while reading (invalid JSON in an .ipynb, ...). */
  problems: ModelProblem[];
}

export interface ModelProblem {
  message: string;
  line: number;
}

/** A JSON or YAML value with its source position (see src/model/pos-tree.ts). */
export type PosNode =
  | { type: 'object'; span: Span; keySpan?: Span; entries: Map<string, PosNode> }
  | { type: 'array'; span: Span; keySpan?: Span; items: PosNode[] }
  | { type: 'scalar'; span: Span; keySpan?: Span; value: string | number | boolean | null };

export interface JobTask {
  key: string;
  node: PosNode;
  notebookPath?: string;
  pythonFile?: string;
  /** `pipeline_task.pipeline_id`: an id, or a bundle reference `${resources.pipelines.<key>.id}`. */
  pipelineId?: string;
  /** The cluster the task runs on: its own new_cluster or the job cluster it names. */
  cluster?: PosNode;
  clusterKey?: string;
}

export interface JobDef {
  name: string;
  /** The job object (the settings for exports, the resource for bundles). */
  node: PosNode;
  span: Span;
  tasks: JobTask[];
  jobClusters: Map<string, PosNode>;
  continuous: boolean;
  /** `run_as` found at the job, the bundle root, or a target. */
  runAs: PosNode[];
  /** Bundles: `targets.<t>.resources.jobs.<key>` blocks that override this job in some targets. */
  overrides?: PosNode[];
  /** What starts a run (src/model/job-runs.ts). */
  runs: JobRuns;
  /** Bundles: the resource key, which `${resources.jobs.<key>.id}` references name. */
  key?: string;
}

/**
 * What starts a job's or pipeline's runs: always on (`continuous`), a cron `schedule`, a
 * `trigger` (file arrival, table update, periodic), or nothing in the definition: a person
 * (or a tool outside the repository) starts it by hand.
 */
export type JobRuns = 'continuous' | 'scheduled' | 'triggered' | 'manual';

/** A source file of a Lakeflow pipeline: `libraries[].notebook.path`, `.file.path` or `.glob.include`. */
export interface PipelineLibrary {
  kind: 'notebook' | 'file' | 'glob';
  path: string;
  node: PosNode;
}

/**
 * A Lakeflow (DLT) pipeline: bundle `resources.pipelines.<key>` or a Pipelines API JSON spec.
 * Its `configuration` and `clusters[].spark_conf` are what a job cluster's `spark_conf` is to a job.
 * https://docs.databricks.com/aws/en/ldp/properties
 */
export interface PipelineDef {
  name: string;
  /** Bundles: the resource key. */
  key?: string;
  node: PosNode;
  span: Span;
  /** Bundles: `targets.<t>.resources.pipelines.<key>` blocks of the same file. */
  overrides?: PosNode[];
  continuous: boolean;
  /** Development mode in every layer that says (retries off, cluster kept): not a production deployment. */
  development: boolean;
  serverless: boolean;
  /** `configuration` then the default cluster's `spark_conf`, as strings (the first layer that sets a key wins). */
  sparkConf: Map<string, string>;
  /** `clusters[]` entries (`label`, `num_workers`, `autoscale`, `spark_conf`, `custom_tags`). */
  clusters: PosNode[];
  libraries: PipelineLibrary[];
  catalog?: string;
  /** `target` (legacy publishing) or `schema`: the default schema. */
  schema?: string;
  channel?: string;
  /** Continuous, a `trigger.cron`, else manual (a job's `pipeline_task` may start it: see job-bindings). */
  runs: JobRuns;
}

export interface JobsModel {
  kind: 'jobs';
  path: string;
  fileKind: 'job-json' | 'bundle-yaml';
  text: string;
  lines: string[];
  root?: PosNode;
  jobs: JobDef[];
  /** Lakeflow pipelines defined in the file (bundle `resources.pipelines`, Pipelines API JSON). */
  pipelines: PipelineDef[];
  problems: ModelProblem[];
}

export interface OtherModel {
  kind: 'other';
  path: string;
  fileKind: FileKind;
  text: string;
  lines: string[];
  problems: ModelProblem[];
}

export type FileModel = CodeModel | JobsModel | OtherModel;

export interface Finding {
  priority: Priority;
  rule: string;
  name: string;
  path: string;
  line: number;
  endLine: number;
  column: number;
  endColumn?: number;
  severity: Severity;
  message: string;
  /** What to write instead, in full. */
  fix: string;
  /** The fix as one short line; the rule's own when absent. */
  hint?: string;
  /** Rule, construct, key and occurrence, hashed (see src/engine/fingerprint.ts). */
  fingerprint: string;
  /** The same without the path: what the tracking issue carries across renames. */
  identity: string;
  /** The role of the finding's file, which decided which rules applied to it. */
  role?: FileRole;
  suppressed: boolean;
  status?: FindingStatus;
  /** Diff mode: the finding sits on an added or modified line of head. */
  changed?: boolean;
  /** Edits that fix it, when the fix is mechanical (src/model/fix-types.ts). */
  autofix?: Fix;
}
