/**
 * SQL lineage: the statements of sql-parser.ts turned into the shapes the Python lineage gives
 * rules (python-types.ts): sources with their format and options, and streaming events.
 * - `read_files` / `cloud_files` are Auto Loader (`cloudFiles`); `read_files` named options that
 *   are Auto Loader options get the `cloudFiles.` prefix Python code writes, so one rule reads
 *   both. `read_kafka` is `kafka`. `STREAM t` / `STREAM(LIVE.t)` is a table stream.
 * - A relation is streaming only under `STREAM` (Lakeflow reads a plain table, `read_files` or
 *   `read_kafka` as a batch), except `cloud_files`, which always streams, and temporary views
 *   of streaming DataFrames.
 * - `WATERMARK col DELAY OF INTERVAL ...` counts as `withWatermark`; GROUP BY (with keys) and
 *   SELECT DISTINCT over a stream are stateful; a join of two streams is a stream join;
 *   `CREATE ... STREAMING TABLE / MATERIALIZED VIEW / TABLE ... AS`, flows and inserts are sinks.
 * https://docs.databricks.com/aws/en/sql/language-manual/functions/read_files
 * https://docs.databricks.com/aws/en/sql/language-manual/functions/read_kafka
 * https://docs.databricks.com/aws/en/ldp/developer/ldp-sql-ref-create-streaming-table
 */
import type { Flow, FlowEvent, OptionValue, SourceInfo } from './python-types.js';
import type { SqlStatement } from './sql.js';
import type { SqlQuery, SqlQueryBody, SqlRelation, SqlSelect, SqlStatementNode, SqlValue } from './sql-ast.js';
import { parseSqlStatement } from './sql-parser.js';

export interface SqlLineage {
  sources: SourceInfo[];
  events: FlowEvent[];
}

/** Where SQL lineage records what it finds (the Python lineage adds its own node to events). */
export interface SqlHost {
  source(source: SourceInfo): void;
  event(event: FlowEvent): void;
}

/** Auto Loader options (`cloudFiles.*` in Python) that `read_files` takes unprefixed. */
const AUTO_LOADER_OPTIONS = new Set([
  'allowoverwrites', 'backfillinterval', 'cleansource', 'format', 'includeexistingfiles', 'infercolumntypes', 'maxbytespertrigger',
  'maxfileage', 'maxfilespertrigger', 'partitioncolumns', 'schemaevolutionmode', 'schemahints', 'schemalocation', 'usestrictglobber',
  'validateoptions', 'usenotifications', 'useincrementallisting', 'usemanagedfileevents', 'resourcetag',
]);

const EMPTY: Flow = { streaming: false, sources: [] };

/** Lower-case lookup key of a name: `LIVE.x` is `x`. */
export function viewKey(parts: string[]): string {
  const rest = parts.length > 1 && parts[0].toLowerCase() === 'live' ? parts.slice(1) : parts;
  return rest.join('.').toLowerCase();
}

export class SqlFlows {
  /** Tables the statements define (streaming tables, materialized views): read back as pipeline tables. */
  private readonly tables = new Set<string>();

  constructor(
    private readonly host: SqlHost,
    /** Temporary views, by lower-case name; shared with the Python lineage of the same notebook. */
    readonly views: Map<string, Flow>,
  ) {}

  /** Names of tables defined anywhere in the unit, so a read before the definition knows them. */
  noteDefinitions(nodes: (SqlStatementNode | undefined)[]): void {
    for (const node of nodes) {
      if (node?.kind === 'create' && node.object !== 'view' && node.name) this.tables.add(viewKey(node.name));
    }
  }

  /** The flow a statement yields (its query's), recording its sources, events and sink. */
  statement(node: SqlStatementNode): Flow | undefined {
    switch (node.kind) {
      case 'query':
        return this.query(node.query, new Map());
      case 'create': {
        if (!node.query) return undefined;
        const flow = this.query(node.query, new Map());
        if (node.object === 'view') {
          if (node.name) this.views.set(viewKey(node.name), flow);
          return flow;
        }
        const op = node.object === 'streaming-table' ? 'CREATE STREAMING TABLE' : node.object === 'materialized-view' ? 'CREATE MATERIALIZED VIEW' : 'CREATE TABLE';
        this.sink(op, flow, node.name, node.nameSpan);
        return flow;
      }
      case 'flow':
      case 'insert': {
        if (!node.query) return undefined;
        const flow = this.query(node.query, new Map());
        this.sink(node.kind === 'flow' ? 'CREATE FLOW' : 'INSERT INTO', flow, node.target, node.targetSpan);
        return flow;
      }
      case 'cdc': {
        if (!node.source) return undefined;
        const flow = this.relation(node.source, new Map());
        this.sink('AUTO CDC', flow, node.target, node.targetSpan);
        return flow;
      }
    }
  }

  private sink(op: string, flow: Flow, name: string[] | undefined, span: FlowEvent['span']): void {
    this.host.event({ kind: 'sink', op, span, flow, target: name?.join('.'), targetKind: 'table' });
  }

  query(query: SqlQuery, outer: Map<string, Flow>): Flow {
    const ctes = new Map(outer);
    for (const cte of query.ctes) ctes.set(cte.name.toLowerCase(), this.query(cte.query, ctes));
    return this.body(query.body, ctes);
  }

  private body(body: SqlQueryBody, ctes: Map<string, Flow>): Flow {
    if (body.kind === 'nested') return this.query(body.query, ctes);
    if (body.kind === 'select') return this.select(body, ctes);
    const flows = body.parts.map((part) => this.body(part, ctes));
    const streams = flows.filter((f) => f.streaming);
    const watermark = streams.length > 0 && streams.every((f) => f.watermark) ? streams[0].watermark : undefined;
    return { streaming: streams.length > 0, watermark, sources: flows.flatMap((f) => f.sources) };
  }

  private select(select: SqlSelect, ctes: Map<string, Flow>): Flow {
    let flow = select.from[0] ? this.relation(select.from[0], ctes) : EMPTY;
    for (const extra of select.from.slice(1)) flow = this.join(flow, this.relation(extra, ctes), extra.span, false);
    for (const join of select.joins) flow = this.join(flow, this.relation(join.relation, ctes), join.span, join.timeBounded);
    if (!flow.streaming) return flow;
    if (select.groupBy && select.groupBy.keys > 0) {
      this.host.event({ kind: 'stateful', op: 'GROUP BY', span: select.groupBy.span, flow });
    } else if (select.distinct) {
      this.host.event({ kind: 'stateful', op: 'DISTINCT', span: select.distinct, flow });
    }
    return flow;
  }

  private join(left: Flow, right: Flow, span: FlowEvent['span'], timeBounded: boolean): Flow {
    const both = left.streaming && right.streaming;
    if (both) this.host.event({ kind: 'stream-join', op: 'JOIN', span, flow: left, other: right, timeBounded });
    const watermark = both ? (left.watermark && right.watermark ? left.watermark : undefined) : left.streaming ? left.watermark : right.watermark;
    return { streaming: left.streaming || right.streaming, watermark, sources: [...left.sources, ...right.sources] };
  }

  relation(relation: SqlRelation, ctes: Map<string, Flow>): Flow {
    let flow: Flow;
    if (relation.kind === 'subquery') flow = this.query(relation.query, ctes);
    else if (relation.kind === 'function') flow = this.functionSource(relation);
    else flow = this.table(relation, ctes);
    return relation.watermark ? { ...flow, watermark: relation.watermark.span } : flow;
  }

  private table(relation: Extract<SqlRelation, { kind: 'table' }>, ctes: Map<string, Flow>): Flow {
    const key = viewKey(relation.name);
    const local = ctes.get(key) ?? this.views.get(key);
    if (local && (local.streaming || !relation.stream)) return local;
    if (!relation.stream) return EMPTY;
    const live = relation.name.length > 1 && relation.name[0].toLowerCase() === 'live';
    const source: SourceInfo = {
      span: relation.span,
      api: 'STREAM',
      streaming: true,
      format: live || this.tables.has(key) ? 'dlt' : 'delta',
      options: new Map(relation.options ?? []),
      schemaGiven: false,
      table: relation.name.join('.'),
      loadSpan: relation.span,
    };
    this.host.source(source);
    return { streaming: true, sources: [source] };
  }

  private functionSource(relation: Extract<SqlRelation, { kind: 'function' }>): Flow {
    const fn = relation.name;
    const options = new Map<string, OptionValue>();
    let schemaGiven = false;
    let format: string;
    let streaming = relation.stream;
    const positional = relation.args.filter((a) => a.name === undefined);
    if (fn === 'read_files' || fn === 'cloud_files') {
      format = 'cloudFiles';
      const named: [string, OptionValue][] = relation.args.filter((a) => a.name !== undefined).map((a) => [a.name!, optionValue(a.value)]);
      if (fn === 'cloud_files') {
        // cloud_files(path, format, map(...)): Auto Loader, streaming whether or not STREAM wraps it.
        streaming = true;
        const fileFormat = positional[1] ? optionValue(positional[1].value) : undefined;
        if (typeof fileFormat === 'string') named.push(['format', fileFormat]);
        const map = positional[2]?.value;
        if (map?.kind === 'map') named.push(...map.entries);
      }
      for (const [key, value] of named) {
        const lower = key.toLowerCase();
        if (lower === 'schema') schemaGiven = true;
        else if (AUTO_LOADER_OPTIONS.has(lower)) options.set(`cloudFiles.${key}`, value);
        else options.set(key, value);
      }
    } else if (fn.startsWith('read_')) {
      // read_kafka, read_kinesis, read_pubsub, read_pulsar: named options only.
      format = fn.slice('read_'.length);
      for (const arg of relation.args) if (arg.name) options.set(arg.name, optionValue(arg.value));
    } else return { streaming, sources: [] };
    const path = positional[0]?.value;
    const source: SourceInfo = {
      span: relation.nameSpan,
      api: fn,
      streaming,
      format,
      options,
      schemaGiven,
      loadPath: path?.kind === 'string' ? path.value : undefined,
      loadSpan: relation.callSpan,
    };
    this.host.source(source);
    return { streaming, sources: [source] };
  }
}

function optionValue(value: SqlValue): OptionValue {
  if (value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean') return value.value;
  if (value.kind === 'null') return null;
  return '<expr>';
}

/** Lineage of a file's SQL statements, seeded with the temporary views its Python defines. */
export function buildSqlLineage(statements: readonly SqlStatement[], views = new Map<string, Flow>()): SqlLineage {
  const lineage: SqlLineage = { sources: [], events: [] };
  const flows = new SqlFlows({ source: (s) => lineage.sources.push(s), event: (e) => lineage.events.push(e) }, views);
  const nodes = statements.map(parseSqlStatement);
  flows.noteDefinitions(nodes);
  for (const node of nodes) if (node) flows.statement(node);
  return lineage;
}
