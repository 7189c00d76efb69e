/** `pull_request.closed`: a merged PR's resolutions are credited at the next scan; a closed one is forgotten. */
import type { Context } from 'probot';
import type { JobSink } from '../../queue/types.js';
import { jobInput } from './job-input.js';

export async function onPullRequestClosed(context: Context<'pull_request.closed'>, jobs: JobSink): Promise<void> {
  const { pull_request: pr, repository } = context.payload;
  const input = jobInput(context, repository, { kind: 'pr-closed', number: pr.number, merged: Boolean(pr.merged) });
  if (input) await jobs.enqueue(input);
}
