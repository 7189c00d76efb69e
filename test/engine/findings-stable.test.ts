/**
 * Speed and memory work must not change what the engine finds: the findings of the example and
 * of bench corpora (every field, in order) match the digests recorded in
 * bench/findings-golden.json. The bench checks its larger rows the same way.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectScanFiles } from '../../src/local/walk.js';
import { findingsDigest, readGolden } from '../../bench/golden.js';
import { fixtureFiles, rowSpecs } from '../../bench/rows.js';
import { getEngine } from '../helpers/engine.js';

const golden = readGolden();

describe('findings stay identical', () => {
  it('on examples/spymaster, read as the CLI reads it', async () => {
    const dir = fileURLToPath(new URL('../../examples/spymaster', import.meta.url));
    const files = (await collectScanFiles([dir], { cwd: process.cwd(), root: dir })).files;
    const digest = findingsDigest((await getEngine()).scan(files).findings);
    expect(digest).toEqual(golden['examples/spymaster']);
  });

  for (const name of ['spymaster x1000', 'ipynb of 2,000 cells']) {
    it(`on the bench row ${name}`, async () => {
      const spec = rowSpecs([1000]).find((r) => r.name === name)!;
      const input = spec.build(await fixtureFiles());
      if (input.kind !== 'scan') throw new Error('a scan row');
      const digest = findingsDigest((await getEngine()).scan(input.files).findings);
      expect(digest).toEqual(golden[name]);
    });
  }
});
