/**
 * P402 delta-unbounded: a Delta streaming source without a byte cap. Delta already defaults to
 * `maxFilesPerTrigger` 1000, so this is a notice: the gap is the missing `maxBytesPerTrigger`
 * when neither limit is set. https://learn.microsoft.com/en-us/azure/databricks/structured-streaming/batch-size
 */
import { fixValue } from '../../src/model/fix-types.js';
import type { FileRule, RawFinding } from '../types.js';
import { readerOptionFix } from '../shared/python-fixes.js';
import { keptRecords } from '../shared/kept-records.js';
import { limitsIgnored } from '../shared/ignored-limits.js';
import { hasOption, sourceFamily } from '../shared/sources.js';

export const deltaUnbounded: FileRule = {
  meta: {
    id: 'P402',
    name: 'delta-unbounded',
    priority: 4,
    severity: 'notice',
    title: 'Delta streaming source without `maxBytesPerTrigger` or `maxFilesPerTrigger`',
    fix: 'Add `.option("maxBytesPerTrigger", "1g")` (and, if needed, `.option("maxFilesPerTrigger", 1000)`) to the Delta stream.',
    hint: 'Add `.option("maxBytesPerTrigger", "1g")` to the Delta stream',
    remediation: ['maxBytesPerTrigger', 'maxFilesPerTrigger'],
  },
  kind: 'file',
  check(ctx) {
    const { python } = ctx;
    if (!python) return [];
    const out: RawFinding[] = [];
    // A stream only looked at (`display(df)`) runs no production query: its batch size is the reader's.
    const kept = keptRecords(ctx);
    // Under `trigger(once=True)` no limit applies: `trigger-once` reports the query.
    const ignored = limitsIgnored(ctx);
    for (const source of python.lineage.sources) {
      if (!kept(source) || ignored(source)) continue;
      if (!source.streaming || sourceFamily(source) !== 'delta') continue;
      if (hasOption(source, 'maxBytesPerTrigger', 'maxFilesPerTrigger')) continue;
      out.push({
        span: source.span,
        message: 'Delta stream with only the default cap of 1000 files per micro-batch and no `maxBytesPerTrigger`: large files can still overwhelm a batch',
        key: source.table ?? source.loadPath ?? '',
        // The byte cap is the gap: the file cap is already Delta's default.
        autofix: (settings) => readerOptionFix(ctx.model, python, source, 'maxBytesPerTrigger', fixValue(settings, 'maxBytesPerTrigger')),
      });
    }
    return out;
  },
};
