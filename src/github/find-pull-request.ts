/**
 * The pull request a re-run is about. Check payloads list their pull requests, except
 * for pull requests from forks (GitHub leaves `pull_requests` empty then), so fall back
 * to the commit's associated pull requests.
 * https://docs.github.com/en/rest/commits/commits#list-pull-requests-associated-with-a-commit
 */
import type { PullRef, RunContext } from './types.js';

interface PayloadPull {
  number: number;
  head: { sha: string };
  base: { sha: string; ref: string };
}

export async function findPullRequest(ctx: RunContext, headSha: string, listed: PayloadPull[]): Promise<PullRef | undefined> {
  const fromPayload = listed.find((p) => p.head.sha === headSha) ?? listed[0];
  if (fromPayload) return { number: fromPayload.number, headSha, baseSha: fromPayload.base.sha, baseRef: fromPayload.base.ref };
  const { data } = await ctx.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...ctx.repo, commit_sha: headSha, per_page: 100 });
  const open = data.filter((p) => p.state === 'open');
  const hit = open.find((p) => p.head.sha === headSha) ?? open[0];
  return hit ? { number: hit.number, headSha, baseSha: hit.base.sha, baseRef: hit.base.ref } : undefined;
}
