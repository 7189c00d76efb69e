import { describe, expect, it } from 'vitest';
import { renderTrackingBody } from '../../src/github/render/tracking-body.js';
import { addIgnore, applyPullRequest, applyPullRequestClosed, applyScan, compactState, toggleMuted } from '../../src/github/tracking/apply.js';
import { keepTicked, requestedActions, tickedActions } from '../../src/github/tracking/checkboxes.js';
import { decodeState, emptyState, encodeState } from '../../src/github/tracking/state.js';
import { STATE_KEY as key } from './support/tracking.js';
import type { InputFile } from '../../src/model/types.js';
import { findingsOf } from './support/fake-engine.js';

const at = '2025-05-01T00:00:00.000Z';
const scan = (sha: string, files: InputFile[]) => ({ sha, branch: 'main', at, findings: files.flatMap((f) => findingsOf(f)) });

describe('tracking state', () => {
  it('round-trips through the hidden block and survives edits to the visible text', () => {
    const state = applyScan(emptyState(), scan('a1', [{ path: 'a.py', content: 'x  # BAD P101\n' }]));
    const body = renderTrackingBody({ state, repoUrl: 'https://github.com/o/r', key });
    const edited = body.replace(/## P1 Watermarking[\s\S]*?## P2/, '## P2').replace('Remediation progress', 'I edited this');
    const decoded = decodeState(edited, key);
    expect(decoded).toEqual({ ok: true, state });
  });

  it('rejects an unsealed, re-encoded, foreign, doubled or unknown-version block', () => {
    const block = encodeState(emptyState(), key);
    expect(decodeState('<!-- remediation-state v1 AAAA -->', key)).toEqual({ ok: false, reason: 'invalid' });
    expect(decodeState(block.replace(' v2 ', ' v3 '), key)).toEqual({ ok: false, reason: 'invalid' });
    expect(decodeState('no block', key)).toEqual({ ok: false, reason: 'missing' });
    expect(decodeState(`${block}\n${block}`, key)).toEqual({ ok: false, reason: 'duplicated' });
    // Re-encoded with other counts: the seal no longer matches.
    const forged = encodeState({ ...emptyState(), done: { 1: 95 } }, key).replace(/ [A-Za-z0-9_-]{43} -->$/, block.slice(-48));
    expect(decodeState(forged, key)).toEqual({ ok: false, reason: 'forged' });
    // Sealed for another repository.
    expect(decodeState(block, Buffer.alloc(32, 7))).toEqual({ ok: false, reason: 'forged' });
    expect(decodeState(block, key)).toEqual({ ok: true, state: emptyState() });
  });

  it('keeps the baseline, counts progress and credits the merged PR', () => {
    const files = [{ path: 'a.py', content: 'x  # BAD P101\ny  # BAD P101\n' }];
    let state = applyScan(emptyState(), scan('a1', files));
    const [first] = findingsOf(files[0]);
    state = applyPullRequest(state, 12, 'h', [first], at);
    expect(state.prs['12'].resolves).toHaveLength(1);
    expect(applyPullRequest(state, 12, 'h2', [first], at)).toBe(state);
    state = applyPullRequestClosed(state, 12, true);
    state = applyScan(state, scan('b2', [{ path: 'a.py', content: 'y  # BAD P101\nz  # BAD P301\n' }]));
    expect(state.baseline?.sha).toBe('a1');
    expect(state.recent).toEqual([expect.objectContaining({ r: 'P101', pr: 12, sha: 'b2' })]);
    expect(state.prs).toEqual({});
    expect(state.done).toEqual({ 1: 1 });
    const body = renderTrackingBody({ state, repoUrl: 'https://github.com/o/r', key });
    expect(body).toContain('| [P1 Watermarking](#p1) | `█████░░░░░` 50% | 1 / 2 | 1 | 1 | 0 |');
  });

  it('does not count as progress what a rules update stops reporting: retired, not done, no ledger counts', () => {
    const files = [{ path: 'a.py', content: 'x  # BAD P101\ny  # BAD P601\n' }];
    let state = applyScan(emptyState(), { ...scan('a1', files), rules: 'r1' });
    const [p101] = findingsOf(files[0]);
    // The same code, scanned by rules that no longer report the print: nothing was fixed.
    state = applyScan(state, { ...scan('b2', files), findings: [p101], rules: 'r2' });
    expect(state.done).toEqual({});
    expect(state.retired).toEqual({ 6: 1 });
    expect(state.recent).toEqual([]);
    expect(state.ledger ?? []).toEqual([]);
    expect(state.scan?.rules).toBe('r2');
    // With the rules unchanged, a finding that goes away was fixed.
    state = applyScan(state, { ...scan('c3', files), findings: [], rules: 'r2' });
    expect(state.done).toEqual({ 1: 1 });
    expect(state.recent).toEqual([expect.objectContaining({ r: 'P101', sha: 'c3' })]);
    // A board written before versions were recorded: its first versioned scan is a rules update.
    const old = applyScan(emptyState(), scan('a1', files));
    expect(applyScan(old, { ...scan('b2', files), findings: [p101], rules: 'r1' }).done).toEqual({});
    const body = renderTrackingBody({ state, repoUrl: 'https://github.com/o/r', key });
    expect(body).toContain('> 1 finding is no longer reported since an update of the rules: not counted as resolved');
    expect(decodeState(body, key)).toEqual({ ok: true, state });
  });

  it('forgets a PR closed without merging', () => {
    const files = [{ path: 'a.py', content: 'x  # BAD P101\n' }];
    let state = applyScan(emptyState(), scan('a1', files));
    state = applyPullRequest(state, 3, 'h', findingsOf(files[0]), at);
    expect(applyPullRequestClosed(state, 3, false).prs).toEqual({});
  });

  it('marks ignored findings suppressed right away and toggles mutes', () => {
    let state = applyScan(emptyState(), scan('a1', [{ path: 'jobs/a.py', content: 'x  # BAD P401\n' }, { path: 'src/b.py', content: 'x  # BAD P401\n' }]));
    state = addIgnore(state, { selector: 'P4', path: 'jobs/**', reason: 'r', by: 'u', at });
    expect(state.items.map((i) => [i.f, i.s])).toEqual([
      ['jobs/a.py', 1],
      ['src/b.py', undefined],
    ]);
    expect(toggleMuted(toggleMuted(state, [2, 5]), [2]).muted).toEqual([5]);
  });

  it('compacts a state block that would not fit, keeping the counts', () => {
    const content = Array.from({ length: 1000 }, (_, i) => `v${i} = ${i * 7919}  # BAD P${(i % 8) + 1}01`).join('\n');
    const state = applyScan(emptyState(), scan('a1', [{ path: 'notebooks/a/very/deep/folder/with/a/long/name/file.py', content }]));
    const fits = (s: typeof state) => encodeState(s, key).length <= 14_000;
    const compact = compactState(state, fits);
    expect(fits(compact)).toBe(true);
    const unlisted = Object.values(compact.more).reduce((n, list) => n + (list?.length ?? 0), 0) + Object.values(compact.uncounted ?? {}).reduce((n, c) => n + (c ?? 0), 0);
    expect(compact.items.length + unlisted).toBe(1000);
    const body = renderTrackingBody({ state: compact, repoUrl: 'https://github.com/o/r', key });
    expect(body).toContain(`> ${unlisted} more findings are counted but not listed`);
    expect(unlisted).toBeGreaterThan(0);
    expect(body).toContain('| **All** | `░░░░░░░░░░` 0% | 0 / 1000 | 1000 | 125 | 0 |');
  });
});

describe('tracking issue body size', () => {
  it('lists 900 findings of one file on one line: the file\'s permalink, then its lines, nothing cut', () => {
    const big = Array.from({ length: 900 }, (_, i) => `v${i} = 1  # BAD P101`).join('\n');
    const small = Array.from({ length: 20 }, (_, i) => `w${i} = 1  # BAD P301`).join('\n');
    const deep = `notebooks/${'long-folder-name/'.repeat(4)}bronze.py`;
    const state = applyScan(emptyState(), scan('a1', [
      { path: deep, content: big },
      { path: 'notebooks/silver.py', content: small },
    ]));
    const body = renderTrackingBody({ state, repoUrl: 'https://github.com/o/r', key });
    expect(body.length).toBeLessThanOrEqual(58_000);
    expect(body).not.toContain('> To keep this issue under');
    const lines = Array.from({ length: 900 }, (_, i) => `L${i + 1}`).join(', ');
    expect(body).toContain(`- [${deep.replace(/_/g, '\\_')}](https://github.com/o/r/blob/a1/${deep}): **failure** P101 fake-rule ${lines}\n`);
    expect(body).toContain(`- [notebooks/silver.py](https://github.com/o/r/blob/a1/notebooks/silver.py): **warning** P301 fake-rule ${Array.from({ length: 20 }, (_, i) => `L${i + 1}`).join(', ')}\n`);
    expect(body.match(/\]\(https:\/\/github\.com\/o\/r\/blob\//g)).toHaveLength(2);
    expect(decodeState(body, key).ok).toBe(true);
  });

  it('at 5,000 findings in 200 files every priority lists something, and the counts are all kept', () => {
    const files = Array.from({ length: 200 }, (_, f) => ({
      path: `pipelines/area-${f % 17}/notebook_${f}.py`,
      content: Array.from({ length: 25 }, (_, i) => `x${i} = ${f}  # BAD P${((f + i) % 8) + 1}0${(i % 3) + 1}`).join('\n'),
    }));
    const state = applyScan(emptyState(), scan('a1', files));
    const fits = (s: typeof state) => encodeState(s, key).length <= 36_000;
    const body = renderTrackingBody({ state: compactState(state, fits), repoUrl: 'https://github.com/o/r', key });
    expect(body.length).toBeLessThanOrEqual(58_000);
    for (let p = 1; p <= 8; p++) {
      const section = body.slice(body.indexOf(`## P${p} `), p < 8 ? body.indexOf(`## P${p + 1} `) : body.indexOf('## Actions'));
      expect(section, `P${p}`).toMatch(/\n- \[/);
    }
    expect(body).toContain('| **All** | `░░░░░░░░░░` 0% | 0 / 5000 | 5000 | 625 | 0 |');
    expect(body.match(/<!-- remediation:[a-z0-9-]+ -->/g)).toHaveLength(9);
  });
});

describe('action checkboxes', () => {
  const body = [
    '- [x] Re-scan the default branch now <!-- remediation:rescan -->',
    '- [ ] Mute P1 Watermarking <!-- remediation:mute-1 -->',
    '- [X] Mute P3 Dead-letter <!-- remediation:mute-3 -->',
    '',
    '```',
    '- [x] Mute P2 in a code block <!-- remediation:mute-2 -->',
    '```',
    '- [x] a finding, not an action',
  ].join('\n');

  it('reads ticked actions of the app\'s own form, outside code fences', () => {
    expect([...tickedActions(body)].sort()).toEqual(['mute-3', 'rescan']);
    expect(requestedActions(body)).toEqual({ rescan: true, toggleMute: [3] });
  });

  it('re-ticks boxes in a freshly rendered body', () => {
    const fresh = '- [ ] Mute P1 Watermarking <!-- remediation:mute-1 -->\n- [ ] Mute P3 Dead-letter <!-- remediation:mute-3 -->';
    expect(keepTicked(fresh, new Set(['mute-3']))).toBe('- [ ] Mute P1 Watermarking <!-- remediation:mute-1 -->\n- [x] Mute P3 Dead-letter <!-- remediation:mute-3 -->');
  });
});
