/**
 * P304 no-bad-records-path: JSON or CSV files read (batch, streaming or Auto Loader) with nothing
 * that keeps malformed records. In the default PERMISSIVE mode unparsable fields become null and
 * the original text is dropped unless the schema has a corrupt-record column.
 * Accepted as fixed, per the Databricks docs:
 * - `badRecordsPath`: bad records and files are written there with the exception;
 * - `rescuedDataColumn`: mismatched values are kept as JSON in that column;
 * - `columnNameOfCorruptRecord`: the malformed line is kept in that column (the schema must declare it);
 * - Auto Loader inferring the schema (no `.schema(...)`) with `cloudFiles.schemaEvolutionMode` other than
 *   `none`, or set to `rescue`: it adds `_rescued_data` by itself.
 * https://docs.databricks.com/aws/en/ingestion/bad-records
 * https://docs.databricks.com/aws/en/ingestion/cloud-object-storage/auto-loader/schema
 */
import type { SourceInfo } from '../../src/model/python-types.js';
import type { FileContext, FileRule, RawFinding } from '../types.js';
import { fileFormatOf, loadSpanOf, uniqueSources } from '../shared/python-helpers.js';
import { hasOption, optionOf } from '../shared/sources.js';
import { lineageSources } from '../shared/flows.js';
import { keptRecords } from '../shared/kept-records.js';

const TEXT_FORMATS = new Set(['json', 'csv']);
const KEEPERS = ['badRecordsPath', 'rescuedDataColumn', 'columnNameOfCorruptRecord'];

function autoLoaderRescues(source: SourceInfo): boolean {
  const mode = String(optionOf(source, 'cloudFiles.schemaEvolutionMode') ?? '').toLowerCase();
  if (mode === 'rescue') return true;
  // With an inferred schema the default mode is addNewColumns and `_rescued_data` is added.
  return !source.schemaGiven && mode !== 'none';
}

function unguarded(source: SourceInfo): boolean {
  const { format, autoLoader } = fileFormatOf(source);
  if (!format || !TEXT_FORMATS.has(format)) return false;
  if (KEEPERS.some((key) => hasOption(source, key))) return false;
  return !(autoLoader && autoLoaderRescues(source));
}

export const noBadRecordsPath: FileRule = {
  meta: {
    id: 'P304',
    name: 'no-bad-records-path',
    priority: 3,
    severity: 'warning',
    title: 'JSON/CSV read with neither badRecordsPath nor rescuedDataColumn: malformed records are lost',
    fix: 'Keep bad records: `.option("badRecordsPath", "/Volumes/main/ops/dlq/events")` (files and records with the exception), or `.option("rescuedDataColumn", "_rescued_data")` and route rows where it is not null to a dead-letter table.',
    hint: 'Add `.option("rescuedDataColumn", "_rescued_data")` or `.option("badRecordsPath", ...)`',
    remediation: ['badRecordsPath', 'rescuedDataColumn', 'columnNameOfCorruptRecord'],
  },
  kind: 'file',
  check(ctx) {
    const out: RawFinding[] = [];
    const kept = keptRecords(ctx);
    for (const source of uniqueSources(lineageSources(ctx).filter((s) => unguarded(s) && kept(s)))) {
      const { format, autoLoader } = fileFormatOf(source);
      const kind = autoLoader ? `Auto Loader ${format}` : `${source.streaming ? 'streaming' : 'batch'} ${format}`;
      out.push({
        span: loadSpanOf(source),
        message:
          `${kind} read with neither \`badRecordsPath\` nor \`rescuedDataColumn\`: malformed records turn into nulls ` +
          'and their original text is lost',
        key: `${format}:${source.loadPath ?? ''}`,
      });
    }
    return out;
  },
};
