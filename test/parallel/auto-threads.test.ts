/** One-off scans (the Action's, the CLI's): threads only when the input is large enough, and the calling thread when they fail. */
import { describe, expect, it, vi } from 'vitest';
import { fixtureFiles } from '../../bench/rows.js';
import { scaledCorpus } from '../../bench/corpus.js';
import type { EngineOptions } from '../../src/engine/api-types.js';
import { PARALLEL_MIN_FILES, scanOneOff } from '../../src/parallel/auto-threads.js';
import type { InputFile } from '../../src/model/types.js';
import { getEngine } from '../helpers/engine.js';

const inlineScan = () => vi.fn(async (files: InputFile[], options: EngineOptions) => (await getEngine()).scan(files, options));

describe('a one-off scan', () => {
  it('stays on the calling thread for a small input', async () => {
    const files = await fixtureFiles();
    expect(files.length).toBeLessThan(PARALLEL_MIN_FILES);
    const inline = inlineScan();
    await scanOneOff(files, {}, { inline, warn: () => undefined });
    expect(inline).toHaveBeenCalledTimes(1);
  });

  it('runs a large input on threads, with the result of the calling thread', async () => {
    const files = scaledCorpus(await fixtureFiles(), 200, 200);
    expect(files.length).toBeGreaterThanOrEqual(PARALLEL_MIN_FILES);
    const inline = inlineScan();
    const threaded = await scanOneOff(files, {}, { inline, warn: () => undefined }, 2);
    expect(inline).not.toHaveBeenCalled();
    const one = (await getEngine()).scan(files);
    expect(threaded.findings).toEqual(one.findings);
    expect([...(threaded.roles ?? [])]).toEqual([...(one.roles ?? [])]);
  }, 60_000);

  it('scans on the calling thread, and says why, when the threads fail', async () => {
    const files = scaledCorpus(await fixtureFiles(), 80, 80);
    // Options a thread cannot be sent (a function): the scan on threads fails before any file is read.
    const options = { roles: { setup: [(() => 'x') as unknown as string] } } as EngineOptions;
    const inline = vi.fn(async () => (await getEngine()).scan(files));
    const warn = vi.fn();
    const result = await scanOneOff(files, options, { inline, warn }, 2);
    expect(inline).toHaveBeenCalledTimes(1);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ threads: 2, err: expect.stringContaining('could not be cloned') }), 'the scan on worker threads failed; scanning on one thread');
  }, 60_000);
});
