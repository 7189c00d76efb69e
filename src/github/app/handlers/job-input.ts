/** What every handler enqueues: the task, plus the installation and repository it is for. */
import type { JobInput, JobTask } from '../../../queue/jobs.js';

interface EventContext {
  /** `X-GitHub-Delivery`: the same on a redelivery. */
  id: string;
  payload: { installation?: { id: number } | null };
}

interface RepositoryPayload {
  id?: number;
  owner?: { login: string } | null;
  name: string;
  full_name: string;
  html_url: string;
  default_branch?: string;
  size?: number;
}

/** The owner's login; `full_name` when the payload's owner object is absent. */
export function ownerOf(repository: Pick<RepositoryPayload, 'owner' | 'full_name'>): string {
  return repository.owner?.login ?? repository.full_name.split('/')[0];
}

/** The job input, or undefined for an event without an installation (the app could not act on it). */
export function jobInput(context: EventContext, repository: RepositoryPayload, task: JobTask): JobInput | undefined {
  const installationId = context.payload.installation?.id;
  if (installationId === undefined) return undefined;
  return {
    delivery: context.id,
    installationId,
    repository: {
      owner: ownerOf(repository),
      ...(typeof repository.id === 'number' ? { id: repository.id } : {}),
      repo: repository.name,
      htmlUrl: repository.html_url,
      ...(repository.default_branch ? { defaultBranch: repository.default_branch } : {}),
      ...(repository.size ? { sizeKb: repository.size } : {}),
    },
    task,
  };
}
