/**
 * P802 path-source: a Delta table read by path (`spark.read.format("delta").load(path)`,
 * or `.load(path)` with no format, Delta being the default on Databricks). Reading by
 * path skips Unity Catalog table grants and lineage; read the table by name.
 * https://docs.databricks.com/aws/en/data-governance/unity-catalog/best-practices
 */
import type { CallFact, PythonAnalysis, SourceInfo } from '../../src/model/python-types.js';
import type { FileRule, RawFinding } from '../types.js';
import { resolveConstants } from './targets.js';
import { keptRecords } from '../shared/kept-records.js';

export const pathSource: FileRule = {
  meta: {
    id: 'P802',
    name: 'path-source',
    priority: 8,
    severity: 'notice',
    title: 'Delta table read by path instead of by Unity Catalog table name',
    fix: 'Read the table by name: `spark.readStream.table("catalog.schema.table")` or `spark.read.table("catalog.schema.table")`.',
    hint: 'Read the table by name: `spark.read.table("catalog.schema.table")`',
    remediation: ['table'],
  },
  kind: 'file',
  check(ctx) {
    const { python } = ctx;
    if (!python) return [];
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    // A path read only looked at (`display(spark.read.load(p))`) moves no data past the catalog.
    const kept = keptRecords(ctx);
    for (const source of python.lineage.sources) {
      if (!isDeltaPathRead(source) || !source.loadSpan || !kept(source)) continue;
      const call = loadCall(python, source);
      // `.load()` with neither an argument nor a path option is not a path read.
      if (!call || (call.args.length === 0 && !call.kwargs.has('path') && source.loadPath === undefined)) continue;
      const key = `${call.span.line}:${call.span.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const path = source.loadPath === undefined ? 'a path' : `\`${resolveConstants(source.loadPath, python.lineage.env)}\``;
      const reader = source.streaming ? 'spark.readStream' : 'spark.read';
      out.push({
        span: call.span,
        message: `Delta read by path (${path}) bypasses Unity Catalog grants and lineage: use \`${reader}.table("catalog.schema.table")\``,
        key: source.loadPath ?? '',
        hint: `Read the table by name: \`${reader}.table("catalog.schema.table")\``,
      });
    }
    return out;
  },
};

function isDeltaPathRead(source: SourceInfo): boolean {
  if (source.api !== 'read' && source.api !== 'readStream') return false;
  if (source.table !== undefined) return false;
  // spark.sql.sources.default is `delta` on Databricks, so no format means Delta.
  return source.format === undefined || source.format === 'delta';
}

/** The `.load(...)` call that finished the source: the lineage span ends where the call ends. */
function loadCall(python: PythonAnalysis, source: SourceInfo): CallFact | undefined {
  const end = source.loadSpan;
  if (!end) return undefined;
  return python.facts.calls.find((c) => c.method === 'load' && c.span.endLine === end.endLine && c.span.endColumn === end.endColumn);
}
