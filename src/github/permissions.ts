/**
 * Who may run acting commands. `role_name` is the repository role (admin, maintain,
 * write, triage, read, or a custom role's name); `permission` is the legacy field
 * (admin / write / read / none, with maintain reported as write and triage as read). A
 * custom role counts as its legacy permission. Needs only the metadata permission.
 * https://docs.github.com/en/rest/collaborators/collaborators#get-repository-permissions-for-a-user
 * https://docs.github.com/en/organizations/managing-user-access-to-your-organizations-repositories/managing-repository-roles/repository-roles-for-an-organization
 */
import type { CommandRole } from '../config.js';
import type { RunContext } from './types.js';

export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

const RANK: Record<RepoRole, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

function isRole(value: string | undefined): value is RepoRole {
  return value !== undefined && Object.hasOwn(RANK, value);
}

export async function repoRole(ctx: RunContext, username: string): Promise<RepoRole> {
  try {
    const { data } = await ctx.octokit.rest.repos.getCollaboratorPermissionLevel({ ...ctx.repo, username });
    if (isRole(data.role_name)) return data.role_name;
    return isRole(data.permission) ? data.permission : 'none';
  } catch (error) {
    // Not a collaborator at all.
    if ((error as { status?: number }).status === 404) return 'none';
    throw error;
  }
}

export function meetsRole(role: RepoRole, required: CommandRole | 'read'): boolean {
  return RANK[role] >= RANK[required];
}
