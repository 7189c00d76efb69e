/**
 * What one walk over a Python syntax tree yields: plain facts (calls, strings,
 * functions, handlers, loops) and the streaming lineage. Every rule reads these;
 * no rule walks the tree on its own. Spans are already mapped to file lines.
 */
import type { Span, SyntaxNode } from './types.js';

/** A value an expression can evaluate to during lineage. */
export type Value =
  | { kind: 'flow'; flow: Flow }
  | { kind: 'grouped'; flow: Flow; span: Span; byWindow: boolean; keys?: number }
  | { kind: 'writer'; flow: Flow; options: Map<string, OptionValue>; trigger?: TriggerInfo; outputMode?: string; format?: string }
  | { kind: 'reader'; source: SourceInfo }
  | { kind: 'na'; flow: Flow }
  | { kind: 'dict'; entries: Map<string, OptionValue> }
  | { kind: 'string'; value: string }
  | { kind: 'function'; name: string }
  | { kind: 'unknown' };

export type OptionValue = string | number | boolean | null;

export interface SourceInfo {
  span: Span;
  /** `readStream`, `read`, `dlt.read_stream`, `dlt.read`, `table` (spark.table). */
  api: string;
  streaming: boolean;
  format?: string;
  options: Map<string, OptionValue>;
  schemaGiven: boolean;
  loadPath?: string;
  table?: string;
  /** Span of the `.load(...)` / `.table(...)` call that finishes the source. */
  loadSpan?: Span;
}

export interface Flow {
  streaming: boolean;
  /** Span of the nearest upstream `withWatermark`, when there is one. */
  watermark?: Span;
  sources: SourceInfo[];
  /** True when the DataFrame comes out of `from_json` not yet split on null. */
  fromJsonUnchecked?: Span;
  /** `line:column` of the streaming aggregations upstream (`groupBy(...).count()`), for the sink's output mode. */
  aggregations?: string[];
}

export interface TriggerInfo {
  span: Span;
  once: boolean;
  availableNow: boolean;
}

export type StreamEventKind =
  | 'stateful'
  | 'drop-duplicates'
  | 'drop-duplicates-within-watermark'
  | 'stream-join'
  | 'sink'
  | 'trigger'
  | 'na-fill'
  | 'from-json';

export interface StreamEvent {
  kind: StreamEventKind;
  /** The method name, e.g. `applyInPandasWithState`, `count`, `start`. */
  op: string;
  span: Span;
  /** The DataFrame the operation is applied to. */
  flow: Flow;
  /** The other side of a join. */
  other?: Flow;
  /** For joins: whether the condition mentions a time range (`expr("... BETWEEN ...")`, `>=`...). */
  timeBounded?: boolean;
  /** For sinks: the path or table written to, and whether it is a streaming write. */
  target?: string;
  targetKind?: 'path' | 'table';
  /** For sinks: the writer's `.trigger(...)`, when one was set. */
  trigger?: TriggerInfo;
  /** Name of the function given to a stateful operation (first argument). */
  functionName?: string;
  /** For aggregations: whether a key is a `window(...)` / `session_window(...)` on the event time. */
  windowed?: boolean;
  /** Grouping keys of an aggregation (`groupBy()`: 0, a global aggregate) or columns of a `dropDuplicates` (0: all). */
  groupKeys?: number;
  node: SyntaxNode;
}

/** A streaming event as SQL lineage records it too: SQL has no Python node (src/model/sql-lineage.ts). */
export type FlowEvent = Omit<StreamEvent, 'node'> & { node?: SyntaxNode };

export interface CallFact {
  /** Dotted callee as written, e.g. `spark.conf.set`, `print`, `df.groupBy`; `` for complex receivers. */
  callee: string;
  /** The last name of the callee (`set`, `print`, `groupBy`). */
  method: string;
  span: Span;
  node: SyntaxNode;
  /** Positional argument nodes. */
  args: SyntaxNode[];
  /** Keyword argument nodes by name. */
  kwargs: ReadonlyMap<string, SyntaxNode>;
  /** Name of the innermost enclosing function, if any. */
  enclosingFunction?: string;
  /** Inside the body of a `try` that has an `except`. */
  inTry: boolean;
  /** Persists a DataFrame: `saveAsTable`/`insertInto`/`toTable`/`writeTo` on any receiver, or a writer method (`save`, `start`, `json`, ...) on a `.write` / `.writeStream` chain. */
  writes: boolean;
  /** The receiver chain goes through `.write` / `.writeStream` (`df.write.format("delta")`). */
  onWriter: boolean;
}

export interface FunctionFact {
  name: string;
  /** `Class.method` for methods. */
  qualifiedName: string;
  className?: string;
  span: Span;
  /** Span of the `def` line only. */
  defSpan: Span;
  params: string[];
  decorators: string[];
  node: SyntaxNode;
  /** Parameter or return annotations mention DataFrame / pd.DataFrame / Iterator[pd.DataFrame]. */
  framesInSignature: boolean;
  /** Parameter annotations alone do. */
  framesInParams: boolean;
  /** The return annotation does. */
  framesInReturn: boolean;
  /** Body calls DataFrame methods on a parameter (withColumn, select, groupBy, ...). */
  transformsParams: boolean;
}

export type HandlerKind = 'pass' | 'print-only' | 'sentinel' | 'continue' | 'raise' | 'logs' | 'other';

export interface ExceptFact {
  span: Span;
  kind: HandlerKind;
  /** `setup`: the try body only imports or defines (an optional dependency), so no record can be lost. */
  guards?: 'setup';
  /** Inside an except block that re-raises: a cleanup swallowed there hides nothing. */
  inRaisingHandler?: boolean;
  /** The try body reads, writes or loops over data (a Spark read or write, a DataFrame action, a loop), not only a control-plane call. */
  tryTouchesData?: boolean;
  /** Exception types named (`Exception`, `ValueError`); empty for a bare except. */
  types: string[];
  enclosingFunction?: string;
  node: SyntaxNode;
}

export interface LoopFact {
  span: Span;
  /** The iterated expression as text, e.g. `pdf.iterrows()`. */
  iterText: string;
  /** The loop iterates over rows (`iterrows`, `itertuples`, a pandas/Row iterator parameter). */
  overRows: boolean;
  inTry: boolean;
  /** The loop body itself contains a try/except. */
  bodyGuarded: boolean;
  enclosingFunction?: string;
  node: SyntaxNode;
}

export interface StringFact {
  value: string;
  span: Span;
  /** A docstring (first statement of a module, class or function). */
  docstring: boolean;
  /** Name of the variable when the literal is the whole right side of `NAME = "..."`. */
  assignedTo?: string;
  /** Text searched for, not used (`location.startswith("dbfs:/mnt/")`): an argument of a `str` method. */
  pattern?: boolean;
  /** The fallback of an environment lookup (`os.environ.get("HOST", "...")`): the run's environment overrides it. */
  envDefault?: boolean;
}

export interface ConfFact {
  key: string;
  value?: OptionValue;
  span: Span;
}

export interface PythonFacts {
  calls: CallFact[];
  functions: FunctionFact[];
  classes: { name: string; bases: string[]; span: Span }[];
  excepts: ExceptFact[];
  loops: LoopFact[];
  strings: StringFact[];
  /** `spark.conf.set("k", "v")` with literal key (value when literal). */
  confs: ConfFact[];
  /** Names of imported modules and names (`json`, `dlt`, `pyspark.sql.functions`). */
  imports: string[];
  /** Names imports bind in the file, to the module they come from (`from geo_utils import shapes` binds `shapes` to `geo_utils`). */
  importBindings?: Map<string, string>;
  /** Comments that mention `remediation` (suppression directives), with their file lines. */
  /** Comments naming `remediation`; `trailing` when code precedes them on their line. */
  comments: { text: string; line: number; trailing: boolean }[];
  /** `notebook_path` values of job definitions written as dict literals (`"notebook_task": {"notebook_path": "06_rule"}`). */
  notebookTasks?: string[];
  /** Identifiers used anywhere in code (not in strings or comments); collected for test files only. */
  identifiers: Set<string>;
  hasSyntaxErrors: boolean;
}

export interface Lineage {
  sources: SourceInfo[];
  events: StreamEvent[];
  /** Functions used as stateful or UDF functions (applyInPandasWithState's func, @udf, StatefulProcessor methods). */
  statefulFunctions: Set<string>;
  /** Module-level bindings at the end of the file, for `%run` includes. */
  env: Map<string, Value>;
  /** Streaming queries started (`.start()` / `.toTable()` on a streaming writer). */
  queriesStarted: number;
  /** `spark.streams.addListener(...)` seen. */
  listenerRegistered: boolean;
  /**
   * `line:column` of aggregations written in complete output mode: Spark keeps all their state
   * by design and a watermark drops none of it.
   * https://spark.apache.org/docs/latest/structured-streaming-programming-guide.html#handling-late-data-and-watermarking
   */
  completeAggregations?: Set<string>;
  /** `line:column` of streaming aggregations a query writes somewhere (a sink, a pipeline table). */
  writtenAggregations?: Set<string>;
  /** Sources whose `.schema` (`.columns`, `.dtypes`) is read: with no other use, their records go nowhere. */
  schemaReads?: Set<SourceInfo>;
  /** Sources of the frames functions return: their records go back to a caller. */
  returnedSources?: Set<SourceInfo>;
  /** `line:column` of streaming aggregations passed to `display()` or written to the console sink. */
  displayedAggregations?: Set<string>;
  /** Streaming queries started on the console sink: they show rows to the notebook's reader, as `display()` does. */
  shownQueries?: number;
  /** `line:column` of `from_json` calls whose output is filtered on null somewhere: the unparsed records are split off. */
  nullSplit?: Set<string>;
  /** Temporary views (`createOrReplaceTempView`, SQL `CREATE TEMP VIEW` in `spark.sql`), by lower-case name. */
  views?: Map<string, Flow>;
}

/** File lines, inclusive. */
export interface LineRange {
  line: number;
  endLine: number;
}

export interface PythonAnalysis {
  facts: PythonFacts;
  lineage: Lineage;
  /** File lines of code that makes up data inside the file (src/model/generated-data.ts): setup code whatever the file's role. */
  generated?: LineRange[];
}
