/** Mapping syntax-node positions of a unit back to file lines and columns. */
import type { Span, SyntaxNode } from './types.js';

export interface UnitMap {
  lineMap: number[];
  colOffset: number[];
  colMaps?: (number[] | undefined)[];
}

export function pointToFile(unit: UnitMap, row: number, column: number): { line: number; column: number } {
  const clamped = Math.min(Math.max(row, 0), Math.max(unit.lineMap.length - 1, 0));
  const line = unit.lineMap[clamped] ?? 1;
  const map = unit.colMaps?.[clamped];
  if (map && map.length > 0) return { line, column: map[Math.min(Math.max(column, 0), map.length - 1)] + 1 };
  const offset = unit.colOffset[clamped] ?? 0;
  return { line, column: column + offset + 1 };
}

/** The unit column of a 0-based file column on a row (the inverse of `pointToFile`). */
export function unitColumn(unit: UnitMap, row: number, fileColumn: number): number {
  const map = unit.colMaps?.[row];
  if (!map || map.length === 0) return fileColumn - (unit.colOffset[row] ?? 0);
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid] < fileColumn) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function nodeSpan(unit: UnitMap, node: SyntaxNode): Span {
  const start = pointToFile(unit, node.startPosition.row, node.startPosition.column);
  const end = pointToFile(unit, node.endPosition.row, node.endPosition.column);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** Span from the start of `from` to the end of `to` (e.g. a method name to its call's closing paren). */
export function joinSpan(unit: UnitMap, from: SyntaxNode, to: SyntaxNode): Span {
  const start = pointToFile(unit, from.startPosition.row, from.startPosition.column);
  const end = pointToFile(unit, to.endPosition.row, to.endPosition.column);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

