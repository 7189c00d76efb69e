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

/** Below these, starting threads costs more than it saves (measured on the bundled example scaled up). */
export const PARALLEL_MIN_FILES = 64;
export const PARALLEL_MIN_BYTES = 256 * 1024;

export function threadCount(concurrency: Concurrency, files: readonly InputFile[], cores = availableParallelism()): number {
  if (concurrency === 'off') return 1;
  if (typeof concurrency === 'number') return Math.min(concurrency, files.length || 1);
  if (files.length < PARALLEL_MIN_FILES) return 1;
  let bytes = 0;
  for (const file of files) bytes += typeof file.content === 'string' ? file.content.length : file.content.byteLength;
  return bytes < PARALLEL_MIN_BYTES ? 1 : Math.max(1, Math.min(cores, 8));
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
