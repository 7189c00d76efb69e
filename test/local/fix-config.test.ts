import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, engineOptions, parseConfig } from '../../src/config.js';
import { DEFAULT_FIX_SETTINGS } from '../../src/model/fix-types.js';
import { notebook } from '../helpers/engine.js';
import { makeTempDir, removeDir, runCli, writeTree } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe('the config\'s fixes block', () => {
  it('defaults to the rule docs\' values and a TODO tag, and reaches the engine options', () => {
    const config = defaultConfig();
    expect(config.fixes).toEqual(DEFAULT_FIX_SETTINGS);
    expect(engineOptions(config).fixes).toEqual(DEFAULT_FIX_SETTINGS);
  });

  it('overrides values key by key; tags replace the default ones', () => {
    const result = parseConfig({ fixes: { defaults: { maxOffsetsPerTrigger: 500, maxBytesPerTrigger: '4g' }, tags: { team: 'ingest', cost_center: 'cc-12' } } });
    if (!result.ok) throw new Error('valid');
    expect(result.config.fixes).toEqual({
      defaults: { ...DEFAULT_FIX_SETTINGS.defaults, maxOffsetsPerTrigger: 500, maxBytesPerTrigger: '4g' },
      tags: { team: 'ingest', cost_center: 'cc-12' },
    });
  });

  it('refuses a value that is no string or number, and warns on an unknown key', () => {
    const bad = parseConfig({ fixes: { defaults: { max_retries: [3] } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path.join('.'))).toEqual(['fixes.defaults.max_retries']);
    const unknown = parseConfig({ fixes: { caps: {} } });
    expect(unknown.ok && unknown.warnings).toEqual(['unknown key `fixes.caps` ignored']);
  });

  it('remediation fix --unsafe-fixes writes the configured values', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const nb = notebook('k = spark.readStream.format("kafka").option("subscribe", "t").load()\nk.writeStream.toTable("c.s.u")');
    writeTree(dir, { 'jobs/k.py': nb, '.github/remediation.yml': 'fixes:\n  defaults:\n    maxOffsetsPerTrigger: 2500\n' });
    const run = await runCli(['fix', '--select', 'P401', '--unsafe-fixes'], dir);
    expect(run).toEqual({ code: 0, stdout: 'Fixed 1 finding (0 remaining).\n', stderr: '' });
    expect(readFileSync(join(dir, 'jobs/k.py'), 'utf8')).toBe(nb.replace('.load()', '.option("maxOffsetsPerTrigger", 2500).load()'));
  });
});
