/**
 * `issues.edited` on the tracking issue: ticked boxes ("Re-scan", "Mute Pn") become a
 * job, which acts on them and unticks them by rewriting the body. The app's own edits
 * are ignored (they would otherwise loop); the worker checks the issue is the app's.
 */
import type { Context } from 'probot';
import type { JobSink } from '../../queue/types.js';
import { requestedActions } from '../tracking/checkboxes.js';
import { hasMarker } from '../tracking/state.js';
import { jobInput } from './job-input.js';

export async function onIssuesEdited(context: Context<'issues.edited'>, jobs: JobSink): Promise<void> {
  const { issue, repository, sender } = context.payload;
  if (sender.type === 'Bot' || issue.pull_request || !hasMarker(issue.body)) return;
  const actions = requestedActions(issue.body ?? '');
  if (!actions.rescan && actions.toggleMute.length === 0) return;
  const input = jobInput(context, repository, { kind: 'checkbox', issueNumber: issue.number, author: issue.user?.login ?? null, rescan: actions.rescan });
  if (input) await jobs.enqueue(input);
}
