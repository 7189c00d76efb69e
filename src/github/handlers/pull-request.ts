/** `pull_request` opened / synchronize / reopened / ready_for_review: check the head commit (forks included). */
import type { Context } from 'probot';
import { checkPullRequest } from '../pr-flow.js';
import { runContextFor, type AppServices } from '../types.js';

export const PULL_REQUEST_EVENTS = ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'] as const;

export async function onPullRequest(context: Context<(typeof PULL_REQUEST_EVENTS)[number]>, services: AppServices): Promise<void> {
  const { pull_request: pr, repository } = context.payload;
  const ctx = runContextFor(context.octokit, context.log, services, repository);
  // The check goes on the head SHA: for a fork it exists in the base repository's network too.
  await checkPullRequest(ctx, { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, baseRef: pr.base.ref }, repository.default_branch);
}
