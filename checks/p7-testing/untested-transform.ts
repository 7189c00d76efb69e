/**
 * P701 untested-transform: a pull request adds or changes a transformation function that
 * no test refers to. It judges a change, so it only reports in diff mode: a scan of the
 * whole repository is covered by logic-in-notebook and no-test-suite, and a base scan
 * reporting every untested function would show them all as "resolved" by any PR.
 * https://docs.databricks.com/aws/en/notebooks/testing
 */
import type { FileRule, RawFinding } from '../types.js';
import { isReferencedByTests, transformFunctions } from './transforms.js';

export const untestedTransform: FileRule = {
  meta: {
    id: 'P701',
    name: 'untested-transform',
    priority: 7,
    severity: 'warning',
    title: 'Transformation function is not referenced by any test',
    fix: 'Add a pytest test under `tests/` that builds a small input DataFrame, calls the function and compares the result, e.g. `def test_parse_mbo_events(spark): assert parse_mbo_events(spark.createDataFrame(rows, schema)).count() == 2`.',
    remediation: ['createDataFrame', 'assertDataFrameEqual', 'assert_frame_equal'],
    needsWholeRepository: true,
  },
  kind: 'file',
  check({ model, python, repo }) {
    const changed = repo.changedLine;
    if (!python || !changed || repo.isTestPath(model.path)) return [];
    const out: RawFinding[] = [];
    for (const fn of transformFunctions(python)) {
      if (isReferencedByTests(fn, repo.testIdentifiers)) continue;
      if (!spanChanged(model.path, fn.span.line, fn.span.endLine, changed)) continue;
      out.push({
        span: fn.defSpan,
        message: `Transformation function \`${fn.qualifiedName}\` is not referenced by any test: add a pytest test that calls it on a small DataFrame`,
        key: fn.qualifiedName,
      });
    }
    return out;
  },
};

function spanChanged(path: string, from: number, to: number, changed: (path: string, line: number) => boolean): boolean {
  for (let line = from; line <= to; line++) if (changed(path, line)) return true;
  return false;
}
