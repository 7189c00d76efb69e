/**
 * Queries and relations of the SQL parser: WITH, set operations, SELECT (select list, FROM with
 * joins, WHERE, GROUP BY, HAVING), and the relation forms Lakeflow uses: `STREAM t`,
 * `STREAM(t)`, `STREAM read_files(...)`, table-valued functions with named arguments and
 * `map(...)`, subqueries, with `WATERMARK ... DELAY OF INTERVAL ...` and aliases.
 * https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-qry-select
 * https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-qry-select-watermark
 */
import type { SqlToken } from './sql.js';
import type { SqlArg, SqlJoin, SqlQuery, SqlQueryBody, SqlRelation, SqlSelect, SqlValue, SqlWatermark } from './sql-ast.js';
import { Fail, joinSpans, SqlCursor } from './sql-cursor.js';

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
const INTERVAL_UNITS = new Set(['YEAR', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND'].flatMap((u) => [u, `${u}S`]).concat('TO'));

export class SqlQueryParser extends SqlCursor {
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

  protected setExpression(): SqlQueryBody {
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

  protected term(): SqlQueryBody {
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

  protected select(): SqlSelect {
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

  // ---- relations --------------------------------------------------------

  protected fromList(select: SqlSelect): void {
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

  protected join(): SqlJoin {
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

  protected subquery(first: SqlToken): SqlRelation {
    const query = this.query();
    return { kind: 'subquery', query, stream: false, span: joinSpans(first.span, this.last().span) };
  }

  protected relationCore(first: SqlToken): SqlRelation {
    const name = this.name();
    if (!this.isPunct(0, '(')) return { kind: 'table', name: name.parts!, stream: false, span: name.span };
    const args = this.args();
    const fn = name.parts![name.parts!.length - 1].toLowerCase();
    return { kind: 'function', name: fn, nameSpan: name.span, args, callSpan: joinSpans(name.span, this.last().span), stream: false, span: joinSpans(first.span, this.last().span) };
  }

  /**
   * At `(` of an options list: `WITH ('maxFilesPerTrigger' = '10', readChangeFeed = true)`, keys
   * as strings or (dotted) names, `=` optional, literal values. Ends past the `)`; an entry it
   * cannot read is skipped.
   * https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-syntax-qry-select-table-reference
   */
  protected options(): Map<string, string> {
    const options = new Map<string, string>();
    // The matching `)` (the last token when unbalanced), found as `skipParens` finds it.
    const open = this.i;
    this.skipParens();
    const end = this.i - 1;
    this.i = open + 1;
    const isValue = (tok: SqlToken | undefined): tok is SqlToken => tok !== undefined && (tok.type === 'string' || tok.type === 'number' || tok.type === 'word' || tok.type === 'ident');
    while (this.i < end) {
      const start = this.i;
      // The key: a string, or a name with dotted parts (`spark.sql.x`).
      let key = isValue(this.t[this.i]) && this.t[this.i].type !== 'number' ? this.t[this.i++].value : undefined;
      if (key !== undefined && this.t[start].type !== 'string') {
        while (this.i + 1 < end && this.isPunct(0, '.') && isValue(this.t[this.i + 1])) {
          key += `.${this.t[this.i + 1].value}`;
          this.i += 2;
        }
      }
      if (this.isPunct(0, '=')) this.i++;
      const value = this.i < end ? this.t[this.i] : undefined;
      if (key !== undefined && isValue(value) && (this.i + 1 >= end || this.isPunct(1, ','))) options.set(key, value.value);
      // On to the next entry at this depth.
      for (let depth = 0; this.i < end && !(depth === 0 && this.isPunct(0, ',')); this.i++) {
        if (this.isPunct(0, '(')) depth++;
        else if (this.isPunct(0, ')')) depth--;
      }
      if (this.isPunct(0, ',')) this.i++;
    }
    this.i = end + 1;
    return options;
  }

  /** Watermark, alias, TABLESAMPLE, time travel, options, in any order. */
  protected postfix(relation: SqlRelation): void {
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
        relation.options = this.options();
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
  protected watermark(): SqlWatermark {
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
      const unit = tok.type === 'word' && INTERVAL_UNITS.has(tok.value.toUpperCase());
      if (tok.type === 'string' || tok.type === 'number' || unit || (tok.type === 'punct' && tok.value === '-')) this.i++;
      else break;
    }
    return { span: joinSpans(first.span, this.last().span), column };
  }

  /** `(arg, name => value, ...)`: literals and `map(...)` are read, other expressions skipped. */
  protected args(): SqlArg[] {
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

  protected value(): SqlValue {
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
