/**
 * Who may run acting commands: write access or above. `permission` is the legacy
 * field (admin / write / read / none, with maintain mapped to write and triage to
 * read); `role_name` carries the finer role. Needs only the metadata permission.
 * https://docs.github.com/en/rest/collaborators/collaborators#get-repository-permissions-for-a-user
 */
import type { RunContext } from './types.js';

const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);

export async function hasWriteAccess(ctx: RunContext, username: string): Promise<boolean> {
  try {
    const { data } = await ctx.octokit.rest.repos.getCollaboratorPermissionLevel({ ...ctx.repo, username });
    return WRITE_ROLES.has(data.permission) || WRITE_ROLES.has(data.role_name ?? '');
  } catch (error) {
    // Not a collaborator at all.
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
