/**
 * P301 unguarded-row-loop: a loop over rows inside a function Spark runs per group, partition
 * or batch (applyInPandasWithState / transformWithStateInPandas / UDF / foreachBatch) with no
 * try/except. One malformed row raises, the task fails, and the stream stops at the same
 * offsets on every restart: a poison record.
 * https://docs.databricks.com/aws/en/structured-streaming/query-recovery
 */
import type { FileRule, RawFinding } from '../types.js';
import { isStatefulFunction } from '../shared/python-helpers.js';

export const unguardedRowLoop: FileRule = {
  meta: {
    id: 'P301',
    name: 'unguarded-row-loop',
    priority: 3,
    severity: 'failure',
    title: 'Row loop in a stateful/UDF function without try/except: one bad row stops the stream',
    fix: 'Wrap the per-row work in `try:` ... `except (KeyError, ValueError, TypeError) as exc:`, log the row (`logger.warning("bad row %s: %s", row, exc)`) and append `{"raw": str(row), "error": repr(exc)}` to a list that is written to a dead-letter table.',
    hint: 'Wrap the per-row work in `try`/`except` and send bad rows to a dead-letter table',
    remediation: ['exception'],
    roles: ['pipeline'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    for (const loop of python.facts.loops) {
      if (!loop.overRows || loop.inTry || loop.bodyGuarded) continue;
      if (!isStatefulFunction(loop.enclosingFunction, python.lineage.statefulFunctions)) continue;
      out.push({
        span: loop.span,
        message:
          `Loop over \`${loop.iterText}\` in \`${loop.enclosingFunction}\` has no try/except: ` +
          'one malformed row fails the task and the query stops on the same record at every restart',
        key: loop.iterText,
      });
    }
    return out;
  },
};
