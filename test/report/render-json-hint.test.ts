import { describe, expect, it } from 'vitest';
import { toJsonReport } from '../../src/report/render-json.js';
import { makeFinding } from './helpers.js';

describe('renderJson hint', () => {
  it('keeps the full fix and adds the one-line hint after it', () => {
    const [finding] = toJsonReport([makeFinding({ hint: 'Add a watermark' })]).findings;
    expect(finding?.fix).toBe('Add `.withWatermark("event_time", "10 minutes")` upstream');
    expect(finding?.hint).toBe('Add a watermark');
    const keys = Object.keys(finding ?? {});
    expect(keys.indexOf('hint')).toBe(keys.indexOf('fix') + 1);
  });

  it('leaves the key out when the finding has no hint', () => {
    expect(Object.keys(toJsonReport([makeFinding()]).findings[0] ?? {})).not.toContain('hint');
  });
});
