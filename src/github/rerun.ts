/** Re-runs (a button on the check, on the suite, or `/remediation recheck`) get a fresh check run. */
import { CheckRun } from './check-run.js';
import { findPullRequest } from './find-pull-request.js';
import { checkPullRequest } from './pr-flow.js';
import type { RunContext } from './types.js';

interface PayloadPull {
  number: number;
  head: { sha: string };
  base: { sha: string; ref: string };
}

export async function rerunCheck(ctx: RunContext, headSha: string, listed: PayloadPull[], defaultBranch: string): Promise<void> {
  const pr = await findPullRequest(ctx, headSha, listed);
  if (pr) return checkPullRequest(ctx, pr, defaultBranch);
  // Still answer the request: a new run that says why nothing was checked.
  await new CheckRun(ctx, headSha).abort('neutral', 'No pull request to check', 'No open pull request has this commit as its head, so there is nothing to compare against.');
}
