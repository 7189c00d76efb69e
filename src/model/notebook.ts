/**
 * Databricks source notebooks (`.py`, `.sql`, `.scala`, `.r` exports) and plain modules.
 * Cells are split on `COMMAND ----------` lines; `MAGIC` lines carry other languages.
 * Format: https://docs.databricks.com/en/notebooks/notebook-export-import.html
 */
import type { Cell, CellLanguage, CodeModel, FileKind, RunInclude, TextUnit } from './types.js';
import { identityUnit } from './text.js';
import { resolveRunTarget } from './run-target.js';

interface CommentSyntax {
  marker: string;
  language: CellLanguage;
}

const HEADERS: Record<string, CommentSyntax> = {
  '# Databricks notebook source': { marker: '#', language: 'python' },
  '-- Databricks notebook source': { marker: '--', language: 'sql' },
  '// Databricks notebook source': { marker: '//', language: 'scala' },
};

/** The language of a cell by its first magic command (source notebooks and `.ipynb` alike). */
export const MAGIC_LANGUAGES: Record<string, CellLanguage> = {
  '%md': 'markdown',
  '%md-sandbox': 'markdown',
  '%sql': 'sql',
  '%python': 'python',
  '%scala': 'scala',
  '%r': 'r',
  '%sh': 'shell',
  '%run': 'run',
  '%pip': 'pip',
  '%fs': 'shell',
};

export function notebookHeader(firstLine: string): CommentSyntax | undefined {
  return HEADERS[firstLine.trim()];
}

export function fileKindOf(path: string, firstLine: string): FileKind {
  const lower = path.toLowerCase();
  const header = notebookHeader(firstLine);
  if (lower.endsWith('.ipynb')) return 'ipynb';
  if (header?.language === 'python') return lower.endsWith('.py') ? 'python-notebook' : 'other';
  if (header?.language === 'sql') return 'sql-notebook';
  if (header?.language === 'scala') return 'scala-notebook';
  if (lower.endsWith('.py')) return 'python-module';
  if (lower.endsWith('.sql')) return 'sql-file';
  if (lower.endsWith('.r') && firstLine.trim() === '# Databricks notebook source') return 'r-notebook';
  return 'other';
}

/** Build the model of a source notebook or a plain module/SQL file. */
export function buildSourceModel(path: string, fileKind: FileKind, text: string, lines: string[]): CodeModel {
  const model: CodeModel = { kind: 'code', path, fileKind, text, lines, cells: [], sql: [], runs: [], suppressions: [], problems: [] };
  if (fileKind === 'python-module') {
    model.cells.push({ index: 0, language: 'python', startLine: 1, endLine: lines.length });
    model.python = identityUnit(text, lines.length);
    return model;
  }
  if (fileKind === 'sql-file') {
    model.cells.push({ index: 0, language: 'sql', startLine: 1, endLine: lines.length });
    model.sql.push(identityUnit(text, lines.length));
    return model;
  }
  const header = notebookHeader(lines[0] ?? '');
  if (!header) return model;
  splitCells(model, header, lines);
  // The whole Python notebook is Python: separators and MAGIC lines are comments, and a line
  // magic or shell escape typed into a cell (`%pip install x`, `!ls`), which the notebook's
  // IPython kernel runs, is kept as an empty line.
  if (header.language === 'python') model.python = pythonNotebookUnit(model.cells, lines, text);
  else if (header.language === 'sql') model.python = magicUnit(model.cells.filter((c) => c.language === 'python'), lines, header.marker);
  return model;
}

function splitCells(model: CodeModel, header: CommentSyntax, lines: string[]): void {
  const separator = `${header.marker} COMMAND ----------`;
  const magic = `${header.marker} MAGIC`;
  let start = 2;
  const finish = (end: number): void => {
    if (end < start) return;
    const cell = classifyCell(model.cells.length, start, end, lines, header, magic);
    model.cells.push(cell);
    collectCellContent(model, cell, lines, header, magic);
  };
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trimEnd() !== separator) continue;
    finish(i);
    start = i + 2;
  }
  finish(lines.length);
}

function magicText(line: string, magic: string): string | undefined {
  if (!line.startsWith(magic)) return undefined;
  return line.slice(magic.length).replace(/^ /, '');
}

function classifyCell(index: number, startLine: number, endLine: number, lines: string[], header: CommentSyntax, magic: string): Cell {
  let title: string | undefined;
  let language: CellLanguage = header.language;
  for (let line = startLine; line <= endLine; line++) {
    const raw = lines[line - 1];
    if (raw.startsWith(`${header.marker} DBTITLE`)) {
      title = raw.replace(/^\S+ DBTITLE \d+,/, '').trim();
      continue;
    }
    if (raw.trim() === '') continue;
    const inner = magicText(raw, magic);
    if (inner === undefined) break;
    const word = inner.trim().split(/\s+/, 1)[0].toLowerCase();
    language = MAGIC_LANGUAGES[word] ?? 'other';
    break;
  }
  return { index, language, startLine, endLine, title };
}

function collectCellContent(model: CodeModel, cell: Cell, lines: string[], header: CommentSyntax, magic: string): void {
  if (cell.language === 'run') {
    for (let line = cell.startLine; line <= cell.endLine; line++) {
      const inner = magicText(lines[line - 1], magic)?.trim();
      if (!inner?.startsWith('%run')) continue;
      const target = inner.slice(4).trim().split(/\s+/, 1)[0] ?? '';
      if (target) model.runs.push(runInclude(model.path, target, line));
    }
    return;
  }
  if (cell.language !== 'sql' || header.language === 'sql') {
    if (cell.language === 'sql') model.sql.push(plainUnit(cell, lines));
    return;
  }
  model.sql.push(magicUnit([cell], lines, header.marker, '%sql'));
}

export function runInclude(path: string, target: string, line: number): RunInclude {
  return { target, resolved: resolveRunTarget(path, target), line };
}

function plainUnit(cell: Cell, lines: string[]): TextUnit {
  const unit: TextUnit = { text: '', lineMap: [], colOffset: [] };
  const out: string[] = [];
  for (let line = cell.startLine; line <= cell.endLine; line++) {
    out.push(lines[line - 1]);
    unit.lineMap.push(line);
    unit.colOffset.push(0);
  }
  unit.text = out.join('\n');
  return unit;
}

/**
 * A line magic or shell escape written into a Python cell (not a `%python` language marker):
 * at the start of the line only, so a continuation line such as `    % (a, b))` stays code.
 */
function isPlainMagic(line: string): boolean {
  return /^[%!]/.test(line) && !/^%python\b/i.test(line);
}

/**
 * The Python of a Python source notebook: every line, at its own line. Separators, markdown and
 * other MAGIC lines are comments to Python; a line magic typed into a cell is blanked; a cell
 * written as `# MAGIC %python` (the export of a Python cell of another notebook's language, or a
 * hand-written one) carries its code on MAGIC lines: the prefix is cut, columns kept.
 */
function pythonNotebookUnit(cells: Cell[], lines: string[], text: string): TextUnit {
  const magicPython = cells.filter((cell) => cell.language === 'python' && firstCodeLine(cell, lines)?.startsWith('# MAGIC'));
  if (magicPython.length === 0 && !lines.some(isPlainMagic)) return identityUnit(text, lines.length);
  const unit: TextUnit = { text: '', lineMap: [], colOffset: [] };
  const out = lines.map((line) => (isPlainMagic(line) ? '' : line));
  for (let i = 0; i < lines.length; i++) {
    unit.lineMap.push(i + 1);
    unit.colOffset.push(0);
  }
  if (magicPython.length > 0) {
    const inner = magicUnit(magicPython, lines, '#', '%python');
    const innerLines = inner.text.split('\n');
    inner.lineMap.forEach((line, i) => {
      out[line - 1] = innerLines[i] ?? '';
      unit.colOffset[line - 1] = inner.colOffset[i];
    });
  }
  unit.text = out.join('\n');
  return unit;
}

function firstCodeLine(cell: Cell, lines: string[]): string | undefined {
  for (let line = cell.startLine; line <= cell.endLine; line++) {
    const raw = lines[line - 1];
    if (raw.trim() !== '' && !raw.startsWith('# DBTITLE')) return raw;
  }
  return undefined;
}

/** Code carried on MAGIC lines, with the prefix cut and columns shifted back. */
function magicUnit(cells: Cell[], lines: string[], marker: string, dropMagic?: string): TextUnit {
  const magic = `${marker} MAGIC`;
  const unit: TextUnit = { text: '', lineMap: [], colOffset: [] };
  const out: string[] = [];
  for (const cell of cells) {
    for (let line = cell.startLine; line <= cell.endLine; line++) {
      const raw = lines[line - 1];
      let inner = magicText(raw, magic);
      let offset = inner === undefined ? 0 : raw.length - inner.length;
      // A line magic or shell escape typed into a code cell (`%pip install x`, `!ls`) runs in the
      // notebook's IPython kernel, but it is not Python: the line is kept, its text dropped.
      const plainMagic = inner === undefined && isPlainMagic(raw);
      if (inner === undefined) inner = raw.startsWith(`${marker} DBTITLE`) || plainMagic ? '' : raw;
      const trimmed = inner.trimStart();
      if (trimmed.startsWith('%')) {
        const word = trimmed.split(/\s+/, 1)[0];
        if (!dropMagic || word.toLowerCase() === dropMagic || word.toLowerCase() === '%python') {
          offset += inner.length - trimmed.length + word.length;
          inner = trimmed.slice(word.length);
        }
      }
      out.push(inner);
      unit.lineMap.push(line);
      unit.colOffset.push(offset);
    }
  }
  unit.text = out.join('\n');
  return unit;
}
