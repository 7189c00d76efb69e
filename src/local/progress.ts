/**
 * A single self-overwriting progress line on stderr. Only for a terminal, and
 * only once the run has taken longer than a second: short runs and piped or
 * CI output stay clean.
 */
export interface ProgressOptions {
  isTTY: boolean;
  write: (text: string) => void;
  /** Terminal width; the line is cut to fit so `\r` can overwrite it. */
  columns?: number;
  now?: () => number;
  /** Quiet period before the first line. Default 1000 ms. */
  delayMs?: number;
  /** Minimum time between redraws. Default 100 ms. */
  intervalMs?: number;
  verb?: string;
}

export interface Progress {
  onProgress: (done: number, total: number, path: string) => void;
  /** Clears the line if one was drawn. */
  stop: () => void;
}

const CLEAR_LINE = '\r\u001b[K';

export function createProgress(options: ProgressOptions): Progress {
  if (!options.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  const now = options.now ?? Date.now;
  const started = now();
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  // A pseudo-terminal may report 0 columns: fall back to the classic 80.
  const width = Math.max(20, (options.columns || 80) - 1);
  const verb = options.verb ?? 'scanning';
  let drawn = false;
  let lastDraw = -Infinity;

  return {
    onProgress(done, total, path) {
      const time = now();
      if (time - started < delay) return;
      if (time - lastDraw < interval && done < total) return;
      lastDraw = time;
      drawn = true;
      options.write(`${CLEAR_LINE}${fit(`${verb} ${done}/${total} files  `, path, width)}`);
    },
    stop() {
      if (drawn) options.write(CLEAR_LINE);
      drawn = false;
    },
  };
}

/** Keeps the count whole and cuts the path from the left, so the file name stays visible. */
function fit(prefix: string, path: string, width: number): string {
  const room = width - prefix.length;
  if (path.length <= room) return `${prefix}${path}`;
  if (room < 8) return prefix.trimEnd();
  return `${prefix}…${path.slice(path.length - room + 1)}`;
}
