/**
 * Webhook authenticity: deliveries are verified against WEBHOOK_SECRET (a wrong or
 * missing signature gets 400 and runs nothing), and the app refuses to start without a
 * secret of its own (Probot would otherwise verify with the public default).
 */
import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Probot, run } from 'probot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppOctokit } from '../../src/github/octokit.js';
import { PROBOT_DEFAULT_SECRET, WebhookSecretError } from '../../src/github/app/startup.js';
import { createRemediationApp } from '../../src/index.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, testKey, WEBHOOK_SECRET } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Requests that reached nock without a mock (none may happen when a delivery is rejected). */
function unmatchedRequests(): string[] {
  const seen: string[] = [];
  nock.emitter.on('no match', (request: { method?: string; path?: string }) => seen.push(`${request.method} ${request.path}`));
  return seen;
}

afterEach(() => {
  nock.emitter.removeAllListeners('no match');
  nock.disableNetConnect();
});

describe('webhook signatures', () => {
  it('verifyAndReceive rejects a wrong signature with 400 and runs no handler', async () => {
    const engine = fakeEngine();
    const { probot, runtime } = await createTestApp(engine);
    const handled: string[] = [];
    probot.webhooks.onAny((event) => void handled.push(event.name));
    const unmatched = unmatchedRequests();
    const body = JSON.stringify(payload('pull_request.opened'));
    for (const signature of [sign('not-the-secret', body), sign(PROBOT_DEFAULT_SECRET, body), 'sha256=00', '']) {
      const error = await probot.webhooks.verifyAndReceive({ id: 'forged', name: 'pull_request', payload: body, signature }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AggregateError);
      expect((error as AggregateError).errors[0]).toMatchObject({ status: 400 });
    }
    await runtime.queue.idle();
    expect(handled).toEqual([]);
    expect(engine.diffs).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  describe('through the HTTP middleware', () => {
    let server: Server | undefined;

    afterEach(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    async function listen(probot: Probot): Promise<string> {
      const middleware = await probot.getNodeMiddleware();
      server = createServer((req, res) => {
        void middleware(req, res, () => res.writeHead(404).end());
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      nock.enableNetConnect('127.0.0.1');
      return `http://127.0.0.1:${(server!.address() as AddressInfo).port}${probot.webhookPath}`;
    }

    function deliver(url: string, body: string, signature?: string): Promise<Response> {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'd-1' };
      if (signature !== undefined) headers['x-hub-signature-256'] = signature;
      return fetch(url, { method: 'POST', headers, body });
    }

    it('answers 400 to a wrong or missing signature, and nothing runs', async () => {
      const engine = fakeEngine();
      const { probot, runtime } = await createTestApp(engine);
      const url = await listen(probot);
      const unmatched = unmatchedRequests();
      const body = JSON.stringify(payload('pull_request.opened'));
      expect((await deliver(url, body, sign('wrong', body))).status).toBe(400);
      expect((await deliver(url, body, sign(PROBOT_DEFAULT_SECRET, body))).status).toBe(400);
      expect((await deliver(url, body)).status).toBe(400);
      // A valid signature over another body does not vouch for this one.
      expect((await deliver(url, body.replace('"opened"', '"closed"'), sign(WEBHOOK_SECRET, body))).status).toBe(400);
      await runtime.queue.idle();
      expect(engine.diffs).toEqual([]);
      // The deliveries themselves pass through nock to the local server; nothing else may.
      expect(unmatched.filter((r) => !r.endsWith(probot.webhookPath))).toEqual([]);
    });

    it('accepts a delivery signed with the secret and runs the check', async () => {
      const engine = fakeEngine();
      const { probot, runtime } = await createTestApp(engine);
      const url = await listen(probot);
      const gh = new GitHubMock().installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
      gh.prFiles(2, []).updateCheckRun(7);
      const body = JSON.stringify(payload('pull_request.opened'));
      expect((await deliver(url, body, sign(WEBHOOK_SECRET, body))).status).toBe(200);
      await runtime.queue.idle();
      gh.done();
      expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    });
  });
});

describe('startup without a webhook secret', () => {
  const app = () => createRemediationApp({ engine: async () => fakeEngine() });

  it.each([
    ['no secret', undefined],
    ["Probot's public default", PROBOT_DEFAULT_SECRET],
  ])('refuses to load with %s', async (_name, secret) => {
    const probot = new Probot({ appId: 1, privateKey: testKey(), logLevel: 'fatal', Octokit: AppOctokit, ...(secret ? { secret } : {}) });
    await expect(probot.load(app())).rejects.toBeInstanceOf(WebhookSecretError);
  });

  it('`run` (what `npm start` calls) rejects before the server listens', async () => {
    const listen = vi.spyOn(Server.prototype as unknown as { listen: () => void }, 'listen');
    const env = { APP_ID: '1', PRIVATE_KEY: testKey(), LOG_LEVEL: 'fatal' as const, PORT: '39217' };
    await expect(run(app(), { env, Octokit: AppOctokit })).rejects.toThrow(/WEBHOOK_SECRET is not set/);
    expect(listen).not.toHaveBeenCalled();
    listen.mockRestore();
  });

  it('loads with a secret of its own', async () => {
    const { probot } = await createTestApp(fakeEngine());
    expect(await probot.webhooks.verify('x', sign(WEBHOOK_SECRET, 'x'))).toBe(true);
  });

  it('`npm start` runs the app module with the app Octokit class', async () => {
    const mainHolder: { module?: typeof import('../../src/main.js') } = {};
    vi.resetModules();
    const runSpy = vi.fn(async () => ({}));
    vi.doMock('probot', async (importOriginal) => ({ ...(await importOriginal<object>()), run: runSpy }));
    // Without a Redis to check first (CI sets REDIS_URL for the queue tests): `main` calls `run` at once.
    vi.stubEnv('REDIS_URL', '');
    try {
      const imported = await import('../../src/main.js');
      await vi.waitFor(() => expect(runSpy).toHaveBeenCalledTimes(1));
      Object.assign(mainHolder, { module: imported });
    } finally {
      vi.unstubAllEnvs();
      vi.doUnmock('probot');
    }
    const main = mainHolder.module!;
    const [args, options] = runSpy.mock.calls[0] as unknown as [string[], { Octokit: unknown }];
    expect(args).toEqual([main.APP_MODULE]);
    expect(main.APP_MODULE).toMatch(/\/src\/index\.js$/);
    const { AppOctokit: fresh } = await import('../../src/github/octokit.js');
    expect(options.Octokit).toBe(fresh);
  });
});
