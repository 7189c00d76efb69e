/**
 * `installation.created` and `installation_repositories.added`: build the tracking issue
 * of each new repository from a full scan. Bounded: beyond a few repositories the scan
 * waits for each repository's first pull request (which does it too).
 */
import type { Context } from 'probot';
import { loadConfig } from '../load-config.js';
import { rescanAndTrack } from '../tracking/service.js';
import { runContextFor, type AppServices } from '../types.js';

export const MAX_REPOSITORIES_PER_INSTALL = 5;

interface ListedRepository {
  full_name: string;
}

export async function onInstallation(context: Context<'installation.created' | 'installation_repositories.added'>, services: AppServices): Promise<void> {
  const payload = context.payload;
  const listed: ListedRepository[] = ('repositories_added' in payload ? payload.repositories_added : payload.repositories) ?? [];
  if (listed.length > MAX_REPOSITORIES_PER_INSTALL) context.log.info({ repositories: listed.length }, 'many repositories installed: the rest are scanned on their first pull request');
  for (const entry of listed.slice(0, MAX_REPOSITORIES_PER_INSTALL)) {
    const [owner, name] = entry.full_name.split('/');
    try {
      const { data: repository } = await context.octokit.rest.repos.get({ owner, repo: name });
      if (repository.archived) continue;
      const ctx = runContextFor(context.octokit, context.log, services, repository);
      const loaded = await loadConfig(ctx.octokit, ctx.repo);
      if (!loaded.ok) {
        ctx.log.warn({ repository: entry.full_name }, 'invalid configuration: repository not scanned');
        continue;
      }
      await rescanAndTrack(ctx, loaded.config, { branch: repository.default_branch });
    } catch (error) {
      // One repository failing must not stop the others.
      context.log.error({ err: error, repository: entry.full_name }, 'initial scan failed');
    }
  }
}
