import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/github/blob-store.js';
import { CODEOWNERS_PATHS } from '../../src/github/codeowners.js';
import { gitBlobSha } from '../../src/github/tarball.js';
import { fetchSnapshot } from '../../src/github/repo-snapshot.js';
import type { GitHub } from '../../src/github/types.js';
import { buildTarball } from './support/tar.js';

const REPO = { owner: 'o', repo: 'r' };
const FILES: Record<string, string> = {
  'docs/CODEOWNERS': '* @docs\n',
  '.github/CODEOWNERS': '* @dotgithub\n',
  'nb/a.py': 'x = 1\n',
  'README.md': '# r\n',
};

/** A client answering the tarball and the tree, counting requests. */
function client(files: Record<string, string>) {
  const calls: string[] = [];
  const octokit = {
    rest: {
      repos: { downloadTarballArchive: async () => (calls.push('tarball'), { data: buildTarball('o-r-abc', files) }) },
      git: {
        getTree: async () => (calls.push('tree'), { data: { truncated: false, tree: Object.entries(files).map(([path, content]) => ({ path, type: 'blob', sha: gitBlobSha(Buffer.from(content)), size: content.length })) } }),
      },
    },
  } as unknown as GitHub;
  const bySha = new Map(Object.values(files).map((content) => [gitBlobSha(Buffer.from(content)), content]));
  const blobs: BlobStore = { bySha: async (sha: string) => (calls.push('blob'), bySha.get(sha)!), byPath: async () => undefined, prime: () => undefined, has: () => false, requests: 0 } as unknown as BlobStore;
  return { octokit, blobs, calls };
}

describe('CODEOWNERS in the default-branch snapshot', () => {
  it('comes out of the tarball the scan reads anyway, in GitHub\'s order, with no extra request', async () => {
    const { octokit, blobs, calls } = client(FILES);
    const snapshot = await fetchSnapshot(octokit, REPO, 'abc', () => true, blobs, 10, CODEOWNERS_PATHS);
    expect(calls).toEqual(['tarball']);
    expect(snapshot.extra).toEqual({ path: '.github/CODEOWNERS', content: '* @dotgithub\n' });
    // The engine gets the files it analyses, not CODEOWNERS.
    expect(snapshot.files.map((f) => f.path)).toEqual(['nb/a.py']);
  });

  it('costs one blob request when the scan reads files one by one, and none without a CODEOWNERS', async () => {
    const { octokit, blobs, calls } = client(FILES);
    const snapshot = await fetchSnapshot(octokit, REPO, 'abc', () => true, blobs, undefined, CODEOWNERS_PATHS);
    expect(calls).toEqual(['tree', 'blob', 'blob']);
    expect(snapshot.extra).toEqual({ path: '.github/CODEOWNERS', content: '* @dotgithub\n' });
    const bare = client({ 'nb/a.py': 'x = 1\n' });
    expect((await fetchSnapshot(bare.octokit, REPO, 'abc', () => true, bare.blobs, undefined, CODEOWNERS_PATHS)).extra).toBeUndefined();
    expect(bare.calls).toEqual(['tree', 'blob']);
  });
});
