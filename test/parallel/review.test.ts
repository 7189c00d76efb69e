import { afterAll, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { fixtureFiles } from '../../bench/rows.js';
import { scaledCorpus } from '../../bench/corpus.js';
import { scanOnWorkers } from '../../src/parallel/parallel-scan.js';
import { packInputs } from '../../src/parallel/input-table.js';
import { ScanWorkerPool } from '../../src/parallel/worker-pool.js';
import { indexPart, mergeIndexParts } from '../../src/engine/scan-index.js';
import { createShard, DEFAULT_MAX_FILE_BYTES, type FileOutcome } from '../../src/engine/scan-shard.js';
import { inPathOrder } from '../../src/engine/scan.js';
import { loadPythonParser } from '../../src/model/python-parser.js';
import type { PythonParser } from '../../src/model/python-parser.js';
import type { InputFile } from '../../src/model/types.js';
import { getEngine, notebook } from '../helpers/engine.js';

/** A shard over `files` that has run `before` (one batch each) and then `paths`: the outcomes of `paths`. */
async function outcomesAfter(files: InputFile[], before: string[][], paths: string[]): Promise<FileOutcome[]> {
  const parser = await loadPythonParser();
  const sorted = inPathOrder(files);
  const byPath = new Map(sorted.map((f) => [f.path, f]));
  const index = mergeIndexParts([indexPart(parser, sorted, DEFAULT_MAX_FILE_BYTES)]);
  const shard = createShard({ parser, options: {}, index, inputOf: (path) => byPath.get(path) });
  for (const batch of before) shard.run(batch);
  return shard.run(paths);
}

const render = (outcomes: FileOutcome[]): string => JSON.stringify(outcomes);

describe('a shard', () => {
  // `a/conf.py` and `a/conf.sql` share the stem `a/conf`, which names the later one in path
  // order (`%run ../a/conf` includes it): the other file's analysis must not stand in for it.
  const files: InputFile[] = [
    { path: 'a/conf.py', content: notebook('spark.streams.addListener(Listener())') },
    { path: 'a/conf.sql', content: '-- Databricks notebook source\nSELECT 1\n' },
    { path: 'b/n.py', content: notebook('# MAGIC %run ../a/conf', 'df = spark.readStream.table("main.s.events")\ndf.writeStream.toTable("main.s.out")') },
  ];

  it('gives a file the same outcome whether or not a file of the same stem as its include ran before on it', async () => {
    const alone = await outcomesAfter(files, [], ['b/n.py']);
    const after = await outcomesAfter(files, [['a/conf.py']], ['b/n.py']);
    // The include is the SQL notebook, which registers no listener: the query is reported.
    expect(alone[0].ruled.some((r) => r.finding.name === 'no-query-listener')).toBe(true);
    expect(render(after)).toBe(render(alone));
  }, 60_000);

  it('on one thread, reads the include a stem names, not the file of that stem analysed just before', async () => {
    // In path order: a/conf.py, a/conf.q.py, a/conf.sql; `%run ./conf` includes a/conf.sql.
    const between = { path: 'a/conf.q.py', content: notebook('# MAGIC %run ./conf', 'df = spark.readStream.table("main.s.events")\ndf.writeStream.toTable("main.s.out")') };
    const out = (await getEngine()).scan([...files, between]);
    expect(out.findings.filter((f) => f.name === 'no-query-listener').map((f) => f.path)).toEqual(['a/conf.q.py', 'b/n.py']);
  }, 60_000);
});

describe('a worker handed back while still busy (a failed scan releases every worker it held)', () => {
  const pool = new ScanWorkerPool(1);
  afterAll(() => pool.close());

  it('does not answer the next scan with the last one\'s results', async () => {
    const files: InputFile[] = [
      { path: 'a.py', content: notebook('# MAGIC %run ./b', 'df = spark.readStream.table("main.s.events")\ndf.writeStream.toTable("main.s.out")') },
      { path: 'b.py', content: notebook('spark.streams.addListener(Listener())') },
    ];
    const render = (out: { findings: unknown[]; roles?: Map<string, string> }) => JSON.stringify({ findings: out.findings, roles: [...(out.roles ?? [])] });
    const one = (await getEngine()).scan(files);
    expect(one.findings.some((f) => f.name === 'no-query-listener')).toBe(false);
    const stale = scaledCorpus(await fixtureFiles(), 200, 200);
    const [worker] = await pool.acquire(1);
    // What a failed scan leaves on a worker it releases: a batch still being worked on.
    worker.post({ type: 'load', scan: -1, table: packInputs(stale), options: {} });
    worker.post({ type: 'index', batch: 0, paths: stale.map((f) => f.path) });
    pool.release([worker]);
    expect(render(await scanOnWorkers(pool, files))).toBe(render(one));
  }, 15_000);
});

/** The parser, counting the syntax trees it made that are not deleted yet. */
async function countingParser(): Promise<{ parser: PythonParser; live: () => number }> {
  const real = await loadPythonParser();
  let live = 0;
  const parser: PythonParser = {
    parse(text) {
      const tree = real.parse(text);
      if (!tree) return tree;
      live++;
      const free = tree.delete.bind(tree);
      tree.delete = () => {
        live--;
        free();
      };
      return tree;
    },
  };
  return { parser, live: () => live };
}

describe('a shard whose batch throws', () => {
  it('deletes the syntax trees it holds, the early-analysed notebook of a job included', async () => {
    const { parser, live } = await countingParser();
    const files: InputFile[] = [
      { path: 'jobs/job.json', content: JSON.stringify({ name: 'j', tasks: [{ task_key: 't', notebook_task: { notebook_path: 'n' }, new_cluster: { spark_version: '15.4.x-scala2.12', num_workers: 1 } }] }) },
      { path: 'm.py', content: notebook('x = 1') },
      { path: 'n.py', content: notebook('df = spark.readStream.table("main.s.events")\ndf.writeStream.toTable("main.s.out")') },
    ];
    const byPath = new Map(files.map((f) => [f.path, f]));
    const index = mergeIndexParts([indexPart(parser, files, DEFAULT_MAX_FILE_BYTES)]);
    let liveAtThrow = -1;
    const inputOf = (path: string): InputFile | undefined => {
      if (path !== 'm.py') return byPath.get(path);
      liveAtThrow = live();
      throw new Error('unreadable input');
    };
    const shard = createShard({ parser, options: {}, index, inputOf });
    expect(() => shard.run(files.map((f) => f.path))).toThrow('unreadable input');
    // The job asked what n.py is for before its turn: its tree was held for that turn.
    expect(liveAtThrow).toBeGreaterThan(0);
    expect(live()).toBe(0);
  }, 60_000);
});

/** A pool worker's thread, reached past its wrapper to make it fail as a crash would. */
const threadOf = (pool: ScanWorkerPool, i: number): Worker => (pool as unknown as { all: { worker: Worker }[] }).all[i].worker;

describe('a pool whose worker died', () => {
  const files: InputFile[] = [{ path: 'a.py', content: notebook('df = spark.readStream.table("main.s.events")\ndf.writeStream.toTable("main.s.out")') }];
  const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> => Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms))]);

  it('does not lend a worker that exited while idle', async () => {
    const pool = new ScanWorkerPool(1);
    try {
      pool.release(await pool.acquire(1));
      await threadOf(pool, 0).terminate();
      const out = await within(scanOnWorkers(pool, files), 5_000);
      expect(out).not.toBe('timed out');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('replaces a worker that failed to start before any scan waited on it', async () => {
    const pool = new ScanWorkerPool(1);
    try {
      // Nothing waits on the worker yet: its failure must not go unhandled (that ends the process).
      threadOf(pool, 0).emit('error', new Error('could not start'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const out = await within(scanOnWorkers(pool, files), 5_000);
      expect(out).not.toBe('timed out');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('gives back, and replaces, a worker that failed while a scan waited for it to start', async () => {
    const pool = new ScanWorkerPool(1);
    try {
      const taking = pool.acquire(1);
      threadOf(pool, 0).emit('error', new Error('could not start'));
      await expect(taking).rejects.toThrow('could not start');
      const out = await within(scanOnWorkers(pool, files), 5_000);
      expect(out).not.toBe('timed out');
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('a scan on worker threads of no files', () => {
  const pool = new ScanWorkerPool(1);
  afterAll(() => pool.close());

  it('reports what one thread reports (the repository rules run with an empty index)', async () => {
    const render = (out: { findings: unknown[]; roles?: Map<string, string> }) => JSON.stringify({ findings: out.findings, roles: [...(out.roles ?? [])] });
    const one = render((await getEngine()).scan([]));
    expect(render(await scanOnWorkers(pool, []))).toBe(one);
  }, 60_000);
});

describe('a shard on a %run cycle', () => {
  // a.py and c.py include each other; c reads `out` before it sets it, so what it sees of it comes from a.
  const files: InputFile[] = [
    { path: 'a.py', content: notebook('# MAGIC %run ./c', 'x = 1') },
    { path: 'c.py', content: notebook('# MAGIC %run ./a', 'df = spark.readStream.table("main.s.events")\ndf.writeStream.toTable(out)', 'out = "s.out"') },
  ];

  it('analyses a file of the cycle as it does on a thread that did not run the other file before it', async () => {
    const alone = await outcomesAfter(files, [], ['c.py']);
    const after = (await outcomesAfter(files, [], ['a.py', 'c.py'])).filter((o) => o.path === 'c.py');
    expect(render(after)).toBe(render(alone));
  }, 60_000);
});

describe('a scan on two worker threads', () => {
  const pool = new ScanWorkerPool(2);
  afterAll(() => pool.close());

  it('reports what one thread reports with %run includes across batches, a cycle and two files of one stem', async () => {
    const stream = 'df = spark.readStream.table("main.s.events")\ndf.groupBy("k").count().writeStream.toTable(out)';
    const files: InputFile[] = [
      { path: 'a/conf.py', content: notebook('spark.streams.addListener(Listener())\nout = "s.out"') },
      { path: 'a/conf.sql', content: '-- Databricks notebook source\nUSE CATALOG main\n' },
      { path: 'a/loop.py', content: notebook('# MAGIC %run ./loop2', 'x = 1') },
      { path: 'a/loop2.py', content: notebook('# MAGIC %run ./loop', stream, 'out = "s.loop"') },
      ...Array.from({ length: 40 }, (_, i) => ({ path: `b/n${String(i).padStart(2, '0')}.py`, content: notebook(i % 2 ? '# MAGIC %run ../a/conf' : '# MAGIC %run ../a/loop', stream) })),
    ];
    const render = (out: { findings: unknown[]; roles?: Map<string, string> }) => JSON.stringify({ findings: out.findings, roles: [...(out.roles ?? [])] });
    const one = (await getEngine()).scan(files);
    // The includes are read: the cycle's `out` reaches the notebooks that run it.
    expect(one.findings.some((f) => f.path === 'b/n00.py' && f.name === 'two-level-name')).toBe(true);
    expect(render(await scanOnWorkers(pool, files))).toBe(render(one));
  }, 60_000);
});

describe('the dependency cache of a shard', () => {
  it('holds analyses up to a budget of source bytes, analysing evicted includes again, with the same outcomes', async () => {
    const include = (name: string) => ({ path: `inc/${name}.py`, content: notebook(`${name}_table = "main.s.${name}"`, '# padding\n'.repeat(2000)) });
    const user = (name: string) => ({
      path: `jobs/${name}.py`,
      content: notebook('# MAGIC %run ../inc/a', '# MAGIC %run ../inc/b', 'df = spark.readStream.table(a_table)\ndf.writeStream.toTable(b_table)'),
    });
    const files: InputFile[] = [include('a'), include('b'), user('u1'), user('u2'), user('u3')];
    const run = async (dependencyCacheBytes: number) => {
      const { parser: counting, live } = await countingParser();
      let parses = 0;
      const parser: PythonParser = { parse: (text) => (parses++, counting.parse(text)) };
      const sorted = inPathOrder(files);
      const byPath = new Map(sorted.map((f) => [f.path, f]));
      const index = mergeIndexParts([indexPart(parser, sorted, DEFAULT_MAX_FILE_BYTES)]);
      parses = 0;
      const outcomes = createShard({ parser, options: {}, index, inputOf: (path) => byPath.get(path), dependencyCacheBytes }).run(sorted.map((f) => f.path));
      return { outcomes: render(outcomes), parses, live: live() };
    };
    const roomy = await run(1 << 30);
    // One include's source fits, not two: each user of both analyses one of them again.
    const tight = await run(files[0].content.length + 100);
    expect(roomy.parses).toBe(files.length);
    expect(tight.parses).toBeGreaterThan(files.length);
    expect(tight.outcomes).toBe(roomy.outcomes);
    expect([roomy.live, tight.live]).toEqual([0, 0]);
  }, 60_000);
});
