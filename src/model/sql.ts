/**
 * A SQL tokenizer good enough for DDL/DML statements: words, quoted identifiers, strings,
 * comments, punctuation; statements split on `;`. Linear time, never throws.
 */
import type { Span, TextUnit } from './types.js';
import { pointToFile } from './span.js';
import { followsCode } from './text.js';

export type SqlTokenType = 'word' | 'string' | 'ident' | 'number' | 'punct' | 'comment';

export interface SqlToken {
  type: SqlTokenType;
  value: string;
  span: Span;
}

export interface SqlStatement {
  text: string;
  span: Span;
  /** Tokens without comments. */
  tokens: SqlToken[];
}

export interface SqlUnitResult {
  statements: SqlStatement[];
  /** `trailing` when code precedes the comment on its line. */
  comments: (SqlToken & { trailing: boolean })[];
}

export function parseSqlUnit(unit: TextUnit): SqlUnitResult {
  const tokens = tokenize(unit.text);
  const statements: SqlStatement[] = [];
  const comments: SqlUnitResult['comments'] = [];
  let current: RawToken[] = [];
  const flush = (): void => {
    if (current.length === 0) return;
    const first = current[0];
    const last = current[current.length - 1];
    statements.push({
      text: unit.text.slice(first.start, last.end),
      span: spanOf(unit, first.row, first.col, last.endRow, last.endCol),
      tokens: current.map((t) => toToken(unit, t)),
    });
    current = [];
  };
  for (const token of tokens) {
    if (token.type === 'comment') {
      comments.push({ ...toToken(unit, token), trailing: followsCode(unit.text, token.start) });
      continue;
    }
    if (token.type === 'punct' && token.value === ';') {
      flush();
      continue;
    }
    current.push(token);
  }
  flush();
  return { statements, comments };
}

interface RawToken {
  type: SqlTokenType;
  value: string;
  start: number;
  end: number;
  row: number;
  col: number;
  endRow: number;
  endCol: number;
}

function tokenize(text: string): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  let row = 0;
  let col = 0;
  const advance = (to: number): void => {
    for (; i < to; i++) {
      if (text.charCodeAt(i) === 10) {
        row++;
        col = 0;
      } else col++;
    }
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      advance(i + 1);
      continue;
    }
    const start = i;
    const sr = row;
    const sc = col;
    let type: SqlTokenType;
    let end: number;
    if (c === '-' && text[i + 1] === '-') {
      type = 'comment';
      end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
    } else if (c === '/' && text[i + 1] === '*') {
      type = 'comment';
      end = text.indexOf('*/', i + 2);
      end = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      type = c === '`' ? 'ident' : 'string';
      end = closeQuote(text, i, c);
    } else if (/[A-Za-z_]/.test(c)) {
      type = 'word';
      end = i + 1;
      while (end < text.length && /[A-Za-z0-9_$]/.test(text[end])) end++;
    } else if (/[0-9]/.test(c)) {
      type = 'number';
      end = i + 1;
      while (end < text.length && /[0-9.eE]/.test(text[end])) end++;
    } else {
      type = 'punct';
      end = i + 1;
    }
    advance(end);
    const raw = text.slice(start, end);
    const value = type === 'string' || type === 'ident' ? raw.slice(1, raw.endsWith(c) && raw.length > 1 ? -1 : undefined) : raw;
    out.push({ type, value, start, end, row: sr, col: sc, endRow: row, endCol: col });
  }
  return out;
}

function closeQuote(text: string, open: number, quote: string): number {
  let j = open + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === quote) {
      if (text[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return text.length;
}

function toToken(unit: TextUnit, t: RawToken): SqlToken {
  return { type: t.type, value: t.value, span: spanOf(unit, t.row, t.col, t.endRow, t.endCol) };
}

function spanOf(unit: TextUnit, row: number, col: number, endRow: number, endCol: number): Span {
  const a = pointToFile(unit, row, col);
  const b = pointToFile(unit, endRow, endCol);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}
