/**
 * P806 two-level-name: a table named `schema.table`. Without a catalog the name resolves
 * against the session's current catalog (often `hive_metastore` on older workspaces or
 * clusters), so the same code reads or writes a different table depending on where it runs.
 * https://docs.databricks.com/aws/en/data-governance/unity-catalog/best-practices
 */
import type { CallFact, PythonAnalysis } from '../../src/model/python-types.js';
import type { Span, SyntaxNode, TextUnit } from '../../src/model/types.js';
import { nodeSpan } from '../../src/model/span.js';
import { stringValue } from '../../src/model/python-values.js';
import { stripCodeExtension } from '../../src/model/run-target.js';
import type { FileRule, RawFinding } from '../types.js';
import type { SqlStatement } from '../../src/model/sql.js';
import { createTables } from './sql-tables.js';
import { firstArgument, isReaderCall, isTwoLevelName, resolveConstants, tableNameParts, writeTargets } from './targets.js';

export const twoLevelName: FileRule = {
  meta: {
    id: 'P806',
    name: 'two-level-name',
    priority: 8,
    severity: 'notice',
    title: 'Table name without a catalog (`schema.table`)',
    fix: 'Name the catalog: `.toTable("main.bronze.events")`, `CREATE TABLE main.bronze.events ...`, or take the catalog from a parameter: `f"{catalog}.bronze.events"`.',
    hint: 'Name the catalog: `main.schema.table` or `f"{catalog}.schema.table"`',
    remediation: ['CATALOG', 'setCurrentCatalog'],
  },
  kind: 'file',
  check({ model, python, sql, repo }) {
    // `USE CATALOG` (here or in a `%run` include) pins what a two-level name resolves to.
    const includes = repo.includes(model.path);
    if (choosesCatalog(python, sql) || includes.some((included) => choosesCatalog(included.python, []))) return [];
    // A `%run` of a notebook outside the repository (a shared setup in the workspace) may pin it: unknown, so say nothing.
    const seen = new Set(includes.map((included) => stripCodeExtension(included.path)));
    if (model.kind === 'code' && model.runs.some((run) => !seen.has(run.resolved))) return [];
    const out: RawFinding[] = [];
    const unit = model.kind === 'code' ? model.python : undefined;
    if (python) out.push(...pythonFindings(python, unit));
    for (const table of createTables(sql)) {
      if (table.temporary || !isTwoLevelName(table.name)) continue;
      const name = table.name!.join('.');
      out.push({ span: table.nameSpan, message: `\`CREATE TABLE ${name}\` has no catalog: write \`<catalog>.${name}\``, key: name, ...catalogFix(name) });
    }
    return out;
  },
};

/** The finding's own name with a catalog in front, literal or from a parameter. */
function catalogFix(name: string): { hint: string; fix: string } {
  return {
    hint: `Name the catalog: \`main.${name}\` or \`f"{catalog}.${name}"\``,
    fix: `Name the catalog: \`main.${name}\`, or take it from a job parameter or bundle variable per target: \`f"{catalog}.${name}"\`.`,
  };
}

const USE_CATALOG = /^\s*(?:USE|SET)\s+CATALOG\b/i;

/**
 * The code sets the session's catalog: `spark.catalog.setCurrentCatalog(...)`, or a
 * `USE CATALOG x` statement (SQL, or a Python string such as `spark.sql("USE CATALOG x")`).
 * Reads facts only: an include's syntax tree is already freed.
 */
function choosesCatalog(python: PythonAnalysis | undefined, sql: SqlStatement[]): boolean {
  if (sql.some((statement) => USE_CATALOG.test(statement.text))) return true;
  if (python?.facts.calls.some((call) => call.method === 'setCurrentCatalog')) return true;
  return python?.facts.strings.some((s) => !s.docstring && USE_CATALOG.test(s.value)) ?? false;
}

function pythonFindings(python: PythonAnalysis, unit: TextUnit | undefined): RawFinding[] {
  const env = python.lineage.env;
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  const add = (span: Span, name: string, verb: string): void => {
    const key = `${span.line}:${span.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ span, message: `${verb} \`${name}\` has no catalog: it resolves against the session's current catalog; write \`<catalog>.${name}\``, key: name, ...catalogFix(name) });
  };
  for (const write of writeTargets(python)) {
    if (write.targetKind !== 'table' || write.target === undefined) continue;
    if (!isTwoLevelName(tableNameParts(write.target))) continue;
    add(nameSpan(write.node, unit) ?? write.span, write.target, `\`.${write.op}()\` of`);
  }
  for (const call of python.facts.calls) {
    if (call.method !== 'table' || !isReaderCall(call)) continue;
    const name = firstArgument(call, env);
    if (name === undefined || !isTwoLevelName(tableNameParts(resolveConstants(name, env)))) continue;
    add(argumentSpan(call, unit) ?? call.span, resolveConstants(name, env), 'Reading');
  }
  return out;
}

/** The span of a sink call's name argument when it is written as a literal. */
function nameSpan(call: SyntaxNode, unit: TextUnit | undefined): Span | undefined {
  const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c?.type !== 'comment');
  if (!unit || !first || stringValue(first) === undefined) return undefined;
  return nodeSpan(unit, first);
}

function argumentSpan(call: CallFact, unit: TextUnit | undefined): Span | undefined {
  const first = call.args[0];
  if (!unit || !first || stringValue(first) === undefined) return undefined;
  return nodeSpan(unit, first);
}
