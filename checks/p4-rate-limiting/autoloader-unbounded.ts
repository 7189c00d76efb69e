/**
 * P403 autoloader-unbounded: Auto Loader (`cloudFiles`) without its own per-trigger limits.
 * The options are prefixed: `cloudFiles.maxFilesPerTrigger`, `cloudFiles.maxBytesPerTrigger`.
 * https://docs.databricks.com/aws/en/ingestion/cloud-object-storage/auto-loader/options
 */
import type { FileRule, RawFinding } from '../types.js';
import { hasOption, sourceFamily } from '../shared/sources.js';

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
  check({ python }) {
    if (!python) return [];
    const out: RawFinding[] = [];
    for (const source of python.lineage.sources) {
      if (!source.streaming || sourceFamily(source) !== 'autoloader') continue;
      if (hasOption(source, 'cloudFiles.maxFilesPerTrigger', 'cloudFiles.maxBytesPerTrigger')) continue;
      out.push({ span: source.span, key: source.loadPath ?? '' });
    }
    return out;
  },
};
