/**
 * One pull-request check from start to end: the check run is opened first (created now,
 * or once the grace runs out), so that whatever fails afterwards (config, API, engine) is
 * reported on it and it is never left `in_progress`. Then the tracking issue learns what the PR would resolve, or, on a
 * repository's first PR, is created from a full scan of the default branch.
 */
import { openCheckRun, type CheckRun } from './check-run.js';
import { describeFailure } from './failure.js';
import { repositoryConfig } from './load-config.js';
import { failureSummary, runPullRequestCheck } from './run-pr-check.js';
import { mdText } from './render/escape.js';
import type { RemediationConfig } from '../config.js';
import { openTracking, type TrackingHandle } from './tracking/issue-store.js';
import { pullRequestResolves, recordedIgnores, rescanAndTrack, trackPullRequest } from './tracking/service.js';
import type { Priority } from '../model/types.js';
import type { PullRef, RunContext } from './types.js';

export async function checkPullRequest(ctx: RunContext, pr: PullRef, defaultBranch: string): Promise<void> {
  const checkRun = await openCheckRun(ctx, pr.headSha);
  const prepared = await prepare(ctx, pr, checkRun);
  if (!prepared) return;
  const { config, warnings, handle } = prepared;
  const result = await runPullRequestCheck(ctx, pr, config, {
    checkRun,
    ignores: recordedIgnores(handle.state, ctx.services.now().toISOString()),
    muted: handle.state.muted as Priority[],
    notes: warnings.map((w) => `Configuration: ${mdText(w)}.`),
    // The state was read anyway (ignores, mutes): the plan's open findings and the issue's link cost nothing more.
    ...(handle.known ? { tracking: { state: handle.state, ...(handle.issue ? { issue: handle.issue.number } : {}) } } : {}),
  });
  if (!result.ok) return;
  try {
    // The first pull request creates the issue from a scan, and is recorded in it too.
    if (!handle.known) await rescanAndTrack(ctx, config, { branch: defaultBranch }, { handle, after: pullRequestResolves(ctx, pr, result.analysis.fixed) });
    else await trackPullRequest(ctx, config, handle, pr, result.analysis.fixed);
  } catch (error) {
    // The check run is complete; the tracking issue catches up on the next event.
    ctx.log.error({ err: error, pr: pr.number }, 'could not update the tracking issue');
  }
}

/** Config and tracking state; on failure the check run is completed with the cause. */
async function prepare(ctx: RunContext, pr: PullRef, checkRun: CheckRun): Promise<{ config: RemediationConfig; warnings: string[]; handle: TrackingHandle } | undefined> {
  try {
    const loaded = await repositoryConfig(ctx);
    if (!loaded.ok) {
      ctx.log.warn({ pr: pr.number }, 'invalid configuration reported on the check run');
      await checkRun.abort('failure', 'Invalid .github/remediation.yml', `The configuration could not be used, so nothing was checked.\n\n${loaded.message}\n`);
      return undefined;
    }
    return { config: loaded.config, warnings: loaded.warnings, handle: await openTracking(ctx) };
  } catch (error) {
    ctx.log.error({ err: error, pr: pr.number }, 'could not prepare the pull request check');
    await checkRun.abort('neutral', 'The remediation check could not finish', failureSummary(describeFailure(error), ctx.services.recheckButton !== false));
    return undefined;
  }
}
