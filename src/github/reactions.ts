/**
 * Acknowledging commands: a reaction on the comment, and a reply comment on the PR.
 * Both need the issues permission (write); PR comments are issue comments.
 * https://docs.github.com/en/rest/reactions/reactions#create-reaction-for-an-issue-comment
 */
import { chars, truncate } from './render/budget.js';
import type { RunContext } from './types.js';

export type Reaction = 'eyes' | '+1' | 'confused';

export async function react(ctx: RunContext, commentId: number, content: Reaction): Promise<void> {
  await ctx.octokit.rest.reactions.createForIssueComment({ ...ctx.repo, comment_id: commentId, content });
}

/** GitHub refuses comments over 65,536 characters; replies stay well under it. */
export const MAX_REPLY_CHARS = 60_000;

export async function reply(ctx: RunContext, issueNumber: number, body: string): Promise<void> {
  await ctx.octokit.rest.issues.createComment({ ...ctx.repo, issue_number: issueNumber, body: truncate(body, MAX_REPLY_CHARS, chars) });
}
