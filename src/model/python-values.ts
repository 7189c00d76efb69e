/** Reading literal values and dotted names off Python syntax nodes. */
import type { OptionValue } from './python-types.js';
import type { SyntaxNode } from './types.js';

/** `a.b.c` for identifier/attribute chains; undefined when a part is not a plain name. */
export function dottedName(node: SyntaxNode): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute')?.text;
  if (!object || !attribute) return undefined;
  const head = dottedName(object);
  return head === undefined ? undefined : `${head}.${attribute}`;
}

/**
 * The text of a string literal (f-strings keep their `{...}` parts as written). Read from the
 * token's own text: prefix and quotes cut, escapes decoded only where there is a backslash.
 */
export function stringValue(node: SyntaxNode): string | undefined {
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => (c ? stringValue(c) : undefined));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  return literalText(node.text);
}

const PREFIX_CHARS = new Set(['r', 'R', 'b', 'B', 'f', 'F', 'u', 'U']);

/** The inner text of a Python string token (`rb"..."`, triple quotes, f-strings); raw strings keep backslashes. */
export function literalText(token: string): string | undefined {
  let i = 0;
  let raw = false;
  for (; i < token.length && PREFIX_CHARS.has(token[i]); i++) {
    if (token[i] === 'r' || token[i] === 'R') raw = true;
  }
  const quote = token[i];
  if (quote !== '"' && quote !== "'") return undefined;
  const width = token.startsWith(quote.repeat(3), i) ? 3 : 1;
  const closed = token.length >= i + 2 * width && token.endsWith(quote.repeat(width));
  const inner = token.slice(i + width, closed ? token.length - width : token.length);
  return raw || !inner.includes('\\') ? inner : inner.replace(/\\./g, unescape);
}

function unescape(seq: string): string {
  switch (seq) {
    case '\\n':
      return '\n';
    case '\\t':
      return '\t';
    case '\\\\':
      return '\\';
    case "\\'":
      return "'";
    case '\\"':
      return '"';
    default:
      return seq;
  }
}

/** Literal strings, numbers, booleans and None. */
export function literalValue(node: SyntaxNode): OptionValue | undefined {
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return stringValue(node);
    case 'integer':
    case 'float': {
      const n = Number(node.text.replace(/_/g, ''));
      return Number.isFinite(n) ? n : node.text;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    case 'unary_operator': {
      const inner = node.namedChildren[0];
      const value = inner ? literalValue(inner) : undefined;
      return typeof value === 'number' && node.text.trimStart().startsWith('-') ? -value : value;
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? literalValue(inner) : undefined;
    }
    default:
      return undefined;
  }
}
