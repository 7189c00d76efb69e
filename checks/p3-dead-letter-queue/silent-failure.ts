/**
 * P302 silent-failure: an `except` that swallows the error (`pass`, `continue`, only `print`,
 * or fills sentinel values such as -1 / 0.0 / None). The record is lost or replaced by a
 * plausible-looking value, and nothing reaches logs, metrics or a dead-letter table.
 * https://docs.databricks.com/aws/en/ingestion/bad-records
 */
import type { ExceptFact, HandlerKind } from '../../src/model/python-types.js';
import type { FileRule, RawFinding } from '../types.js';

const SWALLOWING = new Set<HandlerKind>(['pass', 'print-only', 'sentinel', 'continue']);
/** Exceptions whose swallowing is control flow, not data loss (optional imports, iterator ends). */
const CONTROL_FLOW = new Set(['ImportError', 'ModuleNotFoundError', 'StopIteration', 'StopAsyncIteration', 'GeneratorExit']);

function caught(fact: ExceptFact): string {
  if (fact.types.length === 0) return 'every exception (bare `except`)';
  return `\`${fact.types.join(', ')}\``;
}

function isControlFlow(fact: ExceptFact): boolean {
  const names = fact.types.flatMap((t) => t.replace(/[()\s]/g, '').split(',')).filter((t) => t.length > 0);
  return names.length > 0 && names.every((t) => CONTROL_FLOW.has(t.split('.').pop() ?? t));
}

const HOW: Record<string, string> = {
  pass: 'and does nothing (`pass`): the failing record disappears without a trace',
  continue: 'and skips to the next item (`continue`): the failing record is dropped without a trace',
  'print-only': 'and only prints it: print output is not structured logging, raises no alert and keeps no copy of the record',
  sentinel: 'and fills sentinel values (-1, 0.0, None): failures become plausible-looking data downstream',
};

export const silentFailure: FileRule = {
  meta: {
    id: 'P302',
    name: 'silent-failure',
    priority: 3,
    severity: 'failure',
    title: 'Exception swallowed: the failure is hidden and the record is lost',
    fix: 'Log with the traceback and route the record aside: in `except ValueError as exc:` call `logger.exception("parse failed in batch %s", batch_id)` and append `{"raw": raw, "error": repr(exc)}` to a dead-letter table; or re-raise when the error is not a data error.',
    hint: 'Log with `logger.exception(...)` and send the record to a dead-letter table, or re-raise',
    remediation: ['exception', 'raise'],
    // Code hygiene: best-effort cleanup in setup code or a demo's teardown is not data loss.
    roles: ['pipeline'],
  },
  kind: 'file',
  check({ model, python, repo }) {
    if (!python || repo.isTestPath(model.path)) return [];
    const out: RawFinding[] = [];
    for (const fact of python.facts.excepts) {
      if (!SWALLOWING.has(fact.kind) || isControlFlow(fact) || fact.guards === 'setup' || fact.inRaisingHandler) continue;
      const where = fact.enclosingFunction ? ` in \`${fact.enclosingFunction}\`` : '';
      out.push({
        span: fact.span,
        message: `\`except\`${where} catches ${caught(fact)} ${HOW[fact.kind]}`,
        key: fact.kind,
        // A control-plane call (a monitor update, an API request) whose error is only printed:
        // a person running the notebook by hand reads it, and no record is lost. Around data,
        // or with `pass`, `continue` or sentinels, it is reported wherever it runs.
        ...(fact.kind === 'print-only' && !fact.tryTouchesData ? { unattendedOnly: true } : {}),
      });
    }
    return out;
  },
};
