/**
 * A small recursive-descent parser over the tokens of sql.ts for the statements lineage reads
 * (see sql-ast.ts): CREATE ... STREAMING TABLE / MATERIALIZED VIEW / VIEW / FLOW, APPLY CHANGES /
 * AUTO CDC, INSERT INTO and queries (sql-query-parser.ts). It follows the Databricks SQL grammar
 * only as far as lineage needs: clauses it does not model are skipped by balanced parentheses,
 * and a statement it cannot follow is dropped (undefined), never an error.
 * https://docs.databricks.com/aws/en/ldp/developer/ldp-sql-ref-create-streaming-table
 */
import type { SqlStatement, SqlToken } from './sql.js';
import type { SqlConstraint, SqlObjectKind, SqlQuery, SqlStatementNode } from './sql-ast.js';
import { joinSpans } from './sql-cursor.js';
import { SqlQueryParser } from './sql-query-parser.js';

export { joinSpans };

const CREATE_MODIFIERS = new Set(['OR', 'REFRESH', 'REPLACE', 'PRIVATE', 'TEMPORARY', 'TEMP', 'GLOBAL', 'STREAMING', 'MATERIALIZED', 'LIVE', 'EXTERNAL']);

/** The statement as lineage reads it, or undefined for statements it does not model. */
export function parseSqlStatement(statement: SqlStatement): SqlStatementNode | undefined {
  if (statement.tokens.length === 0) return undefined;
  try {
    return new Parser(statement.tokens).statement();
  } catch {
    return undefined;
  }
}

class Parser extends SqlQueryParser {
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
}
