/**
 * SQL written inside Python strings (`spark.sql("SELECT ...")`) as a text unit of its own, so
 * the SQL tokenizer and parser run on it unchanged and every token maps back to its file
 * position. Escapes are decoded; an f-string's `{expr}` becomes the string the expression
 * resolves to (else a placeholder name), its characters mapped to the `{`.
 */
import type { SyntaxNode, TextUnit } from './types.js';
import { pointToFile, type UnitMap } from './span.js';

interface Point {
  row: number;
  col: number;
}

const PREFIX_CHARS = new Set(['r', 'R', 'b', 'B', 'f', 'F', 'u', 'U']);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
/** Stands for an f-string part that does not resolve to a string. */
export const PLACEHOLDER = '__expr__';

/** The SQL text of a string literal (plain, f-string, implicitly concatenated) with its map to the file. */
export function embeddedSqlUnit(node: SyntaxNode, unit: UnitMap, resolve: (expr: SyntaxNode) => string | undefined): TextUnit | undefined {
  const chars: string[] = [];
  const points: Point[] = [];
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'string') : [node];
  for (const part of parts) if (!readString(part, resolve, chars, points)) return undefined;
  return toUnit(chars, points, unit);
}

/** A SQL string known only by value (a variable): every token is placed at `anchor`. */
export function anchoredSqlUnit(text: string, anchor: { line: number; column: number }): TextUnit {
  const rows = text.split('\n');
  return {
    text,
    lineMap: rows.map(() => anchor.line),
    colOffset: rows.map(() => 0),
    colMaps: rows.map((row) => new Array(row.length + 1).fill(anchor.column - 1)),
  };
}

function readString(node: SyntaxNode, resolve: (expr: SyntaxNode) => string | undefined, chars: string[], points: Point[]): boolean {
  if (node.type !== 'string') return false;
  const text = node.text;
  let i = 0;
  let raw = false;
  let fString = false;
  for (; i < text.length && PREFIX_CHARS.has(text[i]); i++) {
    if (text[i] === 'r' || text[i] === 'R') raw = true;
    if (text[i] === 'f' || text[i] === 'F') fString = true;
  }
  const quote = text[i];
  if (quote !== '"' && quote !== "'") return false;
  const width = text.startsWith(quote.repeat(3), i) ? 3 : 1;
  const end = text.length >= i + 2 * width && text.endsWith(quote.repeat(width)) ? text.length - width : text.length;
  const at = pointsOf(text, { row: node.startPosition.row, col: node.startPosition.column });
  const interpolations = fString
    ? node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'interpolation').map((c) => ({ start: c.startIndex - node.startIndex, end: c.endIndex - node.startIndex, node: c }))
    : [];
  let k = 0;
  for (let j = i + width; j < end; ) {
    const interpolation = interpolations[k];
    if (interpolation && j >= interpolation.start) {
      const expr = interpolation.node.namedChildren.find((c) => c && c.type !== 'comment' && c.type !== 'format_specifier' && c.type !== 'type_conversion');
      const value = (expr ? resolve(expr) : undefined) ?? PLACEHOLDER;
      for (const ch of value) {
        chars.push(ch);
        points.push(at[interpolation.start]);
      }
      j = interpolation.end;
      k++;
      continue;
    }
    const ch = text[j];
    if (fString && (ch === '{' || ch === '}') && text[j + 1] === ch) {
      chars.push(ch);
      points.push(at[j]);
      j += 2;
      continue;
    }
    if (ch === '\\' && !raw && j + 1 < end) {
      const next = text[j + 1];
      if (next === '\n') {
        j += 2;
        continue;
      }
      chars.push(ESCAPES[next] ?? `\\${next}`);
      points.push(at[j]);
      j += 2;
      continue;
    }
    chars.push(ch);
    points.push(at[j]);
    j++;
  }
  return true;
}

/** The unit point of every index of a token's text, from the token's start point. */
function pointsOf(text: string, start: Point): Point[] {
  const out: Point[] = [];
  let { row, col } = start;
  for (let j = 0; j <= text.length; j++) {
    out.push({ row, col });
    if (text[j] === '\n') {
      row++;
      col = 0;
    } else col++;
  }
  return out;
}

function toUnit(chars: string[], points: Point[], unit: UnitMap): TextUnit {
  const lineMap: number[] = [];
  const colOffset: number[] = [];
  const colMaps: number[][] = [];
  let row: number[] = [];
  let rowLine: number | undefined;
  const close = (fallback: Point | undefined): void => {
    const end = fallback ? pointToFile(unit, fallback.row, fallback.col) : undefined;
    const line = rowLine ?? end?.line ?? lineMap[lineMap.length - 1] ?? 1;
    row.push(row.length > 0 ? row[row.length - 1] + 1 : (end?.column ?? 1) - 1);
    lineMap.push(line);
    colOffset.push(0);
    colMaps.push(row);
    row = [];
    rowLine = undefined;
  };
  for (let j = 0; j < chars.length; j++) {
    if (chars[j] === '\n') {
      close(points[j]);
      continue;
    }
    const file = pointToFile(unit, points[j].row, points[j].col);
    rowLine ??= file.line;
    row.push(file.column - 1);
  }
  close(points[points.length - 1]);
  return { text: chars.join(''), lineMap, colOffset, colMaps };
}
