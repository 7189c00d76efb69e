/** Runs one parsed slash command on a pull request; returns the reaction that closes it. */
import { repositoryConfig } from '../load-config.js';
import { meetsRole, repoRole, type RepoRole } from '../permissions.js';
import { checkPullRequest } from '../pr-flow.js';
import { reply, type Reaction } from '../reactions.js';
import { helpReply, ignoreRefusal, ignoreReply, invalidReply, refusalReply, statusReply, unignoreMissing, unignoreReply } from '../render/command-replies.js';
import { analysePullRequestChanges } from '../run-pr-check.js';
import { ignoreRoom } from '../tracking/apply.js';
import { dayOf, recordIgnore, removeIgnore } from '../tracking/ignores.js';
import { openTracking, writeTracking, type TrackingHandle } from '../tracking/issue-store.js';
import { recordedIgnores, rescanAndTrack } from '../tracking/service.js';
import type { TrackingState } from '../tracking/state.js';
import type { CommandRole, RemediationConfig } from '../../config.js';
import type { Priority } from '../../model/types.js';
import type { PullRef, RunContext } from '../types.js';
import { needsWriteAccess, type Command } from './parse.js';

export interface CommandContext {
  user: string;
  pullNumber: number;
  defaultBranch: string;
}

export async function runCommand(ctx: RunContext, command: Command, at: CommandContext): Promise<Reaction> {
  let role: Promise<RepoRole> | undefined;
  const allowed = async (required: CommandRole | 'read'): Promise<boolean> => meetsRole(await (role ??= repoRole(ctx, at.user)), required);
  // Anyone can comment on a public repository: only people with access get an answer at all.
  if (!(await allowed('read'))) {
    ctx.log.info({ command: command.kind }, 'slash command from a user without access ignored');
    return 'confused';
  }
  if (command.kind === 'help') return replied(ctx, at, helpReply(), '+1');
  if (command.kind === 'unknown') return replied(ctx, at, helpReply(command.subcommand), 'confused');
  const name = command.kind === 'invalid' ? command.subcommand : command.kind;
  const refuse = (required: CommandRole): Promise<Reaction> => replied(ctx, at, refusalReply(at.user, name, required), 'confused');
  // Write access first for every acting command (an invalid one is an ignore or unignore), so outsiders learn nothing of the config.
  if ((needsWriteAccess(command) || command.kind === 'invalid') && !(await allowed('write'))) return refuse('write');
  if (command.kind === 'invalid') return replied(ctx, at, invalidReply(command.subcommand, command.problem), 'confused');
  if (command.kind === 'recheck') {
    await checkPullRequest(ctx, await pullRef(ctx, at.pullNumber), at.defaultBranch);
    return '+1';
  }
  const loaded = await repositoryConfig(ctx);
  if (!loaded.ok) return replied(ctx, at, `The configuration \`.github/remediation.yml\` is invalid:\n\n${loaded.message}`, 'confused');
  // The config (default branch only) may ask more of `ignore` and `unignore`: an ignore mutes findings for everyone.
  const required = loaded.config.commands.ignoreRequires;
  if ((command.kind === 'ignore' || command.kind === 'unignore') && !(await allowed(required))) return refuse(required);
  const now = ctx.services.now().toISOString();
  if (command.kind === 'ignore' && command.until && command.until < dayOf(now)) {
    return replied(ctx, at, invalidReply('ignore', `\`until: ${command.until}\` is in the past (today is ${dayOf(now)}, UTC): give the last day the ignore should apply.`), 'confused');
  }
  const handle = await openTracking(ctx);
  if (command.kind === 'status') {
    const pr = await pullRef(ctx, at.pullNumber);
    const { analysis } = await analysePullRequestChanges(ctx, pr, loaded.config, { ignores: recordedIgnores(handle.state, now), muted: handle.state.muted as Priority[], notes: [] });
    return replied(ctx, at, statusReply(analysis, loaded.config, pr.headSha), '+1');
  }
  if (command.kind === 'unignore') return unignore(ctx, at, loaded.config, handle, command);
  const { selector, path, reason, category, until } = command;
  const entry = { selector, ...(path ? { path } : {}), reason, ...(category ? { category } : {}), ...(until ? { until } : {}), by: at.user, pr: at.pullNumber, at: now };
  const record = (state: TrackingState): TrackingState => recordIgnore(state, entry);
  // A full state must never push open findings out of the counts: refuse the ignore instead.
  const room = ignoreRoom(handle.state, record(handle.state), handle.key);
  if (room) return replied(ctx, at, ignoreRefusal(room), 'confused');
  // Without a tracking issue there is no baseline yet: scan first, with the ignore in place.
  if (!handle.known) await rescanAndTrack(ctx, loaded.config, { branch: at.defaultBranch }, { handle, before: record });
  else await writeTracking(ctx, loaded.config, handle, record, { keepTicks: true });
  return replied(ctx, at, ignoreReply(entry, handle.issue?.number), '+1');
}

/**
 * Removes the ignore recorded for exactly this selector and path, then scans the default
 * branch: only a scan knows which of the findings it hid are still silenced otherwise
 * (by a suppression comment, another ignore or the config).
 */
async function unignore(ctx: RunContext, at: CommandContext, config: RemediationConfig, handle: TrackingHandle, command: Extract<Command, { kind: 'unignore' }>): Promise<Reaction> {
  const { removed } = removeIgnore(handle.state, command.selector, command.path);
  if (!removed) return replied(ctx, at, unignoreMissing(command.selector, command.path, handle.state.ignores), 'confused');
  await rescanAndTrack(ctx, config, { branch: at.defaultBranch }, { handle, before: (state) => removeIgnore(state, command.selector, command.path).state });
  return replied(ctx, at, unignoreReply(removed, handle.issue?.number), '+1');
}

async function replied(ctx: RunContext, at: CommandContext, body: string, reaction: Reaction): Promise<Reaction> {
  await reply(ctx, at.pullNumber, body);
  return reaction;
}

async function pullRef(ctx: RunContext, pullNumber: number): Promise<PullRef> {
  const { data } = await ctx.octokit.rest.pulls.get({ ...ctx.repo, pull_number: pullNumber });
  return { number: data.number, headSha: data.head.sha, baseSha: data.base.sha, baseRef: data.base.ref };
}
