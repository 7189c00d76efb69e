/**
 * P701 untested-transform: a transformation function that no test refers to. Reported by
 * scans (the tracking issue's P7 progress counts these) and in diff mode alike, so a
 * function untested at the base is `existing` in a pull request, not new; one the change
 * adds is new. Identified by its qualified name, so edits of its body keep the finding.
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
    fix: 'Add a pytest test under `tests/` that builds a small input DataFrame, calls the function and compares the result, e.g. `def test_parse_events(spark): assert parse_events(spark.createDataFrame(rows, schema)).count() == 2`.',
    hint: 'Add a pytest test that calls the function on a small DataFrame',
    remediation: ['createDataFrame', 'assertDataFrameEqual', 'assert_frame_equal'],
    needsTests: true,
  },
  kind: 'file',
  check({ model, python, repo }) {
    if (!python || repo.isTestPath(model.path)) return [];
    const out: RawFinding[] = [];
    for (const fn of transformFunctions(python)) {
      if (isReferencedByTests(fn, repo.testIdentifiers)) continue;
      out.push({
        span: fn.defSpan,
        message: `Transformation function \`${fn.qualifiedName}\` is not referenced by any test: add a pytest test that calls it on a small DataFrame`,
        key: fn.qualifiedName,
        hint: `Add a pytest test that calls \`${fn.qualifiedName}\` on a small DataFrame`,
        fix:
          `Add a pytest test under \`tests/\` that builds a small input DataFrame, calls \`${fn.qualifiedName}\` and compares the result, ` +
          `e.g. \`def test_${fn.name}(spark): assert ${fn.qualifiedName}(spark.createDataFrame(rows, schema)).count() == 2\`.`,
      });
    }
    return out;
  },
};
