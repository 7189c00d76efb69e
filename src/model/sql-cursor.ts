/**
 * The token cursor under the SQL parser (sql-parser.ts, sql-query-parser.ts): lookahead over the
 * tokens of sql.ts, balanced-parenthesis skipping, dotted names, and the expression scan that
 * moves over what lineage does not model while noting aggregate and window calls.
 */
import type { SqlToken } from './sql.js';
import type { Span } from './types.js';
import type { SqlSelect } from './sql-ast.js';

const AGGREGATES = new Set([
  'count', 'sum', 'avg', 'mean', 'min', 'max', 'count_if', 'approx_count_distinct', 'collect_list', 'collect_set', 'array_agg',
  'first', 'first_value', 'last', 'last_value', 'any_value', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp',
  'percentile', 'percentile_approx', 'approx_percentile', 'median', 'mode', 'max_by', 'min_by', 'bool_and', 'bool_or', 'every', 'some', 'any',
  'string_agg', 'listagg', 'histogram_numeric', 'kurtosis', 'skewness', 'corr', 'covar_pop', 'covar_samp', 'bit_and', 'bit_or', 'bit_xor',
]);
/** Stop words that are also functions: `left(s, 3)`, `window(ts, '5 minutes')`. */
const FUNCTION_WORDS = new Set(['LEFT', 'RIGHT', 'WINDOW']);
const MAX_DEPTH = 200;

/** Thrown inside the parser when a statement does not follow the grammar; never escapes it. */
export class Fail extends Error {}

export function joinSpans(a: Span, b: Span): Span {
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

export interface ScanOptions {
  stops?: ReadonlySet<string>;
  aggregates?: SqlSelect['aggregates'];
  /** Function names whose call is reported (`window` in GROUP BY). */
  calls?: string[];
  /** A top-level `,` ends the expression (a function argument). */
  comma?: boolean;
  /** In a select list `* EXCEPT (a, b)` drops columns: no set operation. */
  selectList?: boolean;
}

export class SqlCursor {
  protected i = 0;
  protected depth = 0;

  constructor(protected readonly t: SqlToken[]) {}

  protected peek(k = 0): SqlToken | undefined {
    return this.t[this.i + k];
  }
  protected isWord(k: number, ...words: string[]): boolean {
    const tok = this.t[this.i + k];
    return tok?.type === 'word' && (words.length === 0 || words.includes(tok.value.toUpperCase()));
  }
  protected isPunct(k: number, p: string): boolean {
    const tok = this.t[this.i + k];
    return tok?.type === 'punct' && tok.value === p;
  }
  protected eatWord(...words: string[]): SqlToken | undefined {
    return this.isWord(0, ...words) ? this.t[this.i++] : undefined;
  }
  protected expectWord(...words: string[]): SqlToken {
    const tok = this.eatWord(...words);
    if (!tok) throw new Fail();
    return tok;
  }
  protected expectPunct(p: string): SqlToken {
    if (!this.isPunct(0, p)) throw new Fail();
    return this.t[this.i++];
  }
  protected last(): SqlToken {
    return this.t[Math.max(0, this.i - 1)];
  }
  /** At `(`: moves past its matching `)`. */
  protected skipParens(): void {
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
  protected enter(): void {
    if (++this.depth > MAX_DEPTH) throw new Fail();
  }

  /** A dotted name; `${var}` / `{{var}}` parts kept as written. Throws when there is none. */
  protected name(): { parts?: string[]; span: Span } {
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

  protected startsQuery(k = 0): boolean {
    if (this.isWord(k, 'SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE')) return true;
    // `AS (SELECT ...)`: legacy DLT statements wrap the query in parentheses.
    let j = k;
    while (this.isPunct(j, '(')) j++;
    return j > k && this.isWord(j, 'SELECT', 'WITH');
  }

  /**
   * Moves over an expression up to a stop word at depth 0, or the `)` closing the enclosing
   * group. `left(`, `right(` and `window(` are functions, not clauses.
   * Records aggregate calls (not window functions, not inside subqueries); returns whether a call
   * of one of `calls` was seen.
   */
  protected scanExpression(options: ScanOptions): boolean {
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
}
