/**
 * The App's full-repository scans on worker threads: off the event loop, so webhooks are
 * answered while a large repository is analysed, and at most half the threads per job, so one
 * repository cannot hold them all while other installations wait.
 * REMEDIATION_SCAN_THREADS sets the count (default: one per core; 0: scan on the event loop).
 */
import { availableParallelism } from 'node:os';
import type { EngineOptions, ScanResult } from '../engine/api-types.js';
import type { InputFile } from '../model/types.js';
import { scanResultOnWorkers, type ScanLimits } from './parallel-scan.js';
import { ScanWorkerPool, WorkerStartError, type WorkerSource } from './worker-pool.js';

export type AppScan = (files: InputFile[], options: EngineOptions) => Promise<ScanResult>;

export function scanThreadsSetting(env: NodeJS.ProcessEnv, cores = availableParallelism()): number {
  const raw = env.REMEDIATION_SCAN_THREADS?.trim();
  if (raw === undefined || raw === '') return cores;
  const value = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(value)) throw new Error(`REMEDIATION_SCAN_THREADS must be a number of threads (0 for none), not '${raw}'`);
  return value;
}

/** The bound per job: half the threads, at least one. */
export function threadsPerJob(threads: number): number {
  return Math.max(1, Math.floor(threads / 2));
}

export interface AppScanFallback {
  /** The scan on the event loop, for when no worker thread starts. */
  inline: AppScan;
  warn: (fields: Record<string, unknown>, message: string) => void;
}

/**
 * Undefined for 0 threads. The workers start on the first scan, not with the App. When none
 * starts, the scan runs on the event loop (slower for everyone, but the job is done) and the
 * next scan tries the threads again. A worker that stops answering fails its job (ScanStalledError):
 * the job's retries and error reporting take it from there, and the pool starts a fresh thread.
 */
export function createAppScan(threads: number, fallback?: AppScanFallback, limits: ScanLimits & { pool?: () => WorkerSource } = {}): AppScan | undefined {
  if (threads <= 0) return undefined;
  let pool: WorkerSource | undefined;
  const start = limits.pool ?? (() => new ScanWorkerPool(threads));
  return async (files, options) => {
    try {
      return await scanResultOnWorkers((pool ??= start()), files, options, threadsPerJob(threads), limits);
    } catch (error) {
      if (!(error instanceof WorkerStartError) || !fallback) throw error;
      fallback.warn({ err: error.message }, 'scan threads did not start; scanning on the event loop');
      return fallback.inline(files, options);
    }
  };
}
