/**
 * Scan worker threads, started once and lent to scans: each scan takes up to its bound of the
 * free workers (at least one, waiting if none is free), so one large repository cannot hold
 * every worker while other jobs wait. Workers live until `close()`.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';

export interface ScanWorker {
  post(message: ToWorker): void;
  /** The handler of this worker's messages and failures, for the scan that holds it. */
  listen(onMessage: (message: FromWorker) => void, onFailure: (error: Error) => void): void;
  /** Ends a worker that stopped answering; the pool starts another in its place when it is released. */
  kill(): void;
}

/** What a scan borrows its workers from (the pool, or a stand-in in tests). */
export interface WorkerSource {
  readonly size: number;
  acquire(max: number): Promise<ScanWorker[]>;
  release(workers: readonly ScanWorker[]): void;
}

/** No worker thread could be started (a missing module, no memory for a thread): the scan can run on the calling thread instead. */
export class WorkerStartError extends Error {
  constructor(cause: unknown) {
    super(`scan worker did not start: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'WorkerStartError';
  }
}

/**
 * The worker's module next to this one: compiled (`.js`) or bundled (`.mjs`); from the
 * TypeScript sources (tests, `tsx`), scan-worker-dev.mjs, which registers tsx's loader first.
 */
function spawnWorker(): Worker {
  for (const name of ['scan-worker.js', 'scan-worker.mjs']) {
    const url = new URL(`./${name}`, import.meta.url);
    if (existsSync(url)) return new Worker(url);
  }
  return new Worker(new URL('./scan-worker-dev.mjs', import.meta.url));
}

class PooledWorker implements ScanWorker {
  private onMessage: (message: FromWorker) => void = () => undefined;
  private onFailure: (error: Error) => void = () => undefined;
  readonly ready: Promise<void>;
  /** Exited (a crash, or terminated): never lent again. */
  dead = false;
  private readonly worker: Worker;

  constructor() {
    this.worker = spawnWorker();
    // An idle worker does not keep the process alive; a lent one does (see `hold`).
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`scan worker exited with status ${code}`)));
    });
    // Handled here too: a worker that fails to start before any scan waits on it must not crash the process.
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: FromWorker) => this.onMessage(message));
    this.worker.on('error', (error) => {
      // An uncaught error ends the thread.
      this.dead = true;
      this.onFailure(error);
    });
    this.worker.on('exit', (code) => {
      this.dead = true;
      this.onFailure(new Error(`scan worker exited with status ${code}`));
    });
  }

  hold(busy: boolean): void {
    if (busy) this.worker.ref();
    else this.worker.unref();
  }

  post(message: ToWorker): void {
    if (this.dead) return;
    this.worker.postMessage(message);
  }

  listen(onMessage: (message: FromWorker) => void, onFailure: (error: Error) => void): void {
    this.onMessage = onMessage;
    this.onFailure = onFailure;
  }

  kill(): void {
    this.dead = true;
    this.listen(() => undefined, () => undefined);
    void this.worker.terminate().catch(() => undefined);
  }

  async terminate(): Promise<void> {
    this.listen(() => undefined, () => undefined);
    await this.worker.terminate();
  }
}

export class ScanWorkerPool implements WorkerSource {
  private readonly free: PooledWorker[] = [];
  private readonly all: PooledWorker[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = new PooledWorker();
      this.all.push(worker);
      this.free.push(worker);
    }
  }

  /** Up to `max` free workers, ready to use; waits until at least one is free. */
  async acquire(max: number): Promise<ScanWorker[]> {
    while (this.free.length === 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    // A worker that died while idle is replaced, not lent: messages to it would go unanswered.
    for (let i = 0; i < this.free.length; i++) if (this.free[i].dead) this.free[i] = this.replace(this.free[i]);
    const taken = this.free.splice(0, Math.max(1, Math.min(max, this.free.length)));
    for (const worker of taken) worker.hold(true);
    try {
      await Promise.all(taken.map((w) => w.ready));
    } catch (error) {
      this.release(taken);
      throw new WorkerStartError(error);
    }
    return taken;
  }

  private replace(dead: PooledWorker): PooledWorker {
    // Ended already, but a thread that failed to start may linger.
    void dead.terminate().catch(() => undefined);
    const fresh = new PooledWorker();
    this.all[this.all.indexOf(dead)] = fresh;
    return fresh;
  }

  release(workers: readonly ScanWorker[]): void {
    for (const worker of workers) {
      worker.listen(() => undefined, () => undefined);
      const index = this.all.findIndex((w) => w === worker);
      if (index < 0) continue;
      this.all[index].hold(false);
      // A worker that died is replaced, so the pool keeps its size.
      if (this.all[index].dead) this.replace(this.all[index]);
      this.free.push(this.all[index]);
    }
    for (const wake of this.waiting.splice(0)) wake();
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
    this.free.length = 0;
  }
}
