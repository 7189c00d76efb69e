/**
 * Check runs left `in_progress` by a job that did not finish (a deploy's deadline, a
 * crash) are completed as `neutral` with the reason, never left spinning. A hook on each
 * job's client records the runs it starts and forgets them when completed, whatever code
 * path did it; what is still recorded when its job is gone was interrupted.
 * https://docs.github.com/en/rest/checks/runs#update-a-check-run
 * https://github.com/octokit/core.js#hooks
 */
import type { Logger } from 'probot';
import type { InflightRun, InflightStore } from '../../queue/inflight-store.js';
import { repoKey, type Job } from '../../queue/jobs.js';
import { CheckRun } from '../check-run.js';
import { paceSecondaryLimits } from '../throttle.js';
import type { AppServices, GitHub } from '../types.js';

export const INTERRUPTED_TITLE = 'Interrupted by a restart';
export const INTERRUPTED_SUMMARY = [
  'The app was restarted while this check was running, so it could not finish and this result says nothing about the pull request.',
  '',
  'Re-run it with the **Recheck** button above, or comment `/remediation recheck`.',
].join('\n');

const CREATE_ROUTE = '/repos/{owner}/{repo}/check-runs';
const UPDATE_ROUTE = '/repos/{owner}/{repo}/check-runs/{check_run_id}';

/** Records the check runs `octokit` starts for `job` in `store`, and forgets them once completed. */
export function recordCheckRuns(octokit: GitHub, store: InflightStore, job: Job, htmlUrl: string, log: Logger, now: () => number): void {
  octokit.hook.after('request', async (response, options) => {
    const params = options as Record<string, unknown>;
    const owner = String(params.owner ?? '');
    const repo = String(params.repo ?? '');
    if (options.method === 'POST' && options.url === CREATE_ROUTE && params.status !== 'completed') {
      const checkRunId = Number((response.data as { id?: unknown } | undefined)?.id);
      if (!Number.isFinite(checkRunId)) return;
      const run: InflightRun = { installationId: job.installationId, owner, repo, htmlUrl, checkRunId, headSha: String(params.head_sha ?? ''), jobId: job.id, startedAt: now() };
      await store.add(run).catch((error: unknown) => log.warn({ err: error, checkRunId }, 'could not record the check run as in progress'));
    } else if (options.method === 'PATCH' && options.url === UPDATE_ROUTE && params.status === 'completed') {
      await store.remove({ owner, repo, checkRunId: Number(params.check_run_id) }).catch((error: unknown) => log.warn({ err: error }, 'could not forget a completed check run'));
    }
  });
}

export interface InterruptEnvironment {
  inflight: InflightStore;
  /** An installation client (`app.auth(installationId)`). */
  auth: (installationId: number) => Promise<GitHub>;
  services: AppServices;
  log: Logger;
}

/** Completes `runs` as interrupted and forgets them. Best effort: one failure does not stop the rest. */
export async function completeInterrupted(env: InterruptEnvironment, runs: InflightRun[]): Promise<number> {
  let completed = 0;
  for (const run of runs) {
    const log = env.log.child({ checkRunId: run.checkRunId, repository: `${run.owner}/${run.repo}` });
    try {
      const octokit = await env.auth(run.installationId);
      paceSecondaryLimits(octokit, env.services.sleep, log);
      const ctx = { octokit, log, services: env.services, repo: { owner: run.owner, repo: run.repo }, repoUrl: run.htmlUrl };
      await new CheckRun(ctx, run.headSha, run.checkRunId).abort('neutral', INTERRUPTED_TITLE, INTERRUPTED_SUMMARY);
      completed++;
      log.info({ headSha: run.headSha, job: run.jobId }, 'interrupted check run completed as neutral');
    } catch (error) {
      log.error({ err: error }, 'could not complete an interrupted check run');
    }
    await env.inflight.remove(run).catch(() => undefined);
  }
  return completed;
}

/** The recorded runs of `jobs`: at the drain deadline, the ones those jobs left open. */
export async function runsOfJobs(store: InflightStore, jobs: Job[]): Promise<InflightRun[]> {
  const ids = new Set(jobs.map((j) => j.id));
  return (await store.list()).filter((run) => ids.has(run.jobId));
}

/** Runs started more than `staleAfterMs` ago, of one repository or of all. */
export async function staleRuns(store: InflightStore, staleAfterMs: number, nowMs: number, repository?: Job['repository']): Promise<InflightRun[]> {
  const key = repository ? repoKey(repository) : undefined;
  return (await store.list()).filter((run) => nowMs - run.startedAt >= staleAfterMs && (!key || repoKey(run) === key));
}
