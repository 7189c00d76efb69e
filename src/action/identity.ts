/**
 * Who the Action writes as, and the key its tracking issue's state is sealed with.
 *
 * The tracking issue is found among the issues of the token's login (never a user's
 * look-alike), so the login must be right or every push would open a new issue:
 * - `REMEDIATION_BOT_LOGIN` when set: needed for a GitHub App's installation token
 *   (`<app-slug>[bot]`; the token cannot ask, `GET /app` takes the App's own JWT);
 * - a personal access token (`ghp_`, `github_pat_`): its user, asked once (`GET /user`);
 * - else the job's `GITHUB_TOKEN`, whose writes are by `github-actions[bot]`.
 * https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
import { createHash } from 'node:crypto';
import type { GitHub, RepoRef } from '../github/types.js';

export const ACTIONS_LOGIN = 'github-actions[bot]';

const PAT_PREFIXES = ['ghp_', 'github_pat_'];

export function botLoginResolver(token: string, vars: Record<string, string | undefined>, octokit: GitHub): () => Promise<string> {
  let login: Promise<string> | undefined;
  const configured = vars.REMEDIATION_BOT_LOGIN?.trim();
  return () =>
    (login ??= configured
      ? Promise.resolve(configured)
      : PAT_PREFIXES.some((prefix) => token.startsWith(prefix))
        ? octokit.rest.users.getAuthenticated().then(({ data }) => data.login)
        : Promise.resolve(ACTIONS_LOGIN));
}

/**
 * The seal's secret: `REMEDIATION_STATE_SECRET` when set, else one derived from the
 * repository's name, which anyone can compute. That is a choice (README, "The tracking
 * issue's seal"): only the token's login and collaborators with write access can edit the
 * issue, and they could read a repository secret from a workflow they push anyway. The
 * seal still rejects hand edits, duplicated blocks and blocks copied from another
 * repository (the key is bound to the repository's id).
 */
export function actionStateSecret(vars: Record<string, string | undefined>, repo: RepoRef): Buffer {
  return createHash('sha256').update(vars.REMEDIATION_STATE_SECRET || `remediation-action:${repo.owner}/${repo.repo}`).digest();
}
