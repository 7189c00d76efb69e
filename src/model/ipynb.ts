/**
 * Jupyter and Databricks `.ipynb` notebooks. The JSON is parsed with positions so every
 * code line maps back to the line of its string in the `.ipynb` file.
 * Format: https://nbformat.readthedocs.io/en/latest/format_description.html
 */
import { lineStartsOf, pointAtOffset } from './text.js';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Cell, CellLanguage, CodeModel, TextUnit } from './types.js';
import { MAGIC_LANGUAGES, runInclude } from './notebook.js';

interface SourceLine {
  text: string;
  line: number;
  col: number;
  /** 0-based file column of each character (and one past the end), when the JSON escaped some. */
  cols?: number[];
}


export function buildIpynbModel(path: string, text: string, lines: string[]): CodeModel {
  const model: CodeModel = { kind: 'code', path, fileKind: 'ipynb', text, lines, cells: [], sql: [], runs: [], suppressions: [], problems: [] };
  const lineStarts = lineStartsOf(text);
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true });
  } catch {
    root = undefined;
  }
  if (!root || root.type !== 'object') {
    const offset = errors[0]?.offset ?? 0;
    model.problems.push({ message: 'not a valid notebook: the .ipynb file is not a JSON object', line: lineOf(lineStarts, offset) });
    return model;
  }
  if (errors.length > 0) model.problems.push({ message: 'the .ipynb JSON has syntax errors; read as far as possible', line: lineOf(lineStarts, errors[0].offset) });
  const cells = member(root, 'cells');
  if (!cells || cells.type !== 'array') return model;
  const defaultLanguage = notebookLanguage(root);
  const python: TextUnit = { text: '', lineMap: [], colOffset: [] };
  const pythonLines: string[] = [];
  for (const cellNode of cells.children ?? []) {
    const source = cellSource(cellNode, text, lineStarts);
    if (source.length === 0) continue;
    const cellType = member(cellNode, 'cell_type')?.value;
    const language = cellType === 'code' ? magicLanguage(source[0].text, defaultLanguage) : cellType === 'markdown' ? 'markdown' : 'other';
    const cell: Cell = { index: model.cells.length, language, startLine: source[0].line, endLine: source[source.length - 1].line };
    model.cells.push(cell);
    if (language === 'python') appendLines(python, pythonLines, source, true);
    else if (language === 'sql') model.sql.push(sqlUnit(source));
    else if (language === 'run') collectRuns(model, source);
  }
  python.text = pythonLines.join('\n');
  if (python.lineMap.length > 0) model.python = python;
  return model;
}

function notebookLanguage(root: JsonNode): CellLanguage {
  const metadata = member(root, 'metadata');
  const databricks = member(metadata, 'application/vnd.databricks.v1+notebook');
  const value = member(databricks, 'language')?.value ?? member(member(metadata, 'kernelspec'), 'language')?.value ?? member(member(metadata, 'language_info'), 'name')?.value;
  if (typeof value !== 'string') return 'python';
  const lower = value.toLowerCase();
  if (lower === 'sql' || lower === 'scala' || lower === 'r') return lower;
  return 'python';
}

function magicLanguage(firstLine: string, fallback: CellLanguage): CellLanguage {
  const word = firstLine.trim().split(/\s+/, 1)[0].toLowerCase();
  if (!word.startsWith('%')) return fallback;
  return MAGIC_LANGUAGES[word] ?? 'other';
}

/** The source lines of a cell with their positions in the file. */
function cellSource(cellNode: JsonNode, text: string, lineStarts: number[]): SourceLine[] {
  const source = member(cellNode, 'source');
  if (!source) return [];
  const parts = source.type === 'array' ? (source.children ?? []) : [source];
  const out: SourceLine[] = [];
  for (const part of parts) {
    if (part.type !== 'string' || typeof part.value !== 'string') continue;
    const line = lineOf(lineStarts, part.offset);
    const col = part.offset - lineStarts[line - 1] + 1;
    const raw = text.slice(part.offset, part.offset + part.length);
    if (!raw.includes('\\')) {
      out.push({ text: part.value, line, col });
      continue;
    }
    // Escapes make decoded and file columns drift apart: map each character back to the file.
    for (const piece of decodedLines(raw, col - 1)) out.push({ text: piece.text, line, col: 0, cols: piece.cols });
  }
  return out;
}

function appendLines(unit: TextUnit, out: string[], source: SourceLine[], python: boolean): void {
  if (out.length > 0) {
    out.push('');
    unit.lineMap.push(source[0].line);
    unit.colOffset.push(0);
    unit.colMaps?.push(undefined);
  }
  for (const line of source) {
    // IPython magics and shell escapes are not Python: keep the line, drop its text.
    const trimmed = line.text.trimStart();
    const code = python && (trimmed.startsWith('%') || trimmed.startsWith('!')) ? '' : line.text;
    out.push(code);
    pushRow(unit, line);
  }
}

function pushRow(unit: TextUnit, line: SourceLine): void {
  unit.lineMap.push(line.line);
  unit.colOffset.push(line.col);
  if (line.cols) {
    unit.colMaps ??= new Array<number[] | undefined>(unit.lineMap.length - 1).fill(undefined);
    unit.colMaps.push(line.cols);
  } else unit.colMaps?.push(undefined);
}

/**
 * The lines of a JSON string literal (`raw`, quotes included, starting at 0-based file column
 * `start`), each with the file column of every character (and one past its end). A literal sits
 * on one file line. The text is cut from the runs between escapes, not built a character at a time.
 */
function decodedLines(raw: string, start: number): { text: string; cols: number[] }[] {
  const lines: { text: string; cols: number[] }[] = [];
  let cols: number[] = [];
  let text = '';
  let run = 1; // start of the current run of unescaped characters
  let i = 1; // past the opening quote
  const end = raw.length - 1;
  while (i < end) {
    if (raw.charCodeAt(i) !== 92) {
      cols.push(start + i);
      i++;
      continue;
    }
    if (i > run) text += raw.slice(run, i);
    const next = raw[i + 1];
    let char: string;
    let width = 2;
    if (next === 'u') {
      char = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16) || 0xfffd);
      width = 6;
    } else char = ESCAPES[next] ?? next ?? '';
    if (char === '\n') {
      cols.push(start + i);
      lines.push({ text, cols });
      text = '';
      cols = [];
    } else {
      text += char;
      cols.push(start + i);
    }
    i += width;
    run = i;
  }
  if (end > run) text += raw.slice(run, end);
  if (text.length > 0 || lines.length === 0) {
    cols.push(start + end);
    lines.push({ text, cols });
  }
  return lines;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

function sqlUnit(source: SourceLine[]): TextUnit {
  const unit: TextUnit = { text: '', lineMap: [], colOffset: [] };
  const out: string[] = [];
  source.forEach((line, i) => {
    const text = i === 0 && line.text.trimStart().toLowerCase().startsWith('%sql') ? line.text.replace(/%sql/i, '    ') : line.text;
    out.push(text);
    pushRow(unit, line);
  });
  unit.text = out.join('\n');
  return unit;
}

function collectRuns(model: CodeModel, source: SourceLine[]): void {
  for (const line of source) {
    const trimmed = line.text.trim();
    if (!trimmed.startsWith('%run')) continue;
    const target = trimmed.slice(4).trim().split(/\s+/, 1)[0] ?? '';
    if (target) model.runs.push(runInclude(model.path, target, line.line));
  }
}

function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode?.value === key) return valueNode;
  }
  return undefined;
}

/** 1-based line of an offset. */
function lineOf(starts: number[], offset: number): number {
  return pointAtOffset(starts, offset).row + 1;
}
