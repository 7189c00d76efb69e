import { describe, expect, it } from 'vitest';
import { parseSqlUnit } from '../../src/model/sql.js';
import { buildSqlLineage } from '../../src/model/sql-lineage.js';
import { anchoredSqlUnit } from '../../src/model/sql-embedded.js';
import type { Flow } from '../../src/model/python-types.js';
import type { TextUnit } from '../../src/model/types.js';

function unitOf(text: string): TextUnit {
  const rows = text.split('\n');
  return { text, lineMap: rows.map((_, i) => i + 1), colOffset: rows.map(() => 0) };
}

const lineage = (text: string, views?: Map<string, Flow>) => buildSqlLineage(parseSqlUnit(unitOf(text)).statements, views);

describe('SQL lineage: sources in the shapes of the Python lineage', () => {
  it('read_files is Auto Loader: options from named arguments, prefixed like Python options, schema => as a schema', () => {
    const { sources } = lineage("CREATE STREAMING TABLE t AS SELECT * FROM STREAM read_files('/in', format => 'json', schema => 'a INT', maxFilesPerTrigger => 10, multiLine => true)");
    expect(sources.map((s) => ({ api: s.api, streaming: s.streaming, format: s.format, options: Object.fromEntries(s.options), schemaGiven: s.schemaGiven, loadPath: s.loadPath }))).toEqual([
      { api: 'read_files', streaming: true, format: 'cloudFiles', options: { 'cloudFiles.format': 'json', 'cloudFiles.maxFilesPerTrigger': 10, multiLine: true }, schemaGiven: true, loadPath: '/in' },
    ]);
  });

  it('cloud_files always streams, with its format and map options; read_kafka is kafka; batch read_files is not a stream', () => {
    const { sources } = lineage(
      [
        "CREATE STREAMING LIVE TABLE c AS SELECT * FROM cloud_files('/c', 'csv', map('header', 'true', 'cloudFiles.schemaHints', 'id INT'))",
        "CREATE STREAMING TABLE k AS SELECT * FROM STREAM read_kafka(bootstrapServers => 'b:9092', subscribe => 'e')",
        "CREATE MATERIALIZED VIEW m AS SELECT * FROM read_files('/m', format => 'csv')",
      ].join(';\n'),
    );
    expect(sources.map((s) => [s.api, s.streaming, s.format, Object.fromEntries(s.options)])).toEqual([
      ['cloud_files', true, 'cloudFiles', { 'cloudFiles.format': 'csv', header: 'true', 'cloudFiles.schemaHints': 'id INT' }],
      ['read_kafka', true, 'kafka', { bootstrapServers: 'b:9092', subscribe: 'e' }],
      ['read_files', false, 'cloudFiles', { 'cloudFiles.format': 'csv' }],
    ]);
  });

  it('STREAM of a pipeline table is a dlt source, of another table a delta source; events carry the watermark', () => {
    const { sources, events } = lineage(
      [
        'CREATE STREAMING TABLE bronze AS SELECT * FROM STREAM read_files("/in", format => "parquet")',
        'CREATE STREAMING TABLE silver AS SELECT k, count(*) FROM STREAM bronze WATERMARK ts DELAY OF INTERVAL 5 MINUTES GROUP BY k',
        'CREATE STREAMING TABLE other AS SELECT DISTINCT k FROM STREAM main.s.ext',
      ].join(';\n'),
    );
    expect(sources.map((s) => [s.api, s.format, s.table])).toEqual([['read_files', 'cloudFiles', undefined], ['STREAM', 'dlt', 'bronze'], ['STREAM', 'delta', 'main.s.ext']]);
    expect(events.map((e) => [e.kind, e.op, e.target, !!e.flow.watermark, e.span.line])).toEqual([
      ['sink', 'CREATE STREAMING TABLE', 'bronze', false, 1],
      ['stateful', 'GROUP BY', undefined, true, 2],
      ['sink', 'CREATE STREAMING TABLE', 'silver', true, 2],
      ['stateful', 'DISTINCT', undefined, false, 3],
      ['sink', 'CREATE STREAMING TABLE', 'other', false, 3],
    ]);
  });

  it('resolves names against the temporary views it is given', () => {
    const view: Flow = { streaming: true, sources: [] };
    const { events } = lineage('SELECT k, count(*) FROM events_stream GROUP BY k', new Map([['events_stream', view]]));
    expect(events.map((e) => e.kind)).toEqual(['stateful']);
    expect(lineage('SELECT k, count(*) FROM events_stream GROUP BY k').events).toEqual([]);
  });
});

describe('SQL text of a Python string variable', () => {
  it('places every token at the anchor', () => {
    const unit = anchoredSqlUnit('SELECT a\nFROM t', { line: 7, column: 15 });
    const [statement] = parseSqlUnit(unit).statements;
    expect(statement.tokens.map((t) => `${t.value}@${t.span.line}:${t.span.column}`)).toEqual(['SELECT@7:15', 'a@7:15', 'FROM@7:15', 't@7:15']);
  });
});
