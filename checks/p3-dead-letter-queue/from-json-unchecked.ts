/**
 * P303 from-json-unchecked: a `from_json` result reaches a sink without a split on records that
 * did not parse. Since Spark 3.0 `from_json` in its default PERMISSIVE mode turns a malformed
 * payload into a struct whose fields are all null (not a null struct), so bad events flow on
 * as rows of nulls and are never seen again.
 * https://spark.apache.org/docs/latest/sql-migration-guide.html (Upgrading from Spark SQL 2.4 to 3.0)
 */
import type { Flow } from '../../src/model/python-types.js';
import type { FileRule, RawFinding } from '../types.js';
import { sourceFamily } from '../shared/sources.js';

export const fromJsonUnchecked: FileRule = {
  meta: {
    id: 'P303',
    name: 'from-json-unchecked',
    priority: 3,
    severity: 'warning',
    title: '`from_json` result written without splitting records that failed to parse',
    fix: 'Keep the raw payload and split on a field every valid record has: `parsed = raw.withColumn("data", from_json(col("value").cast("string"), schema))`; `bad = parsed.filter(col("data.id").isNull())` goes to a dead-letter table with the raw payload, `good = parsed.filter(col("data.id").isNotNull())` goes on.',
    hint: 'Send rows whose required field parsed to null to a dead-letter table, with the raw payload',
    remediation: ['isNull', 'isNotNull'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const event of python.lineage.events) {
      if (event.kind !== 'from-json') continue;
      const id = `${event.span.line}:${event.span.column}`;
      if (seen.has(id) || python.lineage.nullSplit?.has(id)) continue;
      seen.add(id);
      out.push({
        span: event.span,
        message:
          '`from_json` output reaches a sink with no split on unparsed records: malformed events become rows of ' +
          'nulls (Spark 3+ PERMISSIVE mode) instead of landing in a dead-letter table',
        ...splitFix(payloadColumn(event.flow)),
      });
    }
    return out;
  },
};

/** The column that holds the raw payload of a Kafka (`value`) or Event Hubs (`body`) stream. */
function payloadColumn(flow: Flow): string | undefined {
  const families = flow.sources.map(sourceFamily);
  if (families.includes('kafka')) return 'value';
  if (families.includes('eventhubs')) return 'body';
  return undefined;
}

function splitFix(payload: string | undefined): { hint: string; fix: string } | undefined {
  if (!payload) return undefined;
  return {
    hint: `Keep the raw \`${payload}\`; send rows whose required field parsed to null to a dead-letter table`,
    fix:
      `Keep the raw \`${payload}\` and split on a field every valid record has: \`parsed = raw.withColumn("data", ` +
      `from_json(col("${payload}").cast("string"), schema))\`; \`bad = parsed.filter(col("data.id").isNull())\` goes to a ` +
      `dead-letter table with \`${payload}\`, \`good = parsed.filter(col("data.id").isNotNull())\` goes on.`,
  };
}
