/**
 * No secret reaches the logs. Probot's logger (pino, at `trace`, so Octokit's request
 * logs are in) is captured through a whole pull-request check, a check that fails on an
 * API error, a slash command that fails, and a forged delivery; the output must not
 * contain the installation token, any part of the private key, or the webhook secret.
 */
import { createHmac, randomBytes } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive, testKey, WEBHOOK_SECRET } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;

function captured(): { log: pino.Logger; text: () => string } {
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { log, text: () => lines.join('') };
}

/** Pieces of the secrets that must not appear: the token, every line of the key's body, the secret. */
function secretPieces(): string[] {
  const pem = testKey();
  const body = pem.split('\n').filter((line) => line && !line.startsWith('-----'));
  return [TOKEN, WEBHOOK_SECRET, body.join(''), ...body.filter((line) => line.length >= 32), Buffer.from(pem).toString('base64').slice(0, 60)];
}

describe('logs carry no secrets', () => {
  it('through a pull-request check, an API failure, a failing command and a forged delivery', async () => {
    const { log, text } = captured();
    const { probot } = await createTestApp(fakeEngine(), { log });
    const gh = new GitHubMock();
    gh.post('/app/installations/1/access_tokens', { token: TOKEN, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' }, { status: 201 });

    // 1. A whole check, findings annotated, tracking issue found.
    gh.createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, [{ filename: 'a.py', sha: 's1', patch: '@@ -1 +1,2 @@\n x\n+y  # BAD P101' }]).blob('s1', 'x\ny  # BAD P101\n').updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));

    // 2. A check whose file list keeps failing: logged as an error, completed neutral.
    gh.createCheckRun(8).noConfig().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.get(gh.repoPath('/pulls/2/files'), { message: 'Server Error' }, { status: 500, times: 4 }).updateCheckRun(8);
    await receive(probot, 'pull_request.synchronize', payload('pull_request.synchronize'));

    // 3. A command that fails midway.
    const event = payload('issue_comment.created');
    event.comment = { ...event.comment, body: '/remediation recheck', user: { ...event.comment.user, login: 'Codertocat', type: 'User' } };
    const reactions = gh.repoPath(`/issues/comments/${event.comment.id}/reactions`);
    gh.post(reactions, { id: 1 }, { status: 201 }).get(gh.repoPath('/collaborators/Codertocat/permission'), { permission: 'write', role_name: 'write' });
    gh.get(gh.repoPath('/pulls/2'), { message: 'boom' }, { status: 502, times: 4 });
    gh.post(gh.repoPath('/issues/2/comments'), { id: 2 }, { status: 201 }).post(reactions, { id: 3 }, { status: 201 });
    await receive(probot, 'issue_comment.created', event);

    // 4. A delivery signed with another secret.
    const body = JSON.stringify(payload('pull_request.opened'));
    const forged = `sha256=${createHmac('sha256', 'guess').update(body).digest('hex')}`;
    await probot.webhooks.verifyAndReceive({ id: 'forged', name: 'pull_request', payload: body, signature: forged }).catch(() => undefined);

    gh.done();
    const output = text();
    // The capture really holds the flows, errors included.
    const expected = [
      'pull request analysed',
      'pull request check failed midway',
      'slash command failed',
      'GitHub request: POST https://api.github.com/repos/Codertocat/Hello-World/check-runs - 201',
      'signature does not match',
      '"authorization":"token [REDACTED]"',
    ];
    // Checked one by one, so a failure does not print the whole log.
    for (const line of expected) expect(output.includes(line), `log lacks ${line}`).toBe(true);
    for (const piece of secretPieces()) expect(output.includes(piece), `log contains ${piece.slice(0, 8)}…`).toBe(false);
    // The token was really used, so its absence means something.
    expect(gh.calls.some((c) => c.path === '/app/installations/1/access_tokens')).toBe(true);
  });
});
