import { describe, expect, it } from 'vitest';
import { addedLines, addedLinesBetween, parseGitHubPatch, rebuildBase } from '../../src/github/patch.js';

describe('GitHub patches', () => {
  it('rebuilds the base by reverse-applying the patch', () => {
    const parsed = parseGitHubPatch('x.py', '@@ -1,3 +1,4 @@\n a\n-b\n+b2\n c\n+d');
    expect(parsed).toBeDefined();
    expect(rebuildBase('a\nb2\nc\nd\n', parsed!)).toBe('a\nb\nc\n');
    expect([...addedLines(parsed!)]).toEqual([2, 4]);
  });

  it('handles a missing newline at end of file', () => {
    const parsed = parseGitHubPatch('x.py', '@@ -1 +1,2 @@\n-x\n\\ No newline at end of file\n+x\n+y\n\\ No newline at end of file');
    expect(rebuildBase('x\ny', parsed!)).toBe('x');
  });

  it('rebuilds a removed file from an empty head', () => {
    const parsed = parseGitHubPatch('x.py', '@@ -1,2 +0,0 @@\n-x\n-y');
    expect(rebuildBase('', parsed!)).toBe('x\ny\n');
  });

  it('reports a patch that does not apply', () => {
    const parsed = parseGitHubPatch('x.py', '@@ -1,3 +1,4 @@\n a\n-b\n+b2\n c\n+d');
    expect(rebuildBase('zzz\n', parsed!)).toBeUndefined();
    expect(parseGitHubPatch('x.py', '')).toBeUndefined();
  });

  it('computes changed lines locally', () => {
    expect([...addedLinesBetween('x', 'a\nb\nc\n', 'a\nB\nc\nd\n')]).toEqual([2, 4]);
  });
});
