import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../src/local/git.js';
import { excludeMatcher } from '../../src/local/exclude.js';
import { parseCliArgs } from '../../src/local/args.js';

describe('parseBatch', () => {
  it('reads blobs by id, keeping bytes, newlines and missing objects apart', () => {
    const out = Buffer.concat([
      Buffer.from('aaa blob 6\nx = 1\n\n'),
      Buffer.from('bbb missing\n'),
      Buffer.from('ccc blob 3\n'),
      Buffer.from([0xff, 0x00, 0x0a]),
      Buffer.from('\n'),
    ]);
    const blobs = parseBatch(out);
    expect([...blobs.keys()]).toEqual(['aaa', 'ccc']);
    expect(blobs.get('aaa')?.toString('utf8')).toBe('x = 1\n');
    expect([...(blobs.get('ccc') ?? [])]).toEqual([0xff, 0x00, 0x0a]);
  });
});

describe('excludeMatcher', () => {
  const excluded = excludeMatcher(['*.ipynb', 'pipelines/legacy/**', 'build/', './jobs/*.json']);

  it('matches names at any depth and anchored paths from the root', () => {
    expect(excluded('notebooks/a.ipynb')).toBe(true);
    expect(excluded('pipelines/legacy/old.py')).toBe(true);
    expect(excluded('pipelines/legacy')).toBe(true);
    expect(excluded('build/x.py')).toBe(true);
    expect(excluded('jobs/a.json')).toBe(true);
    expect(excluded('jobs/nested/a.json')).toBe(false);
    expect(excluded('pipelines/new.py')).toBe(false);
    expect(excludeMatcher([])('anything.py')).toBe(false);
  });
});

describe('parseCliArgs', () => {
  it('defaults scan to the current folder and text output, leaving the threshold to the config', () => {
    const parsed = parseCliArgs(['scan']);
    expect(parsed).toMatchObject({ command: 'scan', paths: ['.'], format: 'text', exclude: [], output: undefined });
    expect(parsed).not.toHaveProperty('config');
    expect(parsed).toHaveProperty('failOn', undefined);
  });

  it('reads --fail-on problem, --config, --no-config and --new-only', () => {
    expect(parseCliArgs(['scan', '--fail-on', 'problem', '--config', 'ci/r.yml'])).toMatchObject({ failOn: 'problem', config: 'ci/r.yml' });
    expect(parseCliArgs(['scan', '--no-config'])).toMatchObject({ config: false });
    expect(parseCliArgs(['diff', '--base', 'main', '--new-only'])).toMatchObject({ command: 'diff', newOnly: true });
    expect(parseCliArgs(['diff', '--base', 'main'])).toMatchObject({ newOnly: false });
  });

  it('collects repeated excludes and diff revisions', () => {
    expect(parseCliArgs(['diff', '--base', 'main', '--head', 'HEAD', '--exclude', 'a', '--exclude', 'b', '-f', 'sarif'])).toMatchObject({
      command: 'diff',
      base: 'main',
      head: 'HEAD',
      exclude: ['a', 'b'],
      format: 'sarif',
    });
  });
});
