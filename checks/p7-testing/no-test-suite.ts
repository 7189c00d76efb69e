/**
 * P703 no-test-suite: the repository holds pipeline code (notebooks, or code reading a
 * stream) and no pytest suite at all: no `test_*.py`, `*_test.py` or `conftest.py`.
 * https://docs.databricks.com/aws/en/notebooks/testing
 */
import type { FileKind } from '../../src/model/types.js';
import type { RepoFile, RepoRule } from '../types.js';

// Notebooks whose logic pytest can exercise; Scala and R notebooks are tested otherwise.
const NOTEBOOK_KINDS: ReadonlySet<FileKind> = new Set(['python-notebook', 'ipynb']);

/** Where repository-wide findings are reported: the repository's root. */
export const REPOSITORY_PATH = '.';

export const noTestSuite: RepoRule = {
  meta: {
    id: 'P703',
    name: 'no-test-suite',
    priority: 7,
    severity: 'warning',
    title: 'Repository has pipeline code but no pytest suite',
    fix: 'Add `tests/conftest.py` with a `spark` fixture (`SparkSession.builder.master("local[2]").getOrCreate()` or Databricks Connect) and `tests/test_<module>.py` files, and run `pytest` in CI.',
    hint: 'Add `tests/conftest.py` with a `spark` fixture and `tests/test_*.py`; run `pytest` in CI',
    remediation: ['fixture', 'createDataFrame', 'assertDataFrameEqual'],
    needsWholeRepository: true,
  },
  kind: 'repo',
  check({ files, repo }) {
    if (repo.hasTestSuite) return [];
    const pipeline = files
      .filter((f) => isPipelineFile(f) && !repo.isTestPath(f.path))
      .map((f) => f.path)
      .sort();
    if (pipeline.length === 0) return [];
    const count = pipeline.length === 1 ? '1 pipeline file' : `${pipeline.length} pipeline files`;
    // Anchored to the repository itself: adding or renaming a file does not move it.
    return [{
      path: REPOSITORY_PATH,
      span: { line: 1, column: 1, endLine: 1, endColumn: 1 },
      message: `No pytest suite found (no test_*.py, *_test.py or conftest.py) in a repository with ${count}: transformation logic is never tested`,
    }];
  },
};

function isPipelineFile(file: RepoFile): boolean {
  if (file.kind !== 'code') return false;
  return NOTEBOOK_KINDS.has(file.fileKind) || file.streams;
}
