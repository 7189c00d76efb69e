/**
 * `issues.edited` of the tracking issue by anyone but the app: the job checks the state
 * block's seal (restoring it if it was altered) and acts on boxes the edit ticked.
 * Constant work here: the author must be the app (from the payload; the app's login is
 * asked once per process), the body must carry the marker and fit GitHub's size; nothing
 * parses the body. Edits of any other issue are ignored, whatever their text.
 */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';
import { MAX_SCANNED_BODY } from '../../tracking/checkboxes.js';
import { hasMarker } from '../../tracking/state.js';
import type { AppServices } from '../../types.js';
import { jobInput } from './job-input.js';

export async function onIssuesEdited(context: Context<'issues.edited'>, services: AppServices, jobs: JobSink): Promise<void> {
  const { issue, repository, sender, changes } = context.payload;
  if (sender.type === 'Bot' || issue.pull_request || changes?.body === undefined) return;
  if (issue.user?.type !== 'Bot' || (issue.body ?? '').length > MAX_SCANNED_BODY || !hasMarker(issue.body)) return;
  if (issue.user.login !== (await services.botLogin())) return;
  const from = changes.body.from ?? null;
  const before = from !== null && from.length <= MAX_SCANNED_BODY ? from : null;
  const input = jobInput(context, repository, { kind: 'checkbox', issueNumber: issue.number, editor: sender.login, before });
  if (input) await jobs.enqueue(input);
}
