/**
 * `installation.created` and `installation_repositories.added`: build the tracking issue
 * of each new repository from a full scan, one job per repository. Bounded: beyond a few
 * repositories the scan waits for each repository's first pull request (which does it too).
 */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';

export const MAX_REPOSITORIES_PER_INSTALL = 5;

interface ListedRepository {
  full_name: string;
}

export async function onInstallation(context: Context<'installation.created' | 'installation_repositories.added'>, jobs: JobSink): Promise<void> {
  const payload = context.payload;
  const listed: ListedRepository[] = ('repositories_added' in payload ? payload.repositories_added : payload.repositories) ?? [];
  if (listed.length > MAX_REPOSITORIES_PER_INSTALL) context.log.info({ repositories: listed.length }, 'many repositories installed: the rest are scanned on their first pull request');
  for (const entry of listed.slice(0, MAX_REPOSITORIES_PER_INSTALL)) {
    const [owner, repo] = entry.full_name.split('/');
    // The worker reads the repository (archived? default branch?) when the job runs.
    await jobs.enqueue({ delivery: context.id, installationId: payload.installation.id, repository: { owner, repo }, task: { kind: 'install-scan' } });
  }
}
