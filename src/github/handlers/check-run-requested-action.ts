/** `check_run.requested_action`: the check's "Recheck" button. */
import type { Context } from 'probot';
import { CHECK_NAME, RECHECK_IDENTIFIER } from '../check-run.js';
import { rerunCheck } from '../rerun.js';
import { runContextFor, type AppServices } from '../types.js';

export async function onCheckRunRequestedAction(context: Context<'check_run.requested_action'>, services: AppServices): Promise<void> {
  const { check_run: run, repository, requested_action: action } = context.payload;
  if (run.name !== CHECK_NAME || action?.identifier !== RECHECK_IDENTIFIER) return;
  const ctx = runContextFor(context.octokit, context.log, services, repository);
  await rerunCheck(ctx, run.head_sha, run.pull_requests, repository.default_branch);
}
