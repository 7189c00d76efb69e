/**
 * How many worker threads a one-off scan (the CLI, the Action) should use, and that scan: each
 * thread loads the engine and a parser (about a tenth of a second), so small inputs stay on the
 * calling thread. The result is the same either way (parallel-scan.ts).
 */
import { availableParallelism } from 'node:os';
import type { EngineOptions, ScanResult } from '../engine/api-types.js';
import type { InputFile } from '../model/types.js';

/** `auto`: threads when the input is large enough; a count; `off`: the calling thread. */
export type Concurrency = number | 'auto' | 'off';

/** Below this many files, starting threads costs more than it saves. */
export const PARALLEL_MIN_FILES = 64;

/**
 * When threads pay, from whole-process runs of the CLI on the bench corpora (`--concurrency off`
 * against 2 threads on 2 cores, 1,000 to 5,000 files: 2.2 vs 2.7 s at 2.9 MB, 4.0 vs 4.0 s at
 * 5.9 MB, 5.9 vs 5.8 s at 8.8 MB, 9.6 vs 8.4 s at 14.7 MB). Each thread starts cold (it loads
 * the engine and a parser, and its code is compiled again), which costs as much as analysing
 * STARTUP_BYTES on one thread; and a thread does its share of the work CONTENTION times slower
 * than the whole process alone would (cores shared with the collector and the compiler, and the
 * work a thread repeats: job models, the index pass). Threads win once the work they save,
 * bytes x (1 - CONTENTION / cores), passes STARTUP_BYTES: about 6.4 MB on 2 cores, 2.4 MB on 4,
 * 1.8 MB on 8; never on 1. Fitted on 2 cores; the figures for more cores assume the same
 * CONTENTION, not measured here.
 */
const STARTUP_BYTES = 1.45e6; // MB as the bench counts them (10^6 bytes)
const CONTENTION = 1.55;

/** The input size from which `auto` uses `cores` threads (Infinity when they cannot pay). */
export function parallelMinBytes(cores: number): number {
  if (!Number.isFinite(cores) || cores < 2) return Number.POSITIVE_INFINITY;
  const saved = 1 - CONTENTION / Math.min(cores, 8);
  return saved <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(STARTUP_BYTES / saved);
}

export function threadCount(concurrency: Concurrency, files: readonly InputFile[], cores = availableParallelism()): number {
  if (concurrency === 'off') return 1;
  if (typeof concurrency === 'number') return Math.min(concurrency, files.length || 1);
  if (files.length < PARALLEL_MIN_FILES) return 1;
  let bytes = 0;
  for (const file of files) bytes += typeof file.content === 'string' ? file.content.length : file.content.byteLength;
  return bytes < parallelMinBytes(cores) ? 1 : Math.max(1, Math.min(cores, 8));
}

export interface OneOffScan {
  /** The scan on the calling thread: for small inputs, and when the threads fail. */
  inline: (files: InputFile[], options: EngineOptions) => Promise<ScanResult>;
  warn: (fields: Record<string, unknown>, message: string) => void;
}

/** A scan on threads started for it and stopped after, when the input is large enough; on the calling thread if a worker fails. */
export async function scanOneOff(files: InputFile[], options: EngineOptions, scan: OneOffScan, concurrency: Concurrency = 'auto'): Promise<ScanResult> {
  const threads = threadCount(concurrency, files);
  if (threads <= 1) return scan.inline(files, options);
  const [{ ScanWorkerPool }, { scanResultOnWorkers }] = await Promise.all([import('./worker-pool.js'), import('./parallel-scan.js')]);
  const pool = new ScanWorkerPool(threads);
  try {
    return await scanResultOnWorkers(pool, files, options, threads);
  } catch (error) {
    scan.warn({ err: error instanceof Error ? error.message : 'unknown error', threads }, 'the scan on worker threads failed; scanning on one thread');
    return scan.inline(files, options);
  } finally {
    await pool.close();
  }
}
