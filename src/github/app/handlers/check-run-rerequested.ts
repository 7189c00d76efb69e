/** `check_run.rerequested` ("Re-run" on our check): a fresh run for the same head. */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';
import { CHECK_NAME } from '../../check-run.js';
import { jobInput } from './job-input.js';

export async function onCheckRunRerequested(context: Context<'check_run.rerequested'>, jobs: JobSink): Promise<void> {
  const { check_run: run, repository } = context.payload;
  if (run.name !== CHECK_NAME) return;
  const input = jobInput(context, repository, { kind: 'rerun', headSha: run.head_sha, pulls: run.pull_requests });
  if (input) await jobs.enqueue(input);
}
