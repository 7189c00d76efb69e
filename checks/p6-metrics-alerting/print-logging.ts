/**
 * P601 print-logging: `print(...)` in pipeline code. Printed text lands in the driver's
 * stdout with no level, logger name or timestamp, so it cannot be filtered, shipped to
 * Azure Monitor / Log Analytics or alerted on like records from the `logging` module.
 * https://learn.microsoft.com/en-us/azure/databricks/data-engineering/observability-best-practices
 */
import type { Fix } from '../../src/model/fix-types.js';
import type { CallFact } from '../../src/model/python-types.js';
import type { FileModel } from '../../src/model/types.js';
import type { FileRule, RawFinding } from '../types.js';
import { replaceNode, type UnitEdit } from '../shared/fix-edits.js';
import { LOGGER, codeFix, moduleLoggerEdits } from '../shared/python-fixes.js';

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
    let logger: UnitEdit[] | undefined;
    for (const call of python.facts.calls) {
      // Only the builtin: `self.print()` or `console.print()` are someone else's API.
      if (call.callee !== 'print') continue;
      logger ??= moduleLoggerEdits(call.node);
      out.push({
        span: call.span,
        message: `\`print()\` in ${inFunction(call.enclosingFunction)}: use \`logging\` so the message gets a level and reaches log sinks`,
        autofix: loggerFix(model, call, logger),
      });
    }
    return out;
  },
};

function inFunction(name: string | undefined): string {
  return name ? `\`${name}\`` : 'pipeline code';
}

/**
 * `print(x)` -> `logger.info(x)`, with the module logger added once. Needs review: the level is a
 * guess. Only a single positional argument: `print(a, b)` joins with spaces where logging would
 * read `b` as a format argument, and `sep=`, `end=`, `file=` have no logging meaning.
 */
function loggerFix(model: FileModel, call: CallFact, logger: UnitEdit[]): Fix | undefined {
  if (call.args.length !== 1 || call.kwargs.size > 0 || call.args[0].type === 'list_splat' || call.args[0].type === 'dictionary_splat') return undefined;
  const name = call.node.childForFieldName('function');
  if (!name) return undefined;
  return codeFix(model, 'needs-review', `Use \`${LOGGER}.info(...)\` with a module logger`, [...logger, replaceNode(name, `${LOGGER}.info`)]);
}
