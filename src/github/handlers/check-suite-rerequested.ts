/** `check_suite.rerequested` ("Re-run all checks"): a fresh run for the suite's head. */
import type { Context } from 'probot';
import { rerunCheck } from '../rerun.js';
import { runContextFor, type AppServices } from '../types.js';

export async function onCheckSuiteRerequested(context: Context<'check_suite.rerequested'>, services: AppServices): Promise<void> {
  const { check_suite: suite, repository } = context.payload;
  const ctx = runContextFor(context.octokit, context.log, services, repository);
  await rerunCheck(ctx, suite.head_sha, suite.pull_requests, repository.default_branch);
}
