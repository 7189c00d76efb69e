/**
 * `issue_comment.created` on a pull request: `/remediation` commands (first line only).
 * Acknowledged with 👀 at once, then 👍 or 😕 when done. Bots are ignored.
 */
import type { Context } from 'probot';
import { parseCommand } from '../commands/parse.js';
import { runCommand } from '../commands/run-command.js';
import { describeFailure } from '../failure.js';
import { react, reply } from '../reactions.js';
import { failureReply } from '../render/command-replies.js';
import { runContextFor, type AppServices } from '../types.js';

export async function onIssueComment(context: Context<'issue_comment.created'>, services: AppServices): Promise<void> {
  const { comment, issue, repository } = context.payload;
  if (context.isBot || comment.user?.type === 'Bot' || !issue.pull_request) return;
  const command = parseCommand(comment.body);
  if (!command) return;
  const ctx = runContextFor(context.octokit, context.log, services, repository);
  await react(ctx, comment.id, 'eyes');
  const at = { user: comment.user?.login ?? 'ghost', pullNumber: issue.number, defaultBranch: repository.default_branch };
  try {
    await react(ctx, comment.id, await runCommand(ctx, command, at));
  } catch (error) {
    ctx.log.error({ err: error, command: command.kind, pr: issue.number }, 'slash command failed');
    await reply(ctx, issue.number, failureReply(describeFailure(error))).catch(() => undefined);
    await react(ctx, comment.id, 'confused').catch(() => undefined);
  }
}
