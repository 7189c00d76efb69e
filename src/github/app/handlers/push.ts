/**
 * `push` to the default branch: re-scan it and update the tracking issue. A push that
 * changes a `.github/remediation.yml` also drops the owner's cached configs here, at
 * webhook time, so the jobs queued after it read the new file.
 */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';
import { pushTouchesConfig } from '../../load-config.js';
import { MAX_PUSH_COMMITS, pushRemovesFiles } from '../../tracking/service.js';
import type { AppServices } from '../../types.js';
import { jobInput, ownerOf } from './job-input.js';

export async function onPush(context: Context<'push'>, services: AppServices, jobs: JobSink): Promise<void> {
  const { repository, ref, after, before, deleted, commits } = context.payload;
  if (ref !== `refs/heads/${repository.default_branch}`) return;
  if (pushTouchesConfig(commits, commits.length >= MAX_PUSH_COMMITS)) {
    // A failure here must not lose the push: the cache entry still expires on its own.
    await services.cache.forgetOwner('config', ownerOf(repository)).catch((error: unknown) => context.log.warn({ err: error }, 'could not drop cached configuration'));
  }
  if (deleted) return;
  const removals = pushRemovesFiles(commits);
  const input = jobInput(context, repository, { kind: 'push', branch: repository.default_branch, sha: after, before, removals });
  if (input) await jobs.enqueue(input);
}
