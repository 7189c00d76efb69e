/** `check_run.requested_action`: the check's "Recheck" button. */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';
import { CHECK_NAME, RECHECK_IDENTIFIER } from '../../check-run.js';
import { jobInput } from './job-input.js';

export async function onCheckRunRequestedAction(context: Context<'check_run.requested_action'>, jobs: JobSink): Promise<void> {
  const { check_run: run, repository, requested_action: action } = context.payload;
  if (run.name !== CHECK_NAME || action?.identifier !== RECHECK_IDENTIFIER) return;
  const input = jobInput(context, repository, { kind: 'rerun', headSha: run.head_sha, pulls: run.pull_requests });
  if (input) await jobs.enqueue(input);
}
