/**
 * `issues` (`edited`), when the workflow subscribes to it: ticked boxes of the tracking
 * issue (*Re-scan*, *Mute*) are acted on as the App acts on them (tracking-jobs.ts: the
 * editor's role checked, refused boxes unticked and the editor told, a tampered state
 * block restored). Edits of any other issue, by the writer itself, or not of the body do
 * nothing, without a request, except learning a personal access token's login once.
 */
import { applyCheckboxes } from '../github/jobs/tracking-jobs.js';
import { MAX_SCANNED_BODY } from '../github/tracking/checkboxes.js';
import { hasMarker } from '../github/tracking/state.js';
import type { RunContext } from '../github/types.js';
import type { ActionEnv } from './env.js';
import { checkoutMismatch } from './workspace.js';

export interface IssueEditPayload {
  action?: string;
  issue?: { number: number; body?: string | null; pull_request?: unknown; user?: { login: string } | null };
  sender?: { login: string; type?: string };
  changes?: { body?: { from?: string | null } };
  repository?: { default_branch?: string };
}

export async function serveIssueEdit(ctx: RunContext, env: ActionEnv, payload: IssueEditPayload, write: (text: string) => void): Promise<number> {
  const { issue, sender, changes } = payload;
  const skip = (why: string): number => {
    ctx.log.info({ event: 'issues', action: payload.action }, `${why}: nothing to do`);
    return 0;
  };
  if (payload.action !== 'edited' || !issue || !sender || changes?.body === undefined) return skip('not an edit of an issue body');
  if (issue.pull_request || sender.type === 'Bot' || (issue.body ?? '').length > MAX_SCANNED_BODY || !hasMarker(issue.body)) return skip('not a tracking issue edited by a person');
  const login = await ctx.services.botLogin();
  // A personal access token's own writes come back as edits by its user (the job's token's never start a workflow).
  if (issue.user?.login !== login || sender.login === login) return skip('not our tracking issue, or our own edit');
  const defaultBranch = payload.repository?.default_branch;
  if (!defaultBranch) throw new Error('the issues event names no default branch');
  // The config (who may mute) is the checkout's: it must be the default branch's (commands.ts).
  const mismatch = await checkoutMismatch(env.workspace, env.sha);
  if (mismatch) {
    write(`::error title=Remediation::${mismatch}\n`);
    return 1;
  }
  const from = changes.body.from ?? null;
  const before = from !== null && from.length <= MAX_SCANNED_BODY ? from : null;
  await applyCheckboxes(ctx, { kind: 'checkbox', issueNumber: issue.number, editor: sender.login, before }, defaultBranch);
  return 0;
}
