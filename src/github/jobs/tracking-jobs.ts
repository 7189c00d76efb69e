/**
 * Queue jobs that write the tracking issue: a push to the default branch, a new
 * installation, a closed pull request, ticked checkboxes. Each runs alone for its
 * repository (the queue's lane or lock), so the issue is never written concurrently.
 */
import { defaultConfig } from '../../config.js';
import type { JobTask } from '../../queue/jobs.js';
import { repositoryConfig } from '../load-config.js';
import { applyPullRequestClosed, toggleMuted } from '../tracking/apply.js';
import { requestedActions } from '../tracking/checkboxes.js';
import { openTracking, writeTracking } from '../tracking/issue-store.js';
import { rescanAndTrack } from '../tracking/service.js';
import type { TrackingState } from '../tracking/state.js';
import type { RunContext } from '../types.js';

type Task<K extends JobTask['kind']> = Extract<JobTask, { kind: K }>;

/**
 * Brings the issue to the default branch's head. Deliveries can arrive out of order (and
 * two instances take them in any order), so a push is scanned as is only when it follows
 * the scan the issue records; otherwise the branch's current head is asked for (one
 * request), and a head already scanned is not scanned again.
 */
export async function trackPush(ctx: RunContext, task: Task<'push'>): Promise<void> {
  const handle = await openTracking(ctx);
  const scanned = handle.known ? handle.state.scan?.sha : undefined;
  if (scanned === task.sha) {
    ctx.log.info({ sha: task.sha }, 'push already reflected by the tracking issue');
    return;
  }
  const head = scanned !== undefined && scanned === task.before ? task.sha : (await ctx.octokit.rest.repos.getBranch({ ...ctx.repo, branch: task.branch })).data.commit.sha;
  if (head === scanned) {
    ctx.log.info({ sha: task.sha, head }, 'branch head already scanned; push skipped');
    return;
  }
  const loaded = await repositoryConfig(ctx);
  if (!loaded.ok) {
    // Pull requests report the invalid config on their check run; a push has nowhere to say it.
    ctx.log.warn({ branch: task.branch }, 'invalid configuration: default branch not scanned');
    return;
  }
  await rescanAndTrack(ctx, loaded.config, { branch: task.branch, sha: head }, { handle });
}

/** The first scan of a repository the app was installed on (archived ones are skipped). */
export async function scanInstalledRepository(ctx: RunContext, defaultBranch: string): Promise<void> {
  const loaded = await repositoryConfig(ctx);
  if (!loaded.ok) {
    ctx.log.warn('invalid configuration: repository not scanned');
    return;
  }
  await rescanAndTrack(ctx, loaded.config, { branch: defaultBranch });
}

/** A merged PR's resolutions are credited at the next scan; a closed one is forgotten. */
export async function trackPullRequestClosed(ctx: RunContext, task: Task<'pr-closed'>): Promise<void> {
  const handle = await openTracking(ctx);
  if (!handle.known || !handle.state.prs[String(task.number)]) return;
  // The issue exists, so the config (only used to create it) is not needed.
  await writeTracking(ctx, defaultConfig(), handle, (state) => applyPullRequestClosed(state, task.number, task.merged), { keepTicks: true });
}

/** Acts on ticked boxes ("Re-scan", "Mute Pn") of the app's own issue, then unticks them. */
export async function applyCheckboxes(ctx: RunContext, task: Task<'checkbox'>, defaultBranch: string): Promise<void> {
  if (task.author !== (await ctx.services.botLogin())) return;
  const loaded = await repositoryConfig(ctx);
  if (!loaded.ok) {
    ctx.log.warn({ issue: task.issueNumber }, 'invalid configuration: checkbox actions not run');
    return;
  }
  const handle = await openTracking(ctx);
  if (handle.issue?.number !== task.issueNumber) return;
  // Read the ticks from the body being rewritten (the freshest), not only from the event.
  const apply = (state: TrackingState, body: string): TrackingState => toggleMuted(state, requestedActions(body).toggleMute);
  if (task.rescan) await rescanAndTrack(ctx, loaded.config, { branch: defaultBranch }, { handle, before: apply, keepTicks: false });
  else await writeTracking(ctx, loaded.config, handle, apply, { keepTicks: false });
}
