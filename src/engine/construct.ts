/**
 * The construct a finding flags, in a normal form its identity (fingerprint.ts) is built
 * from: what stays the same while the flagged code is unchanged.
 *
 * - Python and SQL: the source the finding's span covers, read from the code unit (so an
 *   `.ipynb` cell's code, not its JSON escaping), tokenised: comments (suppression
 *   directives included) and the whitespace between tokens dropped, string literals kept
 *   exactly. SQL keywords and names are case-folded (a reformatter changes their case).
 *   Moving, re-indenting, re-wrapping or commenting the code keeps the form; changing a
 *   token (an option added, a call replaced, a literal edited) changes it.
 * - Job JSON and bundle YAML: the key path of the value the finding points at, with array
 *   items named by their `task_key` / `job_cluster_key` / `name` where they have one, so
 *   reordering keys or tasks keeps it.
 * Pure and total.
 */
import { unitColumn } from '../model/span.js';
import type { FileModel, PosNode, Span, TextUnit } from '../model/types.js';

/** Longer constructs (a whole function) are identified by their start: edits deep inside do not re-key them. */
const MAX_CONSTRUCT = 2_000;

export function constructOf(model: FileModel, span: Span): string {
  if (model.kind === 'jobs') return model.root ? keyPath(model.root, span) : '';
  if (model.kind === 'code') {
    const python = model.python ? sliceUnit(model.python, span) : undefined;
    if (python !== undefined) return normalisePython(python);
    for (const unit of model.sql) {
      const sql = sliceUnit(unit, span);
      if (sql !== undefined) return normaliseSql(sql);
    }
  }
  return (model.lines[span.line - 1] ?? '').trim().replace(/\s+/g, ' ');
}

/** The unit's text under the span, or undefined when the span's start is not in the unit. */
function sliceUnit(unit: TextUnit, span: Span): string | undefined {
  const startRow = rowOf(unit, span.line);
  if (startRow === undefined) return undefined;
  let endRow = startRow;
  while (endRow + 1 < unit.lineMap.length && unit.lineMap[endRow + 1] <= span.endLine) endRow++;
  const rows = rowStarts(unit);
  const at = (row: number, column: number): number => Math.min(rows[row] + Math.max(0, unitColumn(unit, row, column - 1)), row + 1 < rows.length ? rows[row + 1] - 1 : unit.text.length);
  const start = at(startRow, span.column);
  const end = span.endLine === unit.lineMap[endRow] ? at(endRow, span.endColumn) : rows[endRow + 1] ?? unit.text.length;
  return unit.text.slice(start, Math.max(start, Math.min(end, start + MAX_CONSTRUCT)));
}

function rowOf(unit: TextUnit, line: number): number | undefined {
  let lo = 0;
  let hi = unit.lineMap.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = unit.lineMap[mid];
    if (value === line) {
      // The first row of that line (a line maps to one row in every unit kind).
      let row = mid;
      while (row > 0 && unit.lineMap[row - 1] === line) row--;
      return row;
    }
    if (value < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

const starts = new WeakMap<TextUnit, number[]>();

function rowStarts(unit: TextUnit): number[] {
  let known = starts.get(unit);
  if (!known) {
    known = [0];
    for (let i = 0; i < unit.text.length; i++) if (unit.text.charCodeAt(i) === 10) known.push(i + 1);
    starts.set(unit, known);
  }
  return known;
}

const WORD = /[A-Za-z0-9_]/;

/** Joins tokens: a space only where two word characters would otherwise merge. */
function joiner(): { push: (text: string) => void; space: () => void; result: () => string } {
  let out = '';
  let pendingSpace = false;
  return {
    push(text) {
      if (pendingSpace && out.length > 0 && WORD.test(out[out.length - 1]) && WORD.test(text[0])) out += ' ';
      pendingSpace = false;
      out += text;
    },
    space() {
      pendingSpace = true;
    },
    result: () => out,
  };
}

export function normalisePython(code: string): string {
  const out = joiner();
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '#') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      out.space();
      i++;
    } else if (c === '\\' && (code[i + 1] === '\n' || code[i + 1] === '\r')) {
      out.space();
      i += 2;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(code, i);
      out.push(code.slice(i, end));
      i = end;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.result();
}

/** End (exclusive) of the Python string literal opening at `i` (single or triple quoted). */
function stringEnd(code: string, i: number): number {
  const quote = code[i];
  const triple = code.startsWith(quote.repeat(3), i);
  let j = i + (triple ? 3 : 1);
  while (j < code.length) {
    const c = code[j];
    if (c === '\\') j += 2;
    else if (triple ? code.startsWith(quote.repeat(3), j) : c === quote) return j + (triple ? 3 : 1);
    else if (!triple && c === '\n') return j;
    else j++;
  }
  return code.length;
}

export function normaliseSql(code: string): string {
  const out = joiner();
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '-' && code[i + 1] === '-') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end === -1 ? code.length : end + 2;
      out.space();
    } else if (/\s/.test(c)) {
      out.space();
      i++;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = quotedEnd(code, i);
      // A string literal is kept as written; quoted names fold like other names.
      out.push(c === "'" ? code.slice(i, end) : code.slice(i, end).toLowerCase());
      i = end;
    } else {
      out.push(c.toLowerCase());
      i++;
    }
  }
  return out.result();
}

/** End (exclusive) of the SQL quoted token at `i`: a doubled quote escapes it, so does `\\` in strings. */
function quotedEnd(code: string, i: number): number {
  const quote = code[i];
  let j = i + 1;
  while (j < code.length) {
    if (code[j] === quote) {
      if (code[j + 1] !== quote) return j + 1;
      j += 2;
    } else j += code[j] === '\\' && quote !== '`' ? 2 : 1;
  }
  return code.length;
}

const NAMING_KEYS = ['task_key', 'job_cluster_key', 'name', 'key'];

/** The key path of the deepest value whose span (or key) holds the span's start. */
export function keyPath(root: PosNode, span: Span): string {
  const parts: string[] = [];
  let node: PosNode | undefined = root;
  while (node) {
    let next: PosNode | undefined;
    if (node.type === 'object') {
      for (const [key, child] of node.entries) {
        if (holds(child.span, span) || (child.keySpan && holds(child.keySpan, span))) {
          parts.push(key);
          next = child;
          break;
        }
      }
    } else if (node.type === 'array') {
      node.items.forEach((item, index) => {
        if (next || !holds(item.span, span)) return;
        parts.push(`[${itemName(item) ?? index}]`);
        next = item;
      });
    }
    node = next;
  }
  return parts.join('.');
}

function itemName(item: PosNode): string | undefined {
  if (item.type !== 'object') return undefined;
  for (const key of NAMING_KEYS) {
    const value = item.entries.get(key);
    if (value?.type === 'scalar' && value.value !== null) return `${key}=${String(value.value)}`;
  }
  return undefined;
}

function holds(outer: Span, inner: Span): boolean {
  const after = inner.line > outer.line || (inner.line === outer.line && inner.column >= outer.column);
  const before = inner.line < outer.endLine || (inner.line === outer.endLine && inner.column <= outer.endColumn);
  return after && before;
}
