/**
 * `issues.edited` on the tracking issue: act on ticked boxes ("Re-scan", "Mute Pn"),
 * then untick them by rewriting the body. The app's own edits are ignored (they would
 * otherwise loop), as is any issue not written by the app.
 */
import type { Context } from 'probot';
import { loadConfig } from '../load-config.js';
import { toggleMuted } from '../tracking/apply.js';
import { requestedActions } from '../tracking/checkboxes.js';
import { openTracking, writeTracking } from '../tracking/issue-store.js';
import { hasMarker, type TrackingState } from '../tracking/state.js';
import { rescanAndTrack } from '../tracking/service.js';
import { runContextFor, type AppServices } from '../types.js';

export async function onIssuesEdited(context: Context<'issues.edited'>, services: AppServices): Promise<void> {
  const { issue, repository, sender } = context.payload;
  if (sender.type === 'Bot' || issue.pull_request || !hasMarker(issue.body)) return;
  const actions = requestedActions(issue.body ?? '');
  if (!actions.rescan && actions.toggleMute.length === 0) return;
  if (issue.user?.login !== (await services.botLogin())) return;
  const ctx = runContextFor(context.octokit, context.log, services, repository);
  const loaded = await loadConfig(ctx.octokit, ctx.repo);
  if (!loaded.ok) {
    ctx.log.warn({ issue: issue.number }, 'invalid configuration: checkbox actions not run');
    return;
  }
  const handle = await openTracking(ctx);
  if (handle.issue?.number !== issue.number) return;
  // Read the ticks from the body being rewritten (the freshest), not only from the event.
  const apply = (state: TrackingState, body: string): TrackingState => toggleMuted(state, requestedActions(body).toggleMute);
  if (actions.rescan) await rescanAndTrack(ctx, loaded.config, { branch: repository.default_branch }, { handle, before: apply, keepTicks: false });
  else await writeTracking(ctx, loaded.config, handle, apply, { keepTicks: false });
}
