/**
 * The worker side of the queue: a job becomes a call of the plain work functions with
 * an installation client (`app.auth(installationId)`; Probot caches the token), the same
 * functions the handlers used to call inline.
 */
import type { Logger } from 'probot';
import type { InflightStore } from '../../queue/inflight-store.js';
import type { Job } from '../../queue/jobs.js';
import { completeInterrupted, recordCheckRuns, runsOfJobs, staleRuns } from './inflight-runs.js';
import { checkPullRequest } from '../pr-flow.js';
import { rerunCheck } from '../rerun.js';
import { paceSecondaryLimits } from '../throttle.js';
import { runContextFor, type AppServices, type GitHub, type RunContext } from '../types.js';
import { runCommandJob } from '../jobs/command-job.js';
import { applyCheckboxes, scanInstalledRepository, trackPullRequestClosed, trackPush } from '../jobs/tracking-jobs.js';

export interface WorkerEnvironment {
  auth: (installationId: number) => Promise<GitHub>;
  services: AppServices;
  log: Logger;
  inflight: InflightStore;
  staleAfterMs: number;
}

interface Resolved {
  ctx: RunContext;
  defaultBranch: string;
}

/** The run context of a job; undefined when there is nothing to do (an archived repository). */
async function contextFor(env: WorkerEnvironment, job: Job, octokit: GitHub, log: Logger): Promise<Resolved | undefined> {
  const { id, owner, repo, htmlUrl, defaultBranch, sizeKb } = job.repository;
  if (htmlUrl !== undefined && defaultBranch !== undefined) {
    return { ctx: runContextFor(octokit, log, env.services, { id, owner: { login: owner }, name: repo, html_url: htmlUrl, size: sizeKb }), defaultBranch };
  }
  // Installation payloads name repositories only: ask for the rest.
  const { data } = await octokit.rest.repos.get({ owner, repo });
  if (data.archived) return undefined;
  return { ctx: runContextFor(octokit, log, env.services, data), defaultBranch: data.default_branch };
}

export async function runJob(env: WorkerEnvironment, job: Job): Promise<void> {
  const log = env.log.child({ job: job.id, delivery: job.delivery, repository: `${job.repository.owner}/${job.repository.repo}` });
  const octokit = await env.auth(job.installationId);
  // Before the first request (`repos.get` below), not only once the run context exists.
  paceSecondaryLimits(octokit, env.services.sleep, log);
  const resolved = await contextFor(env, job, octokit, log);
  if (!resolved) return;
  const { ctx, defaultBranch } = resolved;
  recordCheckRuns(octokit, env.inflight, job, ctx.repoUrl, log, () => env.services.now().getTime());
  const task = job.task;
  log.info({ kind: task.kind }, 'job started');
  switch (task.kind) {
    case 'pr-check':
      return checkPullRequest(ctx, task.pr, defaultBranch);
    case 'rerun':
      return rerunCheck(ctx, task.headSha, task.pulls, defaultBranch);
    case 'push':
      return trackPush(ctx, task);
    case 'install-scan':
      return scanInstalledRepository(ctx, defaultBranch);
    case 'pr-closed':
      return trackPullRequestClosed(ctx, task);
    case 'command':
      return runCommandJob(ctx, task, defaultBranch);
    case 'checkbox':
      return applyCheckboxes(ctx, task, defaultBranch);
  }
}

/**
 * Before a job, with its repository to itself: check runs of the repository recorded
 * long ago belong to jobs that died (no job of the repository is running but this one).
 */
export async function completeStaleRuns(env: WorkerEnvironment, job?: Job): Promise<void> {
  const stale = await staleRuns(env.inflight, env.staleAfterMs, env.services.now().getTime(), job?.repository);
  if (stale.length === 0) return;
  env.log.warn({ runs: stale.length, repository: job ? `${job.repository.owner}/${job.repository.repo}` : 'all' }, 'completing check runs left in progress');
  await completeInterrupted(env, stale);
}

/** At the drain deadline: the check runs the still-running jobs started are completed as interrupted. */
export async function interruptJobs(env: WorkerEnvironment, jobs: Job[]): Promise<void> {
  await completeInterrupted(env, await runsOfJobs(env.inflight, jobs));
}
