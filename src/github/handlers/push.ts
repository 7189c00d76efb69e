/** `push` to the default branch: re-scan it and update the tracking issue. */
import type { Context } from 'probot';
import { loadConfig } from '../load-config.js';
import { rescanAndTrack } from '../tracking/service.js';
import { runContextFor, type AppServices } from '../types.js';

export async function onPush(context: Context<'push'>, services: AppServices): Promise<void> {
  const { repository, ref, after, deleted } = context.payload;
  if (deleted || ref !== `refs/heads/${repository.default_branch}`) return;
  const ctx = runContextFor(context.octokit, context.log, services, { ...repository, owner: { login: repository.owner?.login ?? repository.full_name.split('/')[0] } });
  const loaded = await loadConfig(ctx.octokit, ctx.repo);
  if (!loaded.ok) {
    // Pull requests report the invalid config on their check run; a push has nowhere to say it.
    ctx.log.warn({ ref }, 'invalid configuration: default branch not scanned');
    return;
  }
  await rescanAndTrack(ctx, loaded.config, { branch: repository.default_branch, sha: after });
}
