import { describe, expect, it } from 'vitest';
import { parseSqlUnit } from '../../src/model/sql.js';
import { parseSqlStatement } from '../../src/model/sql-parser.js';
import { buildSqlLineage } from '../../src/model/sql-lineage.js';
import type { SqlQuery, SqlRelation, SqlSelect, SqlStatementNode } from '../../src/model/sql-ast.js';
import type { Span, TextUnit } from '../../src/model/types.js';

function unitOf(text: string): TextUnit {
  const rows = text.split('\n');
  return { text, lineMap: rows.map((_, i) => i + 1), colOffset: rows.map(() => 0) };
}

function parse(text: string): (SqlStatementNode | undefined)[] {
  return parseSqlUnit(unitOf(text)).statements.map(parseSqlStatement);
}

function one(text: string): SqlStatementNode {
  const [node] = parse(text);
  if (!node) throw new Error(`not parsed: ${text}`);
  return node;
}

function queryOf(node: SqlStatementNode): SqlQuery {
  if (node.kind === 'cdc' || !node.query) throw new Error('no query');
  return node.query;
}

function selectOf(node: SqlStatementNode): SqlSelect {
  let body = queryOf(node).body;
  while (body.kind === 'nested') body = body.query.body;
  if (body.kind !== 'select') throw new Error('not a select');
  return body;
}

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;

describe('SQL parser: CREATE statements', () => {
  it('reads a streaming table with constraints, clauses and a STREAM read_files query', () => {
    const node = one(
      "CREATE OR REFRESH STREAMING TABLE main.bronze.raw (\n" +
        '  id STRING NOT NULL,\n' +
        '  CONSTRAINT valid_id EXPECT (id IS NOT NULL) ON VIOLATION DROP ROW,\n' +
        '  CONSTRAINT valid_ts EXPECT (ts > "2020-01-01") ON VIOLATION FAIL UPDATE\n' +
        ")\nCOMMENT 'raw' TBLPROPERTIES ('quality' = 'bronze')\n" +
        "AS SELECT * FROM STREAM read_files('/Volumes/main/raw/events', format => 'json', `cloudFiles.inferColumnTypes` => true, maxFilesPerTrigger => 100)",
    );
    expect(node.kind).toBe('create');
    if (node.kind !== 'create') return;
    expect(node.object).toBe('streaming-table');
    expect(node.name).toEqual(['main', 'bronze', 'raw']);
    expect(at(node.nameSpan)).toBe('1:35-1:50');
    expect(node.constraints.map((c) => [c.name, c.onViolation])).toEqual([['valid_id', 'drop'], ['valid_ts', 'fail']]);
    const rel = selectOf(node).from[0];
    expect(rel.kind).toBe('function');
    if (rel.kind !== 'function') return;
    expect(rel.stream).toBe(true);
    expect(rel.name).toBe('read_files');
    expect(at(rel.nameSpan)).toBe('7:25-7:35');
    expect(rel.args.map((a) => [a.name, a.value])).toEqual([
      [undefined, { kind: 'string', value: '/Volumes/main/raw/events' }],
      ['format', { kind: 'string', value: 'json' }],
      ['cloudFiles.inferColumnTypes', { kind: 'boolean', value: true }],
      ['maxFilesPerTrigger', { kind: 'number', value: 100 }],
    ]);
  });

  it('reads the reader options of a table relation: STREAM t WITH (...), STREAM(t) WITH (...), keys quoted or dotted, = optional', () => {
    const node = one(
      "CREATE OR REFRESH STREAMING TABLE s AS SELECT * FROM STREAM main.raw.events WITH ('maxFilesPerTrigger' = '10', readChangeFeed = true) AS e " +
        "JOIN STREAM(LIVE.users) WITH (spark.sql.x 5, ('broken'), 'maxBytesPerTrigger' '1g') u ON e.id = u.id",
    );
    const select = selectOf(node);
    const first = select.from[0];
    expect(first.kind === 'table' && first.options).toEqual(new Map([['maxFilesPerTrigger', '10'], ['readChangeFeed', 'true']]));
    expect(first.alias).toBe('e');
    const second = select.joins[0].relation;
    expect(second.kind === 'table' && second.stream && second.options).toEqual(new Map([['spark.sql.x', '5'], ['maxBytesPerTrigger', '1g']]));
    expect(second.alias).toBe('u');
  });

  it('tells the created objects apart (legacy LIVE tables are materialized views)', () => {
    const kinds = parse(
      [
        'CREATE OR REFRESH MATERIALIZED VIEW mv AS SELECT 1',
        'CREATE OR REPLACE TEMP VIEW v AS SELECT * FROM t',
        'CREATE TEMPORARY LIVE VIEW lv AS SELECT * FROM t',
        'CREATE STREAMING LIVE TABLE slt AS SELECT * FROM cloud_files("/x", "json")',
        'CREATE LIVE TABLE lt AS SELECT * FROM t',
        'CREATE TABLE IF NOT EXISTS plain AS SELECT * FROM t',
        'CREATE STREAMING TABLE target',
      ].join(';\n'),
    ).map((n) => (n?.kind === 'create' ? `${n.object}:${n.temporary}:${n.name?.join('.')}:${!!n.query}` : n?.kind));
    expect(kinds).toEqual([
      'materialized-view:false:mv:true',
      'view:true:v:true',
      'view:true:lv:true',
      'streaming-table:false:slt:true',
      'materialized-view:false:lt:true',
      'table:false:plain:true',
      'streaming-table:false:target:false',
    ]);
  });

  it('reads a legacy parenthesised query and cloud_files with a map of options', () => {
    const node = one(`CREATE OR REFRESH STREAMING LIVE TABLE f\nCOMMENT "x"\nAS (SELECT * FROM cloud_files('/in/', 'csv', map("header", "true", "cloudFiles.maxFilesPerTrigger", 10)))`);
    const rel = selectOf(node).from[0];
    if (rel.kind !== 'function') throw new Error('not a function');
    expect(rel.stream).toBe(false);
    expect(rel.args[2].value).toEqual({ kind: 'map', entries: new Map<string, unknown>([['header', 'true'], ['cloudFiles.maxFilesPerTrigger', 10]]) });
  });

  it('reads flows, AUTO CDC / APPLY CHANGES and INSERT INTO', () => {
    const nodes = parse(
      [
        'CREATE FLOW backfill AS INSERT INTO events BY NAME SELECT * FROM STREAM read_files("/old", format => "json")',
        'APPLY CHANGES INTO LIVE.customers FROM STREAM(LIVE.customers_cdc) KEYS (id) SEQUENCE BY ts STORED AS SCD TYPE 1',
        'CREATE FLOW f2 AS AUTO CDC INTO dim FROM STREAM cdc_feed KEYS (id) SEQUENCE BY ts',
        'INSERT INTO main.s.t SELECT a FROM main.s.u',
      ].join(';\n'),
    );
    expect(nodes.map((n) => n?.kind)).toEqual(['flow', 'cdc', 'cdc', 'insert']);
    const cdc = nodes[1];
    if (cdc?.kind !== 'cdc') throw new Error('not cdc');
    expect(cdc.target).toEqual(['LIVE', 'customers']);
    expect(cdc.source).toMatchObject({ kind: 'table', name: ['LIVE', 'customers_cdc'], stream: true });
    const flow = nodes[0];
    if (flow?.kind !== 'flow') throw new Error('not a flow');
    expect(flow.target).toEqual(['events']);
  });

  it('skips statements it does not model and syntax it cannot follow, without throwing', () => {
    expect(parse('USE CATALOG main; SET x = 1; OPTIMIZE t; DROP TABLE t; SELECT FROM; CREATE; SELECT * FROM STREAM(')).toEqual([
      undefined, undefined, undefined, undefined, undefined, undefined, undefined,
    ]);
  });
});

describe('SQL parser: queries', () => {
  const relations = (text: string): SqlRelation[] => selectOf(one(text)).from;

  it('reads the relation forms: STREAM(t), STREAM t, LIVE.t, read_kafka, subqueries, aliases', () => {
    const from = relations(
      "SELECT * FROM STREAM(LIVE.a), STREAM b AS bb, LIVE.c, read_kafka(bootstrapServers => 'k:9092', subscribe => 't') k, (SELECT * FROM STREAM d) sub, `main`.`s`.`e`",
    );
    expect(from.map((r) => `${r.kind}:${r.stream}:${r.kind === 'table' ? r.name.join('.') : r.kind === 'function' ? r.name : 'q'}:${r.alias ?? ''}`)).toEqual([
      'table:true:LIVE.a:',
      'table:true:b:bb',
      'table:false:LIVE.c:',
      'function:false:read_kafka:k',
      'subquery:false:q:sub',
      'table:false:main.s.e:',
    ]);
  });

  it('reads a subquery right after FROM, joined to a stream, and `window(`/`left(` as functions in the select list', () => {
    const select = selectOf(one("SELECT * EXCEPT (r), window(ts, '1 minute') AS w, left(s, 2) FROM (SELECT *, f(r) AS x FROM stream(a)) INNER JOIN stream(b) USING (id)"));
    expect(select.from.map((r) => r.kind)).toEqual(['subquery']);
    expect(select.joins.map((j) => j.relation)).toMatchObject([{ kind: 'table', name: ['b'], stream: true }]);
  });

  it('reads WATERMARK clauses (column or named expression, interval literal or string), before the alias', () => {
    const from = relations(
      "SELECT * FROM STREAM events WATERMARK ts DELAY OF INTERVAL 10 MINUTES AS e JOIN STREAM clicks WATERMARK to_timestamp(t) AS ct DELAY OF INTERVAL '1 hour' c ON e.id = c.id",
    );
    expect(from[0].watermark?.column).toBe('ts');
    expect(at(from[0].watermark!.span)).toBe('1:29-1:70');
    expect(from[0].alias).toBe('e');
    const select = selectOf(one("SELECT * FROM STREAM events WATERMARK ts DELAY OF INTERVAL 10 MINUTES AS e JOIN STREAM clicks WATERMARK to_timestamp(t) AS ct DELAY OF INTERVAL '1 hour' c ON e.id = c.id"));
    expect(select.joins[0].relation.watermark?.column).toBe('to_timestamp');
    expect(select.joins[0].relation.alias).toBe('c');
    expect(select.joins[0].timeBounded).toBe(false);
  });

  it('finds GROUP BY keys and windows, DISTINCT, aggregates (not window functions), joins and their time bounds', () => {
    const select = selectOf(
      one(
        'SELECT DISTINCT a.k, count(*) AS n, round(avg(x), 2), row_number() OVER (PARTITION BY k ORDER BY ts), sum(x) OVER (PARTITION BY k) ' +
          'FROM STREAM a LEFT OUTER JOIN STREAM b ON a.id = b.id AND b.ts BETWEEN a.ts AND a.ts + INTERVAL 1 HOUR ' +
          "WHERE a.x > (SELECT max(y) FROM c) GROUP BY window(a.ts, '5 minutes'), a.k HAVING max(x) > 1 ORDER BY 1 LIMIT 5",
      ),
    );
    expect(select.distinct).toBeDefined();
    expect(select.aggregates.map((a) => a.name)).toEqual(['count', 'avg', 'max']);
    expect(select.joins.map((j) => j.timeBounded)).toEqual([true]);
    expect(select.groupBy).toMatchObject({ keys: 2, byWindow: true });
    expect(selectOf(one('SELECT count(*) FROM STREAM a GROUP BY ()')).groupBy?.keys).toBe(0);
  });

  it('keeps `SELECT * EXCEPT (cols)` apart from the EXCEPT set operation, and reads CTEs and unions', () => {
    expect(relations('SELECT * EXCEPT (a, b) FROM STREAM t').map((r) => r.stream)).toEqual([true]);
    const node = one('WITH s AS (SELECT * FROM STREAM(src)), u AS (SELECT * FROM s) SELECT k FROM u UNION ALL SELECT k FROM STREAM other');
    const query = queryOf(node);
    expect(query.ctes.map((c) => c.name)).toEqual(['s', 'u']);
    expect(query.body.kind).toBe('set');
  });

  it('reads dynamic names (${var}, {{var}}) as written', () => {
    expect(relations('SELECT * FROM STREAM ${catalog}.bronze.{{table}}')[0]).toMatchObject({ kind: 'table', name: ['${catalog}', 'bronze', '{{table}}'] });
  });
});

describe('SQL parser: robustness', () => {
  it('never throws and always ends on token soup (seeded)', () => {
    const vocabulary = [
      'CREATE', 'OR', 'REFRESH', 'STREAMING', 'TABLE', 'VIEW', 'AS', 'SELECT', 'FROM', 'STREAM', 'read_files', 'cloud_files', 'map',
      'WATERMARK', 'DELAY', 'OF', 'INTERVAL', '10', 'MINUTES', 'GROUP', 'BY', 'JOIN', 'ON', 'WITH', 'UNION', 'EXCEPT', 'DISTINCT',
      '(', ')', ',', '.', '=', '>', "'x'", '`y`', 'a', 'count', '*', '${', '}', 'CONSTRAINT', 'EXPECT', 'FLOW', 'INSERT', 'INTO', 'APPLY', 'CHANGES',
    ];
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 2000; n++) {
      const length = 1 + Math.floor(next() * 40);
      const text = Array.from({ length }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ');
      expect(() => parse(text)).not.toThrow();
      expect(() => buildSqlLineage(parseSqlUnit(unitOf(text)).statements)).not.toThrow();
    }
  });
});
