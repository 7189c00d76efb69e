import { describe, expect, it } from 'vitest';
import { defaultConfig, engineOptions, locateKey, mergeConfigLayers, parseConfig, pathFilter } from '../../src/config.js';

describe('config schema', () => {
  it('reads roles by glob and passes them to the engine', () => {
    const result = parseConfig({ roles: { setup: ['_resources/**'], tooling: ['apps/**'] } });
    expect(result.ok && result.config.roles).toEqual({ setup: ['_resources/**'], tooling: ['apps/**'] });
    expect(result.ok && engineOptions(result.config).roles).toEqual({ setup: ['_resources/**'], tooling: ['apps/**'] });
    const unknown = parseConfig({ roles: { library: ['lib/**'] } });
    expect(unknown.ok && unknown.warnings).toEqual(['unknown key `roles.library` ignored']);
    expect(parseConfig({ roles: { setup: 'x' } }).ok).toBe(false);
  });

  it('fills defaults', () => {
    const config = defaultConfig();
    expect(config.priorities).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(config.failOn).toBe('failure');
    expect(config.trackingIssue.title).toBe('Remediation tracking: the eight priorities');
  });

  it('warns on unknown keys instead of failing', () => {
    const result = parseConfig({ fail_on: 'warning', colour: 'blue', paths: { exclude: ['x/**'] } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual(['unknown key `colour` ignored']);
    expect(result.config.failOn).toBe('warning');
  });

  it('reports the bad key path', () => {
    const result = parseConfig({ fail_on: 'fatal', priorities: [1, 9] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path.join('.')).sort()).toEqual(['fail_on', 'priorities.1']);
  });

  it('locates keys in YAML text', () => {
    const text = 'priorities: [1, 2]\n# comment\nfail_on: fatal\npaths:\n  exclude:\n    - a\n    - 7\n';
    expect(locateKey(text, ['fail_on'])).toBe(3);
    expect(locateKey(text, ['paths', 'exclude', 1])).toBe(7);
    expect(locateKey(text, ['nope'])).toBe(1);
  });

  it('merges layers with arrays replaced', () => {
    expect(mergeConfigLayers([{ priorities: [1, 2, 3], paths: { exclude: ['a'] } }, { priorities: [4], paths: { include: ['b'] } }])).toEqual({
      priorities: [4],
      paths: { exclude: ['a'], include: ['b'] },
    });
  });

  it('filters paths by include and exclude globs', () => {
    const result = parseConfig({ paths: { include: ['src/**'], exclude: ['src/vendor/**'] } });
    if (!result.ok) throw new Error('invalid');
    const keep = pathFilter(result.config);
    expect([keep('src/a.py'), keep('src/vendor/b.py'), keep('notebooks/c.py')]).toEqual([true, false, false]);
  });
});
