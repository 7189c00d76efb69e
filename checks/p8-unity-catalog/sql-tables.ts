/**
 * `CREATE ... TABLE` and `ALTER TABLE ... SET TBLPROPERTIES` statements read off the SQL
 * tokens, for the Unity Catalog rules. Only what the rules need: the name, whether the
 * table lives at a LOCATION, its format, properties and clustering.
 * Syntax: https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-ddl-create-table-using
 */
import type { SqlStatement, SqlToken } from '../../src/model/sql.js';
import type { Span } from '../../src/model/types.js';

export interface CreateTable {
  statement: SqlStatement;
  /** `STREAMING` / `LIVE` tables belong to a pipeline, which manages their storage. */
  pipelineTable: boolean;
  temporary: boolean;
  /** Name parts, backticks removed; undefined when the name is built at run time (`${var}`, `IDENTIFIER(...)`). */
  name?: string[];
  nameSpan: Span;
  location?: string;
  /** The `USING` format, lower case. */
  format?: string;
  /** String literals of the statement (property keys among them), lower case. */
  strings: Set<string>;
  clusterBy: boolean;
}

const MODIFIERS = new Set(['OR', 'REPLACE', 'REFRESH', 'TEMPORARY', 'TEMP', 'GLOBAL', 'EXTERNAL', 'STREAMING', 'LIVE']);

const isWord = (t: SqlToken | undefined, ...words: string[]): boolean => t?.type === 'word' && words.includes(t.value.toUpperCase());

export function createTables(statements: SqlStatement[]): CreateTable[] {
  const out: CreateTable[] = [];
  for (const statement of statements) {
    const table = createTable(statement);
    if (table) out.push(table);
  }
  return out;
}

function createTable(statement: SqlStatement): CreateTable | undefined {
  const t = statement.tokens;
  if (!isWord(t[0], 'CREATE')) return undefined;
  let i = 1;
  const modifiers = new Set<string>();
  while (i < t.length && t[i].type === 'word' && MODIFIERS.has(t[i].value.toUpperCase())) modifiers.add(t[i++].value.toUpperCase());
  if (!isWord(t[i], 'TABLE')) return undefined;
  i++;
  if (isWord(t[i], 'IF') && isWord(t[i + 1], 'NOT') && isWord(t[i + 2], 'EXISTS')) i += 3;
  const parsed = readName(t, i);
  const table: CreateTable = {
    statement,
    pipelineTable: modifiers.has('STREAMING') || modifiers.has('LIVE'),
    temporary: modifiers.has('TEMPORARY') || modifiers.has('TEMP'),
    name: parsed.name,
    nameSpan: parsed.span ?? statement.span,
    strings: new Set(),
    clusterBy: false,
  };
  readClauses(t, parsed.end, table);
  return table;
}

/** `a.b.c` from word / backticked tokens joined by `.`; dynamic names give no parts. */
function readName(t: SqlToken[], start: number): { name?: string[]; span?: Span; end: number } {
  const parts: string[] = [];
  let i = start;
  let dynamic = false;
  while (i < t.length && (t[i].type === 'word' || t[i].type === 'ident')) {
    parts.push(t[i].value);
    if (t[i].type === 'word' && t[i].value.includes('$')) dynamic = true;
    if (!(t[i + 1]?.type === 'punct' && t[i + 1].value === '.')) {
      i++;
      break;
    }
    i += 2;
  }
  const next = t[i];
  if (next?.type === 'punct' && (next.value === '{' || next.value === '$' || next.value === '}')) dynamic = true;
  if (parts.length > 0 && isWord(t[start], 'IDENTIFIER') && next?.type === 'punct' && next.value === '(') dynamic = true;
  if (parts.length === 0) return { end: i };
  const first = t[start].span;
  const last = t[i - 1].span;
  const span = { line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn };
  return { name: dynamic ? undefined : parts, span, end: i };
}

/** Clauses after the name; stops at a top-level `AS` (the query of a CTAS). */
function readClauses(t: SqlToken[], start: number, table: CreateTable): void {
  let depth = 0;
  for (let i = start; i < t.length; i++) {
    const token = t[i];
    if (token.type === 'punct') {
      if (token.value === '(') depth++;
      else if (token.value === ')') depth = Math.max(0, depth - 1);
      continue;
    }
    if (token.type === 'string') table.strings.add(token.value.toLowerCase());
    if (depth > 0) continue;
    if (isWord(token, 'AS')) return;
    if (isWord(token, 'LOCATION') && t[i + 1]?.type === 'string') table.location = t[i + 1].value;
    if (isWord(token, 'USING') && t[i + 1]?.type === 'word') table.format = t[i + 1].value.toLowerCase();
    if (isWord(token, 'CLUSTER') && isWord(t[i + 1], 'BY')) table.clusterBy = true;
  }
}

/** Lower-case names of tables given properties later by `ALTER TABLE <name> SET TBLPROPERTIES (...)`, with those properties. */
export function alteredProperties(statements: SqlStatement[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const statement of statements) {
    const t = statement.tokens;
    if (!isWord(t[0], 'ALTER') || !isWord(t[1], 'TABLE')) continue;
    const parsed = readName(t, 2);
    if (!parsed.name) continue;
    const key = parsed.name.join('.').toLowerCase();
    const props = out.get(key) ?? new Set<string>();
    for (const token of t.slice(parsed.end)) if (token.type === 'string') props.add(token.value.toLowerCase());
    if (t.slice(parsed.end).some((token, j, rest) => isWord(token, 'CLUSTER') && isWord(rest[j + 1], 'BY'))) props.add('cluster by');
    out.set(key, props);
  }
  return out;
}
