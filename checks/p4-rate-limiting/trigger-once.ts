/**
 * P404 trigger-once: `trigger(once=True)` processes everything available in one batch and
 * ignores rate limits; it is deprecated in favour of `availableNow=True`, which honours them.
 * https://docs.databricks.com/aws/en/structured-streaming/triggers
 */
import type { Fix } from '../../src/model/fix-types.js';
import type { FileModel, SyntaxNode } from '../../src/model/types.js';
import type { FileRule } from '../types.js';
import { replaceNode } from '../shared/fix-edits.js';
import { codeFix } from '../shared/python-fixes.js';

export const triggerOnce: FileRule = {
  meta: {
    id: 'P404',
    name: 'trigger-once',
    priority: 4,
    severity: 'warning',
    title: '`trigger(once=True)` ignores rate limits and is deprecated',
    fix: 'Use `.trigger(availableNow=True)`: it processes the backlog in rate-limited batches.',
    hint: 'Use `.trigger(availableNow=True)` instead of `.trigger(once=True)`',
    remediation: ['availableNow'],
  },
  kind: 'file',
  check({ model, python }) {
    if (!python) return [];
    return python.lineage.events.filter((e) => e.kind === 'trigger').map((e) => ({ span: e.span, autofix: availableNowFix(model, e.node) }));
  },
};

/** `once=True` -> `availableNow=True`: the documented replacement, with nothing to choose. */
function availableNowFix(model: FileModel, call: SyntaxNode): Fix | undefined {
  const keywords = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((arg) => arg.type === 'keyword_argument');
  const name = (arg: SyntaxNode): SyntaxNode | null => arg.childForFieldName('name');
  // Both given is an error Spark reports itself; which one was meant is not ours to say.
  if (keywords.some((arg) => name(arg)?.text === 'availableNow')) return undefined;
  const once = keywords.map(name).find((node) => node?.text === 'once');
  return once ? codeFix(model, 'safe', 'Use `trigger(availableNow=True)`', [replaceNode(once, 'availableNow')]) : undefined;
}
