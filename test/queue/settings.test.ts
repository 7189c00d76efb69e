/** Settings from the environment: defaults, values, and a loud failure on a typo. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readQueueSettings } from '../../src/queue/settings.js';

describe('settings from the environment', () => {
  it('defaults: config cached 10 minutes, check runs created after a 4 s grace', () => {
    expect(readQueueSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ repoCacheMs: 600_000, checkRunGraceMs: 4_000 });
  });

  it('reads the cache and the grace, 0 included (off)', () => {
    expect(readQueueSettings({ REMEDIATION_CACHE_SECONDS: '0', REMEDIATION_CHECK_GRACE_MS: '0' })).toMatchObject({ repoCacheMs: 0, checkRunGraceMs: 0 });
    expect(readQueueSettings({ REMEDIATION_CACHE_SECONDS: '30', REMEDIATION_CHECK_GRACE_MS: '1500', REMEDIATION_CONCURRENCY: '2' })).toMatchObject({ repoCacheMs: 30_000, checkRunGraceMs: 1500, concurrency: 2 });
  });

  it('names the variable of an invalid value', () => {
    expect(() => readQueueSettings({ REMEDIATION_CACHE_SECONDS: '-1' })).toThrow('REMEDIATION_CACHE_SECONDS');
    expect(() => readQueueSettings({ REMEDIATION_CHECK_GRACE_MS: '4s' })).toThrow('REMEDIATION_CHECK_GRACE_MS');
    expect(() => readQueueSettings({ REMEDIATION_CONCURRENCY: '0' })).toThrow('REMEDIATION_CONCURRENCY');
  });
});
