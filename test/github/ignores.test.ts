import { describe, expect, it } from 'vitest';
import { IGNORES_SECTION_CHARS, renderIgnoresSection } from '../../src/github/render/ignores-section.js';
import { renderTrackingBody } from '../../src/github/render/tracking-body.js';
import { ISSUE_BODY_CHARS } from '../../src/github/render/budget.js';
import { applyScan } from '../../src/github/tracking/apply.js';
import { hiddenBy, ignoreApplies, recordIgnore, removeIgnore } from '../../src/github/tracking/ignores.js';
import { recordedIgnores } from '../../src/github/tracking/service.js';
import { emptyState, STATE_LIMITS, type IgnoreRecord, type TrackingState } from '../../src/github/tracking/state.js';
import { fakeEngine } from './support/fake-engine.js';
import { STATE_KEY, stateFromFiles } from './support/tracking.js';

const FILES = [
  { path: 'jobs/legacy/a.py', content: 'x  # BAD P401\ny  # BAD P402\n' },
  { path: 'jobs/new/b.py', content: 'z  # BAD P401\n' },
  { path: 'tests/c.py', content: 'w  # BAD P701\n' },
];
const at = '2025-06-01T12:00:00.000Z';
const ignore = (extra: Partial<IgnoreRecord> = {}): IgnoreRecord => ({ selector: 'P4', reason: 'r', by: 'lead', at, ...extra });

/** A scan of FILES on `day` with the ignores that apply that day, as the default-branch scan runs it. */
function scanOn(state: TrackingState, day: string): TrackingState {
  const result = fakeEngine().scan(FILES, { ignores: recordedIgnores(state, day) });
  return applyScan(state, { sha: 'b'.repeat(40), branch: 'main', at: day, findings: result.findings });
}

describe('ignore expiry', () => {
  it('applies through its until day and not after', () => {
    expect(ignoreApplies({ until: '2025-06-30' }, '2025-06-30T23:59:59.999Z')).toBe(true);
    expect(ignoreApplies({ until: '2025-06-30' }, '2025-07-01T00:00:00.000Z')).toBe(false);
    expect(ignoreApplies({}, '2999-01-01T00:00:00.000Z')).toBe(true);
  });

  it('hides findings in scans up to its until day, and the next scan after it counts them again', () => {
    const recorded = recordIgnore(stateFromFiles(FILES), ignore({ path: 'jobs/legacy/**', until: '2025-06-30', category: 'wont-fix' }));
    expect(recorded.items.filter((i) => i.s).map((i) => [i.f, i.r])).toEqual([
      ['jobs/legacy/a.py', 'P401'],
      ['jobs/legacy/a.py', 'P402'],
    ]);
    const before = scanOn(recorded, '2025-06-30T08:00:00.000Z');
    expect(before.items.filter((i) => i.s)).toHaveLength(2);
    expect(hiddenBy(before, before.ignores[0])).toBe(2);
    const after = scanOn(before, '2025-07-01T08:00:00.000Z');
    expect(after.items.filter((i) => i.s)).toEqual([]);
    expect(recordedIgnores(after, '2025-07-01T08:00:00.000Z')).toEqual([]);
    // Kept, so the board can say it expired.
    expect(after.ignores).toHaveLength(1);
  });

  it('makes room at the cap with the ignores that expired longest ago, and refuses nothing else', () => {
    const many = Array.from({ length: STATE_LIMITS.ignores }, (_, i) => ignore({ selector: `P${(i % 8) + 1}`, path: `dir${i}/**`, ...(i < 2 ? { until: `2025-05-0${i + 1}` } : {}) }));
    const full: TrackingState = { ...emptyState(), ignores: many };
    const next = recordIgnore(full, ignore({ selector: 'P401' }));
    expect(next.ignores).toHaveLength(STATE_LIMITS.ignores);
    expect(next.ignores.some((i) => i.until === '2025-05-01')).toBe(false);
    expect(next.ignores.some((i) => i.until === '2025-05-02')).toBe(true);
    // None expired: the new one goes over the cap, and ignoreRoom refuses it.
    const live: TrackingState = { ...emptyState(), ignores: many.map((i) => ({ ...i, until: undefined })) };
    expect(recordIgnore(live, ignore({ selector: 'P401' })).ignores).toHaveLength(STATE_LIMITS.ignores + 1);
    // Recording the same selector and path again replaces it.
    expect(recordIgnore(live, { ...live.ignores[3], reason: 'again' }).ignores).toHaveLength(STATE_LIMITS.ignores);
  });

  it('unignore removes exactly the ignore of that selector and path', () => {
    const state: TrackingState = { ...emptyState(), ignores: [ignore(), ignore({ path: 'jobs/**' })] };
    const { state: without, removed } = removeIgnore(state, 'P4', 'jobs/**');
    expect(removed).toEqual(ignore({ path: 'jobs/**' }));
    expect(without.ignores).toEqual([ignore()]);
    expect(removeIgnore(state, 'P4', 'src/**').removed).toBeUndefined();
    expect(removeIgnore(state, 'P401', undefined).state).toBe(state);
  });
});

describe('the ignores section of the tracking issue', () => {
  it('lists each ignore with what it hides, why, who, when and until when; expired ones say so', () => {
    let state = stateFromFiles(FILES);
    state = recordIgnore(state, ignore({ path: 'jobs/legacy/**', category: 'wont-fix', until: '2025-12-31', reason: 'replaced next quarter', pr: 12 }));
    state = recordIgnore(state, ignore({ selector: 'P701', category: 'test-code', reason: '', by: 'qa-lead' }));
    state = recordIgnore(state, { ...ignore({ selector: 'P402', until: '2025-04-30', category: 'accepted-risk', reason: 'capped upstream' }), at: '2025-04-01T00:00:00.000Z' });
    expect(renderIgnoresSection(state)).toEqual([
      '',
      '## Ignored with `/remediation ignore`',
      '',
      '2 ignores hide 3 findings at the last scan (2025-05-01); 1 expired and no longer applies. `/remediation unignore <selector> [path]` undoes one.',
      '',
      '- `P4` in `jobs/legacy/**` — hides 2 findings · wont-fix · until 2025-12-31: replaced next quarter (@lead, #12, 2025-06-01)',
      '- `P701` — hides 1 finding · test-code (@qa-lead, 2025-06-01)',
      '- `P402` — **expired** after 2025-04-30 · accepted-risk: capped upstream (@lead, 2025-04-01)',
    ]);
    expect(renderIgnoresSection(emptyState())).toEqual([]);
  });

  it('keeps within its budget with the most ignores of the longest hostile text, listing every one', () => {
    const hostile = '@a#<&`|'.repeat(40).slice(0, STATE_LIMITS.reason);
    const ignores = Array.from({ length: STATE_LIMITS.ignores }, (_, i) =>
      ignore({ selector: `P${(i % 8) + 1}`, path: `${'`'.repeat(100)}${i}${'x'.repeat(97)}`.slice(0, STATE_LIMITS.ignorePath), reason: hostile, category: 'false-positive', until: '2030-01-01' }),
    );
    const state: TrackingState = { ...stateFromFiles(FILES), ignores };
    const section = renderIgnoresSection(state);
    const entries = section.filter((line) => line.startsWith('- `'));
    expect(entries).toHaveLength(STATE_LIMITS.ignores);
    expect(section.join('\n').length).toBeLessThanOrEqual(IGNORES_SECTION_CHARS);
    expect(section.at(-1)).toMatch(/^- _The reasons of the last \d+ are left out to keep this issue under its size limit\._$/);
    const body = renderTrackingBody({ state, repoUrl: 'https://github.com/o/r', key: STATE_KEY });
    expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_CHARS);
    expect(body).toContain('## Ignored with `/remediation ignore`');
  });
});
