/** String literals read from their token: every prefix Python allows, in either order and case. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { literalText } from '../../src/model/python-values.js';

describe('literalText', () => {
  it.each([
    [String.raw`'a\nb'`, 'a\nb'],
    [String.raw`r'a\nb'`, String.raw`a\nb`],
    [String.raw`rb'[^:\s]'`, String.raw`[^:\s]`],
    [String.raw`Rb'x\n'`, String.raw`x\n`],
    [String.raw`bR'x\n'`, String.raw`x\n`],
    [`br'x'`, 'x'],
    [String.raw`rf'{a}\d'`, String.raw`{a}\d`],
    [`Fr'{a}'`, '{a}'],
    [String.raw`b'x\n'`, 'x\n'],
    ['u"""doc"""', 'doc'],
  ])('%s', (token, expected) => {
    expect(literalText(token)).toBe(expected);
  });

  it('stops at a token that is not a string', () => {
    expect(literalText('rbx')).toBeUndefined();
    expect(literalText('rb')).toBeUndefined();
  });
});

describe('a notebook with two-letter string prefixes', () => {
  // Such a literal once sent the prefix loop round for ever (a scan of CPython's http/client.py never ended).
  it('is scanned in time', async () => {
    const engine = await createEngine();
    const started = Date.now();
    const result = engine.scan([
      { path: 'client.py', content: "import re\n_legal = re.compile(rb'[^:\\s][^:\\r\\n]*').fullmatch\nx = Rb'a' + bR'b' + fr'{x}'\n" },
    ]);
    expect(result.findings).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
