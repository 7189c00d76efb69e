/**
 * A small recursive-descent parser over the tokens of sql.ts for the statements lineage reads
 * (see sql-ast.ts). It follows the Databricks SQL grammar only as far as lineage needs: clauses
 * it does not model are skipped by balanced parentheses, and a statement it cannot follow is
 * dropped (undefined), never an error.
 * https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-qry-select
 * https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-qry-select-watermark
 */
import type { SqlStatement, SqlToken } from './sql.js';
import type { Span } from './types.js';
import type { SqlArg, SqlConstraint, SqlJoin, SqlObjectKind, SqlQuery, SqlQueryBody, SqlRelation, SqlSelect, SqlStatementNode, SqlValue, SqlWatermark } from './sql-ast.js';

const AGGREGATES = new Set([
  'count', 'sum', 'avg', 'mean', 'min', 'max', 'count_if', 'approx_count_distinct', 'collect_list', 'collect_set', 'array_agg',
  'first', 'first_value', 'last', 'last_value', 'any_value', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp',
  'percentile', 'percentile_approx', 'approx_percentile', 'median', 'mode', 'max_by', 'min_by', 'bool_and', 'bool_or', 'every', 'some', 'any',
  'string_agg', 'listagg', 'histogram_numeric', 'kurtosis', 'skewness', 'corr', 'covar_pop', 'covar_samp', 'bit_and', 'bit_or', 'bit_xor',
]);
/** Words that cannot be a relation's alias. */
const CLAUSE_WORDS = new Set([
  'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'WINDOW', 'QUALIFY',
  'CLUSTER', 'DISTRIBUTE', 'SORT', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'SEMI', 'ANTI', 'LATERAL', 'ON', 'USING',
  'WATERMARK', 'KEYS', 'SEQUENCE', 'APPLY', 'IGNORE', 'COLUMNS', 'STORED', 'TABLESAMPLE', 'PIVOT', 'UNPIVOT', 'OUTER', 'AS', 'VERSION',
]);
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'SEMI', 'ANTI']);
const SET_WORDS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS']);
/** Words that end a condition (WHERE, ON, GROUP BY, HAVING) at depth 0. */
const CONDITION_STOPS = new Set([
  'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', ...SET_WORDS, 'WINDOW', 'QUALIFY', 'CLUSTER', 'DISTRIBUTE', 'SORT', ...JOIN_WORDS,
  'LATERAL',
]);
const SELECT_LIST_STOPS = new Set(['FROM', ...CONDITION_STOPS]);
/** Stop words that are also functions: `left(s, 3)`, `window(ts, '5 minutes')`. */
const FUNCTION_WORDS = new Set(['LEFT', 'RIGHT', 'WINDOW']);

interface ScanOptions {
  stops?: ReadonlySet<string>;
  aggregates?: SqlSelect['aggregates'];
  /** Function names whose call is reported (`window` in GROUP BY). */
  calls?: string[];
  /** A top-level `,` ends the expression (a function argument). */
  comma?: boolean;
  /** In a select list `* EXCEPT (a, b)` drops columns: no set operation. */
  selectList?: boolean;
}
const CREATE_MODIFIERS = new Set(['OR', 'REFRESH', 'REPLACE', 'PRIVATE', 'TEMPORARY', 'TEMP', 'GLOBAL', 'STREAMING', 'MATERIALIZED', 'LIVE', 'EXTERNAL']);
const INTERVAL_UNITS = /^(YEARS?|MONTHS?|WEEKS?|DAYS?|HOURS?|MINUTES?|SECONDS?|MILLISECONDS?|MICROSECONDS?|TO)$/i;
const MAX_DEPTH = 200;

class Fail extends Error {}

/** The statement as lineage reads it, or undefined for statements it does not model. */
export function parseSqlStatement(statement: SqlStatement): SqlStatementNode | undefined {
  if (statement.tokens.length === 0) return undefined;
  try {
    return new Parser(statement.tokens).statement();
  } catch {
    return undefined;
  }
}

export function joinSpans(a: Span, b: Span): Span {
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly t: SqlToken[]) {}

  // ---- cursor -----------------------------------------------------------

  private peek(k = 0): SqlToken | undefined {
    return this.t[this.i + k];
  }
  private isWord(k: number, ...words: string[]): boolean {
    const tok = this.t[this.i + k];
    return tok?.type === 'word' && (words.length === 0 || words.includes(tok.value.toUpperCase()));
  }
  private isPunct(k: number, p: string): boolean {
    const tok = this.t[this.i + k];
    return tok?.type === 'punct' && tok.value === p;
  }
  private eatWord(...words: string[]): SqlToken | undefined {
    return this.isWord(0, ...words) ? this.t[this.i++] : undefined;
  }
  private expectWord(...words: string[]): SqlToken {
    const tok = this.eatWord(...words);
    if (!tok) throw new Fail();
    return tok;
  }
  private expectPunct(p: string): SqlToken {
    if (!this.isPunct(0, p)) throw new Fail();
    return this.t[this.i++];
  }
  private last(): SqlToken {
    return this.t[Math.max(0, this.i - 1)];
  }
  /** At `(`: moves past its matching `)`. */
  private skipParens(): void {
    let depth = 0;
    for (; this.i < this.t.length; this.i++) {
      const tok = this.t[this.i];
      if (tok.type !== 'punct') continue;
      if (tok.value === '(') depth++;
      else if (tok.value === ')' && --depth === 0) {
        this.i++;
        return;
      }
    }
  }
  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new Fail();
  }

  // ---- statements -------------------------------------------------------

  statement(): SqlStatementNode | undefined {
    const first = this.peek()!;
    if (this.isWord(0, 'CREATE')) return this.create();
    if (this.isWord(0, 'APPLY') && this.isWord(1, 'CHANGES')) {
      this.i += 2;
      return this.cdc(first);
    }
    if (this.isWord(0, 'AUTO') && this.isWord(1, 'CDC')) {
      this.i += 2;
      return this.cdc(first);
    }
    if (this.isWord(0, 'INSERT')) return this.insert(first);
    if (this.startsQuery()) {
      const query = this.query();
      return { kind: 'query', query, span: query.span };
    }
    return undefined;
  }

  private create(): SqlStatementNode | undefined {
    const first = this.expectWord('CREATE');
    const modifiers = new Set<string>();
    while (this.isWord(0) && CREATE_MODIFIERS.has(this.peek()!.value.toUpperCase())) modifiers.add(this.t[this.i++].value.toUpperCase());
    if (this.eatWord('FLOW')) return this.flow(first);
    const objectWord = this.eatWord('TABLE', 'VIEW');
    if (!objectWord) return undefined;
    const isView = objectWord.value.toUpperCase() === 'VIEW';
    const object: SqlObjectKind = isView
      ? modifiers.has('MATERIALIZED') ? 'materialized-view' : 'view'
      : modifiers.has('STREAMING') ? 'streaming-table' : modifiers.has('LIVE') ? 'materialized-view' : 'table';
    if (this.isWord(0, 'IF') && this.isWord(1, 'NOT') && this.isWord(2, 'EXISTS')) this.i += 3;
    const name = this.name();
    const constraints = this.isPunct(0, '(') ? this.specification() : [];
    let query: SqlQuery | undefined;
    // Table clauses (COMMENT, TBLPROPERTIES (...), PARTITIONED BY (...), SCHEDULE ...) up to `AS query` or `FLOW INSERT ... BY NAME query`.
    while (this.i < this.t.length) {
      if (this.isPunct(0, '(')) {
        this.skipParens();
        continue;
      }
      if (this.isWord(0, 'AS') && this.startsQuery(1)) {
        this.i++;
        query = this.query();
        break;
      }
      if (this.isWord(0, 'FLOW') && this.isWord(1, 'INSERT')) {
        while (this.i < this.t.length && !(this.isWord(0, 'NAME') && this.startsQuery(1))) this.i++;
        this.i++;
        if (this.startsQuery()) query = this.query();
        break;
      }
      this.i++;
    }
    const temporary = modifiers.has('TEMPORARY') || modifiers.has('TEMP');
    return { kind: 'create', object, temporary, name: name.parts, nameSpan: name.span, constraints, query, span: joinSpans(first.span, this.last().span) };
  }

  /** `CREATE FLOW f AS INSERT INTO target BY NAME query` and `CREATE FLOW f AS AUTO CDC INTO target FROM source ...`. */
  private flow(first: SqlToken): SqlStatementNode | undefined {
    const name = this.name();
    while (this.i < this.t.length && !this.isWord(0, 'AS')) this.i++;
    this.expectWord('AS');
    if (this.isWord(0, 'AUTO', 'APPLY')) {
      this.i += 2;
      return this.cdc(first);
    }
    this.expectWord('INSERT');
    this.eatWord('INTO');
    const target = this.name();
    this.eatWord('BY');
    this.eatWord('NAME');
    const query = this.startsQuery() ? this.query() : undefined;
    return { kind: 'flow', name: name.parts, target: target.parts, targetSpan: target.span, query, span: joinSpans(first.span, this.last().span) };
  }

  /** After `APPLY CHANGES` / `AUTO CDC`: `INTO target FROM source KEYS (...) ...`. */
  private cdc(first: SqlToken): SqlStatementNode {
    this.expectWord('INTO');
    const target = this.name();
    this.expectWord('FROM');
    const source = this.relation();
    return { kind: 'cdc', target: target.parts, targetSpan: target.span, source, span: joinSpans(first.span, this.last().span) };
  }

  private insert(first: SqlToken): SqlStatementNode | undefined {
    this.i++;
    if (!this.eatWord('INTO', 'OVERWRITE')) return undefined;
    this.eatWord('TABLE');
    const target = this.name();
    while (this.i < this.t.length && !this.startsQuery()) {
      if (this.isPunct(0, '(') && !this.startsQuery(1)) this.skipParens();
      else this.i++;
    }
    const query = this.startsQuery() ? this.query() : undefined;
    return { kind: 'insert', target: target.parts, targetSpan: target.span, query, span: joinSpans(first.span, this.last().span) };
  }

  /** `(col type ..., CONSTRAINT name EXPECT (expr) [ON VIOLATION {FAIL UPDATE | DROP ROW}], ...)`. */
  private specification(): SqlConstraint[] {
    const out: SqlConstraint[] = [];
    this.expectPunct('(');
    let depth = 1;
    let itemStart = true;
    while (this.i < this.t.length && depth > 0) {
      const tok = this.t[this.i];
      if (itemStart && this.isWord(0, 'CONSTRAINT') && this.isWord(2, 'EXPECT')) {
        const name = this.t[this.i + 1];
        let onViolation: SqlConstraint['onViolation'];
        let j = this.i + 2;
        for (let d = 0; j < this.t.length; j++) {
          const x = this.t[j];
          if (x.type === 'punct' && x.value === '(') d++;
          else if (x.type === 'punct' && x.value === ')') {
            if (d === 0) break;
            d--;
          } else if (d === 0 && x.type === 'punct' && x.value === ',') break;
          else if (d === 0 && x.type === 'word' && x.value.toUpperCase() === 'FAIL') onViolation = 'fail';
          else if (d === 0 && x.type === 'word' && x.value.toUpperCase() === 'DROP') onViolation = 'drop';
        }
        out.push({ name: name.value, span: joinSpans(tok.span, this.t[j - 1].span), onViolation });
        this.i = j;
        itemStart = false;
        continue;
      }
      itemStart = false;
      if (tok.type === 'punct' && tok.value === '(') depth++;
      else if (tok.type === 'punct' && tok.value === ')') depth--;
      else if (tok.type === 'punct' && tok.value === ',' && depth === 1) itemStart = true;
      this.i++;
    }
    return out;
  }

  /** A dotted name; `${var}` / `{{var}}` parts kept as written. Throws when there is none. */
  private name(): { parts?: string[]; span: Span } {
    const first = this.peek();
    if (!first) throw new Fail();
    const parts: string[] = [];
    for (;;) {
      const tok = this.peek();
      if (!tok) break;
      if (tok.type === 'word' || tok.type === 'ident') {
        parts.push(tok.value);
        this.i++;
      } else if (tok.type === 'punct' && (tok.value === '$' || tok.value === '{') && this.isPunct(tok.value === '$' ? 1 : 0, '{')) {
        const start = this.i;
        let depth = 0;
        for (; this.i < this.t.length; this.i++) {
          const x = this.t[this.i];
          if (x.type === 'punct' && x.value === '{') depth++;
          else if (x.type === 'punct' && x.value === '}' && --depth === 0) break;
        }
        this.i++;
        parts.push(this.t.slice(start, this.i).map((x) => x.value).join(''));
      } else break;
      if (!this.isPunct(0, '.')) break;
      this.i++;
    }
    if (parts.length === 0) throw new Fail();
    return { parts, span: joinSpans(first.span, this.last().span) };
  }

  // ---- queries ----------------------------------------------------------

  private startsQuery(k = 0): boolean {
    if (this.isWord(k, 'SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE')) return true;
    // `AS (SELECT ...)`: legacy DLT statements wrap the query in parentheses.
    let j = k;
    while (this.isPunct(j, '(')) j++;
    return j > k && this.isWord(j, 'SELECT', 'WITH');
  }

  query(): SqlQuery {
    this.enter();
    const first = this.peek()!;
    const ctes: SqlQuery['ctes'] = [];
    if (this.eatWord('WITH')) {
      this.eatWord('RECURSIVE');
      do {
        const name = this.name();
        if (this.isPunct(0, '(')) this.skipParens();
        this.expectWord('AS');
        this.expectPunct('(');
        const query = this.query();
        this.expectPunct(')');
        ctes.push({ name: name.parts!.join('.'), query });
      } while (this.isPunct(0, ',') && ++this.i);
    }
    const body = this.setExpression();
    // ORDER BY / LIMIT / OFFSET and what else follows, up to the end or the closing parenthesis.
    this.scanExpression({});
    this.depth--;
    return { ctes, body, span: joinSpans(first.span, this.last().span) };
  }

  private setExpression(): SqlQueryBody {
    const first = this.peek()!;
    const parts = [this.term()];
    while (this.eatWord('UNION', 'INTERSECT', 'EXCEPT', 'MINUS')) {
      this.eatWord('ALL', 'DISTINCT');
      this.eatWord('BY');
      this.eatWord('NAME');
      parts.push(this.term());
    }
    return parts.length === 1 ? parts[0] : { kind: 'set', parts, span: joinSpans(first.span, this.last().span) };
  }

  private term(): SqlQueryBody {
    const first = this.peek();
    if (!first) throw new Fail();
    if (this.isPunct(0, '(')) {
      this.i++;
      const query = this.query();
      this.expectPunct(')');
      return { kind: 'nested', query, span: joinSpans(first.span, this.last().span) };
    }
    if (this.isWord(0, 'SELECT')) return this.select();
    if (this.eatWord('VALUES')) {
      this.scanExpression({ stops: CONDITION_STOPS });
      return { kind: 'select', span: joinSpans(first.span, this.last().span), aggregates: [], from: [], joins: [] };
    }
    if (this.eatWord('TABLE')) {
      const relation = this.relation();
      return { kind: 'select', span: joinSpans(first.span, this.last().span), aggregates: [], from: [relation], joins: [] };
    }
    if (this.isWord(0, 'FROM')) {
      // FROM-first queries (`FROM t SELECT ...`).
      this.i++;
      const select: SqlSelect = { kind: 'select', span: first.span, aggregates: [], from: [], joins: [] };
      this.fromList(select);
      if (this.isWord(0, 'SELECT')) {
        const rest = this.select();
        return { ...rest, from: select.from, joins: select.joins, span: joinSpans(first.span, this.last().span) };
      }
      return { ...select, span: joinSpans(first.span, this.last().span) };
    }
    throw new Fail();
  }

  private select(): SqlSelect {
    const first = this.expectWord('SELECT');
    const select: SqlSelect = { kind: 'select', span: first.span, aggregates: [], from: [], joins: [] };
    const distinct = this.eatWord('DISTINCT');
    if (distinct) select.distinct = distinct.span;
    this.eatWord('ALL');
    this.scanExpression({ stops: SELECT_LIST_STOPS, aggregates: select.aggregates, selectList: true });
    if (this.eatWord('FROM')) this.fromList(select);
    if (this.eatWord('WHERE')) this.scanExpression({ stops: CONDITION_STOPS });
    if (this.isWord(0, 'GROUP') && this.isWord(1, 'BY')) {
      const group = this.peek()!;
      this.i += 2;
      const start = this.i;
      const byWindow = this.scanExpression({ stops: CONDITION_STOPS, calls: ['window', 'session_window', 'window_time'] });
      const keys = this.t.slice(start, this.i);
      const empty = keys.length === 0 || (keys.length === 2 && keys[0].value === '(' && keys[1].value === ')');
      select.groupBy = { span: joinSpans(group.span, this.last().span), keys: empty ? 0 : topLevelCommas(keys) + 1, byWindow };
    }
    if (this.eatWord('HAVING')) this.scanExpression({ stops: CONDITION_STOPS, aggregates: select.aggregates });
    while (this.eatWord('WINDOW', 'QUALIFY')) this.scanExpression({ stops: CONDITION_STOPS });
    select.span = joinSpans(first.span, this.last().span);
    return select;
  }

  /**
   * Moves over an expression up to a stop word at depth 0, or the `)` closing the enclosing
   * group. `left(`, `right(` and `window(` are functions, not clauses.
   * Records aggregate calls (not window functions, not inside subqueries); returns whether a call
   * of one of `calls` was seen.
   */
  private scanExpression(options: ScanOptions): boolean {
    const { stops, aggregates, calls = [], comma = false, selectList = false } = options;
    let depth = 0;
    let seen = false;
    while (this.i < this.t.length) {
      const tok = this.t[this.i];
      if (tok.type === 'punct') {
        if (tok.value === '(') {
          if (this.isWord(1, 'SELECT', 'WITH')) {
            this.skipParens();
            continue;
          }
          depth++;
        } else if (tok.value === ')') {
          if (depth === 0) return seen;
          depth--;
        } else if (tok.value === ',' && depth === 0 && comma) return seen;
        this.i++;
        continue;
      }
      const upper = tok.value.toUpperCase();
      const call = tok.type === 'word' && this.isPunct(1, '(') && !(this.i > 0 && this.t[this.i - 1].type === 'punct' && this.t[this.i - 1].value === '.');
      if (depth === 0 && tok.type === 'word' && stops?.has(upper)) {
        const columnExclusion = selectList && upper === 'EXCEPT';
        if (!columnExclusion && !(call && FUNCTION_WORDS.has(upper))) return seen;
      }
      if (call) {
        const fn = tok.value.toLowerCase();
        if (calls.includes(fn)) seen = true;
        if (aggregates && AGGREGATES.has(fn)) {
          const start = this.i;
          this.i++;
          this.skipParens();
          if (!this.isWord(0, 'OVER')) aggregates.push({ name: fn, span: joinSpans(tok.span, this.last().span) });
          // Back to the `(`: the arguments are scanned like any group.
          this.i = start + 1;
          continue;
        }
      }
      this.i++;
    }
    return seen;
  }

  // ---- relations --------------------------------------------------------

  private fromList(select: SqlSelect): void {
    select.from.push(this.relation());
    for (;;) {
      if (this.isPunct(0, ',')) {
        this.i++;
        select.from.push(this.relation());
      } else if (this.isWord(0, 'LATERAL') && this.isWord(1, 'VIEW')) {
        // Hive `LATERAL VIEW [OUTER] explode(x) t AS c`: no relation of its own.
        this.i += 2;
        this.eatWord('OUTER');
        this.scanExpression({ stops: CONDITION_STOPS });
      } else if (this.isWord(0) && JOIN_WORDS.has(this.peek()!.value.toUpperCase())) {
        select.joins.push(this.join());
      } else return;
    }
  }

  private join(): SqlJoin {
    const first = this.peek()!;
    while (this.isWord(0) && JOIN_WORDS.has(this.peek()!.value.toUpperCase()) && !this.isWord(0, 'JOIN')) this.i++;
    this.eatWord('OUTER');
    const joinWord = this.expectWord('JOIN');
    const relation = this.relation();
    let timeBounded = false;
    if (this.eatWord('ON')) {
      const start = this.i;
      this.scanExpression({ stops: CONDITION_STOPS });
      timeBounded = this.t.slice(start, this.i).some((tok, j, cond) =>
        (tok.type === 'punct' && (tok.value === '<' || tok.value === '>') && !(tok.value === '>' && cond[j - 1]?.value === '=') && !(tok.value === '<' && cond[j + 2]?.value === '>'))
        || (tok.type === 'word' && ['BETWEEN', 'INTERVAL'].includes(tok.value.toUpperCase())));
    } else if (this.eatWord('USING')) {
      if (this.isPunct(0, '(')) this.skipParens();
    }
    return { relation, span: joinSpans(first.span, joinWord.span), timeBounded };
  }

  relation(): SqlRelation {
    this.enter();
    const first = this.peek();
    if (!first) throw new Fail();
    let relation: SqlRelation;
    this.eatWord('LATERAL');
    if (this.isWord(0, 'STREAM') && (this.isPunct(1, '(') || this.isWord(1) || this.peek(1)?.type === 'ident' || this.isPunct(1, '$') || this.isPunct(1, '{'))) {
      this.i++;
      if (this.isPunct(0, '(')) {
        this.i++;
        relation = this.isWord(0, 'SELECT', 'WITH') ? this.subquery(first) : this.relationCore(first);
        this.expectPunct(')');
      } else relation = this.relationCore(first);
      relation.stream = true;
    } else if (this.isPunct(0, '(')) {
      this.i++;
      relation = this.startsQuery() ? this.subquery(first) : this.relation();
      this.expectPunct(')');
    } else relation = this.relationCore(first);
    this.postfix(relation);
    relation.span = joinSpans(first.span, this.last().span);
    this.depth--;
    return relation;
  }

  private subquery(first: SqlToken): SqlRelation {
    const query = this.query();
    return { kind: 'subquery', query, stream: false, span: joinSpans(first.span, this.last().span) };
  }

  private relationCore(first: SqlToken): SqlRelation {
    const name = this.name();
    if (!this.isPunct(0, '(')) return { kind: 'table', name: name.parts!, stream: false, span: name.span };
    const args = this.args();
    const fn = name.parts![name.parts!.length - 1].toLowerCase();
    return { kind: 'function', name: fn, nameSpan: name.span, args, callSpan: joinSpans(name.span, this.last().span), stream: false, span: joinSpans(first.span, this.last().span) };
  }

  /** Watermark, alias, TABLESAMPLE, time travel, options, in any order. */
  private postfix(relation: SqlRelation): void {
    for (let guard = 0; guard < 8; guard++) {
      if (this.isWord(0, 'WATERMARK')) relation.watermark = this.watermark();
      else if (this.isWord(0, 'TABLESAMPLE')) {
        this.i++;
        if (this.isPunct(0, '(')) this.skipParens();
      } else if (this.isWord(0, 'VERSION', 'TIMESTAMP') && this.isWord(1, 'AS') && this.isWord(2, 'OF')) {
        this.i += 3;
        this.i++;
      } else if (this.isWord(0, 'WITH') && this.isPunct(1, '(')) {
        this.i++;
        this.skipParens();
      } else if (this.isWord(0, 'AS') && (this.isWord(1) || this.peek(1)?.type === 'ident')) {
        relation.alias = this.t[this.i + 1].value;
        this.i += 2;
        if (this.isPunct(0, '(')) this.skipParens();
      } else if ((this.isWord(0) && !CLAUSE_WORDS.has(this.peek()!.value.toUpperCase()) && !this.isWord(0, 'WITH')) || this.peek()?.type === 'ident') {
        relation.alias = this.t[this.i++].value;
        if (this.isPunct(0, '(')) this.skipParens();
      } else return;
    }
  }

  /** `WATERMARK expr [AS name] DELAY OF INTERVAL 10 MINUTES` (or `INTERVAL '10 minutes'`). */
  private watermark(): SqlWatermark {
    const first = this.expectWord('WATERMARK');
    const column = this.peek()?.value;
    let depth = 0;
    while (this.i < this.t.length && !(depth === 0 && this.isWord(0, 'DELAY') && this.isWord(1, 'OF'))) {
      if (this.isPunct(0, '(')) depth++;
      else if (this.isPunct(0, ')')) depth--;
      this.i++;
    }
    this.expectWord('DELAY');
    this.expectWord('OF');
    this.eatWord('INTERVAL');
    while (this.i < this.t.length) {
      const tok = this.t[this.i];
      const unit = tok.type === 'word' && INTERVAL_UNITS.test(tok.value);
      if (tok.type === 'string' || tok.type === 'number' || unit || (tok.type === 'punct' && tok.value === '-')) this.i++;
      else break;
    }
    return { span: joinSpans(first.span, this.last().span), column };
  }

  /** `(arg, name => value, ...)`: literals and `map(...)` are read, other expressions skipped. */
  private args(): SqlArg[] {
    this.expectPunct('(');
    const out: SqlArg[] = [];
    while (this.i < this.t.length && !this.isPunct(0, ')')) {
      const first = this.peek()!;
      let name: string | undefined;
      if ((first.type === 'word' || first.type === 'ident') && this.isPunct(1, '=') && this.isPunct(2, '>')) {
        name = first.value;
        this.i += 3;
      }
      const value = this.value();
      out.push({ name, value, span: joinSpans(first.span, this.last().span) });
      if (this.isPunct(0, ',')) this.i++;
      else if (!this.isPunct(0, ')')) throw new Fail();
    }
    this.expectPunct(')');
    return out;
  }

  private value(): SqlValue {
    const tok = this.peek();
    if (!tok) throw new Fail();
    const ends = (k: number): boolean => this.isPunct(k, ',') || this.isPunct(k, ')');
    if (tok.type === 'string' && ends(1)) {
      this.i++;
      return { kind: 'string', value: tok.value };
    }
    if (tok.type === 'number' && ends(1)) {
      this.i++;
      return { kind: 'number', value: Number(tok.value) };
    }
    if (this.isWord(0, 'TRUE', 'FALSE') && ends(1)) {
      this.i++;
      return { kind: 'boolean', value: tok.value.toUpperCase() === 'TRUE' };
    }
    if (this.isWord(0, 'NULL') && ends(1)) {
      this.i++;
      return { kind: 'null' };
    }
    if (this.isWord(0, 'MAP') && this.isPunct(1, '(')) {
      const start = this.i;
      this.i++;
      const items = this.args();
      if (ends(0)) {
        const entries = new Map<string, string | number | boolean | null>();
        for (let k = 0; k + 1 < items.length; k += 2) {
          const key = literal(items[k].value);
          if (typeof key === 'string') entries.set(key, literal(items[k + 1].value) ?? '<expr>');
        }
        return { kind: 'map', entries };
      }
      this.i = start;
    }
    this.scanExpression({ comma: true });
    return { kind: 'expr' };
  }
}

function literal(value: SqlValue): string | number | boolean | null | undefined {
  if (value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean') return value.value;
  if (value.kind === 'null') return null;
  return undefined;
}

function topLevelCommas(tokens: SqlToken[]): number {
  let depth = 0;
  let commas = 0;
  for (const tok of tokens) {
    if (tok.type !== 'punct') continue;
    if (tok.value === '(') depth++;
    else if (tok.value === ')') depth--;
    else if (tok.value === ',' && depth === 0) commas++;
  }
  return commas;
}
