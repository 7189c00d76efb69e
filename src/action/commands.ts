/**
 * `issue_comment`, when the workflow subscribes to it: the App's `/remediation` commands
 * (src/github/commands), answered as the App answers them (👀 at once, then 👍 or 😕 and
 * a reply) and with the App's access checks (run-command.ts asks GitHub for the
 * commenter's role: read to get an answer, write to act, `commands.ignore_requires` to
 * ignore). A comment on an issue, an edit, a bot's comment or one whose first line is not
 * a command does nothing, without a request.
 *
 * The config is the checkout's, which must be the default branch's head, as the App reads
 * it: GitHub runs `issue_comment` workflows on that commit (`GITHUB_SHA`), and a job that
 * checked out the pull request instead would let the pull request choose its own rules.
 */
import { parseCommand } from '../github/commands/parse.js';
import { runCommandJob } from '../github/jobs/command-job.js';
import { react } from '../github/reactions.js';
import type { RunContext } from '../github/types.js';
import type { ActionEnv } from './env.js';
import { checkoutMismatch } from './workspace.js';

export interface CommentPayload {
  action?: string;
  issue?: { number: number; pull_request?: unknown };
  comment?: { id: number; body?: string | null; user?: { login: string; type?: string } | null };
  sender?: { type?: string };
  repository?: { default_branch?: string };
}

export async function serveComment(ctx: RunContext, env: ActionEnv, payload: CommentPayload, write: (text: string) => void): Promise<number> {
  const { issue, comment } = payload;
  const skip = (why: string): number => {
    ctx.log.info({ event: 'issue_comment', action: payload.action }, `${why}: nothing to do`);
    return 0;
  };
  if (payload.action !== 'created' || !issue || !comment) return skip('not a new comment');
  if (!issue.pull_request) return skip('a comment on an issue, not a pull request');
  if (comment.user?.type === 'Bot' || payload.sender?.type === 'Bot') return skip("a bot's comment");
  const command = parseCommand(comment.body);
  if (!command) return skip('not a /remediation command');
  const defaultBranch = payload.repository?.default_branch;
  if (!defaultBranch) throw new Error('the issue_comment event names no default branch');
  const mismatch = await checkoutMismatch(env.workspace, env.sha);
  if (mismatch) {
    write(`::error title=Remediation::${mismatch}\n`);
    return 1;
  }
  await react(ctx, comment.id, 'eyes');
  await runCommandJob(ctx, { kind: 'command', command, commentId: comment.id, user: comment.user?.login ?? 'ghost', pullNumber: issue.number }, defaultBranch);
  return 0;
}
