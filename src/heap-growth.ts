/**
 * How far V8 lets the heap grow past what survived the last full collection before it collects
 * again. Its default factor (up to 4x for a fast-allocating process) lets a scan's garbage pile
 * up: a 20,000-file scan whose live heap stays under 400 MB peaked at 819 MB of RSS. A 20%
 * growth step collects sooner and kept that scan at 552 MB, with the same scan time on 1,000
 * files and the dense `.ipynb` (measured in docs/architecture.md). Unlike `--max-old-space-size`
 * it sets no ceiling, so a larger repository still scans instead of running out of heap.
 * V8 flags are per process: worker threads started afterwards share it. Set by the CLI and the
 * App and the Action before their first scan.
 * https://nodejs.org/api/v8.html#v8setflagsfromstringflags
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 20;

let applied = false;

export function limitHeapGrowth(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
