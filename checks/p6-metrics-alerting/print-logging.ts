/**
 * P601 print-logging: `print(...)` in pipeline code. Printed text lands in the driver's
 * stdout with no level, logger name or timestamp, so it cannot be filtered, shipped to
 * Azure Monitor / Log Analytics or alerted on like records from the `logging` module.
 * https://learn.microsoft.com/en-us/azure/databricks/data-engineering/observability-best-practices
 */
import type { FileRule, RawFinding } from '../types.js';

export const printLogging: FileRule = {
  meta: {
    id: 'P601',
    name: 'print-logging',
    priority: 6,
    severity: 'warning',
    title: '`print()` used for logging in pipeline code: output has no level and is not routed to log sinks',
    fix: 'Use a logger: `logger = logging.getLogger(__name__)` once, then `logger.info("Started stream %s", query.id)` (or `logger.exception(...)` in handlers).',
    hint: 'Use `logger.info(...)`, with `logger = logging.getLogger(__name__)` once per module',
    remediation: ['getLogger', 'basicConfig'],
  },
  kind: 'file',
  check({ model, python, repo }) {
    if (!python) return [];
    // Tests print freely; pytest captures their output.
    if (repo.isTestPath(model.path)) return [];
    const out: RawFinding[] = [];
    for (const call of python.facts.calls) {
      // Only the builtin: `self.print()` or `console.print()` are someone else's API.
      if (call.callee !== 'print') continue;
      out.push({
        span: call.span,
        message: `\`print()\` in ${inFunction(call.enclosingFunction)}: use \`logging\` so the message gets a level and reaches log sinks`,
      });
    }
    return out;
  },
};

function inFunction(name: string | undefined): string {
  return name ? `\`${name}\`` : 'pipeline code';
}
