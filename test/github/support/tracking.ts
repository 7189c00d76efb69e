/** Tracking-issue bodies for tests, built with the app's own renderer. */
import { renderTrackingBody } from '../../../src/github/render/tracking-body.js';
import { applyScan } from '../../../src/github/tracking/apply.js';
import { emptyState, type TrackingState } from '../../../src/github/tracking/state.js';
import type { InputFile } from '../../../src/model/types.js';
import { findingsOf } from './fake-engine.js';

export const REPO_URL = 'https://github.com/Codertocat/Hello-World';
export const BOT = 'remediation-app[bot]';

export function stateFromFiles(files: InputFile[], sha = 'a'.repeat(40), base: TrackingState = emptyState()): TrackingState {
  return applyScan(base, { sha, branch: 'master', at: '2025-05-01T00:00:00.000Z', findings: files.flatMap((f) => findingsOf(f)) });
}

export function trackingIssue(number: number, state: TrackingState, extra: Record<string, unknown> = {}) {
  return {
    number,
    state: 'open',
    title: 'Remediation tracking: the eight priorities',
    user: { login: BOT, type: 'Bot' },
    body: renderTrackingBody({ state, repoUrl: REPO_URL }),
    ...extra,
  };
}
