/** `push` to the default branch: re-scan it and update the tracking issue. */
import type { Context } from 'probot';
import type { JobSink } from '../../queue/types.js';
import { jobInput } from './job-input.js';

export async function onPush(context: Context<'push'>, jobs: JobSink): Promise<void> {
  const { repository, ref, after, before, deleted } = context.payload;
  if (deleted || ref !== `refs/heads/${repository.default_branch}`) return;
  const input = jobInput(context, repository, { kind: 'push', branch: repository.default_branch, sha: after, before });
  if (input) await jobs.enqueue(input);
}
