import { describe, expect, it } from 'vitest';
import { parseCodeowners } from '../../src/github/codeowners.js';
import { ISSUE_BODY_CHARS } from '../../src/github/render/budget.js';
import { renderTrackingBody } from '../../src/github/render/tracking-body.js';
import { applyPullRequest, applyPullRequestClosed, applyScan, compactState, type ScanFacts } from '../../src/github/tracking/apply.js';
import { applyMerged } from '../../src/github/tracking/ledger.js';
import { BOARD_LIMITS, decodeState, emptyState, encodeState, type TrackingState } from '../../src/github/tracking/state.js';
import { thinSeries, type TrendPoint } from '../../src/github/tracking/trend.js';
import type { InputFile } from '../../src/model/types.js';
import { findingsOf } from './support/fake-engine.js';
import { STATE_KEY as key } from './support/tracking.js';

const REPO = 'https://github.com/o/r';
const scan = (sha: string, at: string, files: InputFile[], extra: Partial<ScanFacts> = {}): ScanFacts => ({ sha, branch: 'main', at, findings: files.flatMap((f) => findingsOf(f)), ...extra });
const render = (state: TrackingState): string => renderTrackingBody({ state, repoUrl: REPO, key });
const section = (body: string, heading: string): string => {
  const start = body.indexOf(`\n${heading}\n`);
  return start < 0 ? '' : body.slice(start + 1, body.indexOf('\n## ', start + heading.length + 2));
};
/** The text outside code spans and fences: where an `@` would mention someone. */
const outsideCode = (text: string): string => text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

describe('the board: trend, owners, failures left, ledger', () => {
  const codeowners = { source: '.github/CODEOWNERS', rules: parseCodeowners('* @o/platform\n/jobs/ @o/batch ops@example.com\n/scratch/\n') };
  const v1 = [
    { path: 'jobs/a.py', content: 'x  # BAD P101\ny  # BAD P101\nz  # BAD P401\n' },
    { path: 'src/b.py', content: 'x  # BAD P401 notice\n' },
    { path: 'scratch/c.py', content: 'x  # BAD P402\n' },
  ];
  const v2 = [
    { path: 'jobs/a.py', content: 'y  # BAD P101\nz  # BAD P401\n' },
    { path: 'src/b.py', content: 'x  # BAD P401 notice\nw  # BAD P301 failure\n' },
    { path: 'scratch/c.py', content: 'x  # BAD P402\n' },
  ];

  it('records a trend point, the owners and a ledger entry naming the merged pull request at each scan', () => {
    let state = applyScan(emptyState(), scan('a'.repeat(40), '2025-06-01T09:00:00.000Z', v1, { codeowners }));
    expect(state.ledger).toBeUndefined();
    expect(state.trend).toEqual([{ d: '2025-06-01', c: 'aaaaaaaaaaaa', o: [2, 0, 0, 3, 0, 0, 0, 0], f: [2, 0, 0, 0, 0, 0, 0, 0] }]);
    expect(state.owners).toEqual({ src: '.github/CODEOWNERS', sets: [['@o/batch', 'ops@example.com'], ['@o/platform']] });
    expect(state.items.map((i) => [i.f, i.o])).toEqual([
      ['jobs/a.py', 0],
      ['jobs/a.py', 0],
      ['jobs/a.py', 0],
      ['src/b.py', 1],
      ['scratch/c.py', undefined],
    ]);
    // #7 is merged before the next scan: it waits, and that scan's entry names it.
    state = applyMerged(state, 7, '2025-06-02T08:00:00Z');
    expect(state.merges).toEqual([{ pr: 7, at: '2025-06-02T08:00:00Z' }]);
    state = applyScan(state, scan('b'.repeat(40), '2025-06-02T09:00:00.000Z', v2, { codeowners, failOn: 'warning' }));
    expect(state.merges).toBeUndefined();
    expect(state.ledger).toEqual([{ prs: [7], sha: 'b'.repeat(40), at: '2025-06-02T09:00:00.000Z', fixed: { 1: 1 }, added: { 3: 1 } }]);
    expect(state.recent).toEqual([expect.objectContaining({ r: 'P101', pr: 7 })]);
    expect(state.trend?.at(-1)).toEqual({ d: '2025-06-02', c: 'bbbbbbbbbbbb', o: [1, 0, 1, 3, 0, 0, 0, 0], f: [1, 0, 1, 2, 0, 0, 0, 0] });
    // #8 was merged before that scan but handled after it: the same entry names it; a redelivery changes nothing.
    state = applyMerged(state, 8, '2025-06-02T08:30:00Z');
    expect(state.ledger?.[0].prs).toEqual([8, 7]);
    expect(applyMerged(state, 8, '2025-06-02T08:30:00Z')).toBe(state);

    const body = render(state);
    expect(body).toContain('| [P1 Watermarking](#p1) | `█████░░░░░` 50% | 1 / 2 | 1 | 1 | 0 |');
    expect(body).toContain('| **All** | `██░░░░░░░░` 17% | 1 / 6 | 5 | 4 | 0 |');
    expect(body).toContain("**What blocks merges:** a pull request's check fails when it adds a finding at or above `warning` (the `fail_on` setting). 4 such findings are open on `main`: the failures left.");
    expect(section(body, '## Trend')).toContain('- P1 Watermarking: 2 -> 1 in 1 day\n- P3 Dead-letter queue and error handling: 0 -> 1 in 1 day\n- P4 Rate limiting: 3 -> 3 in 1 day\n- Failures left: 2 -> 4 in 1 day');
    expect(section(body, '## Trend')).toContain('```mermaid\nxychart-beta\n  title "P1 Watermarking: open findings"\n  x-axis ["06-01", "06-02"]\n  y-axis "Open" 0 --> 2\n  line [2, 1]\n```');
    expect(section(body, '## Owners')).toContain(
      ['| Owner | Files | Open | Failures left |', '|---|---:|---:|---:|', '| `@o/batch` | 1 | 2 | 2 |', '| `ops@example.com` | 1 | 2 | 2 |', '| `@o/platform` | 1 | 2 | 1 |', '| _no owner_ | 1 | 1 | 1 |'].join('\n'),
    );
    expect(section(body, '## Merged pull requests')).toContain(`- #8, #7 (scanned at [\`bbbbbbb\`](${REPO}/commit/${'b'.repeat(40)}) on 2025-06-02): fixed 1 (P1 1), added 1 (P3 1)`);
    // One permalink per file, its findings severity first, its owners as code (no mention).
    expect(section(body, '## P4 Rate limiting')).toContain(
      [
        `- [jobs/a.py](${REPO}/blob/${'b'.repeat(40)}/jobs/a.py) (\`@o/batch\` \`ops@example.com\`): **warning** P401 fake-rule L2`,
        `- [scratch/c.py](${REPO}/blob/${'b'.repeat(40)}/scratch/c.py): **warning** P402 fake-rule L1`,
        `- [src/b.py](${REPO}/blob/${'b'.repeat(40)}/src/b.py) (\`@o/platform\`): **notice** P401 fake-rule L1`,
      ].join('\n'),
    );
    expect(outsideCode(body.slice(0, body.indexOf('<!-- remediation-state')))).not.toMatch(/@o\/|ops@/);
    expect(decodeState(body, key)).toEqual({ ok: true, state });
  });

  it('leaves the owners section out without CODEOWNERS, and the ledger out before a second scan', () => {
    const state = applyScan(emptyState(), scan('a1', '2025-06-01T09:00:00.000Z', v1));
    const body = render(state);
    expect(body).not.toContain('## Owners');
    expect(body).not.toContain('## Merged pull requests');
    expect(body).toContain('- [jobs/a.py](https://github.com/o/r/blob/a1/jobs/a.py): **failure** P101 fake-rule L1, L2\n');
    // One scan draws no chart: its text line says so.
    expect(body).toContain('- P1 Watermarking: 2 -> 2 (one scan so far)');
    expect(body).not.toContain('```mermaid');
    expect(state.owners).toBeUndefined();
  });

  it('keeps the newest ledger entries and sums the older ones; a merged PR the app recorded is named too', () => {
    let state = applyScan(emptyState(), scan('s0', '2025-01-01T00:00:00.000Z', []));
    for (let i = 1; i <= 40; i++) {
      const day = new Date(Date.parse('2025-01-01T00:00:00Z') + i * 86_400_000).toISOString();
      state = applyMerged(state, 100 + i, day.replace('00:00:00.000Z', '00:00:00Z'));
      state = applyScan(state, scan(`s${i}`, day.replace('00:00:00.000Z', '01:00:00.000Z'), [{ path: 'a.py', content: `x${i}  # BAD P201\n` }]));
    }
    expect(state.ledger).toHaveLength(BOARD_LIMITS.ledger);
    expect(state.ledger?.[0]).toEqual({ prs: [140], sha: 's40', at: '2025-02-10T01:00:00.000Z', fixed: { 2: 1 }, added: { 2: 1 } });
    expect(state.ledgerRest).toEqual({ entries: 10, prs: 10, fixed: { 2: 9 }, added: { 2: 10 }, since: '2025-01-02T01:00:00.000Z' });
    expect(render(state)).toContain('- Older: 10 scans (10 merged pull requests) since 2025-01-02 fixed 9 (P2 9), added 10 (P2 10)');
    state = applyPullRequest(state, 77, 'h', findingsOf({ path: 'a.py', content: 'x40  # BAD P201\n' }), '2025-02-11T00:00:00Z');
    state = applyPullRequestClosed(state, 77, true);
    state = applyScan(state, scan('s41', '2025-02-11T01:00:00.000Z', []));
    expect(state.ledger?.[0]).toEqual({ prs: [77], sha: 's41', at: '2025-02-11T01:00:00.000Z', fixed: { 2: 1 }, added: {} });
  });

  it('refuses a sealed state whose board lists break their bounds', () => {
    const base = applyScan(emptyState(), scan('a1', '2025-06-01T09:00:00.000Z', v1));
    const point: TrendPoint = base.trend![0];
    const entry = { prs: [], sha: 'a1', at: '2025-06-01', fixed: {}, added: {} };
    const tooLong: Partial<TrackingState>[] = [
      { trend: Array.from({ length: BOARD_LIMITS.trend + 1 }, () => point) },
      { ledger: Array.from({ length: BOARD_LIMITS.ledger + 1 }, () => entry) },
      { ledger: [{ ...entry, prs: Array.from({ length: BOARD_LIMITS.prsPerEntry + 1 }, (_, i) => i) }] },
      { merges: Array.from({ length: BOARD_LIMITS.merges + 1 }, (_, i) => ({ pr: i, at: 'x' })) },
      { owners: { src: 'CODEOWNERS', sets: Array.from({ length: BOARD_LIMITS.ownerSets + 1 }, () => ['@a']) } },
      { owners: { src: 'CODEOWNERS', sets: [Array.from({ length: BOARD_LIMITS.ownersPerSet + 1 }, () => '@a')] } },
      { trend: [{ ...point, o: [1, 2, 3] }] },
    ];
    for (const change of tooLong) expect(decodeState(encodeState({ ...base, ...change }, key), key)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('the board at scale', () => {
  it('5,000 findings in 200 files, 30 owners, a year of scans and 30 merged PRs: within the budget, saying what was cut', () => {
    const files = Array.from({ length: 200 }, (_, f) => ({
      path: `pipelines/area-${f % 30}/notebook_${f}.py`,
      content: Array.from({ length: 25 }, (_, i) => `x${i} = ${f}  # BAD P${((f + i) % 8) + 1}0${(i % 3) + 1}${i % 5 === 0 ? ' failure' : ''}`).join('\n'),
    }));
    const rules = parseCodeowners(Array.from({ length: 30 }, (_, k) => `/pipelines/area-${k}/ @big-org/team-${k}`).join('\n'));
    let state = applyScan(emptyState(), scan('a'.repeat(40), '2025-12-31T09:00:00.000Z', files, { codeowners: { source: 'CODEOWNERS', rules } }));
    // A year of daily scans, as thinned at every scan.
    const year = Array.from({ length: 365 }, (_, i): TrendPoint => {
      const d = new Date(Date.parse('2025-01-01T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10);
      return { d, c: `c${i}`, o: [1, 2, 3, 4, 5, 6, 7, 8].map((p) => 1200 - i * 3 + p), f: [1, 2, 3, 4, 5, 6, 7, 8].map(() => 400 - i) };
    });
    const ledger = Array.from({ length: 30 }, (_, i) => ({ prs: [500 - i], sha: `${i}`.padStart(40, 'd'), at: '2025-12-30T00:00:00.000Z', fixed: { 1: i, 4: 2 }, added: { 6: 1 } }));
    state = { ...state, trend: thinSeries([...year, ...state.trend!]), ledger, ledgerRest: { entries: 70, prs: 64, fixed: { 2: 300 }, added: { 3: 40 }, since: '2025-01-02T00:00:00.000Z' } };
    expect(state.trend!.length).toBeLessThanOrEqual(BOARD_LIMITS.trend);
    const fits = (s: TrackingState) => encodeState(s, key).length <= 36_000;
    const compact = compactState(state, fits);
    const body = render(compact);
    expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_CHARS);
    expect(decodeState(body, key)).toEqual({ ok: true, state: compact });
    // What was cut is said at the top.
    expect(body).toMatch(/^> To keep this issue under 58,000 characters: \d+ findings are counted per file rather than listed \(failures are listed first\)/m);
    // Every priority lists files, the table and the trend lines are whole.
    for (let p = 1; p <= 8; p++) expect(section(body, `## P${p} ${['Watermarking', 'transformWithStateInPandas', 'Dead-letter queue and error handling', 'Rate limiting', 'RocksDB state store', 'Metrics and alerting', 'Testing', 'Unity Catalog'][p - 1]}`), `P${p}`).toMatch(/\n- \[pipelines\//);
    // Failures left are exact although most findings are known by hash only: the scan's trend point counted them.
    const failures = files.flatMap((f) => findingsOf(f)).filter((f) => f.severity === 'failure').length;
    expect(failures).toBe(1500);
    expect(body).toContain(`| **All** | \`░░░░░░░░░░\` 0% | 0 / 5000 | 5000 | ${failures} | 0 |`);
    // The state kept the newest part of the trend: the text says over how many days.
    expect(section(body, '## Trend')).toMatch(/\n- P1 Watermarking: \d+ -> 625 in (29|30) days\n/);
    // The owners table (below the failures) keeps its rows or says how many it left out.
    const owners = section(body, '## Owners');
    expect(owners).toContain('from `CODEOWNERS`');
    const rows = owners.split('\n').filter((l) => l.startsWith('| `@big-org/'));
    const left = Number(/and (\d+) more owners/.exec(owners)?.[1] ?? 0);
    expect(rows.length + left).toBe(30);
    // The ledger's lines left out are summed into the older totals, never lost.
    const ledgerText = section(body, '## Merged pull requests');
    const shown = ledgerText.split('\n').filter((l) => /^- #\d+ /.test(l)).length;
    expect(ledgerText).toContain(`- Older: ${70 + 30 - shown} scans`);
  });
});
