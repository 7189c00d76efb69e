/** `pull_request` opened / synchronize / reopened / ready_for_review: check the head commit (forks included). */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';
import { jobInput } from './job-input.js';

export const PULL_REQUEST_EVENTS = ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'] as const;

export async function onPullRequest(context: Context<(typeof PULL_REQUEST_EVENTS)[number]>, jobs: JobSink): Promise<void> {
  const { pull_request: pr, repository, action } = context.payload;
  // The check goes on the head SHA: for a fork it exists in the base repository's network too.
  const pull = { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, baseRef: pr.base.ref };
  const input = jobInput(context, repository, { kind: 'pr-check', pr: pull, trigger: action });
  if (input) await jobs.enqueue(input);
}
