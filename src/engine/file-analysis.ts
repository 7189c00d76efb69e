/**
 * Turning one input file into its model and analyses: decode, classify, build the
 * notebook / job model, parse Python once, collect facts and lineage, tokenize SQL,
 * read suppression comments. Pure and total: problems become model problems.
 */
import { generatedRanges } from '../model/generated-data.js';
import type { FileModel, InputFile, Suppression, Tree } from '../model/types.js';
import type { PythonAnalysis, Value } from '../model/python-types.js';
import type { SqlStatement } from '../model/sql.js';
import type { PythonParser } from '../model/python-parser.js';
import { decodeContent, splitLines } from '../model/text.js';
import { buildSourceModel, fileKindOf } from '../model/notebook.js';
import { buildIpynbModel } from '../model/ipynb.js';
import { readJobFile } from '../model/jobs.js';
import { collectFacts } from '../model/python-facts.js';
import { buildLineage } from '../model/lineage.js';
import { parseSqlUnit } from '../model/sql.js';
import { buildSqlLineage, type SqlLineage } from '../model/sql-lineage.js';
import { parseSuppressionComment } from '../model/suppressions.js';
import { SyntaxTree } from '../model/syntax-tree.js';
import { nodeSpan, type UnitMap } from '../model/span.js';

export interface AnalysedFile {
  model: FileModel;
  python?: PythonAnalysis;
  sql: SqlStatement[];
  /** Lineage of the SQL statements (`.sql` files, SQL notebooks, `%sql` cells). */
  sqlLineage?: SqlLineage;
  tree?: Tree;
  bytes: number;
  /** Why the file could not be analysed at all (binary, too large). */
  unreadable?: string;
}

export function buildModel(file: InputFile, maxBytes: number): AnalysedFile {
  const bytes = typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.byteLength;
  const empty = (reason: string): AnalysedFile => ({
    model: { kind: 'other', path: file.path, fileKind: 'other', text: '', lines: [], problems: [] },
    sql: [],
    bytes,
    unreadable: reason,
  });
  if (bytes > maxBytes) return empty(`file is ${bytes} bytes, over the ${maxBytes}-byte limit; not analysed`);
  const decoded = decodeContent(file.content);
  if (decoded.binary) return empty('binary content (NUL bytes); not analysed');
  const { text } = decoded;
  const lines = splitLines(text);
  const jobs = /\.(json|ya?ml)$/i.test(file.path) ? readJobFile(file.path, text) : undefined;
  if (jobs) return { model: jobs, sql: [], bytes };
  const kind = fileKindOf(file.path, lines[0] ?? '');
  if (kind === 'ipynb') return { model: buildIpynbModel(file.path, text, lines), sql: [], bytes };
  if (kind === 'other' || kind === 'job-json' || kind === 'bundle-yaml') return { model: { kind: 'other', path: file.path, fileKind: kind, text, lines, problems: [] }, sql: [], bytes };
  return { model: buildSourceModel(file.path, kind, text, lines), sql: [], bytes };
}

/** Parse Python and SQL of a code model, seeding lineage with the bindings of its includes. */
export function analyseCode(file: AnalysedFile, parser: PythonParser, seed?: Map<string, Value>, identifiers = false): void {
  const model = file.model;
  if (model.kind !== 'code') return;
  const firstCellEnd = model.cells[0]?.endLine ?? model.lines.length;
  if (model.python) {
    const tree = SyntaxTree.parse(parser, model.python.text);
    if (tree) {
      file.tree = tree;
      const facts = collectFacts(tree, model.python, { identifiers });
      const lineage = buildLineage(tree, model.python, seed, facts);
      file.python = { facts, lineage, generated: generatedRanges(tree, model.python, facts, model.path) };
      // Tree-sitter recovers from a syntax error, but what follows it may be misread: say so.
      if (facts.hasSyntaxErrors) {
        const line = firstErrorLine(tree, model.python);
        model.problems.push({ message: `Python syntax error near line ${line}; findings after it may be missing`, line });
      }
      for (const comment of facts.comments) addSuppression(model.suppressions, comment, firstCellEnd, model.fileKind === 'python-module');
    } else model.problems.push({ message: 'the Python parser could not read this file', line: 1 });
  }
  for (const unit of model.sql) {
    const parsed = parseSqlUnit(unit);
    file.sql.push(...parsed.statements);
    for (const comment of parsed.comments) addSuppression(model.suppressions, { text: comment.value, line: comment.span.line, trailing: comment.trailing }, firstCellEnd, false);
  }
  // `%sql` cells read the temporary views the notebook's Python registers.
  if (file.sql.length > 0) file.sqlLineage = buildSqlLineage(file.sql, new Map(file.python?.lineage.views ?? []));
}

/** The file line of the first node tree-sitter could not parse: the first `ERROR`, else the deepest node holding the error (a missing token). */
function firstErrorLine(tree: SyntaxTree, unit: UnitMap): number {
  let node = tree.rootNode;
  for (let depth = 0; depth < 10_000 && node.type !== 'ERROR'; depth++) {
    const child = node.children.find((c) => c.hasError);
    if (!child) break;
    node = child;
  }
  return nodeSpan(unit, node).line;
}

function addSuppression(out: Suppression[], comment: { text: string; line: number; trailing: boolean }, firstCellEnd: number, anywhere: boolean): void {
  const suppression = parseSuppressionComment(comment.text, comment.line, anywhere || comment.line <= firstCellEnd, comment.trailing);
  if (suppression) out.push(suppression);
}
