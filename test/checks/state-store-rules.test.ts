import { describe, expect, it } from 'vitest';
import { getEngine, linesOf, notebook, scanFiles, toInputs } from '../helpers/engine.js';

const ROCKS = 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider';
const stateful = 's = spark.readStream.table("c.s.t").withWatermark("t", "1 minute")\nc = s.groupBy("k").count()';
const jobFor = (path: string, conf: Record<string, string>, version = '16.4.x-scala2.12') =>
  JSON.stringify({ name: 'j', tasks: [{ task_key: 't', notebook_task: { notebook_path: path }, new_cluster: { spark_version: version, num_workers: 2, spark_conf: conf } }] }, null, 2);

describe('P501 no-rocksdb', () => {
  it('fires on stateful streaming without RocksDB anywhere', async () => {
    expect(await linesOf('P501', { 'nb/a.py': notebook(stateful), 'j.json': jobFor('nb/a', {}) })).toEqual([3]);
  });
  it('is a failure with transformWithStateInPandas', async () => {
    const nb = notebook('s = spark.readStream.table("c.s.t")\no = s.groupBy("k").transformWithStateInPandas(P(), outputStructType=sch, outputMode="Update", timeMode="None")');
    const findings = (await scanFiles({ 'a.py': nb })).filter((f) => f.rule === 'P501');
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[3, 'failure']]);
  });
  it('accepts the provider from the cluster, the notebook, a %run include, either class name, or DBR 17.3+', async () => {
    expect(await linesOf('P501', { 'nb/a.py': notebook(stateful), 'j.json': jobFor('nb/a', { 'spark.sql.streaming.stateStore.providerClass': ROCKS }) })).toEqual([]);
    expect(await linesOf('P501', { 'nb/a.py': notebook(`spark.conf.set("spark.sql.streaming.stateStore.providerClass", "com.databricks.sql.streaming.state.RocksDBStateStoreProvider")`, stateful) })).toEqual([]);
    const include = notebook(`spark.conf.set("spark.sql.streaming.stateStore.providerClass", "${ROCKS}")`);
    expect(await linesOf('P501', { 'nb/conf.py': include, 'nb/a.py': notebook('# MAGIC %run ./conf', stateful) })).toEqual([]);
    expect(await linesOf('P501', { 'nb/a.py': notebook(stateful), 'j.json': jobFor('/Workspace/Repos/x/repo/nb/a', {}, '17.3.x-scala2.13') })).toEqual([]);
  });
  it('does not fire on stateless or batch code', async () => {
    expect(await linesOf('P501', { 'a.py': notebook('s = spark.read.table("c.s.t")\nc = s.groupBy("k").count()') })).toEqual([]);
  });
});

describe('P502 no-changelog-checkpointing and P503 conf-in-notebook', () => {
  it('fires on a cluster with RocksDB but no changelog checkpointing, at the provider key', async () => {
    const job = jobFor('nb/a', { 'spark.sql.streaming.stateStore.providerClass': ROCKS });
    const line = job.split('\n').findIndex((l) => l.includes('providerClass')) + 1;
    expect(await linesOf('P502', { 'j.json': job })).toEqual([line]);
  });
  it('does not fire when changelog checkpointing is on', async () => {
    const job = jobFor('nb/a', { 'spark.sql.streaming.stateStore.providerClass': ROCKS, 'spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled': 'true' });
    expect(await linesOf('P502', { 'j.json': job })).toEqual([]);
  });
  it('flags state store conf set in a notebook', async () => {
    const nb = notebook(`spark.conf.set(\n    "spark.sql.streaming.stateStore.providerClass",\n    "${ROCKS}",\n)`, stateful);
    expect(await linesOf('P503', { 'a.py': nb })).toEqual([2]);
    expect(await linesOf('P502', { 'a.py': nb })).toEqual([2]);
    expect(await linesOf('P503', { 'a.py': notebook('spark.conf.set("spark.sql.shuffle.partitions", "8")\n# spark.conf.set("spark.sql.streaming.stateStore.providerClass", "x")') })).toEqual([]);
  });
});

describe('P504 provider-change (diff mode)', () => {
  it('flags switching the provider of an existing stateful query, at the new conf line', async () => {
    const engine = await getEngine();
    const base = { 'a.py': notebook(stateful) };
    const head = { 'a.py': notebook(`spark.conf.set("spark.sql.streaming.stateStore.providerClass", "${ROCKS}")`, stateful) };
    const result = engine.diff({ base: toInputs(base), head: toInputs(head) });
    const found = result.findings.filter((f) => f.rule === 'P504');
    expect(found.map((f) => [f.line, f.status])).toEqual([[2, 'new']]);
    expect(result.findings.filter((f) => f.rule === 'P501').map((f) => f.status)).toEqual(['resolved']);
  });
  it('does not fire for a new query or an unchanged provider', async () => {
    const engine = await getEngine();
    const head = { 'a.py': notebook(`spark.conf.set("spark.sql.streaming.stateStore.providerClass", "${ROCKS}")`, stateful) };
    expect(engine.diff({ base: [], head: toInputs(head) }).findings.filter((f) => f.rule === 'P504')).toEqual([]);
    expect(engine.diff({ base: toInputs(head), head: toInputs(head) }).findings.filter((f) => f.rule === 'P504')).toEqual([]);
  });
});
