/**
 * A full analysis of a set of files, in three steps that can run on several threads:
 * 1. the index (src/engine/scan-index.ts): models, `%run` includes, job models, test identifiers;
 * 2. the files' analyses and rules (src/engine/scan-shard.ts), one file at a time;
 * 3. the merge (src/engine/scan-merge.ts): roles, the findings they keep, repository rules.
 * Here all three run in this thread over all files.
 */
import type { RepoContext } from '../../checks/types.js';
import type { InputFile } from '../model/types.js';
import type { PythonParser } from '../model/python-parser.js';
import type { EngineOptions } from './api-types.js';
import { indexPart, mergeIndexParts } from './scan-index.js';
import { mergeOutcomes, repoRuleFindings, type MergedScan } from './scan-merge.js';
import { createShard, DEFAULT_MAX_FILE_BYTES } from './scan-shard.js';

export { DEFAULT_MAX_FILE_BYTES };

export interface ScanOutput extends MergedScan {
  /** With `keepAnalyses`: models and analyses (syntax trees freed), for rules that compare two scans. */
  context?: RepoContext;
}

export interface ScanExtras {
  /** In diff mode: whether the line of head was added or modified. */
  changedLine?: (path: string, line: number) => boolean;
  /** Keep every file's model and analysis in `context` (a diff's base and head, which are small). */
  keepAnalyses?: boolean;
}

/** Path order, not arrival order: the CLI walk and the GitHub API list files in different orders. */
export function inPathOrder<T extends { path: string }>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function scanFiles(parser: PythonParser, files: InputFile[], options: EngineOptions = {}, extras: ScanExtras = {}): ScanOutput {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const sorted = inPathOrder(files);
  const byPath = new Map(sorted.map((f) => [f.path, f]));
  const inputOf = (path: string): InputFile | undefined => byPath.get(path);
  const index = mergeIndexParts([indexPart(parser, sorted, maxBytes)]);
  let done = 0;
  const shard = createShard({
    parser,
    options,
    changedLine: extras.changedLine,
    index,
    inputOf,
    keepAnalyses: extras.keepAnalyses,
    onFile: (path) => options.onProgress?.(++done, sorted.length, path),
  });
  const outcomes = shard.run(sorted.map((f) => f.path));
  const repoFindings = repoRuleFindings(outcomes.flatMap((o) => o.repoFile ?? []), index, options, inputOf);
  return { ...mergeOutcomes(outcomes, options, repoFindings), context: shard.kept() };
}
