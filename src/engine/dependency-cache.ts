/**
 * The analyses of other files a shard keeps for its questions (a `%run` include, a job's
 * notebook): least recently used first out, bounded by count and by the source behind them. An
 * evicted file is analysed again when asked about, with the same result. Pure.
 */
import type { PythonAnalysis } from '../model/python-types.js';

/** At most this many analyses. */
export const DEPENDENCY_CACHE = 128;
/**
 * And at most this much source behind them (the last one is kept whatever its size): an
 * analysis takes tens of times its source, so a few large includes must not fill the memory
 * that 128 small ones do not.
 */
export const DEPENDENCY_CACHE_BYTES = 4 * 1024 * 1024;

interface Entry {
  python: PythonAnalysis | undefined;
  bytes: number;
}

export class DependencyCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEPENDENCY_CACHE_BYTES) {}

  /** The cached analysis of the file a stem names (an entry whose analysis is `undefined`: a file with no Python), marked as just used. */
  get(stem: string): Entry | undefined {
    const entry = this.entries.get(stem);
    if (entry) this.remember(stem, entry.python, entry.bytes);
    return entry;
  }

  remember(stem: string, python: PythonAnalysis | undefined, bytes: number): void {
    this.bytes -= this.entries.get(stem)?.bytes ?? 0;
    this.entries.delete(stem);
    this.entries.set(stem, { python, bytes });
    this.bytes += bytes;
    while (this.entries.size > 1 && (this.entries.size > DEPENDENCY_CACHE || this.bytes > this.maxBytes)) {
      const [oldest, entry] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}
