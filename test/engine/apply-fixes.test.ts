import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes } from '../../src/engine/apply-fixes.js';
import type { Fix } from '../../src/model/fix-types.js';

const fix = (...edits: [string, number, number, string][]): Fix => ({
  safety: 'safe',
  description: 'test',
  edits: edits.map(([path, start, end, text]) => ({ path, start, end, text })),
});

describe('applying fixes', () => {
  it('makes edits in offset order, insertions before a replacement at the same point', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 6, text: 'XY' }, { start: 0, end: 1, text: '' }, { start: 4, end: 4, text: '+' }])).toBe('bcd+XY');
  });

  it('takes fixes whole, skips one that overlaps a fix taken before it, and says which', () => {
    const files = new Map([['a.py', 'print(1)\nprint(2)\n'], ['b.py', 'x\n']]);
    const result = applyFixes(files, [
      { id: 'one', fix: fix(['a.py', 0, 5, 'log']) },
      { id: 'two', fix: fix(['a.py', 3, 7, 'zz'], ['b.py', 0, 1, 'y']) },
      { id: 'three', fix: fix(['a.py', 9, 14, 'log']) },
    ]);
    expect(result.applied).toEqual(['one', 'three']);
    expect(result.skipped).toEqual(['two']);
    expect(Object.fromEntries(result.texts)).toEqual({ 'a.py': 'log(1)\nlog(2)\n' });
  });

  it('makes an edit two fixes share once, and refuses two different insertions at one point', () => {
    const files = new Map([['a.py', 'print(1)\n']]);
    const shared = applyFixes(files, [
      { id: 'one', fix: fix(['a.py', 0, 0, 'import logging\n'], ['a.py', 0, 5, 'log']) },
      { id: 'two', fix: fix(['a.py', 0, 0, 'import logging\n']) },
      { id: 'three', fix: fix(['a.py', 0, 0, 'import os\n']) },
    ]);
    expect(shared.applied).toEqual(['one', 'two']);
    expect(shared.skipped).toEqual(['three']);
    expect(shared.texts.get('a.py')).toBe('import logging\nlog(1)\n');
  });

  it('skips a fix for a file it was not given or with offsets past its end', () => {
    const result = applyFixes(new Map([['a.py', 'x']]), [{ id: 'gone', fix: fix(['b.py', 0, 0, 'y']) }, { id: 'long', fix: fix(['a.py', 0, 9, 'y']) }]);
    expect(result).toEqual({ texts: new Map(), applied: [], skipped: ['gone', 'long'] });
  });
});
