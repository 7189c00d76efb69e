/**
 * Speed and memory work must not change what the engine finds: the findings of the example and
 * of bench corpora (every field, in order) match the digests recorded in
 * bench/findings-golden.json. The bench checks its larger rows the same way.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectScanFiles } from '../../src/local/walk.js';
import { findingsDigest, readGolden, recordDigest, type FindingsDigest } from '../../bench/golden.js';
import { fixtureFiles, rowSpecs } from '../../bench/rows.js';
import { getEngine } from '../helpers/engine.js';

const golden = readGolden();
/** The recorded digest without the version it was recorded under. */
const recorded = (name: string): FindingsDigest | undefined => {
  const entry = golden[name];
  if (!entry) return undefined;
  const { rulesVersion: _version, ...digest } = entry;
  return digest;
};

describe('findings stay identical', () => {
  it('on examples/spymaster, read as the CLI reads it', async () => {
    const dir = fileURLToPath(new URL('../../examples/spymaster', import.meta.url));
    const files = (await collectScanFiles([dir], { cwd: process.cwd(), root: dir })).files;
    const digest = findingsDigest((await getEngine()).scan(files).findings);
    expect(digest).toEqual(recorded('examples/spymaster'));
  });

  for (const name of ['spymaster x1000', 'ipynb of 2,000 cells']) {
    it(`on the bench row ${name}`, async () => {
      const spec = rowSpecs([1000]).find((r) => r.name === name)!;
      const input = spec.build(await fixtureFiles());
      if (input.kind !== 'scan') throw new Error('a scan row');
      const digest = findingsDigest((await getEngine()).scan(input.files).findings);
      expect(digest).toEqual(recorded(name));
    });
  }

  it('records other findings only under a new rules version, so boards do not count them as fixed', () => {
    const before: FindingsDigest = { count: 2, sha256: 'a', rules: { P101: 2 }, rulesVersion: 'v1' };
    const after: FindingsDigest = { count: 1, sha256: 'b', rules: { P101: 1 } };
    expect(() => recordDigest('row', before, after, 'v1')).toThrow(/same RULES_VERSION \(v1\)/);
    expect(recordDigest('row', before, after, 'v2')).toEqual({ ...after, rulesVersion: 'v2' });
    // Same findings: the entry is stamped with the current version, so a later change under it is refused.
    const restamped = recordDigest('row', before, { ...after, sha256: 'a', count: 2, rules: { P101: 2 } }, 'v2');
    expect(restamped).toEqual({ ...before, rulesVersion: 'v2' });
    expect(() => recordDigest('row', restamped, after, 'v2')).toThrow(/same RULES_VERSION \(v2\)/);
    expect(recordDigest('row', undefined, after, 'v1')).toEqual({ ...after, rulesVersion: 'v1' });
  });
});
