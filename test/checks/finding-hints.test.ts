/**
 * Hints and fixes that name what the finding knows: the table, the source kind, the option,
 * the column, the host, the function.
 */
import { describe, expect, it } from 'vitest';
import { notebook, scanFiles } from '../helpers/engine.js';
import type { Finding } from '../../src/model/types.js';

async function only(rule: string, source: string): Promise<Finding> {
  const findings = (await scanFiles({ 'jobs/n.py': notebook(source) })).filter((f) => f.name === rule);
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

describe('finding hints', () => {
  it('two-level-name names the table with a catalog', async () => {
    const finding = await only('two-level-name', 'df.writeStream.option("checkpointLocation", cp).toTable("bronze.events")');
    expect(finding.hint).toBe('Name the catalog: `main.bronze.events` or `f"{catalog}.bronze.events"`');
    expect(finding.fix).toBe('Name the catalog: `main.bronze.events`, or take it from a job parameter or bundle variable per target: `f"{catalog}.bronze.events"`.');
  });

  it('kafka-unbounded names the option of the source kind', async () => {
    const kafka = await only('kafka-unbounded', 'spark.readStream.format("kafka").option("subscribe", "t").load().writeStream.toTable("main.a.b")');
    expect(kafka.hint).toBe('Cap each micro-batch: `.option("maxOffsetsPerTrigger", 10000)`');
    const eventHubs = await only('kafka-unbounded', 'spark.readStream.format("eventhubs").options(**conf).load().writeStream.toTable("main.a.b")');
    expect(eventHubs.hint).toBe('Cap each micro-batch: `"maxEventsPerTrigger": 10000` in the Event Hubs conf');
  });

  it('from-json-unchecked names the payload column of the source', async () => {
    const source = [
      'raw = spark.readStream.format("kafka").option("subscribe", "t").option("maxOffsetsPerTrigger", 10).load()',
      'parsed = raw.select(from_json(col("value").cast("string"), schema).alias("d"))',
      'parsed.writeStream.option("checkpointLocation", cp).toTable("main.bronze.events")',
    ].join('\n');
    const finding = await only('from-json-unchecked', source);
    expect(finding.hint).toBe('Keep the raw `value`; send rows whose required field parsed to null to a dead-letter table');
    expect(finding.fix).toContain('from_json(col("value").cast("string"), schema)');
  });

  it('hardcoded-config says what to do for the kind of host, naming it', async () => {
    const storage = await only('hardcoded-config', 'ROOT = "abfss://lake@acmelake.dfs.core.windows.net/cp"');
    expect(storage.hint).toBe('Read `acmelake` through a Unity Catalog external location or volume');
    expect(storage.fix).toContain('`acmelake.dfs.core.windows.net`');
    expect(storage.fix).not.toMatch(/namespace/i);
    const namespace = await only('hardcoded-config', 'FQDN = "ehn-dev.servicebus.windows.net"');
    expect(namespace.hint).toBe('Pass the namespace `ehn-dev` in as a job parameter or bundle variable');
    const constant = await only('hardcoded-config', 'KAFKA_NAMESPACE = "ehn-dev-west"');
    expect(constant.hint).toBe('Read `KAFKA_NAMESPACE` from a widget: `dbutils.widgets.get("kafka_namespace")`');
  });

  it('the testing rules name the function', async () => {
    const source = 'def add_total(df):\n    return df.withColumn("total", col("a") + col("b"))';
    const untested = await only('untested-transform', source);
    expect(untested.hint).toBe('Add a pytest test that calls `add_total` on a small DataFrame');
    const inNotebook = await only('logic-in-notebook', source);
    expect(inNotebook.fix).toContain('`from pipeline.transforms import add_total`');
  });

  it('a finding that knows no names keeps the rule hint', async () => {
    const finding = await only('trigger-once', 'spark.readStream.table("main.a.b").writeStream.trigger(once=True).option("checkpointLocation", cp).toTable("main.a.c")');
    expect(finding.hint).toBe('Use `.trigger(availableNow=True)` instead of `.trigger(once=True)`');
  });
});
