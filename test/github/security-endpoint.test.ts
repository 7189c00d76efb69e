/**
 * The webhook endpoint under hostile traffic: bodies over the cap are refused before they
 * are read (declared or streamed), a missing signature is refused before the body is read,
 * a forgery is one short log line, malformed signed payloads get a 4xx with no internal
 * text, and memory stays flat under repeated oversized posts.
 */
import { createHmac } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import pino from 'pino';
import type { Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/queue/settings.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, WEBHOOK_SECRET } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';

useGitHubMock();

const CAP = 1024 * 1024;
let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  nock.disableNetConnect();
});

function captured(): { log: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }), lines };
}

async function listen(probot: Probot): Promise<URL> {
  const middleware = await probot.getNodeMiddleware();
  server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  nock.enableNetConnect('127.0.0.1');
  return new URL(`http://127.0.0.1:${(server!.address() as AddressInfo).port}${probot.webhookPath}`);
}

const sign = (body: string | Buffer, secret = WEBHOOK_SECRET): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

interface Sent {
  status: number;
  body: string;
  /** Bytes the client managed to write before the server answered or closed. */
  written: number;
}

/** Posts `chunks` (written one by one; chunked unless `length` is declared), with the headers given. */
function post(url: URL, chunks: Buffer[], headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve, reject) => {
    let written = 0;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'd-1', ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, written }));
    });
    req.on('error', reject);
    const write = (i: number): void => {
      if (i >= chunks.length || req.destroyed) return void req.end();
      req.write(chunks[i], () => {
        written += chunks[i].length;
        setImmediate(() => write(i + 1));
      });
    };
    write(0);
  });
}

async function app(log?: pino.Logger) {
  return createTestApp(fakeEngine(), { ...(log ? { log } : {}), app: { settings: { ...DEFAULT_SETTINGS, repoCacheMs: 0, checkRunGraceMs: 0, webhookMaxBytes: CAP } } });
}

describe('webhook bodies', () => {
  it('a declared Content-Length over the cap is refused with 413 before the body is read', async () => {
    const { probot } = await app();
    const url = await listen(probot);
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const sent = await post(url, Array.from({ length: 40 }, () => chunk), { 'content-length': String(40 * chunk.length), 'x-hub-signature-256': 'sha256=00' }).catch(
      (error: NodeJS.ErrnoException) => ({ status: -1, body: error.code ?? '', written: 0 }),
    );
    // Either the 413 arrived or the server closed the connection on the unread body.
    if (sent.status !== -1) expect(sent.status).toBe(413);
    expect(sent.written).toBeLessThan(40 * chunk.length);
  });

  it('a chunked body that grows over the cap is cut off there with 413', async () => {
    const { probot } = await app();
    const url = await listen(probot);
    const chunk = Buffer.alloc(64 * 1024, 'b');
    const sent = await post(url, Array.from({ length: 64 }, () => chunk), { 'x-hub-signature-256': 'sha256=00' }).catch((error: NodeJS.ErrnoException) => ({ status: -1, body: error.code ?? '', written: 0 }));
    if (sent.status !== -1) expect(sent.status).toBe(413);
    expect(sent.written).toBeLessThan(64 * chunk.length);
  });

  it('a missing signature is refused before the body is read', async () => {
    const { probot } = await app();
    const url = await listen(probot);
    const chunk = Buffer.alloc(64 * 1024, 'c');
    const sent = await post(url, Array.from({ length: 8 }, () => chunk), {}).catch((error: NodeJS.ErrnoException) => ({ status: -1, body: error.code ?? '', written: 0 }));
    if (sent.status !== -1) expect(sent.status).toBe(400);
    expect(sent.written).toBeLessThan(8 * chunk.length);
  });

  it('memory stays flat under repeated oversized posts', async () => {
    const { probot } = await app();
    const url = await listen(probot);
    const chunk = Buffer.alloc(1024 * 1024, 'd');
    const flood = () => post(url, Array.from({ length: 16 }, () => chunk), { 'x-hub-signature-256': 'sha256=00' }).catch(() => undefined);
    await flood();
    global.gc?.();
    const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    for (let round = 0; round < 6; round++) await Promise.all([flood(), flood(), flood(), flood()]);
    global.gc?.();
    const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    // 24 posts of 16 MB each: buffering them would hold hundreds of MB.
    expect(after - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a forged delivery is one short log line, with neither payload nor secret', async () => {
    const { log, lines } = captured();
    const { probot } = await app(log);
    const url = await listen(probot);
    const body = Buffer.from(JSON.stringify({ ...payload('pull_request.opened'), padding: 'x'.repeat(600_000) }));
    const sent = await post(url, [body], { 'x-hub-signature-256': sign(body, 'a-guess') });
    expect(sent.status).toBe(400);
    expect(sent.body).toBe('{"error":"signature does not match"}\n');
    const relevant = lines.filter((line) => !line.includes('job queue started'));
    expect(relevant).toHaveLength(1);
    expect(relevant[0]).toContain('webhook signature rejected');
    expect(relevant[0].length).toBeLessThan(400);
  });

  it('a signed delivery lacking fields the handler needs gets 400 with a fixed text, logged once and briefly', async () => {
    const { log, lines } = captured();
    const { probot } = await app(log);
    const url = await listen(probot);
    const event = payload('pull_request.opened');
    delete event.pull_request.head;
    event.padding = 'y'.repeat(200_000);
    const body = Buffer.from(JSON.stringify(event));
    const gh = new GitHubMock();
    const sent = await post(url, [body], { 'x-hub-signature-256': sign(body) });
    gh.done();
    expect(sent.status).toBe(400);
    expect(sent.body).toBe('{"error":"malformed payload"}\n');
    expect(lines.join('')).not.toContain('yyyyyyyy');
    expect(lines.join('').length).toBeLessThan(2_000);
  });

  it('a signed body that is not JSON gets 400', async () => {
    const { probot } = await app();
    const url = await listen(probot);
    const body = Buffer.from('{"action": "opened",');
    expect((await post(url, [body], { 'x-hub-signature-256': sign(body) })).status).toBe(400);
  });

  it('a handler that fails (the queue is down) answers 500 without internal text, so GitHub can redeliver', async () => {
    const { log, lines } = captured();
    const { probot, runtime } = await app(log);
    runtime.queue.enqueue = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:6379 (internal detail)');
    };
    const url = await listen(probot);
    const body = Buffer.from(JSON.stringify(payload('pull_request.opened')));
    const sent = await post(url, [body], { 'x-hub-signature-256': sign(body) });
    expect(sent.status).toBe(500);
    expect(sent.body).toBe('{"error":"the event could not be handled"}\n');
    expect(sent.body).not.toContain('ECONNREFUSED');
    // Logged with its cause, without the payload.
    const output = lines.join('');
    expect(output).toContain('webhook handler failed');
    expect(output).not.toContain('"pull_request":{');
  });
});
