/**
 * `push` to the default branch: re-scan it and update the tracking issue. A push that
 * changes a `.github/remediation.yml` also drops the owner's cached configs here, at
 * webhook time, so the jobs queued after it read the new file.
 */
import type { Context } from 'probot';
import type { JobSink } from '../../queue/types.js';
import { pushTouchesConfig } from '../load-config.js';
import type { AppServices } from '../types.js';
import { jobInput, ownerOf } from './job-input.js';

/** GitHub lists at most this many commits in a push payload. https://docs.github.com/en/webhooks/webhook-events-and-payloads#push */
const MAX_PUSH_COMMITS = 2048;

export async function onPush(context: Context<'push'>, services: AppServices, jobs: JobSink): Promise<void> {
  const { repository, ref, after, before, deleted, commits } = context.payload;
  if (ref !== `refs/heads/${repository.default_branch}`) return;
  if (pushTouchesConfig(commits, commits.length >= MAX_PUSH_COMMITS)) {
    // A failure here must not lose the push: the cache entry still expires on its own.
    await services.cache.forgetOwner('config', ownerOf(repository)).catch((error: unknown) => context.log.warn({ err: error }, 'could not drop cached configuration'));
  }
  if (deleted) return;
  // A rename shows in a push as a removed path; without any, the scan need not ask for renames.
  const removals = commits.length === 0 || commits.length >= MAX_PUSH_COMMITS || commits.some((commit) => (commit.removed?.length ?? 0) > 0);
  const input = jobInput(context, repository, { kind: 'push', branch: repository.default_branch, sha: after, before, removals });
  if (input) await jobs.enqueue(input);
}
