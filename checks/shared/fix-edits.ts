/**
 * From an edit of the Python text a rule analysed to an edit of the file. The Python of a
 * notebook is cut out of its file (src/model/notebook.ts, src/model/ipynb.ts): a `# MAGIC`
 * line carries it after a prefix, an `.ipynb` cell carries it JSON-escaped in a string of its
 * `source`. The unit's `lineMap`, `colOffset` and `colMaps` lead back; this module also writes
 * the replacement the way the file holds code: after the prefix, or inside the JSON string.
 */
import { findNodeAtOffset, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { FileEdit } from '../../src/model/fix-types.js';
import type { CodeModel, SyntaxNode, TextUnit } from '../../src/model/types.js';

/** An edit of a unit's text: 0-based rows and columns, as syntax-tree points give them. */
export interface UnitEdit {
  row: number;
  column: number;
  endRow: number;
  endColumn: number;
  text: string;
}

/** Replace a syntax node with text. */
export function replaceNode(node: SyntaxNode, text: string): UnitEdit {
  return { row: node.startPosition.row, column: node.startPosition.column, endRow: node.endPosition.row, endColumn: node.endPosition.column, text };
}

/** Insert text right after a syntax node. */
export function insertAfter(node: SyntaxNode, text: string): UnitEdit {
  const { row, column } = node.endPosition;
  return { row, column, endRow: row, endColumn: column, text };
}

/** Insert text right before a syntax node. */
export function insertBefore(node: SyntaxNode, text: string): UnitEdit {
  const { row, column } = node.startPosition;
  return { row, column, endRow: row, endColumn: column, text };
}

/**
 * The file edits of a fix's unit edits, or undefined when one cannot be written back (an edit
 * spanning two strings of an `.ipynb` cell, a point outside the unit).
 */
export function pythonFileEdits(model: CodeModel, edits: readonly UnitEdit[]): FileEdit[] | undefined {
  const unit = model.python;
  if (!unit) return undefined;
  const starts = lineStartsOf(model);
  const located: { start: number; end: number; edit: UnitEdit }[] = [];
  for (const edit of edits) {
    const start = fileOffset(unit, starts, edit.row, edit.column);
    const end = fileOffset(unit, starts, edit.endRow, edit.endColumn);
    if (start === undefined || end === undefined || end < start) return undefined;
    located.push({ start, end, edit });
  }
  if (model.fileKind === 'ipynb') {
    try {
      return ipynbEdits(model, located);
    } catch {
      // A string the JSON parser recovered from a malformed file may not decode: no fix.
      return undefined;
    }
  }
  return located.map(({ start, end, edit }) => ({ path: model.path, start, end, text: withLinePrefix(edit.text, magicPrefix(model, unit, edit.row)) }));
}

const lineStartCache = new WeakMap<CodeModel, number[]>();

/** Computed once per file: a file with thousands of fixable findings must not recount its lines for each. */
function lineStartsOf(model: CodeModel): number[] {
  let found = lineStartCache.get(model);
  if (!found) {
    found = lineStarts(model.lines);
    lineStartCache.set(model, found);
  }
  return found;
}

function lineStarts(lines: readonly string[]): number[] {
  const starts = new Array<number>(lines.length);
  let offset = 0;
  lines.forEach((line, i) => {
    starts[i] = offset;
    offset += line.length + 1;
  });
  return starts;
}

function fileOffset(unit: TextUnit, starts: readonly number[], row: number, column: number): number | undefined {
  const line = unit.lineMap[row];
  if (line === undefined || starts[line - 1] === undefined) return undefined;
  const map = unit.colMaps?.[row];
  const fileColumn = map && map.length > 0 ? map[column] : column + (unit.colOffset[row] ?? 0);
  return fileColumn === undefined ? undefined : starts[line - 1] + fileColumn;
}

/**
 * `# MAGIC ` (or `-- MAGIC `) when the row's code sits after a MAGIC prefix: lines the edit adds
 * need it too, or they would leave the cell.
 */
function magicPrefix(model: CodeModel, unit: TextUnit, row: number): string {
  const offset = unit.colOffset[row] ?? 0;
  if (offset === 0) return '';
  const line = model.lines[unit.lineMap[row] - 1] ?? '';
  const at = line.indexOf(' MAGIC');
  return at >= 0 && at < offset ? `${line.slice(0, at + ' MAGIC'.length)} ` : '';
}

function withLinePrefix(text: string, prefix: string): string {
  return prefix === '' ? text : text.split('\n').join(`\n${prefix}`);
}

const trees = new WeakMap<CodeModel, JsonNode | undefined>();

function jsonTree(model: CodeModel): JsonNode | undefined {
  if (!trees.has(model)) trees.set(model, parseTree(model.text, [], { allowTrailingComma: true }));
  return trees.get(model);
}

/**
 * `.ipynb`: the edits of one JSON string are made on its decoded value, which is written back
 * escaped. A string of a `source` list that the edit gives more lines is split, one string per
 * line at the list's indentation, as Jupyter writes them.
 */
function ipynbEdits(model: CodeModel, located: { start: number; end: number; edit: UnitEdit }[]): FileEdit[] | undefined {
  const root = jsonTree(model);
  if (!root) return undefined;
  const byString = new Map<JsonNode, { start: number; end: number; edit: UnitEdit }[]>();
  for (const item of located) {
    const node = findNodeAtOffset(root, item.start);
    if (!node || node.type !== 'string' || item.start <= node.offset || item.end > node.offset + node.length - 1) return undefined;
    byString.set(node, [...(byString.get(node) ?? []), item]);
  }
  const out: FileEdit[] = [];
  for (const [node, items] of byString) {
    const value = editedValue(model.text, node, items);
    if (value === undefined) return undefined;
    out.push({ path: model.path, start: node.offset, end: node.offset + node.length, text: serialise(model.text, node, value) });
  }
  return out.sort((a, b) => a.start - b.start);
}

function editedValue(text: string, node: JsonNode, items: { start: number; end: number; edit: UnitEdit }[]): string | undefined {
  const sorted = [...items].sort((a, b) => a.start - b.start);
  let at = node.offset + 1;
  let value = '';
  for (const item of sorted) {
    if (item.start < at) return undefined;
    value += decode(text.slice(at, item.start)) + item.edit.text;
    at = item.end;
  }
  return value + decode(text.slice(at, node.offset + node.length - 1));
}

/** A stretch of a JSON string's body cut at character boundaries (the unit's columns are). */
function decode(raw: string): string {
  return JSON.parse(`"${raw}"`) as string;
}

function serialise(text: string, node: JsonNode, value: string): string {
  const lines = splitKeepingNewlines(value);
  if (node.parent?.type !== 'array' || lines.length < 2) return JSON.stringify(value);
  const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
  const indent = text.slice(lineStart, node.offset);
  const separator = indent.trim() === '' ? `,\n${indent}` : ', ';
  return lines.map((line) => JSON.stringify(line)).join(separator);
}

function splitKeepingNewlines(value: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = value.indexOf('\n'); i >= 0 && i < value.length - 1; i = value.indexOf('\n', from)) {
    out.push(value.slice(from, i + 1));
    from = i + 1;
  }
  out.push(value.slice(from));
  return out;
}
