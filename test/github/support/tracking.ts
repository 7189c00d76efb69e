/** Tracking-issue bodies for tests, built with the app's own renderer. */
import { RULES_VERSION } from '../../../src/engine/rules-version.js';
import { renderTrackingBody } from '../../../src/github/render/tracking-body.js';
import { applyScan } from '../../../src/github/tracking/apply.js';
import { decodeState, emptyState, repositoryStateKey, type DecodeResult, type TrackingState } from '../../../src/github/tracking/state.js';
import type { InputFile } from '../../../src/model/types.js';
import { createHmac } from 'node:crypto';
import { payload, WEBHOOK_SECRET } from './app.js';
import { findingsOf } from './fake-engine.js';

export const REPO_URL = 'https://github.com/Codertocat/Hello-World';
export const BOT = 'remediation-app[bot]';
/** The commit `stateFromFiles` records as last scanned. */
export const SCANNED_SHA = 'a'.repeat(40);

/** The app's state secret for the test webhook secret (startup.ts derives it the same way). */
export const STATE_SECRET = createHmac('sha256', WEBHOOK_SECRET).update('remediation-state-secret').digest();
/** The repository of the recorded payloads. */
export const REPO_ID: number = payload('pull_request.opened').repository.id;
export const STATE_KEY = repositoryStateKey(STATE_SECRET, { id: REPO_ID, owner: 'Codertocat', repo: 'Hello-World' });

/** Decodes a body the app wrote for the payloads' repository. */
export function decodeBody(body: string | null | undefined): DecodeResult {
  return decodeState(body, STATE_KEY);
}

export function stateFromFiles(files: InputFile[], sha = SCANNED_SHA, base: TrackingState = emptyState()): TrackingState {
  // Written by this version of the rules, as the App's scans are.
  return applyScan(base, { sha, branch: 'master', at: '2025-05-01T00:00:00.000Z', findings: files.flatMap((f) => findingsOf(f)), rules: RULES_VERSION });
}

export function trackingIssue(number: number, state: TrackingState, extra: Record<string, unknown> = {}) {
  return {
    number,
    state: 'open',
    title: 'Remediation tracking: the eight priorities',
    user: { login: BOT, type: 'Bot' },
    body: renderTrackingBody({ state, repoUrl: REPO_URL, key: STATE_KEY }),
    ...extra,
  };
}

/** A push whose parent is the commit the issue last scanned: scanned as is, with no branch lookup. */
export function pushAfterScan(before = SCANNED_SHA): any {
  return { ...payload('push'), before };
}
