/** Tracking-issue bodies for tests, built with the app's own renderer. */
import { renderTrackingBody } from '../../../src/github/render/tracking-body.js';
import { applyScan } from '../../../src/github/tracking/apply.js';
import { emptyState, type TrackingState } from '../../../src/github/tracking/state.js';
import type { InputFile } from '../../../src/model/types.js';
import { payload } from './app.js';
import { findingsOf } from './fake-engine.js';

export const REPO_URL = 'https://github.com/Codertocat/Hello-World';
export const BOT = 'remediation-app[bot]';
/** The commit `stateFromFiles` records as last scanned. */
export const SCANNED_SHA = 'a'.repeat(40);

export function stateFromFiles(files: InputFile[], sha = SCANNED_SHA, base: TrackingState = emptyState()): TrackingState {
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

/** A push whose parent is the commit the issue last scanned: scanned as is, with no branch lookup. */
export function pushAfterScan(before = SCANNED_SHA): any {
  return { ...payload('push'), before };
}
