/** Fixes of Python code that several rules write: a reader option, a module logger. */
import type { Fix, FixSafety } from '../../src/model/fix-types.js';
import type { PythonAnalysis, SourceInfo } from '../../src/model/python-types.js';
import { nodeSpan } from '../../src/model/span.js';
import type { FileModel, Span, SyntaxNode, TextUnit } from '../../src/model/types.js';
import { insertAfter, insertBefore, pythonFileEdits, type UnitEdit } from './fix-edits.js';

/** A fix of a code model's Python, or undefined when its edits cannot be written back. */
export function codeFix(model: FileModel, safety: FixSafety, description: string, edits: readonly UnitEdit[]): Fix | undefined {
  if (model.kind !== 'code' || edits.length === 0) return undefined;
  const fileEdits = pythonFileEdits(model, edits);
  return fileEdits && { safety, description, edits: fileEdits };
}

/** A value written as Python: numbers as they are, strings double-quoted. */
export function pythonLiteral(value: string | number): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const FINISHING = new Set(['load', 'table']);

/**
 * `.option(key, value)` added to a reader chain, right before the `.load(...)` or `.table(...)`
 * that finishes it. Undefined for a source of another file (a `%run` include) or of SQL.
 */
export function readerOptionFix(model: FileModel, python: PythonAnalysis | undefined, source: SourceInfo, key: string, value: string | number): Fix | undefined {
  if (model.kind !== 'code' || !model.python || !python || !source.loadSpan) return undefined;
  const call = finishingCalls(model.python, python).get(spanKey(source.loadSpan));
  const fn = call?.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (!receiver) return undefined;
  const option = `.option(${pythonLiteral(key)}, ${pythonLiteral(value)})`;
  return codeFix(model, 'needs-review', `Add \`${option}\` to the reader`, [insertAfter(receiver, option)]);
}

const finishing = new WeakMap<PythonAnalysis, Map<string, SyntaxNode>>();

/** The `.load(...)` and `.table(...)` calls of a file by span, indexed once: a file has many sources. */
function finishingCalls(unit: TextUnit, python: PythonAnalysis): Map<string, SyntaxNode> {
  let calls = finishing.get(python);
  if (!calls) {
    calls = new Map();
    for (const call of python.facts.calls) if (FINISHING.has(call.method)) calls.set(spanKey(nodeSpan(unit, call.node)), call.node);
    finishing.set(python, calls);
  }
  return calls;
}

function spanKey(span: Span): string {
  return `${span.line}:${span.column}:${span.endLine}:${span.endColumn}`;
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);
export const LOGGER = 'logger';

/**
 * Edits that give the module `import logging` and `logger = logging.getLogger(__name__)` where
 * it has no module-level `logger` yet: after its leading imports, else before its first
 * statement. Every fix of the file carries the same edits; applying them makes them once.
 */
export function moduleLoggerEdits(anyNode: SyntaxNode): UnitEdit[] {
  let root = anyNode;
  while (root.parent) root = root.parent;
  const statements = root.namedChildren.filter((node) => node.type !== 'comment');
  if (statements.some(assignsLogger)) return [];
  const imported = statements.some((node) => node.type === 'import_statement' && node.namedChildren.some((name) => name.type === 'dotted_name' && name.text === 'logging'));
  const lines = [...(imported ? [] : ['import logging']), `${LOGGER} = logging.getLogger(__name__)`];
  let at = isDocstring(statements[0]) ? 1 : 0;
  if (!IMPORTS.has(statements[at]?.type ?? '')) {
    const first = statements[at];
    return first ? [insertBefore(first, `${lines.join('\n')}\n`)] : [];
  }
  while (IMPORTS.has(statements[at + 1]?.type ?? '')) at++;
  return [insertAfter(lineEnd(statements[at]), `\n${lines.join('\n')}`)];
}

/** The statement, or the comment that trails it on its line (the new lines go below both). */
function lineEnd(statement: SyntaxNode): SyntaxNode {
  const next = statement.nextNamedSibling;
  return next?.type === 'comment' && next.startPosition.row === statement.endPosition.row ? next : statement;
}

function assignsLogger(statement: SyntaxNode): boolean {
  const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
  return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === LOGGER;
}

function isDocstring(statement: SyntaxNode | undefined): boolean {
  return statement?.type === 'expression_statement' && statement.firstNamedChild?.type === 'string';
}
