/**
 * Time budgets enforced from outside: the work runs in a worker thread, and the test fails if
 * the worker has not answered when the budget runs out (the worker is then terminated). A
 * catastrophic regular expression or a quadratic loop blocks its own thread, so a budget
 * checked on that thread (or vitest's test timeout) would never get to fire.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineOptions } from '../../src/engine/api-types.js';
import type { Finding, InputFile } from '../../src/model/types.js';

export interface Outcome<T> {
  finished: boolean;
  value?: T;
  error?: string;
  ms: number;
}

/** Waits for the worker's next message, or gives up (and terminates it) after `budgetMs`. */
function nextMessage<T>(worker: Worker, budgetMs: number): Promise<Outcome<T>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (outcome: Omit<Outcome<T>, 'ms'>): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve({ ...outcome, ms: Math.round(performance.now() - started) });
    };
    const onMessage = (value: T): void => done({ finished: true, value });
    const onError = (err: Error): void => done({ finished: true, error: err.message });
    const timer = setTimeout(() => {
      void worker.terminate();
      done({ finished: false });
    }, budgetMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
  });
}

/** Runs CommonJS `code` in a fresh worker with `workerData`; it answers with `parentPort.postMessage`. */
export async function runWithBudget<T>(code: string, workerData: unknown, budgetMs: number): Promise<Outcome<T>> {
  const worker = new Worker(code, { eval: true, workerData });
  const outcome = await nextMessage<T>(worker, budgetMs);
  await worker.terminate();
  return outcome;
}

const require = createRequire(import.meta.url);

/**
 * The engine loaded in a worker (through tsx's CommonJS hook, as the sources are TypeScript).
 * Loading is not part of any budget: `scan` starts the clock when it posts the files.
 */
const ENGINE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const tsx = require(workerData.tsx);
const { createEngine } = tsx.require(workerData.engine, workerData.from);
createEngine().then((engine) => {
  parentPort.on('message', ({ files, options }) => {
    try {
      const started = performance.now();
      const result = engine.scan(files, options);
      parentPort.postMessage({ findings: result.findings, ms: performance.now() - started });
    } catch (err) {
      parentPort.postMessage({ error: String(err && err.stack || err) });
    }
  });
  parentPort.postMessage('ready');
});
`;

export interface ScanAnswer {
  findings?: Finding[];
  error?: string;
  ms?: number;
}

export class EngineWorker {
  private worker?: Worker;

  private async start(): Promise<Worker> {
    const worker = new Worker(ENGINE_WORKER, {
      eval: true,
      workerData: {
        tsx: require.resolve('tsx/cjs/api'),
        engine: fileURLToPath(new URL('../../src/engine/engine.ts', import.meta.url)),
        from: fileURLToPath(import.meta.url),
      },
    });
    const ready = await nextMessage<string>(worker, 60_000);
    if (!ready.finished || ready.value !== 'ready') throw new Error(`engine worker did not start: ${ready.error ?? 'timeout'}`);
    return worker;
  }

  /** Scans in the worker; a scan over budget terminates the worker (the next scan starts a new one). */
  async scan(files: InputFile[], budgetMs: number, options?: EngineOptions): Promise<Outcome<ScanAnswer>> {
    this.worker ??= await this.start();
    const worker = this.worker;
    const answer = nextMessage<ScanAnswer>(worker, budgetMs);
    worker.postMessage({ files, options });
    const outcome = await answer;
    if (!outcome.finished) this.worker = undefined;
    return outcome;
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
