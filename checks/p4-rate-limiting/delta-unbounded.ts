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
import { isSqlSource, lineageSources } from '../shared/flows.js';

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
    const out: RawFinding[] = [];
    // A stream only looked at (`display(df)`) runs no production query: its batch size is the reader's.
    const kept = keptRecords(ctx);
    // Under `trigger(once=True)` no limit applies: `trigger-once` reports the query.
    const ignored = limitsIgnored(ctx);
    // Pipeline tables are Delta tables: `STREAM(LIVE.t)` and `dlt.read_stream("t")` read them as Delta streams.
    for (const source of lineageSources(ctx)) {
      if (!kept(source) || ignored(source)) continue;
      const family = sourceFamily(source);
      if (!source.streaming || (family !== 'delta' && family !== 'dlt')) continue;
      if (hasOption(source, 'maxBytesPerTrigger', 'maxFilesPerTrigger')) continue;
      const key = source.table ?? source.loadPath ?? '';
      if (isSqlSource(source)) {
        out.push({ span: source.span, key, ...SQL_ADVICE });
        continue;
      }
      if (source.api.startsWith('dlt.')) {
        out.push({ span: source.span, key, ...dltAdvice(source.table) });
        continue;
      }
      out.push({
        span: source.span,
        message: MESSAGE,
        key,
        // The byte cap is the gap: the file cap is already Delta's default.
        autofix: python ? (settings) => readerOptionFix(ctx.model, python, source, 'maxBytesPerTrigger', fixValue(settings, 'maxBytesPerTrigger')) : undefined,
      });
    }
    return out;
  },
};

const MESSAGE = 'Delta stream with only the default cap of 1000 files per micro-batch and no `maxBytesPerTrigger`: large files can still overwhelm a batch';

/** SQL reads take reader options in a `WITH (...)` clause after the table. */
const SQL_ADVICE = {
  message: MESSAGE,
  hint: "Add `WITH ('maxBytesPerTrigger' = '1g')` after the `STREAM` table",
  fix: "Cap each micro-batch's bytes: `FROM STREAM(LIVE.events) WITH ('maxBytesPerTrigger' = '1g')` (and, if needed, `'maxFilesPerTrigger' = '1000'`).",
};

/** `dlt.read_stream(name)` takes no options: the same table read with `spark.readStream` does. */
function dltAdvice(table: string | undefined): { message: string; hint: string; fix: string } {
  const read = `spark.readStream.option("maxBytesPerTrigger", "1g").table("${table ?? 'name'}")`;
  return { message: MESSAGE, hint: `Read it with \`${read}\``, fix: `\`dlt.read_stream\` takes no reader options: read the pipeline table with \`${read}\` to cap each micro-batch.` };
}
