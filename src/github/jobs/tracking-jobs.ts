/**
 * Queue jobs that write the tracking issue: a push to the default branch, a new
 * installation, a closed pull request, ticked checkboxes. Each runs alone for its
 * repository (the queue's lane or lock), so the issue is never written concurrently.
 */
import { defaultConfig, type CommandRole } from '../../config.js';
import type { JobTask } from '../../queue/jobs.js';
import { repositoryConfig } from '../load-config.js';
import { meetsRole, repoRole, type RepoRole } from '../permissions.js';
import { checkboxRefusal } from '../render/command-replies.js';
import { applyPullRequestClosed, toggleMuted } from '../tracking/apply.js';
import { applyMerged } from '../tracking/ledger.js';
import { requestedActions } from '../tracking/checkboxes.js';
import { openTracking, writeTracking } from '../tracking/issue-store.js';
import { pushHead, rescanAndTrack } from '../tracking/service.js';
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
  const target = await pushHead(ctx, handle, task);
  if (!target) return;
  const loaded = await repositoryConfig(ctx);
  if (!loaded.ok) {
    // Pull requests report the invalid config on their check run; a push has nowhere to say it.
    ctx.log.warn({ branch: task.branch }, 'invalid configuration: default branch not scanned');
    return;
  }
  await rescanAndTrack(ctx, loaded.config, { branch: task.branch, ...target }, { handle });
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

/**
 * A merged PR's resolutions are credited at the next scan; a closed one is forgotten. A PR
 * merged into the default branch is also named in the ledger, by the scan that covers it.
 */
export async function trackPullRequestClosed(ctx: RunContext, task: Task<'pr-closed'>): Promise<void> {
  const handle = await openTracking(ctx);
  const mergedAt = task.merged ? task.mergedAt : undefined;
  if (!handle.known || (!handle.state.prs[String(task.number)] && !mergedAt)) return;
  const apply = (state: TrackingState): TrackingState => {
    const closed = applyPullRequestClosed(state, task.number, task.merged);
    return mergedAt ? applyMerged(closed, task.number, mergedAt) : closed;
  };
  // The issue exists, so the config (only used to create it) is not needed; its title is left as it is.
  const config = defaultConfig();
  const keepTitle = { ...config, trackingIssue: { ...config.trackingIssue, title: handle.issue?.title ?? config.trackingIssue.title } };
  await writeTracking(ctx, keepTitle, handle, apply, { keepTicks: true });
}

/**
 * An edit of the app's own issue: boxes the edit ticked ("Re-scan", "Mute Pn") are acted
 * on when the editor may (write for a re-scan, `commands.ignore_requires` for a mute, as
 * the matching commands), then the body is rewritten from the trusted state: ticks,
 * edits of the text and a tampered state block are all undone.
 */
export async function applyCheckboxes(ctx: RunContext, task: Task<'checkbox'>, defaultBranch: string): Promise<void> {
  const handle = await openTracking(ctx);
  if (!handle.issue || handle.issue.number !== task.issueNumber) return;
  const loaded = await repositoryConfig(ctx);
  if (!loaded.ok) {
    ctx.log.warn({ issue: task.issueNumber }, 'invalid configuration: checkbox actions not run');
    return;
  }
  const requested = requestedActions(handle.issue.body, task.before);
  let role: Promise<RepoRole> | undefined;
  const may = async (required: CommandRole): Promise<boolean> => meetsRole(await (role ??= repoRole(ctx, task.editor)), required);
  const muteRole = loaded.config.commands.ignoreRequires;
  const mutes = requested.toggleMute.length > 0 && (await may(muteRole)) ? requested.toggleMute : [];
  const rescan = requested.rescan && (await may('write'));
  const refused = [...(requested.rescan && !rescan ? ['Re-scan (needs write access)'] : []), ...(requested.toggleMute.length > 0 && mutes.length === 0 ? [`Mute (needs the ${muteRole} role)`] : [])];
  const apply = (state: TrackingState): TrackingState => toggleMuted(state, mutes);
  const options = { keepTicks: false, editor: task.editor };
  // Nothing trustworthy is known of the issue (its block was altered and no good copy is
  // kept): a new baseline comes from a scan, not from an empty state.
  if (rescan || !handle.known) await rescanAndTrack(ctx, loaded.config, { branch: defaultBranch }, { handle, before: apply, ...options });
  else await writeTracking(ctx, loaded.config, handle, apply, options);
  if (refused.length > 0) {
    ctx.log.info({ issue: task.issueNumber, refused: refused.length }, 'checkbox actions refused');
    await ctx.octokit.rest.issues.createComment({ ...ctx.repo, issue_number: task.issueNumber, body: checkboxRefusal(task.editor, refused) });
  }
}
