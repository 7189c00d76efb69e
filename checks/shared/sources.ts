/** Classifying streaming sources by what they read. */
import type { OptionValue, SourceInfo } from '../../src/model/python-types.js';

const EVENT_HUBS = ['eventhubs', 'org.apache.spark.sql.eventhubs.eventhubssourceprovider'];

export type SourceFamily = 'kafka' | 'eventhubs' | 'delta' | 'autoloader' | 'file' | 'dlt' | 'other';

export function sourceFamily(source: SourceInfo): SourceFamily {
  const format = source.format?.toLowerCase();
  if (format === 'kafka') return 'kafka';
  if (format && EVENT_HUBS.includes(format)) return 'eventhubs';
  if (format === 'cloudfiles') return 'autoloader';
  if (format === 'dlt') return 'dlt';
  if (format === 'delta' || (!format && (source.table !== undefined || source.loadPath !== undefined))) return 'delta';
  if (format && ['json', 'csv', 'parquet', 'orc', 'text', 'avro', 'xml', 'binaryfile'].includes(format)) return 'file';
  return 'other';
}

/** An option set to something (case-insensitive key, as Spark reads options). */
export function hasOption(source: SourceInfo, ...keys: string[]): boolean {
  const wanted = keys.map((k) => k.toLowerCase());
  for (const [key, value] of source.options) if (wanted.includes(key.toLowerCase()) && isSet(value)) return true;
  return false;
}

export function optionOf(source: SourceInfo, key: string): OptionValue | undefined {
  for (const [k, v] of source.options) if (k.toLowerCase() === key.toLowerCase()) return v;
  return undefined;
}

function isSet(value: OptionValue): boolean {
  return value !== null && value !== '' && value !== false;
}
