/** `check_suite.rerequested` ("Re-run all checks"): a fresh run for the suite's head. */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';
import { jobInput } from './job-input.js';

export async function onCheckSuiteRerequested(context: Context<'check_suite.rerequested'>, jobs: JobSink): Promise<void> {
  const { check_suite: suite, repository } = context.payload;
  const input = jobInput(context, repository, { kind: 'rerun', headSha: suite.head_sha, pulls: suite.pull_requests });
  if (input) await jobs.enqueue(input);
}
