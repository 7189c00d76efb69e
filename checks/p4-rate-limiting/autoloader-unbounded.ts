/**
 * P403 autoloader-unbounded: Auto Loader (`cloudFiles`) without its own per-trigger limits.
 * The options are prefixed: `cloudFiles.maxFilesPerTrigger`, `cloudFiles.maxBytesPerTrigger`.
 * https://docs.databricks.com/aws/en/ingestion/cloud-object-storage/auto-loader/options
 */
import { fixValue, type FixSettings } from '../../src/model/fix-types.js';
import type { FileRule, RawFinding } from '../types.js';
import { readerOptionFix } from '../shared/python-fixes.js';
import { keptRecords } from '../shared/kept-records.js';
import { limitsIgnored } from '../shared/ignored-limits.js';
import { hasOption, sourceFamily } from '../shared/sources.js';
import { isSqlSource, lineageSources } from '../shared/flows.js';

export const autoloaderUnbounded: FileRule = {
  meta: {
    id: 'P403',
    name: 'autoloader-unbounded',
    priority: 4,
    severity: 'notice',
    title: 'Auto Loader stream without `cloudFiles.maxFilesPerTrigger` or `cloudFiles.maxBytesPerTrigger`',
    fix: 'Add `.option("cloudFiles.maxFilesPerTrigger", 500)` or `.option("cloudFiles.maxBytesPerTrigger", "2g")` to the Auto Loader stream.',
    hint: 'Add `.option("cloudFiles.maxFilesPerTrigger", 500)` to the Auto Loader stream',
    remediation: ['cloudFiles.maxFilesPerTrigger', 'cloudFiles.maxBytesPerTrigger'],
  },
  kind: 'file',
  check(ctx) {
    const out: RawFinding[] = [];
    // A stream only looked at (`display(df)`) runs no production query: its batch size is the reader's.
    const kept = keptRecords(ctx);
    // Under `trigger(once=True)` no limit applies: `trigger-once` reports the query.
    const ignored = limitsIgnored(ctx);
    for (const source of lineageSources(ctx)) {
      if (!kept(source) || ignored(source)) continue;
      if (!source.streaming || sourceFamily(source) !== 'autoloader') continue;
      // SQL lineage gives `read_files(..., maxFilesPerTrigger => 100)` the `cloudFiles.` prefix.
      if (hasOption(source, 'cloudFiles.maxFilesPerTrigger', 'cloudFiles.maxBytesPerTrigger')) continue;
      const autofix = isSqlSource(source) ? undefined : (settings: FixSettings) => readerOptionFix(ctx.model, ctx.python, source, OPTION, fixValue(settings, OPTION));
      out.push({ span: source.span, key: source.loadPath ?? '', ...(isSqlSource(source) ? sqlAdvice(source.api) : {}), autofix });
    }
    return out;
  },
};

const OPTION = 'cloudFiles.maxFilesPerTrigger';

/** `read_files` takes the limit as a named argument, `cloud_files` in its options map. */
function sqlAdvice(api: string): { message: string; hint: string; fix: string } {
  const option = api === 'cloud_files' ? '`map("cloudFiles.maxFilesPerTrigger", "500")`' : '`maxFilesPerTrigger => 500`';
  return {
    message: `\`${api}\` stream without \`maxFilesPerTrigger\` or \`maxBytesPerTrigger\`: a backlog of files is read in one micro-batch`,
    hint: `Add ${option} to \`${api}(...)\``,
    fix: `Cap each micro-batch: add ${option} (or \`maxBytesPerTrigger\`) to \`${api}(...)\`.`,
  };
}
