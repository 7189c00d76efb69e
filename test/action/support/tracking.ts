/** The tracking issue as the Action writes it for the recorded payloads' repository (no REMEDIATION_STATE_SECRET set). */
import { actionStateSecret, ACTIONS_LOGIN } from '../../../src/action/identity.js';
import { defaultConfig } from '../../../src/config.js';
import { renderTrackingBody } from '../../../src/github/render/tracking-body.js';
import { repositoryStateKey, type TrackingState } from '../../../src/github/tracking/state.js';
import { recordedPayload } from './checkout.js';

export const REPO = { owner: 'Codertocat', repo: 'Hello-World' };
export const REPO_URL = 'https://github.com/Codertocat/Hello-World';
export const REPO_ID: number = recordedPayload('push').repository.id;
/** The key the Action seals this repository's block with. */
export const KEY = repositoryStateKey(actionStateSecret({}, REPO), { id: REPO_ID, ...REPO });

export function actionIssue(number: number, state: TrackingState, key = KEY) {
  return { number, state: 'open', title: defaultConfig().trackingIssue.title, user: { login: ACTIONS_LOGIN, type: 'Bot' }, body: renderTrackingBody({ state, repoUrl: REPO_URL, key }) };
}
