/**
 * P205 iterrows: `DataFrame.iterrows()` builds a pandas Series per row, the slowest way to
 * walk a frame. Inside a stateful or UDF function it runs on every micro-batch for every key,
 * so it caps the throughput of the stream (warning); elsewhere it is advice (notice).
 * https://docs.databricks.com/aws/en/udf/pandas
 */
import type { FileRule, RawFinding } from '../types.js';
import { isStatefulFunction } from '../shared/python-helpers.js';

export const iterrows: FileRule = {
  meta: {
    id: 'P205',
    name: 'iterrows',
    priority: 2,
    severity: 'warning',
    title: '`iterrows()` processes a pandas DataFrame row by row',
    fix: 'Use column operations on the whole frame (`pdf["total"] = pdf["amount"] * pdf["quantity"]`, `pdf.groupby(...).agg(...)`, `np.where(...)`), or `itertuples(index=False)` when an ordered row-by-row pass is truly needed.',
    hint: 'Use column operations on the whole frame, or `itertuples(index=False)`',
    remediation: ['to_numpy', 'itertuples', 'pandas_udf'],
  },
  kind: 'file',
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    for (const call of python.facts.calls) {
      if (call.method !== 'iterrows' || call.node.childForFieldName('function')?.type !== 'attribute') continue;
      const stateful = isStatefulFunction(call.enclosingFunction, python.lineage.statefulFunctions);
      out.push({
        span: call.span,
        severity: stateful ? 'warning' : 'notice',
        message: stateful
          ? `\`iterrows()\` inside \`${call.enclosingFunction}\`, which Spark runs on every micro-batch: row-by-row pandas caps the stream's throughput`
          : '`iterrows()` processes the frame row by row; vectorised column operations are much faster',
      });
    }
    return out;
  },
};
