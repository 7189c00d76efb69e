/**
 * What a file does with data, for its role (RULES.md, "File roles"): whether it reads data
 * from outside (a DataFrame source, a table, a SQL `FROM` that the file did not write itself),
 * writes data somewhere that outlives the run (a DataFrame writer, a streaming sink, a
 * pipeline table, SQL DML or `CREATE TABLE`), and whether it makes DataFrames in memory
 * (`spark.createDataFrame`, `spark.range`, `INSERT ... VALUES`). A notebook that writes nothing
 * is exploration; code that writes only what it made in memory is a sample-data generator.
 * Read from facts and SQL tokens only, before the tree is freed. Pure; never throws.
 */
import type { CallFact, PythonAnalysis } from '../model/python-types.js';
import { parseSqlUnit, type SqlStatement, type SqlToken } from '../model/sql.js';
import { resolveRunTarget } from '../model/run-target.js';

export interface DataIo {
  /** Reads data it did not write itself (a table or path no writer of the file names). */
  reads: boolean;
  writes: boolean;
  /** DataFrames built from Python values (`spark.createDataFrame(rows)`, `spark.range(n)`). */
  inMemory: boolean;
  /** Defines what holds data: a catalog, schema (database) or volume, a plain table with no query. */
  creates: boolean;
  /** Puts rows somewhere: every write but a plain table's definition. */
  fills: boolean;
}

/** What was seen, with the names read and written, before reads of the file's own output are discounted. */
export interface Seen extends DataIo {
  /** Tables and paths read, as written in the code (a literal, `$variable`); `?` when unknown. */
  readNames: Set<string>;
  writeNames: Set<string>;
}

const READ_CALLEE = /^(?:spark|sqlContext)\.(?:read|readStream|table)\b|^(?:dlt|dp)\.(?:read|read_stream)$|(?:^|\.)(?:sc|sparkContext|SparkContext)\.(?:textFile|wholeTextFiles|binaryFiles)$/;
const IN_MEMORY_CALLEE = /^(?:spark|sqlContext)\.(?:createDataFrame|range)$|(?:^|\.)(?:sc|sparkContext|SparkContext)\.parallelize$/;
/** `dlt.create_streaming_table(...)` declares a table that flows write to. */
const PIPELINE_WRITE_CALLEE = /^(?:dlt|dp)\.(?:create_streaming_table|create_sink|apply_changes|create_auto_cdc_flow)$/;
/** Decorators whose function returns a pipeline table: the return value is written. */
const PIPELINE_TABLE = /^(?:dlt|dp)\.(?:table|materialized_view|append_flow|create_table)\b/;
const TEMP_VIEW_METHODS = new Set(['createOrReplaceTempView', 'createTempView', 'createOrReplaceGlobalTempView', 'createGlobalTempView', 'registerTempTable']);
const READER_BUILDERS = new Set(['format', 'option', 'options', 'schema']);
const SQL_CALLEE = /^(?:spark|sqlContext)\.sql$/;
/** Writer methods on a `.write` / `.writeStream` chain (`df.write.mode(...).json(path)`). */
const WRITER_METHODS = new Set(['save', 'start', 'foreachBatch', 'json', 'csv', 'parquet', 'orc', 'text', 'format', 'mode', 'option', 'options', 'partitionBy', 'jdbc']);
/** Writer methods whose first argument names the table or path written. */
const TARGET_METHODS = new Set(['saveAsTable', 'insertInto', 'toTable', 'writeTo', 'save', 'start', 'json', 'csv', 'parquet', 'orc', 'text']);
/** Objects whose `CREATE` stores data (a view or schema stores none). */
const STORED_OBJECTS = new Set(['TABLE', 'STREAMING', 'MATERIALIZED', 'LIVE']);
/** Unity Catalog containers: creating one is setting a workspace up (https://docs.databricks.com/en/data-governance/unity-catalog/create-schemas.html). */
const CONTAINER_OBJECTS = new Set(['CATALOG', 'SCHEMA', 'DATABASE', 'VOLUME']);

export function dataIo(python: PythonAnalysis | undefined, sql: readonly SqlStatement[]): DataIo {
  const seen = dataNames(python, sql);
  // A demo that writes rows it made up and reads them back has read nothing from outside.
  const outside = [...seen.readNames].some((name) => name === '?' || !seen.writeNames.has(name));
  return { reads: seen.reads && outside, writes: seen.writes, inMemory: seen.inMemory, creates: seen.creates, fills: seen.fills };
}

/** The tables and paths a file reads and writes, as named in its code (`$var` for a variable, `?` unknown). */
export function dataNames(python: PythonAnalysis | undefined, sql: readonly SqlStatement[]): Seen {
  const seen: Seen = { reads: false, writes: false, inMemory: false, creates: false, fills: false, readNames: new Set(), writeNames: new Set() };
  for (const statement of sql) addSql(seen, statement);
  if (python) {
    const { facts, lineage } = python;
    for (const source of lineage.sources) read(seen, source.table ?? source.loadPath);
    if (lineage.queriesStarted > 0 || lineage.events.some((e) => e.kind === 'sink')) seen.writes = seen.fills = true;
    if (facts.functions.some((f) => f.decorators.some((d) => PIPELINE_TABLE.test(d)))) seen.writes = seen.fills = true;
    for (const call of facts.calls) addCall(seen, call);
    // `delta_path = "/Volumes/..."` then `.save(delta_path)` and `FROM delta.\`{delta_path}\``: one name.
    const literals = new Map(facts.strings.filter((f) => f.assignedTo !== undefined).map((f) => [`$${f.assignedTo!.toLowerCase()}`, normaliseName(f.value)]));
    const resolve = (names: Set<string>): Set<string> => new Set([...names].map((name) => literals.get(name) ?? name));
    seen.readNames = resolve(seen.readNames);
    seen.writeNames = resolve(seen.writeNames);
  }
  return seen;
}

function read(seen: Seen, name: string | undefined): void {
  seen.reads = true;
  seen.readNames.add(normaliseName(name));
}

/** A write of `name`; `fills` false for a definition that puts no rows in (a plain table with no query). */
function wrote(seen: Seen, name: string | undefined, fills = true): void {
  seen.writes = true;
  if (fills) seen.fills = true;
  seen.writeNames.add(normaliseName(name));
}

/** Names compared across Python and SQL: unquoted, lower-case, without a `delta.` path prefix. */
function normaliseName(name: string | undefined): string {
  if (name === undefined || name.trim() === '') return '?';
  return name
    .trim()
    .replace(/^(?:delta|csv|json|parquet|orc|text)\.(?=[`/{]|[a-z0-9]+:)/i, '')
    .replace(/[`"']/g, '')
    .replace(/^dbfs:(?=\/)/i, '')
    .replace(/^\{(\w+)\}$/, '$$$1')
    .toLowerCase();
}

function addCall(seen: Seen, call: CallFact): void {
  // `spark.read.format("delta")...load(path)`: the lineage's source has the path; the builder calls name none.
  if (READ_CALLEE.test(call.callee) && !READER_BUILDERS.has(call.method)) read(seen, argName(call));
  if (IN_MEMORY_CALLEE.test(call.callee)) seen.inMemory = true;
  // A temporary view of the file's own DataFrame is not data from outside.
  if (TEMP_VIEW_METHODS.has(call.method)) {
    const view = argName(call);
    if (view !== undefined) seen.writeNames.add(normaliseName(call.method.includes('Global') ? `global_temp.${view}` : view));
  }
  if (isWrite(call) || PIPELINE_WRITE_CALLEE.test(call.callee)) wrote(seen, TARGET_METHODS.has(call.method) ? argName(call) : undefined);
  if (!SQL_CALLEE.test(call.callee)) return;
  const text = literalText(call);
  // SQL built at run time may read anything.
  if (text === undefined) read(seen, undefined);
  else for (const statement of parseSqlUnit(unitOf(text)).statements) addSql(seen, statement);
}

/** `x.write...saveAsTable(...)`, `x.writeStream...start()`, `df.write.json(p)`; `save` or `start` elsewhere (a model, a thread) is not. */
function isWrite(call: CallFact): boolean {
  return call.writes || (WRITER_METHODS.has(call.method) && call.onWriter);
}

/** The first argument as a name: a literal's text, or `$name` for the variable holding it. */
function argName(call: CallFact): string | undefined {
  const arg = call.args[0] ?? call.kwargs.get('path') ?? call.kwargs.get('tableName');
  if (!arg) return undefined;
  if (arg.type === 'identifier' || arg.type === 'attribute') return `$${arg.text}`;
  if (arg.type === 'string' && !isFString(arg.text)) return stripQuotes(arg.text);
  return undefined;
}

function addSql(seen: Seen, statement: SqlStatement): void {
  const tokens = statement.tokens.filter((t) => t.type !== 'comment');
  const upper = tokens.map((t) => (t.type === 'word' ? t.value.toUpperCase() : t.value));
  const verb = upper[0];
  if (verb === undefined) return;
  const after = (word: string, from = 1): string | undefined => {
    const at = upper.indexOf(word, from);
    return at < 0 ? undefined : qualifiedName(tokens, upper[at + 1] === 'IF' ? at + 4 : at + 1);
  };
  let ownFrom = -1;
  if (verb === 'INSERT' || verb === 'COPY') wrote(seen, after('INTO') ?? after('TABLE'));
  else if (verb === 'MERGE') wrote(seen, after('INTO'));
  else if (verb === 'UPDATE') wrote(seen, qualifiedName(tokens, 1));
  else if (verb === 'DELETE') {
    ownFrom = upper.indexOf('FROM');
    wrote(seen, after('FROM'));
  } else if (verb === 'CREATE' && upper.slice(1, 6).some((w) => STORED_OBJECTS.has(w))) {
    // A clone copies the rows of its source (https://docs.databricks.com/en/delta/clone.html).
    const clone = upper.includes('CLONE');
    if (clone) read(seen, after('CLONE'));
    // A plain table defined with no query (`CREATE TABLE t (id INT)`, `... USING DELTA LOCATION '...'`)
    // holds no rows yet; a streaming table or materialized view is a pipeline's dataset, its flows fill it.
    const dataset = upper.slice(1, 6).some((w) => w === 'STREAMING' || w === 'MATERIALIZED' || w === 'LIVE');
    const fills = dataset || clone || upper.includes('SELECT') || upper.includes('FROM');
    wrote(seen, after('TABLE') ?? after('VIEW'), fills);
    if (!fills) seen.creates = true;
  }
  // Lakeflow flows into a streaming table: `CREATE FLOW f AS INSERT INTO t ...`, `APPLY CHANGES INTO t`, `AUTO CDC INTO t`.
  else if ((verb === 'CREATE' && upper.slice(1, 4).includes('FLOW')) || verb === 'APPLY' || verb === 'AUTO') wrote(seen, after('INTO'));
  // `CREATE [EXTERNAL] VOLUME`, `CREATE SCHEMA IF NOT EXISTS`, `CREATE OR REPLACE DATABASE`.
  else if (verb === 'CREATE' && upper.slice(1, 5).some((w) => CONTAINER_OBJECTS.has(w))) seen.creates = true;
  upper.forEach((word, i) => {
    if ((word !== 'FROM' && word !== 'JOIN') || i === ownFrom) return;
    const next = upper[i + 1];
    if (next !== undefined && next !== 'VALUES' && next !== '(') read(seen, qualifiedName(tokens, i + 1));
  });
  if (verb === 'INSERT' && upper.includes('VALUES') && !upper.includes('FROM')) seen.inMemory = true;
}

/** `a.b.c` (words, quoted identifiers and the dots between them) starting at `index`. */
function qualifiedName(tokens: readonly SqlToken[], index: number): string | undefined {
  const parts: string[] = [];
  for (let i = index; i < tokens.length; i += 2) {
    const token = tokens[i];
    if (token.type !== 'word' && token.type !== 'ident' && token.type !== 'string') break;
    parts.push(token.value);
    if (tokens[i + 1]?.value !== '.') break;
  }
  return parts.length > 0 ? parts.join('.') : undefined;
}

/** The text of a string-literal first argument (f-strings included: their fixed parts carry the verbs). */
function literalText(call: CallFact): string | undefined {
  const arg = call.args[0];
  if (!arg || (arg.type !== 'string' && arg.type !== 'concatenated_string')) return undefined;
  return stripQuotes(arg.text);
}

function isFString(text: string): boolean {
  return /^[rRbBuU]*[fF]/.test(text);
}

function stripQuotes(text: string): string {
  return text.replace(/^[rRfFbBuU]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '');
}

function unitOf(text: string): { text: string; lineMap: number[]; colOffset: number[] } {
  const rows = text.split('\n').length;
  return { text, lineMap: Array.from({ length: rows }, (_, i) => i + 1), colOffset: new Array<number>(rows).fill(0) };
}

/**
 * Notebooks a file runs with `dbutils.notebook.run("path", ...)` (a literal path, resolved like
 * `%run`): a workflow notebook's children are part of the same pipeline.
 * https://docs.databricks.com/aws/en/notebooks/notebook-workflows
 */
export function notebookRunTargets(python: PythonAnalysis | undefined, fromPath: string): string[] {
  if (!python) return [];
  const targets: string[] = [];
  for (const call of python.facts.calls) {
    if (call.callee !== 'dbutils.notebook.run') continue;
    const arg = call.args[0];
    if (arg?.type !== 'string' || isFString(arg.text)) continue;
    const text = stripQuotes(arg.text);
    if (text) targets.push(resolveRunTarget(fromPath, text));
  }
  return targets;
}
