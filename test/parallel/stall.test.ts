/** Workers that stop answering, and workers that cannot start: a scan fails or falls back, it never hangs. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fixtureFiles } from '../../bench/rows.js';
import { scaledCorpus } from '../../bench/corpus.js';
import { createAppScan } from '../../src/parallel/app-scans.js';
import { ScanStalledError, scanOnWorkers } from '../../src/parallel/parallel-scan.js';
import type { FromWorker, ToWorker } from '../../src/parallel/protocol.js';
import { ScanWorkerPool, WorkerStartError, type ScanWorker, type WorkerSource } from '../../src/parallel/worker-pool.js';
import { getEngine } from '../helpers/engine.js';

/** A worker that takes messages and answers through `reply`, which the test scripts. */
class ScriptedWorker implements ScanWorker {
  killed = false;
  scan = 0;
  private onMessage: (message: FromWorker) => void = () => undefined;
  constructor(private readonly reply: (message: ToWorker, send: (m: FromWorker) => void) => void) {}
  post(message: ToWorker): void {
    if (message.type === 'load') this.scan = message.scan;
    this.reply(message, (m) => this.onMessage(m));
  }
  listen(onMessage: (message: FromWorker) => void): void {
    this.onMessage = onMessage;
  }
  kill(): void {
    this.killed = true;
  }
}

function sourceOf(...workers: ScanWorker[]): WorkerSource & { released: ScanWorker[] } {
  const released: ScanWorker[] = [];
  return { size: workers.length, released, acquire: async () => workers, release: (w) => void released.push(...w) };
}

const files = [{ path: 'a.py', content: '# Databricks notebook source\nprint(1)\n' }];

describe('a scan whose worker stops answering', () => {
  it('ends that worker, hands it back and fails with a clear error, instead of waiting for ever', async () => {
    const silent = new ScriptedWorker(() => undefined);
    const source = sourceOf(silent);
    const started = Date.now();
    const scan = scanOnWorkers(source, files, {}, 1, { stallMs: 50 });
    await expect(scan).rejects.toThrow(ScanStalledError);
    await expect(scan).rejects.toThrow('scan worker gave no answer for 0 s; it was stopped');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(silent.killed).toBe(true);
    expect(source.released).toEqual([silent]);
  });

  it('names the last file the worker finished', async () => {
    const worker: ScriptedWorker = new ScriptedWorker((message, send) => {
      if (message.type === 'index') send({ scan: worker.scan, type: 'index', batch: message.batch, part: { code: [], jobPaths: [], testIdentifiers: [], hasTestSuite: false } as never });
      // One file done, then nothing.
      if (message.type === 'analyse') send({ scan: worker.scan, type: 'file', path: 'a.py' });
    });
    await expect(scanOnWorkers(sourceOf(worker), files, {}, 1, { stallMs: 50 })).rejects.toThrow('no answer for 0 s after "a.py"');
    expect(worker.killed).toBe(true);
  });

  it('does not end a worker whose one batch outlasts the limit while it reports each file', async () => {
    const worker: ScriptedWorker = new ScriptedWorker((message, send) => {
      if (message.type === 'index') send({ scan: worker.scan, type: 'index', batch: message.batch, part: { code: [], jobPaths: [], jobs: [], testIdentifiers: [] } });
      if (message.type === 'repo') send({ scan: worker.scan, type: 'repo', findings: [] });
      if (message.type !== 'analyse') return;
      // Ten files 40 ms apart: the batch takes 400 ms against a 100 ms limit.
      let reported = 0;
      const timer = setInterval(() => {
        send({ scan: worker.scan, type: 'file', path: 'a.py' });
        if (++reported < 10) return;
        clearInterval(timer);
        send({ scan: worker.scan, type: 'outcomes', batch: message.batch, outcomes: [] });
      }, 40);
    });
    const started = Date.now();
    const out = await scanOnWorkers(sourceOf(worker), files, {}, 1, { stallMs: 100 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(out.findings).toEqual([]);
    expect(worker.killed).toBe(false);
  });

  it('does not end a worker that keeps reporting files, however long the whole scan takes', async () => {
    const pool = new ScanWorkerPool(1);
    try {
      // Eight batches of 100 files, the whole scan far longer than the limit: only the reports of single files keep the worker alive.
      const corpus = scaledCorpus(await fixtureFiles(), 800, 800);
      const started = Date.now();
      const out = await scanOnWorkers(pool, corpus, {}, 1, { stallMs: 300 });
      const took = Date.now() - started;
      expect(out.findings).toEqual((await getEngine()).scan(corpus).findings);
      // Only meaningful if the scan outlasted the limit several times over: each file's report restarted the clock.
      expect(took).toBeGreaterThan(3 * 300);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('the pool, after a worker was ended', () => {
  const pool = new ScanWorkerPool(1);
  afterAll(() => pool.close());

  it('starts another in its place, and the next scan is answered', async () => {
    const [worker] = await pool.acquire(1);
    worker.kill();
    pool.release([worker]);
    const fixture = await fixtureFiles();
    expect((await scanOnWorkers(pool, fixture)).findings).toEqual((await getEngine()).scan(fixture).findings);
  }, 60_000);
});

describe('the App scan, when no worker thread starts', () => {
  const failing = (error: Error): WorkerSource => ({ size: 2, acquire: () => Promise.reject(error), release: () => undefined });

  it('scans on the event loop instead, and says so', async () => {
    const warn = vi.fn();
    const inline = vi.fn(async () => (await getEngine()).scan(files));
    const scan = createAppScan(2, { inline, warn }, { pool: () => failing(new WorkerStartError(new Error('Cannot find module')) ) })!;
    const result = await scan(files, {});
    expect(result.findings).toEqual((await getEngine()).scan(files).findings);
    expect(inline).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith({ err: 'scan worker did not start: Cannot find module' }, 'scan threads did not start; scanning on the event loop');
  });

  it('fails the job on any other error, a stalled worker included', async () => {
    const inline = vi.fn();
    const scan = createAppScan(2, { inline, warn: () => undefined }, { pool: () => failing(new ScanStalledError(120_000, 'a.py')) })!;
    await expect(scan(files, {})).rejects.toThrow(ScanStalledError);
    expect(inline).not.toHaveBeenCalled();
  });
});
