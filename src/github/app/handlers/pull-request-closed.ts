/** `pull_request.closed`: a merged PR's resolutions are credited at the next scan; a closed one is forgotten. */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';
import { jobInput } from './job-input.js';

export async function onPullRequestClosed(context: Context<'pull_request.closed'>, jobs: JobSink): Promise<void> {
  const { pull_request: pr, repository } = context.payload;
  // Only a merge into the default branch is a change the tracking issue's ledger records.
  const intoDefault = pr.merged && typeof pr.merged_at === 'string' && pr.base.ref === repository.default_branch;
  const input = jobInput(context, repository, { kind: 'pr-closed', number: pr.number, merged: Boolean(pr.merged), ...(intoDefault ? { mergedAt: pr.merged_at!.slice(0, 40) } : {}) });
  if (input) await jobs.enqueue(input);
}
