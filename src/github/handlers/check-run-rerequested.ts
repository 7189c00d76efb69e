/** `check_run.rerequested` ("Re-run" on our check): a fresh run for the same head. */
import type { Context } from 'probot';
import { CHECK_NAME } from '../check-run.js';
import { rerunCheck } from '../rerun.js';
import { runContextFor, type AppServices } from '../types.js';

export async function onCheckRunRerequested(context: Context<'check_run.rerequested'>, services: AppServices): Promise<void> {
  const { check_run: run, repository } = context.payload;
  if (run.name !== CHECK_NAME) return;
  const ctx = runContextFor(context.octokit, context.log, services, repository);
  await rerunCheck(ctx, run.head_sha, run.pull_requests, repository.default_branch);
}
