/**
 * P807 no-auto-optimize: `CREATE TABLE` of an external (LOCATION) or path table with
 * neither optimized writes / auto compaction nor liquid clustering. Streaming appends
 * leave many small files; managed Unity Catalog tables get predictive optimization
 * instead, so they are not flagged.
 * https://docs.databricks.com/aws/en/delta/tune-file-size
 */
import type { FileRule, RawFinding } from '../types.js';
import { alteredProperties, createTables, type CreateTable } from './sql-tables.js';
import { isPathTableName } from './targets.js';

const OPTIMIZE_PROPERTIES = ['delta.autooptimize.optimizewrite', 'delta.autooptimize.autocompact'];

export const noAutoOptimize: FileRule = {
  meta: {
    id: 'P807',
    name: 'no-auto-optimize',
    priority: 8,
    severity: 'notice',
    title: 'External Delta table without optimized writes, auto compaction or liquid clustering',
    fix: 'Add `TBLPROPERTIES (\'delta.autoOptimize.optimizeWrite\' = \'true\', \'delta.autoOptimize.autoCompact\' = \'true\')` or `CLUSTER BY (col)`; better, drop `LOCATION` and create a managed table, which gets predictive optimization.',
    hint: 'Drop `LOCATION` for a managed table, or add optimizeWrite/autoCompact or `CLUSTER BY`',
    remediation: ['delta.autoOptimize.optimizeWrite', 'delta.autoOptimize.autoCompact', 'CLUSTER'],
  },
  kind: 'file',
  check({ sql }) {
    if (sql.length === 0) return [];
    const altered = alteredProperties(sql);
    const out: RawFinding[] = [];
    for (const table of createTables(sql)) {
      if (!isExternalDelta(table) || isOptimized(table.strings, table.clusterBy)) continue;
      const later = table.name ? altered.get(table.name.join('.').toLowerCase()) : undefined;
      if (later && isOptimized(later, later.has('cluster by'))) continue;
      const name = table.name?.join('.') ?? 'table';
      out.push({
        span: table.nameSpan,
        message: `\`${name}\` is an external Delta table with no optimized writes, auto compaction or CLUSTER BY: streaming writes will pile up small files`,
        key: name,
      });
    }
    return out;
  },
};

function isExternalDelta(table: CreateTable): boolean {
  // Pipeline tables are managed by the pipeline; temporary ones hold no files.
  if (table.pipelineTable || table.temporary) return false;
  if (table.format !== undefined && table.format !== 'delta') return false;
  return table.location !== undefined || isPathTableName(table.name);
}

function isOptimized(strings: Set<string>, clusterBy: boolean): boolean {
  return clusterBy || OPTIMIZE_PROPERTIES.some((p) => strings.has(p));
}
