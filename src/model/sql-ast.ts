/**
 * The SQL statements lineage reads, as sql-parser.ts builds them from the tokens of sql.ts:
 * Lakeflow / DLT `CREATE ... STREAMING TABLE | MATERIALIZED VIEW | VIEW ... AS query`, `CREATE
 * FLOW ... AS INSERT INTO`, `APPLY CHANGES` / `AUTO CDC INTO ... FROM`, `INSERT INTO ... query`
 * and plain queries. Only what lineage needs is kept; every span is a file span of a real token.
 * https://docs.databricks.com/aws/en/ldp/developer/ldp-sql-ref-create-streaming-table
 */
import type { Span } from './types.js';

/** A literal argument or `map(...)` value; anything else is an expression lineage does not read. */
export type SqlValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'map'; entries: Map<string, string | number | boolean | null> }
  | { kind: 'expr' };

/** A function argument: positional, or named (`format => 'json'`, `` `cloudFiles.format` => 'json' ``). */
export interface SqlArg {
  name?: string;
  value: SqlValue;
  span: Span;
}

export interface SqlWatermark {
  /** The `WATERMARK` keyword through the delay interval. */
  span: Span;
  column?: string;
}

interface RelationBase {
  /** `STREAM` before the relation (`STREAM t`, `STREAM(t)`, `STREAM read_files(...)`). */
  stream: boolean;
  /** The whole relation, `STREAM` included. */
  span: Span;
  watermark?: SqlWatermark;
  alias?: string;
  /** Reader options of the relation (`STREAM events WITH ('maxBytesPerTrigger' = '1g')`), by key as written. */
  options?: Map<string, string>;
}

export type SqlRelation =
  | (RelationBase & { kind: 'table'; name: string[] })
  | (RelationBase & { kind: 'function'; name: string; nameSpan: Span; args: SqlArg[]; callSpan: Span })
  | (RelationBase & { kind: 'subquery'; query: SqlQuery });

export interface SqlJoin {
  relation: SqlRelation;
  /** The `JOIN` keyword (with its `LEFT` / `INNER` ... words). */
  span: Span;
  /** The condition compares values or names an interval (`>=`, `BETWEEN`, `INTERVAL`). */
  timeBounded: boolean;
}

export interface SqlSelect {
  kind: 'select';
  span: Span;
  /** `SELECT DISTINCT`: the `DISTINCT` keyword. */
  distinct?: Span;
  /** Aggregate function calls of the select list and HAVING (`count(*)`, `sum(x)`), outside subqueries. */
  aggregates: { name: string; span: Span }[];
  from: SqlRelation[];
  joins: SqlJoin[];
  groupBy?: { span: Span; keys: number; byWindow: boolean };
}

export type SqlQueryBody = SqlSelect | { kind: 'set'; parts: SqlQueryBody[]; span: Span } | { kind: 'nested'; query: SqlQuery; span: Span };

export interface SqlQuery {
  ctes: { name: string; query: SqlQuery }[];
  body: SqlQueryBody;
  span: Span;
}

export type SqlObjectKind = 'streaming-table' | 'materialized-view' | 'view' | 'table';

export interface SqlConstraint {
  name: string;
  span: Span;
  onViolation?: 'fail' | 'drop';
}

export type SqlStatementNode =
  | { kind: 'create'; object: SqlObjectKind; temporary: boolean; name?: string[]; nameSpan: Span; constraints: SqlConstraint[]; query?: SqlQuery; span: Span }
  | { kind: 'flow'; name?: string[]; target?: string[]; targetSpan: Span; query?: SqlQuery; span: Span }
  | { kind: 'cdc'; target?: string[]; targetSpan: Span; source?: SqlRelation; span: Span }
  | { kind: 'insert'; target?: string[]; targetSpan: Span; query?: SqlQuery; span: Span }
  | { kind: 'query'; query: SqlQuery; span: Span };
