/** `pull_request.closed`: a merged PR's resolutions are credited at the next scan; a closed one is forgotten. */
import type { Context } from 'probot';
import { defaultConfig } from '../../config.js';
import { applyPullRequestClosed } from '../tracking/apply.js';
import { openTracking, writeTracking } from '../tracking/issue-store.js';
import { runContextFor, type AppServices } from '../types.js';

export async function onPullRequestClosed(context: Context<'pull_request.closed'>, services: AppServices): Promise<void> {
  const { pull_request: pr, repository } = context.payload;
  const ctx = runContextFor(context.octokit, context.log, services, repository);
  const handle = await openTracking(ctx);
  if (!handle.known || !handle.state.prs[String(pr.number)]) return;
  // The issue exists, so the config (only used to create it) is not needed.
  await writeTracking(ctx, defaultConfig(), handle, (state) => applyPullRequestClosed(state, pr.number, Boolean(pr.merged)), { keepTicks: true });
}
