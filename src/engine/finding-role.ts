/**
 * The role a finding is judged by: its file's role, narrowed where a part of the file is
 * for something else (RULES.md, "File roles"):
 * - code that makes up data inside a pipeline file (src/model/generated-data.ts) is setup;
 * - a streaming aggregation whose result is only passed to `display()`, never written by a
 *   query, is exploration, as a notebook whose streams only end in `display()` is: the
 *   reader watches it, and it stops with the notebook.
 * Pure.
 */
import { inGeneratedCode } from '../model/generated-data.js';
import type { PythonAnalysis } from '../model/python-types.js';
import type { FileRole } from '../model/types.js';

export function findingRole(fileRole: FileRole, python: PythonAnalysis | undefined, at: { line: number; column: number }): FileRole {
  if (fileRole !== 'pipeline' && fileRole !== 'setup') return fileRole;
  if (python && displayedOnly(python, `${at.line}:${at.column}`)) return 'exploration';
  if (fileRole === 'pipeline' && inGeneratedCode(python?.generated, at.line)) return 'setup';
  return fileRole;
}

function displayedOnly(python: PythonAnalysis, key: string): boolean {
  const { displayedAggregations, writtenAggregations } = python.lineage;
  return (displayedAggregations?.has(key) ?? false) && !(writtenAggregations?.has(key) ?? false);
}
