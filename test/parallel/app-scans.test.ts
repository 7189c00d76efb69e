import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../../bench/rows.js';
import { createAppScan, scanThreadsSetting, threadsPerJob } from '../../src/parallel/app-scans.js';
import { getEngine } from '../helpers/engine.js';

describe('the App scan threads', () => {
  it('default to one per core, take a count, and refuse anything else', () => {
    expect(scanThreadsSetting({}, 4)).toBe(4);
    expect(scanThreadsSetting({ REMEDIATION_SCAN_THREADS: ' 3 ' }, 4)).toBe(3);
    expect(scanThreadsSetting({ REMEDIATION_SCAN_THREADS: '0' }, 4)).toBe(0);
    expect(() => scanThreadsSetting({ REMEDIATION_SCAN_THREADS: 'all' }, 4)).toThrow("REMEDIATION_SCAN_THREADS must be a number of threads (0 for none), not 'all'");
  });

  it('give a job at most half of them, and at least one', () => {
    expect([1, 2, 3, 8].map(threadsPerJob)).toEqual([1, 1, 1, 4]);
  });

  it('with 0 threads, leave scans on the event loop; otherwise scan as the engine does', async () => {
    expect(createAppScan(0)).toBeUndefined();
    const scan = createAppScan(2)!;
    const files = await fixtureFiles();
    const [threaded, inline] = [await scan(files, {}), (await getEngine()).scan(files, {})];
    expect(threaded.findings.length).toBeGreaterThan(50);
    expect(threaded.findings).toEqual(inline.findings);
    expect(threaded.summary).toEqual(inline.summary);
    expect([...(threaded.roles ?? [])]).toEqual([...(inline.roles ?? [])]);
    expect([threaded.filesAnalysed, threaded.bytesAnalysed]).toEqual([inline.filesAnalysed, inline.bytesAnalysed]);
  }, 60_000);
});
