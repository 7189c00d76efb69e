import { describe, expect, it } from 'vitest';
import { extractTarball } from '../../src/github/tarball.js';
import { chooseMethod } from '../../src/github/repo-snapshot.js';
import { buildTarball } from './support/tar.js';

describe('tarball reading', () => {
  it('strips the top folder, follows pax long paths and keeps only wanted files', () => {
    const long = `${'a-rather-long-folder-name/'.repeat(6)}job.json`;
    const tar = buildTarball('o-r-abc1234', { 'x.py': 'print(1)\n', [long]: '{}\n', 'skip.md': '#\n', 'ünï.sql': 'SELECT 1;\n' });
    const files = extractTarball(tar, (path) => !path.endsWith('.md'));
    // SHAs as `git hash-object` gives them: the ids a tree or a PR file list carries.
    expect(files).toEqual([
      { path: 'x.py', content: 'print(1)\n', sha: 'b917a726c93f902e43291d9009d6488385133b67', size: 9 },
      { path: long, content: '{}\n', sha: '0967ef424bce6791893e9a57bb952f80fd536e93', size: 3 },
      { path: 'ünï.sql', content: 'SELECT 1;\n', sha: 'e0ac49d1ecfb8f96f2418b1a87e1d20e587d9d0f', size: 10 },
    ]);
  });

  it('picks blobs for few files, the tarball for many unless the repository is huge', () => {
    expect(chooseMethod(3, 1_000, false)).toBe('blobs');
    expect(chooseMethod(10, 1_000, false)).toBe('tarball');
    expect(chooseMethod(400, 50_000_000, false)).toBe('tarball');
    expect(chooseMethod(400, 900_000_000, false)).toBe('blobs');
    // 50 files in a 100 MB repository: 50 small requests beat downloading it all.
    expect(chooseMethod(50, 100_000_000, false)).toBe('blobs');
    expect(chooseMethod(3, 1_000, true)).toBe('tarball');
  });
});
