/**
 * P804 dbfs-mount: `dbutils.fs.mount(...)` and `/mnt/...` paths. Mounts are workspace-wide,
 * carry the credentials they were created with to every user, and are not supported by
 * Unity Catalog access modes; external locations and volumes replace them.
 * https://docs.databricks.com/aws/en/dbfs/mounts
 */
import type { Span } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';

const MOUNT_PATH = /^(?:dbfs:)?\/(?:dbfs\/)?mnt\//i;
const MOUNT_CALLS = new Set(['mount', 'updateMount']);

export const dbfsMount: FileRule = {
  meta: {
    id: 'P804',
    name: 'dbfs-mount',
    priority: 8,
    severity: 'warning',
    title: 'DBFS mount used instead of a Unity Catalog external location or volume',
    fix: 'Create an external location (`CREATE EXTERNAL LOCATION ... URL \'abfss://...\' WITH (STORAGE CREDENTIAL ...)`) and read tables by name, or files through a volume path `/Volumes/catalog/schema/volume/...`.',
    hint: 'Read tables by name, or files through a volume: `/Volumes/catalog/schema/volume/...`',
    remediation: ['EXTERNAL', 'VOLUME', 'toTable', 'saveAsTable'],
  },
  kind: 'file',
  check({ python, sql }) {
    const out: RawFinding[] = [];
    const mountCalls: Span[] = [];
    for (const call of python?.facts.calls ?? []) {
      if (!MOUNT_CALLS.has(call.method) || !/(^|\.)fs\.\w+$/.test(call.callee)) continue;
      mountCalls.push(call.span);
      out.push({ span: call.span, message: `\`${call.callee}(...)\` creates a DBFS mount: use a Unity Catalog external location or volume`, key: call.callee });
    }
    // A mount call's own `mount_point="/mnt/..."` argument is part of that finding.
    const inMountCall = (span: Span): boolean => mountCalls.some((c) => span.line >= c.line && span.endLine <= c.endLine);
    for (const s of python?.facts.strings ?? []) {
      // `location.startswith("dbfs:/mnt/")` tells mounted tables apart: it uses no mount.
      if (s.docstring || s.pattern || !MOUNT_PATH.test(s.value) || inMountCall(s.span)) continue;
      out.push({ span: s.span, message: `Path \`${s.value}\` goes through a DBFS mount: use a table name or a \`/Volumes/...\` path`, key: s.value });
    }
    for (const statement of sql) {
      for (const token of statement.tokens) {
        // Backticked identifiers count: ``json.`/mnt/lake/x` `` reads the mount directly.
        if ((token.type !== 'string' && token.type !== 'ident') || !MOUNT_PATH.test(token.value)) continue;
        out.push({ span: token.span, message: `Path \`${token.value}\` goes through a DBFS mount: use a managed table or an external location`, key: token.value });
      }
    }
    return out;
  },
};
