/**
 * P305 schema-inferred: a streaming file source with no explicit schema.
 * - Plain file streams (json, csv, parquet, orc, avro, xml): Spark refuses to start them without
 *   `.schema(...)` unless `spark.sql.streaming.schemaInference` is on, and then the schema is
 *   whatever the files present at the first start contain; later files that differ are misread.
 * - Auto Loader (`cloudFiles`) with neither `.schema(...)` nor `cloudFiles.schemaLocation`: the
 *   schema is not tracked across restarts. Lakeflow pipelines manage the schema location
 *   themselves, so sources of files that import `dlt` / `pyspark.pipelines` are not flagged.
 * Never Delta or table sources: Delta enforces the table's schema and refuses a user-specified
 * one (DELTA_UNSUPPORTED_SCHEMA_DURING_READ). Not Kafka / Event Hubs either: their value column is
 * binary with a fixed schema; the payload schema is applied by `from_json` (see P303).
 * https://docs.databricks.com/aws/en/ingestion/cloud-object-storage/auto-loader/schema
 */
import type { PythonAnalysis, SourceInfo } from '../../src/model/python-types.js';
import type { FileRule, RawFinding } from '../types.js';
import { fileFormatOf, loadSpanOf, uniqueSources } from '../shared/python-helpers.js';
import { hasOption } from '../shared/sources.js';

/** File formats whose schema is inferred from the data (text and binaryFile have a fixed schema). */
const INFERRED_FORMATS = new Set(['json', 'csv', 'parquet', 'orc', 'avro', 'xml']);

/** `import dlt`, `from pyspark import pipelines as dp`, `import pyspark.pipelines`. */
function isPipelineFile(python: PythonAnalysis): boolean {
  return python.facts.imports.some((name) => name === 'dlt' || name === 'pipelines' || name.startsWith('pyspark.pipelines'));
}

function inferred(source: SourceInfo, pipeline: boolean): boolean {
  if (!source.streaming || source.schemaGiven) return false;
  const { format, autoLoader } = fileFormatOf(source);
  if (autoLoader) {
    if (format === 'text' || format === 'binaryfile') return false;
    return !pipeline && !hasOption(source, 'cloudFiles.schemaLocation');
  }
  return format !== undefined && INFERRED_FORMATS.has(format);
}

export const schemaInferred: FileRule = {
  meta: {
    id: 'P305',
    name: 'schema-inferred',
    priority: 3,
    severity: 'notice',
    title: 'Streaming file source without an explicit schema',
    fix: 'Declare the schema: `spark.readStream.format("json").schema(event_schema).load(path)`; for Auto Loader either `.schema(event_schema)` or `.option("cloudFiles.schemaLocation", schema_path)` (optionally with `cloudFiles.schemaHints`). Never on Delta sources: Delta uses the table\'s schema.',
    hint: 'Declare the schema: `.schema(event_schema)` before `.load(...)`',
    remediation: ['schema', 'cloudFiles.schemaLocation', 'cloudFiles.schemaHints'],
  },
  kind: 'file',
  check({ model, python, repo }) {
    if (!python) return [];
    const pipeline = isPipelineFile(python);
    const inferenceOn = repo.confsFor(model.path).some((c) => c.key === 'spark.sql.streaming.schemaInference' && String(c.value).toLowerCase() === 'true');
    const out: RawFinding[] = [];
    for (const source of uniqueSources(python.lineage.sources.filter((s) => inferred(s, pipeline)))) {
      const { format, autoLoader } = fileFormatOf(source);
      const message = autoLoader
        ? `Auto Loader ${format ? `${format} ` : ''}stream with neither \`.schema(...)\` nor \`cloudFiles.schemaLocation\`: the inferred schema is not kept across restarts`
        : inferenceOn
          ? `Streaming ${format} source with no \`.schema(...)\`: with \`spark.sql.streaming.schemaInference\` on, the schema comes from whatever files exist at the first start`
          : `Streaming ${format} source with no \`.schema(...)\`: Spark refuses to start it unless \`spark.sql.streaming.schemaInference\` is on, and then the schema comes from whatever files exist at the first start`;
      out.push({ span: loadSpanOf(source), message, key: `${format}:${source.loadPath ?? ''}` });
    }
    return out;
  },
};
