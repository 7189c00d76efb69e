/**
 * The role a finding is judged by (`narrowedRole` of its `findingMarks`): its file's role, narrowed where a part of the file is
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

/** What a finding's place in its file says about it, read while the file's analysis is there. */
export interface FindingMarks {
  /** In a streaming aggregation only displayed. */
  displayedOnly: boolean;
  /** In code that makes up data. */
  generated: boolean;
}

// Four shared values: every finding of a large repository holds one until roles are known.
const MARKS: readonly FindingMarks[] = [
  { displayedOnly: false, generated: false },
  { displayedOnly: false, generated: true },
  { displayedOnly: true, generated: false },
  { displayedOnly: true, generated: true },
].map((m) => Object.freeze(m));

export function findingMarks(python: PythonAnalysis | undefined, at: { line: number; column: number }): FindingMarks {
  const displayed = python !== undefined && displayedOnly(python, `${at.line}:${at.column}`);
  return MARKS[(displayed ? 2 : 0) + (inGeneratedCode(python?.generated, at.line) ? 1 : 0)];
}

export function narrowedRole(fileRole: FileRole, marks: FindingMarks): FileRole {
  if (fileRole !== 'pipeline' && fileRole !== 'setup') return fileRole;
  if (marks.displayedOnly) return 'exploration';
  if (fileRole === 'pipeline' && marks.generated) return 'setup';
  return fileRole;
}

function displayedOnly(python: PythonAnalysis, key: string): boolean {
  const { displayedAggregations, writtenAggregations } = python.lineage;
  return (displayedAggregations?.has(key) ?? false) && !(writtenAggregations?.has(key) ?? false);
}
