/**
 * Bounds on what a user can make the app store or send: ignores are length-capped and
 * counted, a full state refuses a new ignore instead of dropping open findings, replies fit
 * GitHub's comment limit, and a private key that cannot be read stops the app.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/github/commands/parse.js';
import { MAX_REPLY_CHARS, reply } from '../../src/github/reactions.js';
import { PrivateKeyError, assertPrivateKey } from '../../src/github/app/startup.js';
import { addIgnore, compactState, ignoreRoom, STATE_BLOCK_BUDGET } from '../../src/github/tracking/apply.js';
import { emptyState, encodeState, STATE_LIMITS, type TrackingState } from '../../src/github/tracking/state.js';
import type { RunContext } from '../../src/github/types.js';
import { testKey } from './support/app.js';
import { STATE_KEY } from './support/tracking.js';

const at = '2025-06-01T00:00:00.000Z';
const ignore = (n: number, path = `jobs/${n}/**`) => ({ selector: 'P4', path, reason: `reason ${n}`, by: 'u', at });

describe('ignores', () => {
  it('a path or reason over 200 characters is not recorded', () => {
    expect(parseCommand(`/remediation ignore P4 ${'a/'.repeat(101)} -- r`)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('longer than 200') });
    expect(parseCommand(`/remediation ignore P4 x -- ${'why '.repeat(60)}`)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('longer than 200') });
    expect(parseCommand(`/remediation ignore P4 ${'a'.repeat(48_000)} -- r`)).toBeUndefined();
  });

  it(`at most ${STATE_LIMITS.ignores} ignores are kept`, () => {
    let state = emptyState();
    for (let n = 0; n < STATE_LIMITS.ignores; n++) state = addIgnore(state, ignore(n));
    expect(ignoreRoom(state, state, STATE_KEY)).toBeUndefined();
    expect(ignoreRoom(state, addIgnore(state, ignore(99)), STATE_KEY)).toMatch(/already holds 30 ignores/);
  });

  it('an ignore that would push open findings out of the sealed block is refused', () => {
    const fits = (s: TrackingState) => encodeState(s, STATE_KEY).length <= STATE_BLOCK_BUDGET;
    // The largest number of unlisted hashes that still fits with a few ignores in place.
    const withHashes = (n: number): TrackingState => ({ ...emptyState(), ignores: [ignore(1), ignore(2)], more: { 4: Array.from({ length: n }, (_, i) => `h${String(i * 7919).padStart(9, '0')}`) } });
    let low = 0;
    let high = 20_000;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (fits(withHashes(mid))) low = mid;
      else high = mid;
    }
    const full = withHashes(low);
    expect(fits(full)).toBe(true);
    const bigger = addIgnore(full, { selector: 'P6', path: `x${'y'.repeat(199)}`, reason: 'z'.repeat(200), by: 'u', at });
    expect(ignoreRoom(full, bigger, STATE_KEY)).toMatch(/no room left/);
    // What refusing protects: written anyway, the counts would survive only as a number.
    expect(compactState(bigger, fits).uncounted?.['4']).toBeGreaterThan(0);
  });
});

describe('replies', () => {
  it(`are cut to ${MAX_REPLY_CHARS} characters, saying so`, async () => {
    const sent: string[] = [];
    const ctx = { repo: { owner: 'o', repo: 'r' }, octokit: { rest: { issues: { createComment: async (p: { body: string }) => void sent.push(p.body) } } } } as unknown as RunContext;
    await reply(ctx, 2, 'x'.repeat(70_000));
    expect(sent[0].length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(sent[0]).toContain("Output truncated to stay within GitHub's size limit");
  });
});

describe('startup with APP_ID set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'key-'));

  it('a PRIVATE_KEY_PATH that does not exist stops the app (no setup mode)', () => {
    expect(() => assertPrivateKey({ APP_ID: '1', PRIVATE_KEY_PATH: join(dir, 'missing.pem') }, dir)).toThrow(PrivateKeyError);
  });

  it('a file that is not a PEM key stops the app, without printing it', () => {
    const path = join(dir, 'not-a-key.pem');
    writeFileSync(path, 'secret-looking-content');
    expect(() => assertPrivateKey({ APP_ID: '1', PRIVATE_KEY_PATH: path }, dir)).toThrow(/not a PEM private key/);
    try {
      assertPrivateKey({ APP_ID: '1', PRIVATE_KEY_PATH: path }, dir);
    } catch (error) {
      expect(String(error)).not.toContain('secret-looking-content');
    }
  });

  it('no key at all stops the app; a good key or no APP_ID (setup flow) passes', () => {
    const empty = mkdtempSync(join(tmpdir(), 'nokey-'));
    expect(() => assertPrivateKey({ APP_ID: '1' }, empty)).toThrow(/neither PRIVATE_KEY nor PRIVATE_KEY_PATH/);
    expect(() => assertPrivateKey({ APP_ID: '1', PRIVATE_KEY: testKey() }, dir)).not.toThrow();
    expect(() => assertPrivateKey({}, dir)).not.toThrow();
  });
});

describe('links', () => {
  it('a repository-wide finding (path `.`) links to the tree at the commit', async () => {
    const { permalink } = await import('../../src/github/render/links.js');
    expect(permalink('https://github.com/o/r', 'abc', '.', 1)).toBe('https://github.com/o/r/tree/abc');
    expect(permalink('https://github.com/o/r', 'abc', 'a (1).py', 3)).toBe('https://github.com/o/r/blob/abc/a%20%281%29.py#L3');
  });
});
