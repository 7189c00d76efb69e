/**
 * P801 path-sink: a DataFrame written to a cloud storage or DBFS path
 * (`.start("abfss://...")`, `.save("/mnt/...")`, or `.option("path", ...)` before `.start()`).
 * Path writes bypass Unity Catalog: no grants, no lineage, no discovery, no predictive optimization.
 * https://docs.databricks.com/aws/en/data-governance/unity-catalog/best-practices
 */
import { externalLocationUrls, normaliseLocation, underLocation } from '../../src/model/external-locations.js';
import type { FileRule, RawFinding } from '../types.js';
import { isStoragePath, resolveConstants, writeTargets } from './targets.js';

export const pathSink: FileRule = {
  meta: {
    id: 'P801',
    name: 'path-sink',
    priority: 8,
    severity: 'warning',
    title: 'DataFrame written to a storage path instead of a Unity Catalog table',
    fix: 'Write to a three-level table name: `.toTable("catalog.schema.table")` for streams, `.saveAsTable("catalog.schema.table")` for batch writes.',
    hint: 'Write to a table: `.toTable("catalog.schema.table")` or `.saveAsTable(...)`',
    remediation: ['toTable', 'saveAsTable'],
  },
  kind: 'file',
  check({ python, sql }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    // A path under an external location the notebook declares is governed by Unity Catalog.
    const locations = externalLocationUrls(sql).map((url) => normaliseLocation(resolveConstants(url, python.lineage.env)));
    for (const write of writeTargets(python)) {
      if (write.targetKind !== 'path' || write.target === undefined || !isStoragePath(write.target)) continue;
      if (underLocation(write.target, locations)) continue;
      const instead = write.streaming ? '.toTable("catalog.schema.table")' : '.saveAsTable("catalog.schema.table")';
      out.push({
        span: write.span,
        message: `\`.${write.op}()\` writes to the path \`${write.target}\`, outside Unity Catalog governance: use \`${instead}\``,
        key: write.target,
        hint: `Write to a table: \`${instead}\``,
        fix: `Write to a three-level table name instead of the path \`${write.target}\`: \`${instead}\`.`,
      });
    }
    return out;
  },
};
