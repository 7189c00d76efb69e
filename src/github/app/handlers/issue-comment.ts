/**
 * `issue_comment.created` on a pull request: `/remediation` commands (first line only).
 * Acknowledged with 👀 at once; the command runs from the queue, which closes it with 👍
 * or 😕. Bots are ignored.
 */
import type { Context } from 'probot';
import type { JobSink } from '../../../queue/types.js';
import { parseCommand } from '../../commands/parse.js';
import { react } from '../../reactions.js';
import { runContextFor, type AppServices } from '../../types.js';
import { jobInput } from './job-input.js';

export async function onIssueComment(context: Context<'issue_comment.created'>, services: AppServices, jobs: JobSink): Promise<void> {
  const { comment, issue, repository } = context.payload;
  if (context.isBot || comment.user?.type === 'Bot' || !issue.pull_request) return;
  const command = parseCommand(comment.body);
  if (!command) return;
  const input = jobInput(context, repository, { kind: 'command', command, commentId: comment.id, user: comment.user?.login ?? 'ghost', pullNumber: issue.number });
  if (!input) return;
  await react(runContextFor(context.octokit, context.log, services, repository), comment.id, 'eyes');
  await jobs.enqueue(input);
}
