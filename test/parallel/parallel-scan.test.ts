import { afterAll, describe, expect, it } from 'vitest';
import { fixtureFiles, rowSpecs } from '../../bench/rows.js';
import { scanOnWorkers } from '../../src/parallel/parallel-scan.js';
import { ScanWorkerPool } from '../../src/parallel/worker-pool.js';
import type { InputFile } from '../../src/model/types.js';
import { getEngine, notebook } from '../helpers/engine.js';

const pool = new ScanWorkerPool(2);
afterAll(() => pool.close());

/** Everything a scan reports, in order: findings (fingerprints, roles, fixes included) and file roles. */
async function bothWays(files: InputFile[]): Promise<{ one: string; two: string; findings: number }> {
  const single = (await getEngine()).scan(files);
  const parallel = await scanOnWorkers(pool, files);
  const render = (out: { findings: unknown[]; roles?: Map<string, string> }) => JSON.stringify({ findings: out.findings, roles: [...(out.roles ?? [])] });
  return { one: render(single), two: render(parallel), findings: single.findings.length };
}

describe('a scan on worker threads', () => {
  it('reports exactly what one thread reports on the bundled example', async () => {
    const { one, two, findings } = await bothWays(await fixtureFiles());
    expect(findings).toBeGreaterThan(50);
    expect(two).toBe(one);
  }, 60_000);

  it('reports exactly what one thread reports on the bench corpus of 1,000 files', async () => {
    const spec = rowSpecs([1000]).find((r) => r.name === 'spymaster x1000')!;
    const input = spec.build(await fixtureFiles());
    if (input.kind !== 'scan') throw new Error('a scan row');
    // As the CLI reads them: bytes, shared with the workers rather than copied.
    const files = input.files.map((f) => ({ path: f.path, content: Buffer.from(f.content) }));
    const { one, two, findings } = await bothWays(files);
    expect(findings).toBeGreaterThan(5000);
    expect(two).toBe(one);
  }, 120_000);

  it('sees across threads what a file includes, what tests use and which job runs a notebook', async () => {
    const files: InputFile[] = [
      // %run includes in other batches than the notebook that includes them.
      { path: 'a/conf.py', content: notebook('spark.conf.set("spark.sql.streaming.stateStore.providerClass", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")\ncp = "/Volumes/main/s/cp"') },
      ...Array.from({ length: 40 }, (_, i) => ({ path: `b/n${String(i).padStart(2, '0')}.py`, content: notebook('# MAGIC %run ../a/conf', 'df = spark.readStream.table("main.s.events")\ndf.groupBy("k").count().writeStream.option("checkpointLocation", cp).toTable("main.s.out")', 'def clean(d):\n    return d.dropna()') })),
      { path: 'jobs/job.json', content: JSON.stringify({ name: 'j', tasks: [{ task_key: 't', notebook_task: { notebook_path: 'b/n07' }, new_cluster: { spark_version: '15.4.x-scala2.12', num_workers: 1 } }] }) },
      { path: 'tests/test_clean.py', content: 'from b.n01 import clean\n\ndef test_clean(spark):\n    assert clean(spark.range(1)).count() == 1\n' },
      { path: 'z/binary.py', content: new Uint8Array([0, 1, 2]) },
    ];
    const { one, two, findings } = await bothWays(files);
    expect(findings).toBeGreaterThan(40);
    expect(two).toBe(one);
  }, 60_000);

  it('reports progress once per file', async () => {
    const files = await fixtureFiles();
    const seen: number[] = [];
    await scanOnWorkers(pool, files, { onProgress: (done, total) => seen.push(done, total) });
    expect(seen.length).toBe(files.length * 2);
    expect(seen.slice(-2)).toEqual([files.length, files.length]);
  }, 60_000);
});

describe('the worker pool', () => {
  it('lends a scan no more workers than its bound, and makes the next wait for a free one', async () => {
    const local = new ScanWorkerPool(2);
    try {
      const first = await local.acquire(1);
      const second = await local.acquire(4);
      expect([first.length, second.length]).toEqual([1, 1]);
      let third: unknown[] | undefined;
      const waiting = local.acquire(2).then((w) => (third = w));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(third).toBeUndefined();
      local.release(first);
      await waiting;
      expect(third).toHaveLength(1);
    } finally {
      await local.close();
    }
  }, 60_000);
});
