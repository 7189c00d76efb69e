import { describe, expect, it } from 'vitest';
import { closestMatches, didYouMean, editDistance } from '../../src/local/suggest.js';

describe('editDistance', () => {
  it.each([
    ['scan', 'scan', 0],
    ['scna', 'scan', 1],
    ['selct', 'select', 1],
    ['ingore', 'ignore', 1],
    ['', 'diff', 4],
    ['lint', 'diff', 3],
    ['kitten', 'sitting', 3],
  ])('%s -> %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('closestMatches', () => {
  const commands = ['scan', 'diff', 'rules', 'explain', 'help'];

  it('finds a transposed or shortened word, and nothing for an unrelated one', () => {
    expect(closestMatches('scna', commands)).toEqual(['scan']);
    expect(closestMatches('rule', commands)).toEqual(['rules']);
    expect(closestMatches('EXPLIAN', commands)).toEqual(['explain']);
    expect(closestMatches('lint', commands)).toEqual([]);
  });

  it('lists equals in the candidates order, nearest first, at most the limit', () => {
    expect(closestMatches('P109', ['P101', 'P102', 'P103', 'P201', 'P100'])).toEqual(['P101', 'P102', 'P103']);
    expect(closestMatches('P109', ['P101', 'P102', 'P103'], 1)).toEqual(['P101']);
  });

  it('falls back to candidates containing the input', () => {
    expect(closestMatches('watermark', ['missing-watermark', 'stream-join-unbounded'])).toEqual(['missing-watermark']);
    expect(closestMatches('wa', ['missing-watermark'])).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('phrases one, two and three matches, and nothing when none is close', () => {
    expect(didYouMean('scna', ['scan'])).toBe(" (did you mean 'scan'?)");
    expect(didYouMean('P10', ['P1', 'P100'])).toBe(" (did you mean 'P1' or 'P100'?)");
    expect(didYouMean('P109', ['P101', 'P102', 'P103'])).toBe(" (did you mean 'P101', 'P102' or 'P103'?)");
    expect(didYouMean('zzz', ['scan'])).toBe('');
  });
});
