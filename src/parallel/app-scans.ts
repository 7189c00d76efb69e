/**
 * The App's full-repository scans on worker threads: off the event loop, so webhooks are
 * answered while a large repository is analysed, and at most half the threads per job, so one
 * repository cannot hold them all while other installations wait.
 * REMEDIATION_SCAN_THREADS sets the count (default: one per core; 0: scan on the event loop).
 */
import { availableParallelism } from 'node:os';
import type { EngineOptions, ScanResult } from '../engine/api-types.js';
import type { InputFile } from '../model/types.js';
import { scanResultOnWorkers } from './parallel-scan.js';
import { ScanWorkerPool } from './worker-pool.js';

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

/** Undefined for 0 threads. The workers start on the first scan, not with the App. */
export function createAppScan(threads: number): AppScan | undefined {
  if (threads <= 0) return undefined;
  let pool: ScanWorkerPool | undefined;
  return (files, options) => scanResultOnWorkers((pool ??= new ScanWorkerPool(threads)), files, options, threadsPerJob(threads));
}
