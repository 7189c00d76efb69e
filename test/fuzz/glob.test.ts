/**
 * Ignore globs (config and `/remediation ignore` comments) are matched without regular
 * expressions: same answers as picomatch on ordinary globs, bounded time on hostile ones.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { afterAll, describe, expect, it } from 'vitest';
import { globMatcher } from '../../src/engine/glob.js';
import { EngineWorker } from '../helpers/budget.js';
import { fuzzTimeout, runs, sourceNotebook } from '../helpers/fuzz.js';

const AGREES = runs(2000);

describe('globMatcher', () => {
  it.each([
    ['jobs/**', 'jobs/a/b.py', true],
    ['jobs/**', 'jobs', true],
    ['jobs/**', 'jobsx/a.py', false],
    ['**/test_*.py', 'test_a.py', true],
    ['**/test_*.py', 'a/b/test_a.py', true],
    ['*.py', 'a/b.py', false],
    ['src/*/x.py', 'src/a/x.py', true],
    ['src/**/x.py', 'src/x.py', true],
    ['src/**/x.py', 'src/a/b/x.py', true],
    ['{jobs,streaming}/*.py', 'streaming/a.py', true],
    ['{jobs,streaming}/*.py', 'other/a.py', false],
    ['[!t]*.py', 'test.py', false],
    ['[a-c]?.py', 'b1.py', true],
    ['\\*.py', '*.py', true],
    ['\\*.py', 'a.py', false],
    ['./jobs/*.py', 'jobs/a.py', true],
    ['.hidden/*', '.hidden/x', true],
    ['*', '.x', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(globMatcher(pattern)(path)).toBe(expected);
  });

  it(`agrees with picomatch on ordinary globs (${AGREES} cases)`, () => {
    // Segments of literals, `*`, `?`, classes and braces, with `**` only as a whole inner
    // segment: the globs people write. (On `***`, `**x` or `x/**` against `x`, picomatch
    // itself is inconsistent; those are covered by the examples above.)
    const segment = fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[a-b]', '{a,b}', 'x'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')).filter((s) => !s.includes('**')) },
      { weight: 1, arbitrary: fc.constant('**') },
    );
    // The bare pattern `*.*` is a picomatch fast path that wants a character after the dot
    // (`*.*` refuses `a.` where `b/*.*` takes `b/a.` and `*.` takes `a.`): left out, the matcher
    // treats every `*` alike.
    const pattern = fc
      .array(segment, { minLength: 1, maxLength: 4 })
      .filter((segments) => segments[segments.length - 1] !== '**')
      .map((segments) => segments.join('/'))
      .filter((p) => p !== '*.*');
    const name = fc.array(fc.constantFrom('a', 'b', 'x', '.'), { minLength: 1, maxLength: 3 }).map((c) => c.join('')).filter((s) => s !== '.' && s !== '..');
    const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((names) => names.join('/'));
    fc.assert(
      fc.property(pattern, path, (p, candidate) => {
        expect(globMatcher(p)(candidate), `${p} on ${candidate}`).toBe(picomatch(p, { dot: true })(candidate));
      }),
      { numRuns: AGREES },
    );
  }, fuzzTimeout());

  it('treats every `*` alike, also in a bare `*.*` (where picomatch alone wants a character after the dot)', () => {
    expect(globMatcher('*.*')('a.')).toBe(true);
    expect(globMatcher('b/*.*')('b/a.')).toBe(picomatch('b/*.*', { dot: true })('b/a.'));
    expect(globMatcher('*.*')('a/b.c')).toBe(false);
  });

  it('never matches with globs over the size limits', () => {
    expect(globMatcher(`${'a'.repeat(5000)}*`)('a'.repeat(6000))).toBe(false);
    expect(globMatcher('{a,b}'.repeat(10))('a'.repeat(10))).toBe(false);
  });
});

describe('hostile ignore globs, within a time budget', () => {
  const worker = new EngineWorker();
  afterAll(() => worker.stop());

  // Each of these takes picomatch from seconds to hours on the paths below.
  const globs = [
    `${'*a'.repeat(30)}*c`,
    `${'**/'.repeat(200)}x`,
    `${'?'.repeat(2000)}*`,
    '+(a|aa)+(a|aa)+(a|aa)+(a|aa)c',
    `{${'a,'.repeat(40)}b}{${'a,'.repeat(40)}b}`,
    `${'/'.repeat(100_000)}a`,
    `${'[a-'.repeat(1000)}`,
    `${'{'.repeat(5000)}`,
  ];

  it(`${globs.length} globs against long paths (5 s budget)`, async () => {
    const stream = sourceNotebook(['df = spark.readStream.format("kafka").load()', 'df.groupBy("k").count()']);
    const files = [`${'a'.repeat(200)}/${'a'.repeat(4000)}.py`, `${'a/'.repeat(2000)}b.py`, 'jobs/x.py'].map((path) => ({ path, content: stream }));
    const ignores = globs.map((path) => ({ selector: 'P4', path }));
    const outcome = await worker.scan(files, 5_000, { ignores });
    expect(outcome.finished, 'ignore globs took longer than 5 s').toBe(true);
    expect(outcome.value?.error).toBeUndefined();
    // None of the globs names these paths, so the P4 findings stay open.
    expect(outcome.value?.findings?.filter((f) => f.priority === 4 && f.suppressed)).toEqual([]);
  }, 90_000);
});
