import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/local/progress.js';

function clockStepping(stepMs: number): () => number {
  let time = 0;
  return () => (time += stepMs);
}

describe('createProgress', () => {
  it('writes nothing when stderr is not a terminal', () => {
    let out = '';
    const progress = createProgress({ isTTY: false, write: (text) => void (out += text), now: clockStepping(5000) });
    progress.onProgress(1, 2, 'a.py');
    progress.stop();
    expect(out).toBe('');
  });

  it('stays quiet during the first second, then overwrites one line and clears it', () => {
    let out = '';
    const progress = createProgress({ isTTY: true, write: (text) => void (out += text), now: clockStepping(400) });
    progress.onProgress(1, 3, 'a.py'); // t = 400
    progress.onProgress(2, 3, 'b.py'); // t = 800
    expect(out).toBe('');
    progress.onProgress(3, 3, 'c.py'); // t = 1200
    expect(out).toBe('\r\u001b[Kscanning 3/3 files  c.py');
    progress.stop();
    expect(out.endsWith('\r\u001b[K')).toBe(true);
    expect(out).not.toContain('\n');
  });

  it('never clears a line it did not draw', () => {
    let out = '';
    const progress = createProgress({ isTTY: true, write: (text) => void (out += text), now: clockStepping(1) });
    progress.onProgress(1, 1, 'a.py');
    progress.stop();
    expect(out).toBe('');
  });

  it('keeps the count and the end of a long path within the terminal width', () => {
    let out = '';
    const progress = createProgress({ isTTY: true, write: (text) => void (out = text), now: clockStepping(2000), columns: 40 });
    progress.onProgress(120, 5000, 'backend/databricks/streaming/rt__mbo_raw_to_bronze.py');
    const line = out.replace('\r\u001b[K', '');
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line).toMatch(/^scanning 120\/5000 files  ….*bronze\.py$/);
  });

  it('throttles redraws but always draws the last file', () => {
    const writes: string[] = [];
    const progress = createProgress({ isTTY: true, write: (text) => void writes.push(text), now: clockStepping(1001), intervalMs: 5000 });
    for (let done = 1; done <= 4; done++) progress.onProgress(done, 4, `f${done}.py`);
    expect(writes.map((text) => text.replace('\r\u001b[K', ''))).toEqual(['scanning 1/4 files  f1.py', 'scanning 4/4 files  f4.py']);
  });
});
