/**
 * A `/remediation` command, run from the queue. The handler has already reacted 👀;
 * this closes it with 👍 or 😕, and says why on failure.
 */
import type { JobTask } from '../../queue/jobs.js';
import { runCommand } from '../commands/run-command.js';
import { describeFailure } from '../failure.js';
import { react, reply } from '../reactions.js';
import { failureReply } from '../render/command-replies.js';
import type { RunContext } from '../types.js';

export async function runCommandJob(ctx: RunContext, task: Extract<JobTask, { kind: 'command' }>, defaultBranch: string): Promise<void> {
  const at = { user: task.user, pullNumber: task.pullNumber, defaultBranch };
  try {
    await react(ctx, task.commentId, await runCommand(ctx, task.command, at));
  } catch (error) {
    ctx.log.error({ err: error, command: task.command.kind, pr: task.pullNumber }, 'slash command failed');
    await reply(ctx, task.pullNumber, failureReply(describeFailure(error))).catch(() => undefined);
    await react(ctx, task.commentId, 'confused').catch(() => undefined);
  }
}
